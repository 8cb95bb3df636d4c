from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
        help_text="The six digits your authenticator app shows now, or one of "
        "your backup codes.",
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())
