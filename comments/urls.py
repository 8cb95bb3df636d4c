from django.urls import path

from comments import feeds, views

app_name = "comments"

urlpatterns = [
    path("articles/<slug:slug>/comments/", views.comments, name="list"),
    path("comments/challenge/", views.challenge, name="challenge"),
    path("feeds/comments/rss/", feeds.LatestCommentsFeed(), name="feed_rss"),
    path("feeds/comments/atom/", feeds.LatestCommentsAtomFeed(), name="feed_atom"),
    path(
        "articles/<slug:slug>/comments/rss/",
        feeds.ArticleCommentsFeed(),
        name="article_rss",
    ),
    path(
        "articles/<slug:slug>/comments/atom/",
        feeds.ArticleCommentsAtomFeed(),
        name="article_atom",
    ),
]
