from django.conf import settings
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ratelimits.models import consume
from seo.meta import PageMeta
from subscriptions.forms import SubscribeForm
from subscriptions.models import Subscriber
from subscriptions.tasks import send_confirmation
from web.client import client_ip
from web.origin import cross_origin_protected

# Sign-ups from one IP address, and mails to one address, per window (seconds).
IP_LIMIT, IP_WINDOW = 10, 60 * 60
ADDRESS_LIMIT, ADDRESS_WINDOW = 3, 24 * 60 * 60


@require_http_methods(["GET", "POST"])
@cross_origin_protected
def subscribe(request):
    """The sign-up form; the answer is the same whether or not the address
    is known, and the mail leaves from the task worker either way."""
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        return _page(request, "subscribe", "Get new articles by email", form=form)
    email, frequency = form.cleaned_data["email"], form.cleaned_data["frequency"]
    if not (
        consume("subscribe-ip", client_ip(request), limit=IP_LIMIT, window=IP_WINDOW)
        and consume(
            "subscribe-address", email, limit=ADDRESS_LIMIT, window=ADDRESS_WINDOW
        )
    ):
        return _page(request, "rate_limited", "Too many sign-ups", status=429)
    subscriber, _ = Subscriber.objects.get_or_create(
        email=email, defaults={"frequency": frequency}
    )
    transaction.on_commit(lambda: send_confirmation.enqueue(subscriber.pk, frequency))
    return _page(request, "check_your_inbox", "Check your inbox")


@require_http_methods(["GET", "POST"])
@never_cache
@cross_origin_protected
def confirm(request, token):
    """GET: a page with a button (mail scanners follow links). POST: confirm."""
    if request.method == "POST":
        if Subscriber.confirm(token) is None:
            return _link_gone(request)
        return _page(request, "confirmed", "Subscribed")
    if not Subscriber.objects.by_token(token).exists():
        return _link_gone(request)
    return _page(request, "confirm", "Confirm your subscription")


@require_http_methods(["GET", "POST"])
@never_cache
@csrf_exempt  # one-click unsubscribe (RFC 8058) posts from the mail provider
def unsubscribe(request, pk, token):
    """GET: a page with a button. POST: unsubscribe, from it or from a mail
    client's one-click button. Unknown links get the same pages."""
    if request.method == "POST":
        subscriber = Subscriber.objects.filter(pk=pk).first()
        if subscriber is not None and subscriber.owns(token):
            subscriber.delete()
        return _page(request, "unsubscribed", "Unsubscribed")
    return _page(request, "unsubscribe", "Unsubscribe")


def _link_gone(request):
    return _page(request, "link_gone", "Link expired", status=410)


def _page(request, name, title, *, status=200, **context):
    """One of the sign-up pages. Only the blank form is for search engines:
    the rest answer a form or carry a mailed token."""
    form_page = reverse("subscriptions:subscribe")
    context["seo"] = PageMeta(
        title=title,
        description=f"Get new articles of {settings.SITE_NAME} by email, each one "
        "or a weekly digest.",
        path=form_page,
        noindex=not (name == "subscribe" and request.method == "GET"),
    )
    return render(request, f"subscriptions/{name}.html", context, status=status)
