from django.db import migrations

# Reasons written before this migration quoted the matched list entry, which
# may be a fragment of an email or an IP address.
REWORDED = {
    "spam: disallowed “": "spam: disallowed list",
    "held: moderation word “": "held: moderation list",
}


def forget_matched_values(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    for quoted, reason in REWORDED.items():
        Comment.objects.filter(moderation_reason__startswith=quoted).update(
            moderation_reason=reason
        )


class Migration(migrations.Migration):
    dependencies = [("comments", "0002_editors_moderate")]

    operations = [
        migrations.RunPython(forget_matched_values, migrations.RunPython.noop)
    ]
