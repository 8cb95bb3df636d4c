from django import forms


class MarkdownEditor(forms.Textarea):
    """A Markdown textarea that the editor script turns into the full editor.

    The script and its editor come from the site's own static files.
    """

    class Media:
        css = {"all": ("vendor/easymde/easymde.min.css", "css/editor.css")}
        js = ("vendor/easymde/easymde.min.js", "js/editor.js")

    def __init__(self, attrs=None):
        super().__init__({"class": "markdown-editor", **(attrs or {})})
