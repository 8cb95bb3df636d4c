"""Names refuse line breaks and invisible characters; stored ones lose them,
and stored comments show theirs as code points (comments/text.py)."""

import re
import unicodedata

from django.db import migrations, models

import comments.text

JOINERS = {"\u200c", "\u200d"}


def _refused(character):
    category = unicodedata.category(character)
    return category in {"Cc", "Cf", "Zl", "Zp"} and character not in JOINERS


def _name(name):
    spaced = "".join(
        (" " if unicodedata.category(c) != "Cf" else "") if _refused(c) else c
        for c in name
    )
    return re.sub(r"\s+", " ", spaced).strip() or "(no name)"


def _html(html):
    return "".join(
        f"[U+{ord(c):04X}]" if _refused(c) and c not in "\r\n\t" else c for c in html
    )


def clean(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    for comment in Comment.objects.only("name", "body_html").iterator():
        name, html = _name(comment.name), _html(comment.body_html)
        if (name, html) != (comment.name, comment.body_html):
            Comment.objects.filter(pk=comment.pk).update(name=name, body_html=html)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0011_sent_with"),
    ]

    operations = [
        migrations.AlterField(
            model_name="comment",
            name="name",
            field=models.CharField(
                max_length=80, validators=[comments.text.validate_name]
            ),
        ),
        migrations.RunPython(clean, migrations.RunPython.noop),
    ]
