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
    try:
        match = resolve(path)
    except Resolver404:
        return None
    for model in publishable_models():
        if match.view_name == model.detail_url_name:
            return model.objects.published().filter(**match.kwargs).first()
    return None


def model_of(path):
    """The kind of content ``path`` is the address of, or None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    for model in publishable_models():
        if match.view_name == model.detail_url_name:
            return model
    return None
