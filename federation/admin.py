"""Editors' view of the fediverse: followers (counted), blocks, likes and
boosts per article, deliveries and dead inboxes, and the accounts heard
from, with their data exported or erased on request."""

import json

from django.contrib import admin, messages
from django.http import HttpResponse

from comments.models import Comment
from federation import conversation
from federation.actors import LocalActor
from federation.models import (
    Block,
    Delivery,
    Follower,
    Inbox,
    Reactions,
    RemoteActor,
    Webmention,
)

MODERATE = "comments.moderate_comment"


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ("value", "kind", "reason", "created_at")
    list_filter = ("kind",)
    search_fields = ("value", "reason")


@admin.register(Follower)
class FollowerAdmin(ReadOnly):
    """Who follows which account of the site, and how many (the changelist
    counts them); never shown on a public page unless the owner opts in."""

    list_display = ("remote", "followed", "created_at")
    list_filter = ("actor",)
    search_fields = ("remote__handle", "remote__uri")
    list_select_related = ("remote",)

    @admin.display(description="follows")
    def followed(self, follower):
        actor = LocalActor.by_key(follower.actor)
        return actor.handle if actor else follower.actor


@admin.register(Reactions)
class ReactionsAdmin(ReadOnly):
    list_display = ("entry", "likes", "boosts")
    ordering = ("-likes", "-boosts")
    search_fields = ("entry__title",)
    list_select_related = ("entry",)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Inbox)
class InboxAdmin(admin.ModelAdmin):
    list_display = ("url", "failures", "dead_at")
    list_filter = ("dead_at",)
    search_fields = ("url",)
    readonly_fields = ("url", "host", "failures")
    actions = ("revive",)

    @admin.action(description="Send to these inboxes again")
    def revive(self, request, queryset):
        count = queryset.update(dead_at=None, failures=0)
        self.message_user(request, f"{count} inbox(es) revived.", messages.SUCCESS)


@admin.register(Delivery)
class DeliveryAdmin(ReadOnly):
    list_display = ("activity", "inbox", "status", "attempts", "next_attempt_at")
    list_filter = ("status",)
    list_select_related = ("activity", "inbox")


@admin.register(Webmention)
class WebmentionAdmin(ReadOnly):
    list_display = ("source", "entry", "status", "received_at", "checked_at")
    list_filter = ("status",)
    list_select_related = ("entry",)


@admin.register(RemoteActor)
class RemoteActorAdmin(ReadOnly):
    list_display = ("__str__", "name", "first_seen_at", "comment_count")
    search_fields = ("handle", "name", "uri")
    exclude = ("public_key_pem",)
    actions = ("export_data", "erase_data")

    @admin.display(description="comments")
    def comment_count(self, remote):
        return Comment.objects.filter(remote_author=remote.uri).count()

    def has_export_data_permission(self, request):
        return request.user.has_perm(MODERATE)

    has_erase_data_permission = has_export_data_permission

    @admin.action(
        description="Export all data of these accounts (JSON)",
        permissions=["export_data"],
    )
    def export_data(self, request, queryset):
        payload = [_export(remote) for remote in queryset]
        response = HttpResponse(
            json.dumps(payload, indent=2, default=str), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="account-data.json"'
        return response

    @admin.action(
        description="Erase all data of these accounts", permissions=["erase_data"]
    )
    def erase_data(self, request, queryset):
        count = 0
        for remote in queryset:
            conversation.forget(remote)
            remote.delete()
            count += 1
        self.message_user(request, f"Erased {count} account(s).", messages.SUCCESS)


def _export(remote):
    comments = Comment.objects.filter(remote_author=remote.uri).select_related("entry")
    return {
        "account": remote.uri,
        "handle": remote.handle,
        "name": remote.name,
        "follows": list(remote.follows.values_list("actor", flat=True)),
        "likes_and_boosts": list(
            remote.interactions.values("kind", "entry__title", "created_at")
        ),
        "comments": [
            {
                "on": c.entry.title,
                "body": c.body,
                "status": c.status,
                "created_at": c.created_at,
                "post": c.remote_id,
            }
            for c in comments
        ],
    }
