from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from mailedlinks import flow
from ratelimits.keys import mailbox, network
from ratelimits.models import consume
from seo.meta import PageMeta
from subscriptions.forms import FrequencyForm, SubscribeForm
from subscriptions.models import Subscriber
from subscriptions.tasks import send_confirmation, send_welcome
from web.client import client_ip
from web.origin import cross_origin_protected

# Sign-ups from one network, and mails to one mailbox, per window (seconds).
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
        consume(
            "subscribe-ip",
            network(client_ip(request)),
            limit=IP_LIMIT,
            window=IP_WINDOW,
        )
        and consume(
            "subscribe-address",
            mailbox(email),
            limit=ADDRESS_LIMIT,
            window=ADDRESS_WINDOW,
        )
    ):
        return _page(request, "rate_limited", "Too many sign-ups", status=429)
    subscriber, _ = Subscriber.objects.get_or_create(
        email=email, defaults={"frequency": frequency}
    )
    transaction.on_commit(lambda: send_confirmation.enqueue(subscriber.pk, frequency))
    return _page(request, "check_your_inbox", "Check your inbox")


class SubscriberPages:
    gone_template = "subscriptions/link_gone.html"
    canonical = "subscriptions:subscribe"

    @property
    def description(self):
        return _description()


class Confirm(SubscriberPages, flow.ButtonLink):
    """The mailed link that confirms a sign-up."""

    button_template = "subscriptions/confirm.html"
    title = "Confirm your subscription"

    def holder(self, token):
        return Subscriber.waiting(token)

    def use(self, token):
        subscriber = Subscriber.confirm(token)
        if subscriber is None:
            return None
        transaction.on_commit(lambda: send_welcome.enqueue(subscriber.pk))
        return self.page(
            "subscriptions/confirmed.html", "Subscribed", subscriber=subscriber
        )


@require_http_methods(["GET", "POST"])
@never_cache
@cross_origin_protected
def manage(request, pk, token):
    """The page every mail links to: change how often mail comes, or stop it.

    A link that is not a subscriber's own opens nothing, whether or not the
    subscriber exists.
    """
    subscriber = Subscriber.objects.confirmed().filter(pk=pk).first()
    if subscriber is None or not subscriber.owns(token):
        raise Http404("This link does not open a subscription.")
    form = FrequencyForm(
        request.POST if request.method == "POST" else None,
        initial={"frequency": subscriber.frequency},
    )
    saved = form.is_valid()
    if saved:
        subscriber.frequency = form.cleaned_data["frequency"]
        subscriber.save(update_fields=["frequency"])
    return flow.page(
        request,
        "subscriptions/manage.html",
        "Your subscription",
        description=_description(),
        path=reverse("subscriptions:subscribe"),
        form=form,
        saved=saved,
        subscriber=subscriber,
    )


class Unsubscribe(SubscriberPages, flow.StopLink):
    """Unsubscribe, from the page's button or a mail client's one-click
    button. Unknown links get the same pages."""

    button_template = "subscriptions/unsubscribe.html"
    title = "Unsubscribe"
    done_template = "subscriptions/unsubscribed.html"
    done_title = "Unsubscribed"

    def stop(self, *, pk, token):
        subscriber = Subscriber.objects.filter(pk=pk).first()
        if subscriber is not None and subscriber.owns(token):
            subscriber.delete()


def _description():
    return (
        f"Get new articles of {settings.SITE_NAME} by email, each one or a "
        "weekly digest."
    )


def _page(request, name, title, *, status=200, **context):
    """One of the sign-up pages. Only the blank form is for search engines:
    the rest answer it."""
    context["seo"] = PageMeta(
        title=title,
        description=_description(),
        path=reverse("subscriptions:subscribe"),
        noindex=not (name == "subscribe" and request.method == "GET"),
    )
    return render(request, f"subscriptions/{name}.html", context, status=status)
