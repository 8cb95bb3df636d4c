from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView, TemplateView

from articles.models import Article, PreviewLink, Series, Topic
from articles.search import search_articles, snippet_html

PAGE_SIZE = 10


def with_published_articles(queryset):
    """Series or topics with at least one published article, and their count."""
    visible = Q(articles__in=Article.objects.published())
    return queryset.annotate(article_count=Count("articles", filter=visible)).filter(
        article_count__gt=0
    )


def published_series():
    return with_published_articles(Series.objects.all())


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest=Article.objects.published().for_listing()[:6],
            series_list=published_series(),
            topic_list=with_published_articles(Topic.objects.all()),
            **kwargs,
        )


class ArticleListView(ListView):
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        # Built per request: published() compares with the current time.
        return Article.objects.published().for_listing()


class ArticleDetailView(DetailView):
    """A published article; a withdrawn one answers 410 Gone."""

    def get_queryset(self):
        return Article.objects.published().select_related("author", "series")

    def get(self, request, *args, **kwargs):
        if Article.objects.expired().filter(slug=kwargs["slug"]).exists():
            return render(request, "410.html", status=410)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**article_context(self.object), **kwargs)


def article_context(article):
    """What the article template needs besides the article itself."""
    parts = list(article.series_parts())
    index = next((i for i, part in enumerate(parts) if part.pk == article.pk), None)
    return {
        "topics": list(article.topics.all()),
        "series_parts": parts,
        "part_number": None if index is None else index + 1,
        "previous_part": parts[index - 1] if index else None,
        "next_part": parts[index + 1]
        if index is not None and index + 1 < len(parts)
        else None,
        "related": list(article.related()),
    }


class SeriesDetailView(DetailView):
    def get_queryset(self):
        return published_series()

    def get_context_data(self, **kwargs):
        parts = self.object.articles.published().for_listing()
        parts = parts.order_by("series_position", "published_at")
        return super().get_context_data(parts=parts, **kwargs)


class TopicArticleListView(ListView):
    paginate_by = PAGE_SIZE
    template_name = "articles/topic_detail.html"

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return self.topic.articles.published().for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


def search(request):
    """Ranked full-text search; an empty query shows a helpful page."""
    query = request.GET.get("q", "").strip()
    page = None
    if query:
        paginator = Paginator(search_articles(query), PAGE_SIZE)
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404("No such page of results.") from error
        for article in page:
            article.snippet = snippet_html(article.headline)
    return render(request, "articles/search.html", {"query": query, "page_obj": page})


def staff_preview(request, pk):
    """An article exactly as readers will see it, for editors, never cached."""
    if not request.user.has_perm("articles.change_article"):
        raise Http404
    article = get_object_or_404(
        Article.objects.select_related("author", "series"), pk=pk
    )
    return _preview_response(request, article)


def shared_preview(request, token):
    """The same preview for a reviewer holding an unexpired, unrevoked link."""
    link = get_object_or_404(
        PreviewLink.objects.active().select_related(
            "article__author", "article__series"
        ),
        token=token,
    )
    return _preview_response(request, link.article)


def _preview_response(request, article):
    context = {"article": article, "is_preview": True, **article_context(article)}
    response = render(request, "articles/article_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    return response
