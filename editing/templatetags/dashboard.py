from django import template

from editing.dashboard import dashboard

register = template.Library()


@register.inclusion_tag("admin/dashboard.html", takes_context=True)
def editor_dashboard(context):
    """The sections of the admin's index for the signed-in editor."""
    return {
        **dashboard(context["request"].user),
        "csrf_token": context.get("csrf_token"),
    }
