"""The site ships a contact page, linked from the footer and named by the
privacy notice, so readers can always reach the people who run it. The
address it shows comes from the settings (SITE_CONTACT_EMAIL); its text is
the editors' to change."""

from django.db import migrations
from django.utils import timezone

CONTACT = {
    "slug": "contact",
    "title": "Contact",
    "kind": "contact",
    "summary": "How to reach the people who run this site.",
    "body": (
        "Questions about an article, a correction, or a request about the data "
        "the site keeps about you: write to us, and a person will answer."
    ),
    "show_in": "footer",
    "order": 2,
}


def create_contact_page(apps, schema_editor):
    from publishing.markdown import render_markdown

    Page = apps.get_model("pages", "Page")
    Entry = apps.get_model("publishing", "Entry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if Page.objects.filter(slug=CONTACT["slug"]).exists():
        return  # the owners have a page there already
    rendered = render_markdown(CONTACT["body"])
    now = timezone.now()
    page = Page.objects.create(
        **CONTACT,
        body_html=rendered.html,
        body_text=rendered.text,
        word_count=rendered.word_count,
        status="published",
        published_at=now,
        content_changed_at=now,
    )
    kind, _ = ContentType.objects.get_or_create(app_label="pages", model="page")
    page.entry = Entry.objects.create(
        content_type=kind, object_id=page.pk, title=page.title, path="/contact/"
    )
    page.save(update_fields=["entry"])


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0007_publishable_rules"),
        ("publishing", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_contact_page, migrations.RunPython.noop)
    ]
