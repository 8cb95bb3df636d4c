from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView, TemplateView

from articles import page_meta
from articles.article_page import article_context, article_response, page_tags
from articles.conf import settings
from articles.forms import SearchForm
from articles.models import Article, Author, PreviewLink, Series, Topic
from articles.search import (
    FEW_RESULTS,
    check_spelling,
    close_matches,
    search_articles,
    snippet_html,
)
from articles.share_images import with_share_image
from library.markup import with_addresses
from pagecache import tags, versions
from publishing.rendering import gone_or_not_found
from seo.meta import Crumb, absolute
from twofactor.decorators import verified_permission_required

INDEX_PAGE_SIZE = 50


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        latest = Article.objects.published().pinned_first().for_listing()[:6]
        tags.listing(self.request, latest)
        return super().get_context_data(
            seo=page_meta.home_meta(),
            latest=latest,
            # The series and topics with their counts change only with the
            # lists (an article published, moved or withdrawn): each worker
            # keeps them rendered until then, through comments on the cards.
            collections_version=versions.fragment_key(tags.LISTS),
            series_list=Series.objects.with_published_articles(),
            topic_list=Topic.objects.with_published_articles().order_by(
                "-article_count", "name"
            ),
            **kwargs,
        )


class ArticleListView(ListView):
    paginate_by = settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        # Built per request: published() compares with the current time.
        return Article.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["seo"] = page_meta.listing_meta(
            title="All articles",
            description=f"Every article on {settings.SITE_NAME}, newest first.",
            path=reverse("articles:list"),
            page_number=context["page_obj"].number,
            crumbs=[Crumb("Articles", reverse("articles:list"))],
        )
        months = Article.objects.published().months()
        context["archive_years"] = sorted({m["month"].year for m in months})
        tags.listing(self.request, context["page_obj"])
        return context


class ArticleDetailView(DetailView):
    """A published article; an expired or withdrawn one answers 410 Gone."""

    def get_queryset(self):
        return with_share_image(
            Article.objects.published().select_related("author", "series")
        )

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            return gone_or_not_found(request, Article, slug=kwargs["slug"])

    def get_context_data(self, **kwargs):
        noindex = "replyto" in self.request.GET
        context = article_context(self.object, noindex=noindex)
        tags.tag(self.request, *page_tags(self.object, context))
        return super().get_context_data(**context, **kwargs)


class SeriesDetailView(DetailView):
    def get_queryset(self):
        return Series.objects.with_published_articles()

    def get_context_data(self, **kwargs):
        series = self.object
        parts = series.articles.published().for_listing()
        parts = parts.order_by("series_position", "published_at")
        tags.listing(self.request, parts)
        meta = page_meta.listing_meta(
            title=series.title,
            description=series.description or f"The {series.title} series.",
            path=series.get_absolute_url(),
            crumbs=[Crumb(series.title, series.get_absolute_url())],
        )
        return super().get_context_data(parts=parts, seo=meta, **kwargs)


class TopicArticleListView(ListView):
    paginate_by = settings.ARTICLES_PER_PAGE
    template_name = "articles/topic_detail.html"

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return self.topic.articles.published().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(topic=self.topic, **kwargs)
        context["seo"] = page_meta.listing_meta(
            title=self.topic.name,
            description=self.topic.description or f"Articles about {self.topic.name}.",
            path=self.topic.get_absolute_url(),
            page_number=context["page_obj"].number,
            crumbs=[Crumb(self.topic.name, self.topic.get_absolute_url())],
        )
        tags.listing(self.request, context["page_obj"])
        return context


class CollectionIndexView(ListView):
    """Every topic, series or author with published articles, and how many."""

    paginate_by = INDEX_PAGE_SIZE
    model = None
    url_name = title = description = ""

    def get_queryset(self):
        collections = self.model.objects.with_published_articles()
        return collections.order_by(*self.model._meta.ordering, "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["seo"] = page_meta.index_meta(
            title=self.title,
            description=self.description,
            path=reverse(self.url_name),
            page_obj=context["page_obj"],
        )
        return context


class TopicIndexView(CollectionIndexView):
    model, url_name, title = Topic, "articles:topic_list", "Topics"
    description = f"Every topic on {settings.SITE_NAME}, with its articles."


class SeriesIndexView(CollectionIndexView):
    model, url_name, title = Series, "articles:series_list", "Series"
    description = f"Every series on {settings.SITE_NAME}, read in order."


class AuthorIndexView(CollectionIndexView):
    model, url_name, title = Author, "articles:author_list", "Authors"
    description = f"Everyone who writes for {settings.SITE_NAME}."


class AuthorArticleListView(ListView):
    """An author's page: who they are, and their published articles."""

    paginate_by = settings.ARTICLES_PER_PAGE
    template_name = "articles/author_detail.html"

    def get_queryset(self):
        self.author = get_object_or_404(
            Author.objects.with_published_articles(), slug=self.kwargs["slug"]
        )
        return self.author.articles.published().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(author=self.author, **kwargs)
        context["seo"] = page_meta.author_meta(
            self.author, page_number=context["page_obj"].number
        )
        tags.tag(self.request, tags.tag_of(self.author))
        tags.listing(self.request, context["page_obj"])
        return context


def search(request):
    """Ranked full-text search; an empty query shows a helpful page.

    Words no article contains get a "Did you mean" and, when full-text search
    finds little, the articles with a title or topic spelled like them.
    """
    form = SearchForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "query": "", "seo": page_meta.search_meta("")}
        return render(request, "articles/search.html", context, status=400)
    query = form.cleaned_data["q"]
    page = suggestion = close = None
    if query:
        paginator = Paginator(search_articles(query), settings.ARTICLES_PER_PAGE)
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404("No such page of results.") from error
        for article in page:
            article.snippet = snippet_html(article.headline, article.body_text)
        lookalikes, suggestion = check_spelling(query)
        if lookalikes and paginator.count < FEW_RESULTS:
            close = close_matches(lookalikes, exclude=[article.pk for article in page])
    tags.listing(request, [*(page or ()), *(close or ())])
    context = {
        "form": form,
        "query": query,
        "page_obj": page,
        "suggestion": suggestion,
        "close_matches": close,
    }
    return render(
        request,
        "articles/search.html",
        {**context, "seo": page_meta.search_meta(query)},
    )


@verified_permission_required("articles.change_article")
def staff_preview(request, pk):
    """An article exactly as readers will see it, for editors, never cached."""
    article = get_object_or_404(
        Article.objects.select_related("author", "series"), pk=pk
    )
    return _preview_response(request, article)


def shared_preview(request, token):
    """The same preview for a reviewer holding an unexpired, unrevoked link;
    once the article is live, the article itself."""
    link = get_object_or_404(
        PreviewLink.objects.active()
        .by_token(token)
        .select_related("article__author", "article__series")
    )
    if link.article.is_live:
        response = redirect(link.article)
        add_never_cache_headers(response)  # it may be withdrawn again
        return response
    return _preview_response(request, link.article)


def _preview_response(request, article):
    response = article_response(request, article, noindex=True, is_preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    return response


def markdown(request, slug):
    """The article as Markdown, for machines; the same articles as the sitemap."""
    article = get_object_or_404(Article.objects.indexable(), slug=slug)
    tags.tag(request, tags.tag_of(article))
    body = with_addresses(article.body, absolute=absolute)
    text = f"# {article.title}\n\n> {article.summary}\n\n{body}"
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Link"] = f'<{absolute(article.get_absolute_url())}>; rel="canonical"'
    return response
