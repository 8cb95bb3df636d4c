from django import forms


class SearchForm(forms.Form):
    """The search box: Django's CharField refuses NUL characters on its own."""

    q = forms.CharField(required=False)
