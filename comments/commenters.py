"""What the site keeps about commenters beside their comments.

- Mailed links (``CommenterToken``): to confirm a comment's address, and to
  open the comments of an address. Single use, expiring, stored as hashes.
- Reply subscriptions: a commenter's wish to be mailed about replies.
- The log of what commenters did themselves, for editors, without addresses.

Comments are referred to by name: comments.models imports this module.
"""

from datetime import timedelta

from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from web.mailed_links import new_token, token_hash

# A commenter's link to their comments works once, for an hour; the page it
# opens keeps working in that browser for half an hour.
MANAGE_LINK_LIFETIME = timedelta(hours=1)
MANAGE_SESSION_LIFETIME = timedelta(minutes=30)


def address_key(email, *, purpose):
    """A keyed hash of an address: stands for it without showing it."""
    return salted_hmac(
        f"comments.{purpose}", email.strip().lower(), algorithm="sha256"
    ).hexdigest()


class Purpose(models.TextChoices):
    CONFIRM = "confirm", "Confirm a comment's address"
    MANAGE = "manage", "Open the comments of an address"
    BROWSER = "browser", "A browser showing the comments of an address"


class CommenterTokenQuerySet(models.QuerySet):
    def usable(self, purpose, token):
        return self.filter(
            purpose=purpose, token_hash=token_hash(token), expires_at__gt=timezone.now()
        )

    def expired(self):
        return self.filter(expires_at__lte=timezone.now())


class CommenterToken(models.Model):
    """A link mailed to a commenter (or a browser's key to their comments)."""

    purpose = models.CharField(max_length=10, choices=Purpose)
    email = models.EmailField(max_length=254)
    comment = models.ForeignKey(
        "comments.Comment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Only a hash: a copy of the database opens nothing.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    objects = CommenterTokenQuerySet.as_manager()

    def __str__(self):
        # Never the address: the admin and its history show this.
        return f"{self.get_purpose_display()} #{self.pk}"

    @classmethod
    def issue(cls, *, purpose, email, lifetime, comment=None):
        """Store a new token and return it; only its hash is kept."""
        token, hashed = new_token()
        cls.objects.create(
            purpose=purpose,
            email=email,
            comment=comment,
            token_hash=hashed,
            expires_at=timezone.now() + lifetime,
        )
        return token

    @classmethod
    def redeem(cls, purpose, token):
        """Use up a token: the row it stood for, or None if it no longer works."""
        with transaction.atomic():
            row = cls.objects.select_for_update().usable(purpose, token).first()
            if row is not None:
                row.delete()
        return row

    @classmethod
    def holder(cls, purpose, token):
        """The row a token stands for, while it works, without using it up."""
        return cls.objects.usable(purpose, token or "").first()


class ReplySubscriptionQuerySet(models.QuerySet):
    def of(self, email):
        return self.filter(email__iexact=email.strip())

    def active(self):
        """Subscriptions whose address was confirmed, and still is the comment's."""
        return self.filter(
            comment__email_confirmed_at__isnull=False,
            comment__email__iexact=models.F("email"),
        )

    def forgotten(self, *, unconfirmed_before):
        """Subscriptions of addresses erased or changed since, and of addresses
        never confirmed in time."""
        return self.exclude(comment__email__iexact=models.F("email")) | self.filter(
            comment__email_confirmed_at__isnull=True,
            created_at__lt=unconfirmed_before,
        )


class ReplySubscription(models.Model):
    """A commenter asked to be mailed when someone replies to their comment."""

    comment = models.OneToOneField(
        "comments.Comment",
        on_delete=models.CASCADE,
        related_name="reply_subscription",
    )
    email = models.EmailField(max_length=254)
    # Stands for the address in "stop all reply mails" links.
    address_key = models.CharField(max_length=64, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReplySubscriptionQuerySet.as_manager()

    def __str__(self):
        return f"Replies to comment #{self.comment_id}"

    def save(self, *args, **kwargs):
        self.address_key = address_key(self.email, purpose="replies")
        super().save(*args, **kwargs)

    def stop_token(self):
        """Unforgeable and bound to this subscription; works while it exists."""
        return salted_hmac(
            "comments.replies.stop",
            f"{self.pk}:{self.email.lower()}",
            algorithm="sha256",
        ).hexdigest()

    def owns(self, token):
        return constant_time_compare(token, self.stop_token())

    def stop_url(self):
        return reverse(
            "comments:stop_replies",
            kwargs={"pk": self.pk, "token": self.stop_token()},
        )

    def stop_all_url(self):
        return reverse("comments:stop_all_replies", kwargs={"key": self.address_key})


class Action(models.TextChoices):
    OPENED = "opened", "Opened their comments"
    EXPORTED = "exported", "Downloaded their data"
    DELETED = "deleted", "Deleted a comment"
    ERASED = "erased", "Erased all their data"


class CommenterAction(models.Model):
    """What a commenter did to their own data, for editors to see."""

    action = models.CharField(max_length=10, choices=Action)
    commenter = models.CharField(
        max_length=12,
        help_text="The same code for the same address, which is never kept here.",
    )
    detail = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = "commenter's own action"

    def __str__(self):
        return f"{self.get_action_display()} ({self.commenter})"

    @classmethod
    def record(cls, action, *, email, detail=""):
        return cls.objects.create(
            action=action, commenter=commenter_code(email), detail=detail
        )


def commenter_code(email):
    """The short code that stands for an address in the log."""
    return address_key(email, purpose="log")[:12]
