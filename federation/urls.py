from django.urls import path

from federation import views

app_name = "federation"

urlpatterns = [
    path(".well-known/webfinger", views.webfinger, name="webfinger"),
    path(".well-known/nodeinfo", views.nodeinfo_links, name="nodeinfo_links"),
    path("nodeinfo/2.1", views.nodeinfo, name="nodeinfo"),
    path("ap/inbox", views.inbox, name="shared_inbox"),
    path("ap/actors/<slug:account>", views.actor, name="actor"),
    path("ap/actors/<slug:account>/inbox", views.inbox, name="inbox"),
    path("ap/actors/<slug:account>/outbox", views.outbox, name="outbox"),
    path("ap/actors/<slug:account>/followers", views.followers, name="followers"),
    path("ap/actors/<slug:account>/featured", views.featured, name="featured"),
    # Where an article's own address leads when asked for activity+json.
    path("ap/articles/<slug:slug>", views.article, name="article"),
    path("ap/articles/<slug:slug>/replies", views.replies, name="replies"),
    path("ap/notes/<int:pk>", views.note, name="note"),
    path("media/fediverse/<slug:digest>.png", views.avatar, name="avatar"),
    path("webmention/", views.webmention, name="webmention"),
]
