from django.http import Http404
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView

from pagecache import tags
from pages.models import Kind, Page
from pages.privacy import privacy_facts
from seo.social import with_card_digest


class PageDetailView(DetailView):
    """A published page; editors also see drafts, as readers will see them."""

    slug_field = slug_url_kwarg = "path"

    def get_queryset(self):
        return with_card_digest(Page.objects.published(), "page")

    def get_object(self, queryset=None):
        # Readers' requests never touch the session, so their pages stay
        # shareable by the page cache; only a page not found asks who this is.
        try:
            return super().get_object(queryset)
        except Http404:
            if not self.request.user.has_perm("pages.change_page"):
                raise
            return super().get_object(with_card_digest(Page.objects.all(), "page"))

    def get_context_data(self, **kwargs):
        page = self.object
        tags.tag(self.request, tags.tag_of(page))
        context = {"seo": page.seo_meta(noindex=not page.is_published)}
        if page.kind == Kind.PRIVACY:
            context["privacy"] = privacy_facts()
        return super().get_context_data(**context, **kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.object.is_published:
            add_never_cache_headers(response)
        return response
