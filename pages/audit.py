"""The SEO audit of a page: the checks articles get (seo/audit.py), run on a
page and compared with the other pages."""

from pages.models import Page
from seo.audit import Subject


def audit_subject(page):
    others = Page.objects.exclude(pk=page.pk).only(
        "title", "seo_title", "summary", "meta_description"
    )
    return Subject(
        meta=page.seo_meta(),
        body_html=page.body_html,
        word_count=page.word_count,
        other_titles=frozenset(other.search_title for other in others),
        other_descriptions=frozenset(other.description for other in others),
    )
