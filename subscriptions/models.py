"""Readers who get new articles by email, and the mails each one was sent."""

from datetime import timedelta

from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from mailedlinks.models import MailedToken
from mailedlinks.tokens import bound_token, is_bound_token

# How long a confirmation link works; unconfirmed sign-ups are deleted after it.
TOKEN_LIFETIME = timedelta(hours=48)
# Articles that went live longer ago than this are no longer news to mail.
NEWS_WINDOW = timedelta(days=8)
UNSUBSCRIBE_PURPOSE = "subscriptions.unsubscribe"


class Frequency(models.TextChoices):
    EACH = "each", "Each new article"
    WEEKLY = "weekly", "A weekly digest"


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)

    def expired(self):
        """Sign-ups never confirmed, older than their link's lifetime, whose
        link no longer works."""
        now = timezone.now()
        return (
            self.unconfirmed()
            .filter(created_at__lt=now - TOKEN_LIFETIME)
            .exclude(links__expires_at__gt=now)
        )

    def of(self, email):
        return self.filter(email__iexact=email.strip())


class Subscriber(models.Model):
    email = models.EmailField(max_length=254)
    frequency = models.CharField(
        max_length=10, choices=Frequency, default=Frequency.EACH
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the reader confirmed the address; mails go only to "
        "confirmed addresses, and only about articles live since then.",
    )

    objects = SubscriberQuerySet.as_manager()

    # Pages never show subscribers: saving one renews no cached page.
    shown_on_pages = False

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="one_subscription_per_email")
        ]
        permissions = [
            ("see_subscriber_addresses", "Can see the addresses of subscribers")
        ]

    def __str__(self):
        # Shown in the admin and its history, so never the address.
        return f"Subscriber #{self.pk}"

    def new_token(self):
        """Save the sign-up, and return a fresh confirmation token for it.

        Only its hash is stored; an earlier link stops working.
        """
        with transaction.atomic():
            self.save()
            self.links.all().delete()
            return SignUpLink.issue(subscriber=self, lifetime=TOKEN_LIFETIME)

    @classmethod
    def waiting(cls, token):
        """The sign-up this confirmation token belongs to, while it works."""
        link = SignUpLink.holder(token)
        return link.subscriber if link else None

    @classmethod
    def confirm(cls, token):
        """Confirm the sign-up this token belongs to; None if it no longer works."""
        with transaction.atomic():
            link = SignUpLink.redeem(token)
            if link is None:
                return None
            subscriber = cls.objects.select_for_update().get(pk=link.subscriber_id)
            subscriber.confirmed_at = subscriber.confirmed_at or timezone.now()
            subscriber.save()
        return subscriber

    def news(self):
        """Live articles not yet mailed to this subscriber, oldest first.

        Only articles that went live since the address was confirmed, and
        recently enough to be news.
        """
        since = max(self.confirmed_at, timezone.now() - NEWS_WINDOW)
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .exclude(pk__in=self.deliveries.values("article"))
            .order_by("published_at", "pk")
        )

    def unsubscribe_token(self):
        """A token for the links in every mail (unsubscribe, how often):
        stable, unforgeable, bound to the address."""
        return bound_token(UNSUBSCRIBE_PURPOSE, pk=self.pk, email=self.email)

    def unsubscribe_url(self):
        return reverse(
            "subscriptions:unsubscribe",
            kwargs={"pk": self.pk, "token": self.unsubscribe_token()},
        )

    def manage_url(self):
        """The page where the reader changes how often mail comes."""
        return reverse(
            "subscriptions:manage",
            kwargs={"pk": self.pk, "token": self.unsubscribe_token()},
        )

    def owns(self, token):
        return is_bound_token(token, UNSUBSCRIBE_PURPOSE, pk=self.pk, email=self.email)


class SignUpLink(MailedToken):
    """The link that confirms a sign-up (mailedlinks.models)."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="links"
    )

    def __str__(self):
        return f"Confirmation link #{self.pk}"


class Delivery(models.Model):
    """One article mailed to one subscriber: claimed before it is sent."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="deliveries"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    shown_on_pages = False

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "article"], name="one_mail_per_article"
            )
        ]

    def __str__(self):
        return f"Article #{self.article_id} to subscriber #{self.subscriber_id}"

    @classmethod
    def claim(cls, *, subscriber, articles):
        """The articles of ``articles`` this call may mail to ``subscriber``.

        Each is claimed by inserting its row: a second worker, or a second
        run, finds the row there and leaves the article out.
        """
        claimed = []
        for article in articles:
            try:
                with transaction.atomic():
                    cls.objects.create(subscriber=subscriber, article=article)
            except IntegrityError:
                continue
            claimed.append(article)
        return claimed

    @classmethod
    def release(cls, *, subscriber, articles):
        """Give back claims whose mail could not be sent, so a later run retries."""
        cls.objects.filter(subscriber=subscriber, article__in=articles).delete()
