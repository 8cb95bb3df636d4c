"""A page as readers see it: one home for every view that renders it (the
page itself, a comment sent back with errors)."""

from django.conf import settings
from django.shortcuts import render

from pages.models import Kind, Page
from privacy import notice
from publishing.rendering import renders


def page_context(page):
    context = {"page": page, "seo": page.seo_meta(noindex=not page.is_live)}
    if page.kind == Kind.PRIVACY:
        context["privacy"] = notice.facts()
    if page.kind == Kind.CONTACT:
        context["contact_email"] = settings.SITE_CONTACT_EMAIL
    return context


@renders(Page)
def page_response(request, page, **context):
    """The page, with ``context`` (a comment form sent back, say)."""
    return render(request, "pages/page_detail.html", {**page_context(page), **context})
