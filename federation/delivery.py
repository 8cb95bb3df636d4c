"""The site's activities delivered to inboxes, in the task worker only.

``send()`` stores an activity and one delivery per inbox (a server's shared
inbox once for all its followers), skipping dead inboxes and blocked
servers; the ``deliver`` task posts them, signed, a few at a time through
the outbound client. A server that is down or answers 429 or 5xx is tried
again on the FEDERATION_RETRY_MINUTES schedule; after the last try its inbox
is marked dead. One that refuses the activity (another 4xx) is not asked
again; one that says the inbox is gone (410) marks it dead at once.
"""

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django_tasks import task

from federation.actors import LocalActor
from federation.conf import settings
from federation.models import Activity, Block, Delivery, Host, Inbox, host_of
from federation.remote import remember_spec, send_signed
from outbound.client import OutboundError

HEADERS = {
    "Content-Type": "application/activity+json",
    "Accept": "application/activity+json",
}
# What sending changes on a delivery, written for all of a batch at once.
RECORDED = ("status", "attempts", "next_attempt_at", "last_error", "delivered_at")
# How long a worker holds the deliveries it took, should it die meanwhile.
LEASE = timedelta(minutes=30)


def send(document, *, actor, inboxes):
    """Store the activity and queue its delivery to each of ``inboxes``."""
    activity, _ = Activity.objects.get_or_create(
        activity_id=document["id"],
        defaults={"actor": actor.key, "type": document["type"], "payload": document},
    )
    targets = _inboxes({url for url in inboxes if url})
    Delivery.objects.bulk_create(
        [Delivery(activity=activity, inbox=inbox) for inbox in targets],
        ignore_conflicts=True,
    )
    transaction.on_commit(lambda: deliver.enqueue(activity.pk))
    return activity


def _inboxes(urls):
    """The inboxes at ``urls``, made where new; none dead or blocked."""
    domains = {host_of(url) for url in urls}
    Host.objects.bulk_create(
        [Host(domain=domain) for domain in domains], ignore_conflicts=True
    )
    hosts = dict(Host.objects.filter(domain__in=domains).values_list("domain", "pk"))
    Inbox.objects.bulk_create(
        [Inbox(url=url, host_id=hosts[host_of(url)]) for url in urls],
        ignore_conflicts=True,
    )
    refused = Block.objects.refused(urls)
    found = Inbox.objects.filter(url__in=urls, dead_at__isnull=True)
    return [inbox for inbox in found if inbox.url not in refused]


@dataclass(frozen=True)
class Outcome:
    delivered: bool = False
    retry: bool = False
    gone: bool = False
    spec: str = ""
    error: str = ""


@task()
def deliver(activity_pk):
    """Post the activity to every inbox due; schedule the next try of those
    that failed."""
    activity = Activity.objects.filter(pk=activity_pk).first()
    if activity is None:
        return
    actor = LocalActor.by_key(activity.actor) or LocalActor.site()
    body = json.dumps(activity.payload).encode()
    key_id, private_key = actor.key_id, actor.keys.private_key()
    due = _claim(activity)

    def post(delivery):
        return _post(delivery, body=body, key_id=key_id, private_key=private_key)

    with ThreadPoolExecutor(settings.FEDERATION_DELIVERY_THREADS) as pool:
        outcomes = list(pool.map(post, due))
    for delivery, outcome in zip(due, outcomes, strict=True):
        _record(delivery, outcome)
    Delivery.objects.bulk_update(due, RECORDED, batch_size=500)
    later = activity.deliveries.filter(status=Delivery.Status.PENDING).aggregate(
        at=Min("next_attempt_at")
    )["at"]
    if later is not None:
        deliver.using(run_after=later).enqueue(activity.pk)


def _claim(activity):
    """The deliveries due now, held for this worker (no other sends them)."""
    with transaction.atomic():
        due = list(
            activity.deliveries.due()
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("inbox__host")
        )
        Delivery.objects.filter(pk__in=[d.pk for d in due]).update(
            next_attempt_at=timezone.now() + LEASE
        )
    refused = Block.objects.refused({d.inbox.url for d in due})
    blocked = [d.pk for d in due if d.inbox.url in refused]
    Delivery.objects.filter(pk__in=blocked).update(
        status=Delivery.Status.STOPPED, last_error="blocked"
    )
    return [d for d in due if d.pk not in blocked]


def _post(delivery, *, body, key_id, private_key):
    """One delivery's POST; touches no database (it runs in a thread)."""
    try:
        answer, spec = send_signed(
            "POST",
            delivery.inbox.url,
            spec=delivery.inbox.host.signature_spec,
            key_id=key_id,
            private_key=private_key,
            body=body,
            headers=HEADERS,
        )
    except OutboundError as error:
        return Outcome(retry=not error.refused, error=str(error))
    if 200 <= answer.status < 300:
        return Outcome(delivered=True, spec=spec)
    error = f"its server answered {answer.status}"
    if answer.status == 410:
        return Outcome(gone=True, error=error)
    return Outcome(retry=answer.status == 429 or answer.status >= 500, error=error)


def _record(delivery, outcome):
    """Note how the delivery went (saved with its batch) and what it says
    of its inbox."""
    now, inbox = timezone.now(), delivery.inbox
    delivery.attempts += 1
    delivery.last_error = outcome.error[:300]
    schedule = settings.FEDERATION_RETRY_MINUTES
    if outcome.delivered:
        delivery.status, delivery.delivered_at = Delivery.Status.DELIVERED, now
        if inbox.failures:
            Inbox.objects.filter(pk=inbox.pk).update(failures=0)
        if outcome.spec != inbox.host.signature_spec:
            remember_spec(inbox.host.domain, outcome.spec)
    elif outcome.retry and delivery.attempts <= len(schedule):
        minutes = schedule[delivery.attempts - 1]
        delivery.next_attempt_at = now + timedelta(minutes=minutes)
        Inbox.objects.filter(pk=inbox.pk).update(failures=inbox.failures + 1)
    else:
        delivery.status = Delivery.Status.FAILED
        if outcome.retry or outcome.gone:
            _mark_dead(inbox)


def _mark_dead(inbox):
    """Nothing more goes to an inbox that failed for days, or is gone."""
    Inbox.objects.filter(pk=inbox.pk).update(
        dead_at=timezone.now(), failures=inbox.failures + 1
    )
    Delivery.objects.filter(inbox=inbox, status=Delivery.Status.PENDING).update(
        status=Delivery.Status.STOPPED, last_error="the inbox is dead"
    )
