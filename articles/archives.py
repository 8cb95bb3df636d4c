"""The archive by date: every year and month with published articles, a
year's months, a month's articles. Archives are always on: a month has a
page exactly when something was published in it, so they cost nothing on a
small site and split a large one into pages of a few dozen."""

from itertools import groupby

from django.http import Http404
from django.urls import reverse
from django.views.generic import MonthArchiveView, TemplateView, YearArchiveView

from articles import page_meta
from articles.conf import settings
from articles.models import Article
from pagecache import tags
from seo.meta import Crumb


class ArchiveIndexView(TemplateView):
    """Every year with published articles, newest first, with its months."""

    template_name = "articles/archive_index.html"

    def get_context_data(self, **kwargs):
        months = Article.objects.published().months()
        years = [
            (year, list(in_year))
            for year, in_year in groupby(months, key=lambda m: m["month"].year)
        ]
        path = reverse("articles:archive")
        meta = page_meta.listing_meta(
            title="Archive",
            description=f"Everything {settings.SITE_NAME} published, by year and "
            "month.",
            path=path,
            crumbs=[Crumb("Archive", path)],
        )
        return super().get_context_data(years=years, seo=meta, **kwargs)


class ArchiveYearView(YearArchiveView):
    """The months of a year with published articles; a year without any is 404."""

    date_field = "published_at"
    template_name = "articles/archive_year.html"
    # An empty year is found by its months, in the one query that counts
    # them, not by loading the year's articles (Django's check without
    # pagination).
    allow_empty = True

    def get_queryset(self):
        return Article.objects.published()

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        """The year's months, newest first, each with its article count."""
        months = list(queryset.months())
        if not months:
            raise Http404("Nothing was published that year.")
        return months

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = context["year"].year
        path = reverse("articles:archive_year", kwargs={"year": year})
        context["seo"] = page_meta.listing_meta(
            title=f"Articles of {year}",
            description=f"The articles of {year} on {settings.SITE_NAME}, by month.",
            path=path,
            crumbs=[
                Crumb("Articles", reverse("articles:list")),
                Crumb(str(year), path),
            ],
        )
        return context


class ArchiveMonthView(MonthArchiveView):
    """A month's published articles, oldest first; an empty month is 404."""

    date_field = "published_at"
    month_format = "%m"
    paginate_by = settings.ARTICLES_PER_PAGE
    template_name = "articles/archive_month.html"
    # Django proves a month empty with a query of its own, and then finds
    # the months before and after with two more; the paginator's count
    # finds an empty month for free (it refuses an empty first page).
    allow_empty = True

    def get_queryset(self):
        return Article.objects.published().for_listing().order_by("published_at", "pk")

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        return None  # the page lists no days: no query for them

    def get_paginator(self, queryset, per_page, **kwargs):
        kwargs["allow_empty_first_page"] = False
        return super().get_paginator(queryset, per_page, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        month = context["month"]
        year_path = reverse("articles:archive_year", kwargs={"year": month.year})
        path = reverse("articles:archive_month", kwargs=self.kwargs)
        context["seo"] = page_meta.listing_meta(
            title=f"Articles of {month:%B %Y}",
            description=f"What {settings.SITE_NAME} published in {month:%B %Y}.",
            path=path,
            page_number=context["page_obj"].number,
            crumbs=[
                Crumb("Articles", reverse("articles:list")),
                Crumb(str(month.year), year_path),
                Crumb(f"{month:%B}", path),
            ],
        )
        tags.listing(self.request, context["page_obj"])
        return context
