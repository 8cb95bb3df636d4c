from datetime import timedelta

from django import forms
from django.core.validators import URLValidator
from django.utils import timezone

from comments import proof_of_work
from comments.conf import settings
from comments.models import Comment, CommentSettings
from comments.moderation import seconds_since, sign_timestamp
from comments.text import validate_name

HONEYPOT = "contact_me_by_fax"


class WebsiteField(forms.URLField):
    default_validators = [URLValidator(schemes=["http", "https"])]


class CommentTextField(forms.CharField):
    """A comment's text: its length counted as readers count it.

    Nothing cuts a long comment short in the browser (a pasted text would
    lose its end unseen): the counter the script shows warns, and this
    says what is too long. Line breaks count once, as the counter counts
    them, though browsers send two characters for each.
    """

    def __init__(self, **kwargs):
        super().__init__(
            label="Comment",
            help_text="Plain text, with a little formatting if you like: "
            "*emphasis*, **strong**, `code`, > at the start of a line to quote, "
            "[a link](https://…); a blank line starts a new paragraph. No HTML. "
            f"Up to {settings.COMMENTS_MAX_LENGTH:,} characters.",
            widget=forms.Textarea(
                attrs={"rows": 6, "data-limit": settings.COMMENTS_MAX_LENGTH}
            ),
            **kwargs,
        )

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")

    def validate(self, value):
        super().validate(value)
        limit = settings.COMMENTS_MAX_LENGTH
        if len(value) > limit:
            raise forms.ValidationError(
                f"A comment can be at most {limit:,} characters long; this one "
                f"has {len(value):,}. Please shorten it, or split it in two."
            )


class PreviewForm(forms.Form):
    """A comment's text, to show how it will look; never stored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"] = CommentTextField()


class EditForm(forms.ModelForm):
    """The text of a comment its author edits."""

    class Meta:
        model = Comment
        fields = ("body",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.fields["body"] = CommentTextField()


class CommentForm(forms.ModelForm):
    """What a reader fills in; the hidden fields catch machines."""

    website = WebsiteField(
        required=False,
        assume_scheme="https",
        help_text="Optional. Shown as a link on your name.",
    )
    remember = forms.BooleanField(
        required=False,
        label="Remember my name, email and website on this browser",
    )
    notify = forms.BooleanField(
        required=False,
        label="Email me when someone replies",
        help_text="We mail you a link to confirm the address first. Every mail "
        "has a link to stop them.",
    )
    timestamp = forms.CharField(widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Filled by comments.js when editors ask for proof of work.
    proof = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Comment
        fields = ("name", "email", "website", "body")
        help_texts = {
            "email": "Required. Never published; only editors see it.",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.target = target  # the article or page commented on
        self.fields["email"].required = True
        self.fields["body"] = CommentTextField()  # the limit as now set
        self.fields[HONEYPOT] = forms.CharField(
            required=False,
            label="Leave this field empty",
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def _clean_fields(self):
        """One problem per field at a time: a NUL byte is one error, not three."""
        super()._clean_fields()
        for errors in self._errors.values():
            del errors[1:]

    def clean_name(self):
        """The name as it will be shown: one line, nothing hidden, never empty."""
        name = self.cleaned_data["name"].strip()
        validate_name(name)
        if not name:
            raise forms.ValidationError(self.fields["name"].error_messages["required"])
        return name

    def clean(self):
        """A solved puzzle, when editors ask for one: checked (and used up)
        only once everything else is right, so a typo costs no new puzzle."""
        cleaned = super().clean()
        if (
            not self.errors
            and CommentSettings.current().proof_of_work
            and not proof_of_work.is_solved(cleaned["proof"])
        ):
            raise forms.ValidationError(
                "Spam protection is on: your browser has to solve a small puzzle "
                "before sending, which needs JavaScript. Please send your comment "
                "again; if this comes back, try another browser or come back "
                "later."
            )
        return cleaned

    def clean_timestamp(self):
        """Seconds the form was open; None when the stamp was tampered with."""
        elapsed = seconds_since(self.cleaned_data["timestamp"])
        if elapsed == float("inf"):
            raise forms.ValidationError(
                "This form was open too long. Please check your comment and send "
                "it again."
            )
        if elapsed is not None and elapsed < settings.COMMENTS_MIN_SECONDS:
            # Sent faster than people type: say so, rather than file it as
            # spam, in case a person did (a pasted comment, an autofilled form).
            raise forms.ValidationError(
                "That was quicker than we expected. Please check your comment "
                "and send it again."
            )
        return elapsed

    def clean_parent(self):
        """The approved comment replied to, moved up to the deepest allowed level."""
        parent_id = self.cleaned_data["parent"]
        if parent_id is None:
            return None
        parent = (
            Comment.objects.approved()
            .on(self.target)
            .filter(pk=parent_id)
            .select_related("parent")
            .first()
        )
        if parent is None:
            raise forms.ValidationError(
                "The comment you are replying to is no longer available."
            )
        while parent.depth >= settings.COMMENTS_MAX_DEPTH:
            parent = parent.parent
        return parent

    def fresh_timestamp(self):
        """Re-serve a bound form with a new timestamp, keeping what was typed.

        The reader has written the comment already: the stamp counts as
        served long enough ago that sending it again at once is not too fast.
        """
        served = timezone.now() - timedelta(seconds=settings.COMMENTS_MIN_SECONDS)
        self.data = self.data.copy()
        self.data["timestamp"] = sign_timestamp(served=served)


class ManageRequestForm(forms.Form):
    """The address whose comments a reader wants to see."""

    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        help_text="The one you gave when commenting.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
