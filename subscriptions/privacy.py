"""Subscriptions in the export and erasure of an address, and in the privacy
notice; expiry of sign-ups."""

from datetime import timedelta

from subscriptions.models import TOKEN_LIFETIME, Subscriber


def notice_facts():
    return {"sign_up_hours": TOKEN_LIFETIME // timedelta(hours=1)}


def export_data(email):
    return [
        {
            "email": subscriber.email,
            "frequency": subscriber.frequency,
            "created_at": subscriber.created_at.isoformat(),
            "confirmed_at": _iso(subscriber.confirmed_at),
            "articles_sent": list(
                subscriber.deliveries.order_by("sent_at").values_list(
                    "article__title", flat=True
                )
            ),
        }
        for subscriber in Subscriber.objects.of(email)
    ]


def erase_data(email):
    """Delete the subscription of this address; return how many were deleted."""
    return Subscriber.objects.of(email).delete()[1].get("subscriptions.Subscriber", 0)


def expire_sign_ups():
    """Delete sign-ups whose confirmation link expired unused; return how many."""
    return Subscriber.objects.expired().delete()[1].get("subscriptions.Subscriber", 0)


def _iso(moment):
    return moment.isoformat() if moment else None
