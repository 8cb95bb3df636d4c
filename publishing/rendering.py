"""The page of a publishable, rendered by the app that owns its kind.

Another app that shows such a page (the comment form sent back with its
errors, an editor's preview) asks here, so it never imports the views or
templates of articles or pages.
"""

from django.http import Http404
from django.shortcuts import render

_renderers = {}


def renders(model):
    """Register ``function(request, publishable, **context)`` → HttpResponse."""

    def register(function):
        _renderers[model] = function
        return function

    return register


def detail_response(request, publishable, **context):
    return _renderers[type(publishable)](request, publishable, **context)


def gone_or_not_found(request, model, **lookup):
    """410 Gone for content readers saw that is off the site now; else 404."""
    if model.objects.gone().filter(**lookup).exists():
        return render(request, "410.html", status=410)
    raise Http404("Nothing published has this address.")
