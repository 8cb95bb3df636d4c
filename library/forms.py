from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from library import uploads
from library.models import Image


class ImageForm(forms.ModelForm):
    """One way into the library, for the admin's form and the editor's upload."""

    upload = forms.FileField(
        label="Image file",
        help_text="JPEG, PNG, WebP, AVIF or GIF (no SVG). Location data is removed.",
    )

    class Meta:
        model = Image
        fields = ("alt_text", "decorative", "caption", "credit", "focal_x", "focal_y")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["upload"]
        # Left out (as the editor's quick upload does), the centre.
        for name in ("focal_x", "focal_y"):
            self.fields[name].required = False

    def clean_focal_x(self):
        return self._focal("focal_x")

    def clean_focal_y(self):
        return self._focal("focal_y")

    def _focal(self, name):
        value = self.cleaned_data[name]
        return Image._meta.get_field(name).default if value is None else value

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        uploads.check_size(upload.size)
        data = upload.read()
        duplicate = self.duplicate_of(uploads.content_hash(data))
        if duplicate is not None:
            raise ValidationError(
                format_html(
                    'This image is already in the library: <a href="{}">{}</a>.',
                    reverse("admin:library_image_change", args=[duplicate.pk]),
                    duplicate,
                )
            )
        uploads.prepare(self.instance, data, name=upload.name)
        return upload

    @staticmethod
    def duplicate_of(digest):
        """The library's image of this SHA-256 digest, if it has one."""
        return Image.objects.filter(content_hash=digest).first()


class LibrarySearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200)
