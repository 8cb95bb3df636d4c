from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path(f"{settings.ADMIN_PATH}two-factor/", include("twofactor.urls")),
    path(f"{settings.ADMIN_PATH}editing/", include("editing.urls")),
    path(f"{settings.ADMIN_PATH}reading/", include("analytics.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", include("seo.urls")),
    path("media/library/", include("library.urls")),
    path("", include("wordpress.urls")),
    path("", include("comments.urls")),
    path("subscribe/", include("subscriptions.urls")),
    path("", include("articles.urls")),
    # Last: a page's top-level address never shadows another route.
    path("", include("pages.urls")),
]

handler500 = "web.errors.server_error"
