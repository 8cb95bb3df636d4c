from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("seo.urls")),
    path("", include("comments.urls")),
    path("", include("articles.urls")),
]

handler500 = "config.errors.server_error"
