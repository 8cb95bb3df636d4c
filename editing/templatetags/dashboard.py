from django import template

from editing.addresses import edit_url
from editing.dashboard import dashboard, named_for_editors

register = template.Library()


@register.inclusion_tag("editing/dashboard.html", takes_context=True)
def editor_dashboard(context):
    """The sections of the admin's index for the signed-in editor."""
    return {
        **dashboard(context["request"].user),
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def change_url(item):
    """Where an article or page (or the entry of one) is edited."""
    return edit_url(item)


@register.filter
def kind(publishable):
    """What it is, in an editor's words: “article”, “page”."""
    return publishable._meta.verbose_name


@register.filter
def for_editors(app_list):
    """The admin's apps in plain words (see editing.dashboard.APP_NAMES)."""
    return named_for_editors(app_list)
