"""Which publishable an address of the site shows, for what is kept under
any publishable's address (its comments, its links checked by editors)."""

from django.apps import apps
from django.urls import Resolver404, resolve

from publishing.models import Publishable


def publishable_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Publishable) and not model._meta.abstract
    ]


def lookup(path):
    """The published content a reader finds at ``path``, or None."""
    model, arguments = _content_at(path)
    if model is None:
        return None
    return model.objects.published().filter(**arguments).first()


def model_of(path):
    """The kind of content ``path`` is the address of, or None."""
    return _content_at(path)[0]


def _content_at(path):
    """The kind of content at ``path`` and its address's arguments."""
    try:
        match = resolve(path)
    except Resolver404:
        return None, {}
    for model in publishable_models():
        if match.view_name == model.detail_url_name:
            return model, match.kwargs
    return None, {}
