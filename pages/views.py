from django.http import Http404
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView

from pagecache import tags
from pages.detail import page_context
from pages.models import Page
from publishing.rendering import gone_or_not_found
from seo.social import with_card_digest
from twofactor.decorators import has_verified_perm


class PageDetailView(DetailView):
    """A published page; editors also see drafts, as readers will see them."""

    slug_field = slug_url_kwarg = "path"

    def get_queryset(self):
        return with_card_digest(Page.objects.published(), "page")

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            return gone_or_not_found(request, Page, path=kwargs["path"])

    def get_object(self, queryset=None):
        # Readers' requests never touch the session, so their pages stay
        # shareable by the page cache; only a page not found asks who this is.
        try:
            return super().get_object(queryset)
        except Http404:
            if not has_verified_perm(self.request.user, "pages.change_page"):
                raise
            return super().get_object(with_card_digest(Page.objects.all(), "page"))

    def get_context_data(self, **kwargs):
        tags.tag(self.request, tags.tag_of(self.object))
        return super().get_context_data(**page_context(self.object), **kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.object.is_live:
            add_never_cache_headers(response)
        return response
