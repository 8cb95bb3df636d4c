"""The checks of an article or page: what stops it going live, and what the
editing job records after a save from its form."""

from dataclasses import replace

from django.db import transaction

from editing.links import check_internal_links, links_in
from editing.models import AuditResult, Draft
from editing.tasks import check_entry_links
from publishing.markdown import render_markdown
from seo.audit import audit
from seo.conf import settings as seo_settings

HOW_TO_DESCRIBE = (
    "in the Markdown, ![what it shows](…), or in the media library, where an "
    "image that adds nothing a reader would miss can be marked decorative."
)


def without_alt_text(places):
    """Every image that has no alt text, by its file's name and its line."""
    named = [f"{p.name} (line {p.line})" if p.line else p.name for p in places]
    if len(named) == 1:
        return f"The image {named[0]} has no alt text. Describe it {HOW_TO_DESCRIBE}"
    listed = f"{', '.join(named[:-1])} and {named[-1]}"
    return (
        f"{len(named)} images have no alt text: {listed}. Describe each "
        f"{HOW_TO_DESCRIBE}"
    )


def named_checks(subject, *, unlabelled):
    """The audit's checks, with the images lacking alt text named one by one."""
    checks = audit(subject)
    if not unlabelled:
        return checks
    message = without_alt_text(unlabelled)
    return [
        replace(check, message=message)
        if check.name == "image_alt" and not check.ok
        else check
        for check in checks
    ]


def publishing_blockers(publishable, *, audit_subject):
    """What stops it going live: images without alt text, and failed checks in
    SEO_BLOCKING_CHECKS; ``audit_subject`` describes it to the audit.

    Every way of publishing (the form, the list action) asks this before it
    saves, so none of them can publish what another refuses.
    """
    rendered = render_markdown(publishable.body)
    unlabelled = rendered.unlabelled_images
    blockers = [without_alt_text(unlabelled)] if unlabelled else []
    if not seo_settings.SEO_BLOCKING_CHECKS:
        return blockers
    publishable.body_html, publishable.word_count = rendered.html, rendered.word_count
    checks = audit(audit_subject(publishable))
    if blockers:  # the audit's alt-text check would name the same images again
        checks = [check for check in checks if check.name != "image_alt"]
    return blockers + [check.message for check in checks if check.blocks_publishing]


def after_save(*, publishable, subject, user):
    """Drop the editor's draft, record checks and links; return broken links."""
    entry = publishable.entry_id
    Draft.objects.filter(entry_id=entry, user=user).delete()
    failures = [check.message for check in audit(subject) if not check.ok]
    AuditResult.objects.update_or_create(
        entry_id=entry, defaults={"failures": failures}
    )
    broken = check_internal_links(publishable)
    if links_in(publishable.body_html)[1]:  # external links to check
        transaction.on_commit(lambda: check_entry_links.enqueue(entry))
    return broken
