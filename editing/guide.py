"""The editors' guide (docs/editors.md), read in the admin, where an editor
looks for help: the same file contributors keep up to date beside the code."""

from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.http import Http404
from django.template.response import TemplateResponse

from publishing.markdown import render_markdown

GUIDE = Path(settings.BASE_DIR) / "docs" / "editors.md"


def guide(request):
    try:
        text = GUIDE.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise Http404("The editors' guide is not installed with this site.") from None
    title, _, body = text.partition("\n")
    context = {
        **admin.site.each_context(request),
        "title": title.removeprefix("# "),
        "guide": render_markdown(body).html,
    }
    return TemplateResponse(request, "editing/guide.html", context)
