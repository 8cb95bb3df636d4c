from django.contrib import admin
from django.urls import path

from editing import guide, views

app_name = "editing"


def entry_path(route, view, name):
    """A route of the editor of one article or page, by its entry's id."""
    return path(
        f"entries/<int:entry_id>/{route}", admin.site.admin_view(view), name=name
    )


# Each view goes through the admin's own gate: staff only, CSRF, never cached.
urlpatterns = [
    path("help/", admin.site.admin_view(guide.guide), name="help"),
    path(
        "new/<int:content_type_id>/preview/",
        admin.site.admin_view(views.preview_new),
        name="preview_new",
    ),
    entry_path("preview/", views.preview, "preview"),
    entry_path("draft/", views.save_draft, "save_draft"),
    entry_path("draft/discard/", views.discard_draft, "discard_draft"),
    entry_path("presence/", views.presence, "presence"),
    entry_path("take-over/", views.take_over, "take_over"),
    entry_path("leave/", views.leave, "leave"),
]
