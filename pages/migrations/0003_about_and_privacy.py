"""The pages the site ships with: about, linked from the footer, and the
privacy notice, whose facts come from the settings (templates/privacy/notice.html)."""

from django.db import migrations

PAGES = [
    {
        "slug": "about",
        "title": "About this site",
        "kind": "about",
        "summary": "Who writes this site, what it covers and how it is built.",
        "body": (
            "This site explains how the back end of the web works, in plain "
            "words: servers, databases, caches, security and the rest.\n\n"
            "It is a small Django site on PostgreSQL. It needs no JavaScript "
            "to read, and it sends nothing about you to anyone else."
        ),
        "show_in": "footer",
        "order": 1,
    },
    {
        "slug": "privacy",
        "title": "Privacy",
        "kind": "privacy",
        "summary": "What this site stores about its readers and commenters, "
        "for how long, and how to get a copy or have it erased.",
        "body": "",
        "show_in": "",
        "order": 2,
    },
]


def create_pages(apps, schema_editor):
    from publishing.markdown import render_markdown

    Page = apps.get_model("pages", "Page")
    for fields in PAGES:
        rendered = render_markdown(fields["body"])
        Page.objects.get_or_create(
            slug=fields["slug"],
            defaults={
                **fields,
                "body_html": rendered.html,
                "word_count": rendered.word_count,
                "is_published": True,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("pages", "0002_editors_and_writers")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
