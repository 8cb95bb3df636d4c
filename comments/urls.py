from django.urls import path

from comments import commenter_views, feeds, views

app_name = "comments"

urlpatterns = [
    path("articles/<uslug:slug>/comments/", views.comments, name="list"),
    path("comments/challenge/", views.challenge, name="challenge"),
    # A page's comments: pages.urls comes last, so its <path>/ never shadows this.
    path("<pagepath:path>/comments/", views.page_comments, name="page_list"),
    path("comments/confirm/<slug:token>/", commenter_views.confirm, name="confirm"),
    path(
        "comments/replies/stop/<int:pk>/<slug:token>/",
        commenter_views.stop_replies,
        name="stop_replies",
    ),
    path(
        "comments/replies/stop-all/<slug:key>/",
        commenter_views.stop_all_replies,
        name="stop_all_replies",
    ),
    path("comments/manage/", commenter_views.manage, name="manage"),
    path("comments/manage/mine/", commenter_views.mine, name="mine"),
    path(
        "comments/manage/<slug:token>/",
        commenter_views.manage_link,
        name="manage_link",
    ),
    path("feeds/comments/rss/", feeds.LatestCommentsFeed(), name="feed_rss"),
    path("feeds/comments/atom/", feeds.LatestCommentsAtomFeed(), name="feed_atom"),
    path(
        "articles/<uslug:slug>/comments/rss/",
        feeds.ArticleCommentsFeed(),
        name="article_rss",
    ),
    path(
        "articles/<uslug:slug>/comments/atom/",
        feeds.ArticleCommentsAtomFeed(),
        name="article_atom",
    ),
]
