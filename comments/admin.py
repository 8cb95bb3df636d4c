import json
from collections import Counter

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Count, Min
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import Lower
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from comments.commenters import CommenterAction, commenter_code
from comments.models import Comment, CommentSettings, Status
from comments.moderation import set_status
from comments.privacy import erase_data, export_data

MODERATE = "comments.moderate_comment"
PRIVATE_FIELDS = ("email", "ip_address", "user_agent")
# Only for moderators: replying as the site, and each row's moderation buttons.
MODERATION = ("site_reply", "moderate")
# Each row's one-click buttons: (action, label, the status it gives), shown
# unless the comment has that status already.
ROW_ACTIONS = (
    ("approve", "Approve", Status.APPROVED),
    ("mark_spam", "Spam", Status.SPAM),
    ("remove", "Remove", Status.REMOVED),
)
# A reply as the site cannot go under a comment readers do not see.
HIDDEN = (Status.SPAM, Status.REMOVED)


class CommentAdminForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https")

    class Meta:
        model = Comment
        fields = ("name", "email", "website", "body", "status", "is_staff_reply")


class ModeratorCommentForm(CommentAdminForm):
    """What a moderator may also do from the change form: reply as the site."""

    site_reply = forms.CharField(
        label="Reply as the site",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Published at once under this comment, marked as the site's. "
        "Replying publishes the comment too, if it is awaiting moderation.",
    )

    def clean(self):
        """The site answers only a comment readers see: a reply under spam
        or a removed comment would hang under a hole."""
        cleaned = super().clean()
        if cleaned.get("site_reply") and cleaned.get("status") in HIDDEN:
            raise forms.ValidationError(
                "A reply as the site is published under this comment, so the "
                "comment cannot be spam or removed: approve it, or leave the "
                "reply empty."
            )
        return cleaned


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    form = ModeratorCommentForm
    list_display = ("name", "email", "excerpt", "state", "created_at", "moderate")
    list_filter = (
        "status",
        "created_at",
        ("entry__content_type", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("entry", "parent")
    search_fields = ("name", "email", "body")
    date_hierarchy = "created_at"
    raw_id_fields = ("parent",)
    readonly_fields = (
        "entry", "parent_excerpt", "created_at", "reviewed_by", "reviewed_at",
        "moderation_reason", "ip_address", "user_agent", "email_confirmed_at",
    )  # fmt: skip
    fields = (
        "entry", "parent_excerpt", "name", "email", "email_confirmed_at",
        "website", "body", "status",
        "moderation_reason", "is_staff_reply", "created_at", "reviewed_by",
        "reviewed_at", "ip_address", "user_agent", "site_reply",
    )  # fmt: skip
    actions = (
        "approve",
        "mark_spam",
        "remove",
        "export_commenter_data",
        "erase_commenter_data",
    )

    def has_moderate_permission(self, request):
        return request.user.has_perm(MODERATE)

    def get_list_display(self, request):
        if self.has_moderate_permission(request):
            return self.list_display
        return tuple(
            f for f in self.list_display if f not in PRIVATE_FIELDS + MODERATION
        )

    def get_search_fields(self, request):
        if self.has_moderate_permission(request):
            return self.search_fields
        return tuple(f for f in self.search_fields if f not in PRIVATE_FIELDS)

    def get_fields(self, request, obj=None):
        if self.has_moderate_permission(request):
            return self.fields
        return tuple(f for f in self.fields if f not in PRIVATE_FIELDS + MODERATION)

    def get_readonly_fields(self, request, obj=None):
        if self.has_moderate_permission(request):
            return self.readonly_fields
        return (*self.readonly_fields, "status", "is_staff_reply")

    def get_form(self, request, obj=None, **kwargs):
        if not self.has_moderate_permission(request):
            kwargs["form"] = CommentAdminForm
        return super().get_form(request, obj, **kwargs)

    def lookup_allowed(self, lookup, value, request):
        """Private fields cannot be filtered on, even by a crafted query string."""
        field = lookup.split(LOOKUP_SEP, 1)[0]
        if field in PRIVATE_FIELDS and not self.has_moderate_permission(request):
            return False
        return super().lookup_allowed(lookup, value, request)

    @admin.display(description="comment")
    def excerpt(self, comment):
        """The comment's start, and where it was left (the row's anchor)."""
        where = f"on {comment.entry.title}"
        if comment.parent_id:
            where += f", in reply to {comment.parent.name}"
        return format_html(
            '<div id="comment-{}" class="comment-excerpt">{}'
            '<span class="quiet">{}</span></div>',
            comment.pk,
            Truncator(comment.plain_body).chars(120),
            where,
        )

    @admin.display(description="status", ordering="status")
    def state(self, comment):
        return format_html(
            '{}<span class="quiet">{}</span>',
            comment.get_status_display(),
            comment.moderation_reason,
        )

    @admin.display(description="moderate")
    def moderate(self, comment):
        """One click each: the list's own actions, on this comment alone (the
        form each button names is in admin/comments/comment/change_list.html)."""
        buttons = format_html_join(
            "",
            '<button type="submit" class="button" form="moderate-{}" name="action" '
            'value="{}" aria-label="{} the comment by {}">{}</button>',
            (
                (comment.pk, action, label, comment.name, label)
                for action, label, status in ROW_ACTIONS
                if comment.status != status
            ),
        )
        reply = reverse("admin:comments_comment_change", args=[comment.pk])
        return format_html(
            '<div class="comment-actions">{}<a class="button" href="{}#id_site_reply" '
            'aria-label="Reply to the comment by {}">Reply</a></div>',
            buttons,
            reply,
            comment.name,
        )

    @admin.display(description="in reply to")
    def parent_excerpt(self, comment):
        if comment.parent_id is None:
            return "—"
        return f"{comment.parent.name}: {comment.parent.plain_body[:200]}"

    def save_model(self, request, obj, form, change):
        site_reply = form.cleaned_data.get("site_reply")
        if site_reply and obj.status != Status.APPROVED:
            obj.status = Status.APPROVED  # answered by the site: readers see both
            self.message_user(request, "The comment is published with the reply.")
        if "status" in form.changed_data or site_reply:
            obj.reviewed_by, obj.reviewed_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)
        if site_reply:
            Comment.objects.create(
                entry=obj.entry,
                parent=obj,
                # A login name is not for the public: the editor's full name,
                # or the site's.
                name=request.user.get_full_name() or settings.SITE_NAME,
                email=request.user.email,
                body=form.cleaned_data["site_reply"],
                status=Status.APPROVED,
                is_staff_reply=True,
                moderation_reason="approved: written by the site",
                reviewed_by=request.user,
                reviewed_at=timezone.now(),
            )

    def _set_status(self, request, queryset, status, verb):
        count = set_status(queryset, status, by=request.user)
        self.message_user(request, f"{verb} {count} comment(s).", messages.SUCCESS)

    @admin.action(description="Approve selected comments", permissions=["moderate"])
    def approve(self, request, queryset):
        self._set_status(request, queryset, Status.APPROVED, "Approved")

    @admin.action(
        description="Mark selected comments as spam", permissions=["moderate"]
    )
    def mark_spam(self, request, queryset):
        self._set_status(request, queryset, Status.SPAM, "Marked as spam")

    @admin.action(description="Remove selected comments", permissions=["moderate"])
    def remove(self, request, queryset):
        self._set_status(request, queryset, Status.REMOVED, "Removed")

    @admin.action(
        description="Export all data of these commenters (JSON)",
        permissions=["moderate"],
    )
    def export_commenter_data(self, request, queryset):
        emails = sorted({c.email.lower() for c in queryset if c.email})
        payload = [export_data(email) for email in emails]
        response = HttpResponse(
            json.dumps(payload, indent=2), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="commenter-data.json"'
        return response

    @admin.action(
        description="Erase all data of these commenters", permissions=["moderate"]
    )
    def erase_commenter_data(self, request, queryset):
        emails = {c.email.lower() for c in queryset if c.email}
        if request.POST.get("confirmed") != "yes":
            return self._confirm_erasure(request, queryset, emails)
        totals = [erase_data(email) for email in emails]
        deleted = sum(d for d, _, _ in totals)
        anonymised = sum(a for _, a, _ in totals)
        others = Counter()
        for _, _, erased in totals:
            others.update(erased)
        also = "".join(f", {count} {name} erased" for name, count in others.items())
        self.message_user(
            request,
            f"Erased {len(emails)} commenter(s): {deleted} comment(s) deleted, "
            f"{anonymised} anonymised{also}.",
            messages.SUCCESS,
        )
        return None

    def _confirm_erasure(self, request, queryset, emails):
        """Say whose data goes, and how much, before anything is erased."""
        commenters = (
            Comment.objects.annotate(lower_email=Lower("email"))
            .filter(lower_email__in=emails)
            .values("lower_email")
            .annotate(count=Count("pk"), name=Min("name"))
            .order_by("lower_email")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": "Erase commenters' data",
            "queryset": queryset,
            "commenters": [
                {"email": c["lower_email"], "name": c["name"], "count": c["count"]}
                for c in commenters
            ],
        }
        return TemplateResponse(
            request, "admin/comments/erase_confirmation.html", context
        )


@admin.register(CommentSettings)
class CommentSettingsAdmin(admin.ModelAdmin):
    """One row: the list leads straight to it, and it is never added or deleted."""

    def changelist_view(self, request, extra_context=None):
        settings_row, _ = CommentSettings.objects.get_or_create(pk=1)
        return redirect("admin:comments_commentsettings_change", settings_row.pk)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CommenterAction)
class CommenterActionAdmin(admin.ModelAdmin):
    """What commenters did to their own data: read-only, for moderators.

    The same code stands for the same address; searching for an address
    finds its code's actions without the address being stored.
    """

    list_display = ("created_at", "action", "commenter", "detail")
    list_filter = ("action", "created_at")
    search_fields = ("commenter",)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(MODERATE)

    def has_module_permission(self, request):
        return request.user.has_perm(MODERATE)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        if "@" in search_term:
            return queryset.filter(commenter=commenter_code(search_term)), False
        return super().get_search_results(request, queryset, search_term)
