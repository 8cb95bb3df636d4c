from django import forms

from seo.models import SearchEngineFields


class SearchEngineForm(forms.ModelForm):
    """The admin form of anything with SearchEngineFields: a canonical URL
    typed without its scheme is taken as https://."""

    canonical_url = forms.URLField(
        label="Canonical URL",
        required=False,
        assume_scheme="https",
        help_text=SearchEngineFields._meta.get_field("canonical_url").help_text,
    )
