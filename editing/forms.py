from django import forms

from articles.models import Article, Author


class PreviewForm(forms.Form):
    """The article form's text as it stands in the editor, not yet saved."""

    article = forms.ModelChoiceField(Article.objects.all(), required=False)
    title = forms.CharField(max_length=200, required=False)
    slug = forms.SlugField(max_length=200, required=False)
    summary = forms.CharField(max_length=300, required=False)
    body = forms.CharField(required=False, strip=False)
    author = forms.ModelChoiceField(Author.objects.all(), required=False)
    seo_title = forms.CharField(max_length=200, required=False)
    meta_description = forms.CharField(max_length=300, required=False)


class DraftForm(forms.Form):
    title = forms.CharField(max_length=200, required=False)
    summary = forms.CharField(required=False)
    body = forms.CharField(required=False, strip=False)
    version = forms.IntegerField(min_value=1)
