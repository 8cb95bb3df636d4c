from django.urls import path

from comments import commenter_views, feeds, views

app_name = "comments"

urlpatterns = [
    path("comments/challenge/", views.challenge, name="challenge"),
    path("comments/stamp/", views.stamp, name="stamp"),
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
    # The comments on any article or page are under its own address (the
    # publishing app finds which). Included before the pages' <slug>/, which
    # would otherwise shadow a page's.
    path("<path:address>comments/", views.comments, name="list"),
    path("<path:address>comments/rss/", feeds.CommentsOnFeed(), name="rss"),
    path("<path:address>comments/atom/", feeds.CommentsOnAtomFeed(), name="atom"),
]
