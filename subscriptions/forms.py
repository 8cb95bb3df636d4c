from django import forms

from subscriptions.models import Frequency


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label="How often",
        choices=Frequency,
        initial=Frequency.EACH,
        widget=forms.RadioSelect,
    )


class SubscribeForm(FrequencyForm):
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        help_text="Used only to send you articles; never shown or shared.",
    )

    field_order = ["email", "frequency"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
