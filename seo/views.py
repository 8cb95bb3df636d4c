from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.static import serve

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
def llms_txt(request):
    """A plain index of the site for language models, from the sitemap's items."""
    groups = [
        (section.llms_heading, section().items())
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


@require_GET
@cache_control(public=True, max_age=24 * 60 * 60)
def uploaded_social_image(request, name):
    """An editor's uploaded social image; few and small, so Django serves them."""
    return serve(request, f"social/{name}", document_root=settings.MEDIA_ROOT)
