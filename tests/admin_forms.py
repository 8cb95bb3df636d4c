"""Submitting Django admin forms as a browser does."""

from django import forms

CHANGELIST = "/admin/articles/article/"


def change_form_data(response):
    """The POST data of the admin form shown in `response`, as a browser sends it."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue  # an empty file input sends nothing
        value = form[name].value()
        if hasattr(value, "time"):  # split date and time inputs
            data[f"{name}_0"], data[f"{name}_1"] = value.date(), value.time()
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update(
            {management[f].html_name: management[f].value() for f in management.fields}
        )
    return data


def save_in_admin(client, article, **changes):
    url = f"{CHANGELIST}{article.pk}/change/"
    data = {**change_form_data(client.get(url)), **changes}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response
