from django.contrib import admin
from django.urls import path

from editing import views

app_name = "editing"

# Each view goes through the admin's own gate: staff only, CSRF, never cached.
urlpatterns = [
    path("preview/", admin.site.admin_view(views.preview), name="preview"),
    path(
        "articles/<int:article_id>/draft/",
        admin.site.admin_view(views.save_draft),
        name="save_draft",
    ),
    path(
        "articles/<int:article_id>/draft/discard/",
        admin.site.admin_view(views.discard_draft),
        name="discard_draft",
    ),
    path(
        "articles/<int:article_id>/presence/",
        admin.site.admin_view(views.presence),
        name="presence",
    ),
    path(
        "articles/<int:article_id>/take-over/",
        admin.site.admin_view(views.take_over),
        name="take_over",
    ),
    path(
        "articles/<int:article_id>/leave/",
        admin.site.admin_view(views.leave),
        name="leave",
    ),
]
