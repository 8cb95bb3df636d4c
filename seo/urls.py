from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from pagecache.tags import SITEMAPS, tagged
from seo import views
from seo.converters import HexConverter
from seo.sitemaps import sections

app_name = "seo"
register_converter(HexConverter, "hex")

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("llms.txt", tagged(SITEMAPS)(views.llms_txt), name="llms"),
    path("sitemap.xml", tagged(SITEMAPS)(views.sitemap_index), name="sitemap"),
    path(
        "sitemap-<section>.xml",
        tagged(SITEMAPS)(sitemap_views.sitemap),
        {"sitemaps": sections(), "template_name": "seo/sitemap.xml"},
        name="sitemap_section",
    ),
    path("share/<slug:key>-<hex:digest>.png", views.share_image, name="share_image"),
    path("media/social/<path:name>", views.uploaded_social_image, name="social_upload"),
]
