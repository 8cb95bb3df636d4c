from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.core.exceptions import SuspiciousOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_GET

from seo.models import ShareImage
from seo.sitemaps import sections

YEAR = 365 * 24 * 60 * 60


@require_GET
def robots_txt(request):
    return render(
        request,
        "seo/robots.txt",
        {"noindex_site": settings.SEO_NOINDEX_SITE, "site_url": settings.SITE_URL},
        content_type="text/plain; charset=utf-8",
    )


@require_GET
def sitemap_index(request):
    """The sitemap index, from sections built for this request together, so
    that the sections of one app answer from the queries they share."""
    shared = {}
    built = {name: section(shared) for name, section in sections().items()}
    return sitemap_views.index(request, built, sitemap_url_name="seo:sitemap_section")


@require_GET
def llms_txt(request):
    """A plain index of the site for language models, from the sitemap's items."""
    groups = [
        (section.llms_heading, section().llms_items())
        for section in sections().values()
        if getattr(section, "llms_heading", "")
    ]
    return render(
        request,
        "seo/llms.txt",
        {"groups": groups, "site_url": settings.SITE_URL},
        content_type="text/plain; charset=utf-8",
    )


@require_GET
@cache_control(public=True, max_age=YEAR, immutable=True)
def share_image(request, key, digest):
    image = ShareImage.objects.filter(key=key, digest=digest).only("png").first()
    if image is None:
        raise Http404("No such image.")
    return HttpResponse(bytes(image.png), content_type="image/png")


def _upload_modified(request, name):
    try:
        return default_storage.get_modified_time(f"social/{name}")
    except (OSError, SuspiciousOperation):
        return None  # the view answers 404


@require_GET
@cache_control(public=True, max_age=24 * 60 * 60)
@condition(last_modified_func=_upload_modified)
def uploaded_social_image(request, name):
    """An editor's uploaded social image, from whichever storage holds uploads.

    Few and small, and kept by any cache in front, so the site serves them.
    """
    try:
        upload = default_storage.open(f"social/{name}")
    except (OSError, SuspiciousOperation) as error:
        raise Http404("No such image.") from error
    return FileResponse(upload)
