from django.urls import path, register_converter

from articles import archives, feeds, views
from articles.converters import MonthConverter, UnicodeSlugConverter, YearConverter

app_name = "articles"
register_converter(YearConverter, "year")
register_converter(MonthConverter, "month")
register_converter(UnicodeSlugConverter, "uslug")

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/", views.ArticleListView.as_view(), name="list"),
    path("articles/<uslug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("articles/<uslug:slug>.md", views.markdown, name="markdown"),
    path("archive/", archives.ArchiveIndexView.as_view(), name="archive"),
    path(
        "archive/<year:year>/", archives.ArchiveYearView.as_view(), name="archive_year"
    ),
    path(
        "archive/<year:year>/<month:month>/",
        archives.ArchiveMonthView.as_view(),
        name="archive_month",
    ),
    path("series/", views.SeriesIndexView.as_view(), name="series_list"),
    path("series/<slug:slug>/", views.SeriesDetailView.as_view(), name="series"),
    path("topics/", views.TopicIndexView.as_view(), name="topic_list"),
    path("topics/<slug:slug>/", views.TopicArticleListView.as_view(), name="topic"),
    path("authors/", views.AuthorIndexView.as_view(), name="author_list"),
    path("authors/<slug:slug>/", views.AuthorArticleListView.as_view(), name="author"),
    path("search/", views.search, name="search"),
    path("preview/<int:pk>/", views.staff_preview, name="preview"),
    path("preview/shared/<slug:token>/", views.shared_preview, name="shared_preview"),
    path("feeds/rss/", feeds.LatestArticlesFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.LatestArticlesAtomFeed(), name="feed_atom"),
    path("series/<slug:slug>/rss/", feeds.SeriesFeed(), name="series_rss"),
    path("series/<slug:slug>/atom/", feeds.SeriesAtomFeed(), name="series_atom"),
    path("topics/<slug:slug>/rss/", feeds.TopicFeed(), name="topic_rss"),
    path("topics/<slug:slug>/atom/", feeds.TopicAtomFeed(), name="topic_atom"),
    path("authors/<slug:slug>/rss/", feeds.AuthorFeed(), name="author_rss"),
    path("authors/<slug:slug>/atom/", feeds.AuthorAtomFeed(), name="author_atom"),
]
