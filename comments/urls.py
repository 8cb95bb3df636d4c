from django.urls import path, register_converter

from comments import commenter_views, feeds, own_views, views
from comments.converters import AddressConverter

app_name = "comments"
register_converter(AddressConverter, "address")

urlpatterns = [
    path("comments/challenge/", views.challenge, name="challenge"),
    path("comments/preview/", views.preview, name="preview"),
    path("comments/<int:pk>/edit/", own_views.edit, name="edit"),
    path("comments/<int:pk>/delete/", own_views.delete, name="delete"),
    path(
        "comments/confirm/<slug:token>/",
        commenter_views.Confirm.as_view(),
        name="confirm",
    ),
    path(
        "comments/replies/stop/<int:pk>/<slug:token>/",
        commenter_views.StopReplies.as_view(),
        name="stop_replies",
    ),
    # The token carries the address's key and the time it was mailed.
    path(
        "comments/replies/stop-all/<str:token>/",
        commenter_views.StopAllReplies.as_view(),
        name="stop_all_replies",
    ),
    path("comments/manage/", commenter_views.manage, name="manage"),
    path("comments/manage/mine/", commenter_views.mine, name="mine"),
    path(
        "comments/manage/<slug:token>/",
        commenter_views.OpenComments.as_view(),
        name="manage_link",
    ),
    path("feeds/comments/rss/", feeds.LatestCommentsFeed(), name="feed_rss"),
    path("feeds/comments/atom/", feeds.LatestCommentsAtomFeed(), name="feed_atom"),
    # The comments on any article or page are under its own address (the
    # publishing app finds which). Included before the pages' <slug>/, which
    # would otherwise shadow a page's.
    path("<address:address>comments/", views.comments, name="list"),
    path("<address:address>comments/rss/", feeds.CommentsOnFeed(), name="rss"),
    path("<address:address>comments/atom/", feeds.CommentsOnAtomFeed(), name="atom"),
]
