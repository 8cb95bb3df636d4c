from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

from editing.checks import publishing_blockers
from editing.conflicts import conflict_message, stored_version
from editing.widgets import MarkdownEditor
from publishing.images import images_into_library
from publishing.models import Status
from seo.conf import settings as seo_settings
from seo.forms import SearchEngineForm


class PublishableForm(SearchEngineForm):
    """The admin form of any article or page (see PublishableAdmin.get_form,
    which tells it who saves and which admin audits it)."""

    # The version the form was loaded at; a save based on an older one is
    # refused (see editing.conflicts).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    editor = model_admin = None

    class Meta:
        widgets = {"body": MarkdownEditor}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = stored_version(self.instance)
        # Blocking checks a save as a draft did not pass (PublishableAdmin
        # says so once saved).
        self.not_published = []
        # What readers see now, if anything: a save need not fix what is
        # already live, only never add to it; what it leaves is a warning.
        self.live = (
            type(self.instance).objects.published().filter(pk=self.instance.pk).first()
        )
        self.warnings = {}

    def clean_version(self):
        """Refuse a save based on a version someone else has saved over."""
        version = self.cleaned_data["version"]
        if self.instance.pk is None:
            return version
        current = stored_version(self.instance, lock=True)
        if version != current:
            self.data = self.data.copy()
            self.data["version"] = current  # saving again replaces theirs
            message = conflict_message(
                self.instance, editor=self.editor, loaded=version
            )
            self.add_error(None, message)
        self.instance.version = current  # a restored revision carries its own
        return version

    def clean_body(self):
        """Outside images are copied into the media library, or the save
        refused, unless readers already see them (then a warning)."""
        body, warnings = images_into_library(
            self.cleaned_data["body"], live_body=self.live.body if self.live else ""
        )
        self.warnings.update(warnings)
        return body

    def _post_clean(self):
        """Publishing waits while a check in SEO_BLOCKING_CHECKS fails: a draft
        (or new) one is saved as a draft, a published one is not saved."""
        super()._post_clean()
        if self.instance.status != Status.PUBLISHED:
            return
        subject = partial(self.model_admin.audit_subject, form=self)
        blockers = self._new_blockers(
            publishing_blockers(self.instance, audit_subject=subject)
        )
        if not blockers:
            return
        if self._stored_as_published():
            for blocker in blockers:
                self.add_error(
                    None, f"Not saved, so what is published stays as it was: {blocker}"
                )
            return
        self.instance.status = Status.DRAFT
        self.instance.published_at = self.cleaned_data.get("published_at")
        self.not_published = blockers

    def _new_blockers(self, blockers):
        """The blockers a save adds; those the live version already had are
        warnings (an imported article may show an image still elsewhere)."""
        if self.live is None:
            return blockers
        subject = partial(self.model_admin.audit_subject, form=None)
        known = set(publishing_blockers(self.live, audit_subject=subject))
        for blocker in known.intersection(blockers):
            if not any(src in blocker for src in self.warnings):
                self.warnings[blocker] = f"Live already, still to fix: {blocker}"
        return [blocker for blocker in blockers if blocker not in known]

    def _stored_as_published(self):
        if self.instance.pk is None:
            return False
        rows = type(self.instance).objects.filter(pk=self.instance.pk)
        return rows.filter(status=Status.PUBLISHED).exists()


class ArticleForm(PublishableForm):
    def clean_social_image(self):
        """A new upload may be no larger than social networks accept."""
        image = self.cleaned_data["social_image"]
        limit = seo_settings.SOCIAL_IMAGE_MAX_SIZE
        if isinstance(image, UploadedFile) and image.size > limit:
            raise ValidationError(
                f"This image is {filesizeformat(image.size)}; social networks "
                f"accept at most {filesizeformat(limit)}. Please save it smaller."
            )
        return image


def preview_form(model, fields):
    """A form of what the live preview sends: the model's own fields, checked
    as its form checks them (lengths, NUL characters, choices), none required."""
    declared = forms.fields_for_model(model, fields=fields)
    for field in declared.values():
        field.required = False
        if isinstance(field, forms.CharField):
            field.strip = False
    return type(f"{model.__name__}PreviewForm", (forms.Form,), declared)


class DraftForm(forms.Form):
    title = forms.CharField(max_length=200, required=False)
    summary = forms.CharField(required=False)
    body = forms.CharField(required=False, strip=False)
    version = forms.IntegerField(min_value=1)
