"""The admin every kind of publishable content shares.

One admin and one form carry the editor: the Markdown editor with its live
preview, drafts kept on the server, who else has the form open, version
locking (a stale save refused, naming who saved), the checks before
publishing and after saving, the SEO report, and outside images copied into
the library. A kind of content gets all of it by registering a subclass that
says how the audit sees it (``audit_subject``); editing/admin.py registers
articles and pages, whose own apps never import the editor.
"""

from copy import copy

import reversion
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from reversion_compare.admin import CompareVersionAdmin

from editing.checks import after_save, publishing_blockers
from editing.forms import PublishableForm
from editing.panel import editor_context
from library.admin import library_media
from publishing.models import DERIVED_FIELDS, Status
from seo.audit import audit

# What the comparison of two revisions shows first: the words readers read.
COMPARED_FIRST = {"title": 0, "summary": 1, "body": 2}


def _points_to_the_same(field, version1, version2):
    """Whether a foreign key is the same in two revisions."""
    if not (field.concrete and (field.many_to_one or field.one_to_one)):
        return False
    return version1.field_dict.get(field.attname) == version2.field_dict.get(
        field.attname
    )


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"
    STATES = {
        "draft": lambda rows: rows.filter(
            status=Status.DRAFT, withdrawn_at__isnull=True
        ),
        "scheduled": lambda rows: rows.scheduled(),
        "live": lambda rows: rows.published(),
        "expired": lambda rows: rows.expired(),
        "withdrawn": lambda rows: rows.filter(withdrawn_at__isnull=False),
    }

    def lookups(self, request, model_admin):
        return [(state, state.capitalize()) for state in self.STATES]

    def queryset(self, request, queryset):
        state = self.STATES.get(self.value())
        return state(queryset) if state else queryset


class PublishableAdmin(CompareVersionAdmin):
    form = PublishableForm
    # The list's editable column (a page's order) is a form of every field.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    change_form_template = "editing/change_form.html"
    revision_form_template = "editing/revision_form.html"
    object_history_template = "editing/object_history.html"
    compare_template = "editing/compare.html"
    search_fields = ("title", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}
    # What revisions compare: the editor's fields, not what the site derives.
    compare_exclude = DERIVED_FIELDS
    actions = ("publish", "unpublish")
    # What the live preview sends of the form: what its page shows.
    preview_fields = (
        "title", "slug", "summary", "body", "seo_title", "meta_description",
    )  # fmt: skip

    def audit_subject(self, publishable, *, form=None):
        """How the SEO audit sees it (seo.audit.Subject); ``form`` holds what
        is being saved besides the publishable itself."""
        raise NotImplementedError("A PublishableAdmin says how its kind is audited.")

    def unsaved(self, publishable, fields):
        """A copy of it (or a new one) carrying a form's fields, never saved."""
        draft = copy(publishable) if publishable else self.model()
        for name, value in fields.items():
            field = self.model._meta.get_field(name)
            if value in (None, "") and (field.is_relation or field.choices):
                continue  # not chosen in the form: as stored, or the default
            setattr(draft, name, "" if value is None else value)
        draft.slug = draft.slug or "preview"
        return draft

    def compare(self, obj, version1, version2):
        """What changed between two revisions: title, summary and body first.

        A link to another row (the author, the series) has changed only when
        it points elsewhere: reversion-compare counts it changed at any save.
        """
        changes, unfollowed = super().compare(obj, version1, version2)
        changes = [
            change
            for change in changes
            if not _points_to_the_same(change["field"], version1, version2)
        ]
        changes.sort(key=lambda change: COMPARED_FIRST.get(change["field"].name, 3))
        return changes, unfollowed

    @property
    def media(self):
        return super().media + library_media()

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.editor, form.model_admin = request.user, self
        return form

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        context["editor"] = editor_context(request, obj, model_admin=self)
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description="state", ordering="status")
    def state(self, publishable):
        if publishable.state == "Scheduled":
            when = timezone.localtime(publishable.published_at)
            return f"Scheduled for {when:%-d %b %Y, %H:%M} {when:%Z}"
        return publishable.state

    @admin.display(description="reading time")
    def reading_time(self, publishable):
        return f"{publishable.reading_time} min"

    @admin.display(description="SEO report")
    def seo_report(self, publishable):
        if not publishable.pk:
            kind = self.model._meta.verbose_name
            return f"Save the {kind} to see how search engines will show it."
        subject = self.audit_subject(publishable)
        return render_to_string(
            "editing/seo_report.html", {"meta": subject.meta, "checks": audit(subject)}
        )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        request.restores_revision = True  # the form shows the old version as is
        return super().revision_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        unchanged = change and not form.has_changed()
        if unchanged and not getattr(request, "restores_revision", False):
            return  # nothing saved, so no empty "No fields changed" revision
        super().save_model(request, obj, form, change)
        for blocker in form.not_published:
            self.message_user(
                request, f"Saved as a draft, not published: {blocker}", messages.WARNING
            )
        for warning in form.warnings.values():
            self.message_user(request, warning, messages.WARNING)
        if obj.status == Status.PUBLISHED:
            self.warn_about_seo(request, obj, form=form)

    def warn_about_seo(self, request, publishable, *, form):
        """Say before Google does what search engines will find wrong."""
        for check in audit(self.audit_subject(publishable, form=form)):
            if not check.ok:
                self.message_user(request, f"SEO: {check.message}", messages.WARNING)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        publishable = form.instance
        broken = after_save(
            publishable=publishable,
            subject=self.audit_subject(publishable),
            user=request.user,
        )
        for path in broken:
            self.message_user(
                request, f"Broken internal link: {path}", messages.WARNING
            )

    @admin.action(
        description="Publish selected %(verbose_name_plural)s", permissions=["change"]
    )
    def publish(self, request, queryset):
        """Publish drafts now, or at the time already scheduled for them.

        Each goes through the checks the change form makes: the model's own
        rules (full_clean) and the blocking audit checks.
        """
        ready = []
        for publishable in queryset.exclude(status=Status.PUBLISHED):
            publishable.status = Status.PUBLISHED
            publishable.published_at = publishable.published_at or timezone.now()
            problems = publishing_blockers(
                publishable, audit_subject=self.audit_subject
            )
            try:
                publishable.full_clean()
            except ValidationError as error:
                problems += error.messages
            for problem in problems:
                self.message_user(
                    request,
                    f"“{publishable}” was not published: {problem}",
                    messages.ERROR,
                )
            if not problems:
                ready.append(publishable)
        self._save_with_revision(request, ready, comment="Published from the list.")
        kind = self.model._meta.verbose_name
        self.message_user(request, f"Published {len(ready)} {kind}(s).")

    @admin.action(
        description="Unpublish selected %(verbose_name_plural)s",
        permissions=["change"],
    )
    def unpublish(self, request, queryset):
        published = list(queryset.filter(status=Status.PUBLISHED))
        for publishable in published:
            publishable.status = Status.DRAFT
        self._save_with_revision(
            request, published, comment="Unpublished from the list."
        )
        kind = self.model._meta.verbose_name
        self.message_user(request, f"Unpublished {len(published)} {kind}(s).")

    def _save_with_revision(self, request, publishables, *, comment):
        for publishable in publishables:
            with reversion.create_revision():
                publishable.save()
                reversion.set_user(request.user)
                reversion.set_comment(comment)
