from django.db import migrations

BIDI_CONTROLS = "[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"


class Migration(migrations.Migration):
    dependencies = [("comments", "0003_reasons_without_private_values")]

    operations = [
        migrations.RunSQL(
            [
                (
                    "UPDATE comments_comment SET name = regexp_replace(name, %s, '', 'g')"
                    " WHERE name ~ %s",
                    [BIDI_CONTROLS, BIDI_CONTROLS],
                )
            ],
            migrations.RunSQL.noop,
        )
    ]
