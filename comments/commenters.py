"""What the site keeps about commenters beside their comments.

- Mailed links (``CommenterToken``): to confirm a comment's address, and to
  open the comments of an address. Single use, expiring, stored as hashes
  (mailedlinks.models).
- Reply subscriptions: a commenter's wish to be mailed about replies, and
  the links in reply mails that stop them (mailedlinks.tokens).
- The log of what commenters did themselves, for editors, without addresses.

Comments are referred to by name: comments.models imports this module.
"""

from datetime import timedelta

from django.db import models
from django.urls import reverse
from django.utils.crypto import salted_hmac

from mailedlinks.models import MailedToken
from mailedlinks.tokens import bound_token, is_bound_token, signed_token

# A commenter's link to their comments works once, for an hour; the page it
# opens keeps working in that browser for half an hour.
MANAGE_LINK_LIFETIME = timedelta(hours=1)
MANAGE_SESSION_LIFETIME = timedelta(minutes=30)
# "No more reply mails at all" stands for an address, not for one
# subscription that ends it: it works for a year after it was mailed, and
# each reply mail brings a fresh one.
STOP_ALL_LIFETIME = timedelta(days=365)
STOP_PURPOSE = "comments.replies.stop"
STOP_ALL_PURPOSE = "comments.replies.stop-all"


def address_key(email, *, purpose):
    """A keyed hash of an address: stands for it without showing it."""
    return salted_hmac(
        f"comments.{purpose}", email.strip().lower(), algorithm="sha256"
    ).hexdigest()


class Purpose(models.TextChoices):
    CONFIRM = "confirm", "Confirm a comment's address"
    MANAGE = "manage", "Open the comments of an address"
    BROWSER = "browser", "A browser showing the comments of an address"


class CommenterToken(MailedToken):
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

    def __str__(self):
        # Never the address: the admin and its history show this.
        return f"{self.get_purpose_display()} #{self.pk}"


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

    shown_on_pages = False

    def __str__(self):
        return f"Replies to comment #{self.comment_id}"

    def save(self, *args, **kwargs):
        self.address_key = address_key(self.email, purpose="replies")
        super().save(*args, **kwargs)

    def stop_token(self):
        """Unforgeable and bound to this subscription; works while it exists."""
        return bound_token(STOP_PURPOSE, pk=self.pk, email=self.email)

    def owns(self, token):
        return is_bound_token(token, STOP_PURPOSE, pk=self.pk, email=self.email)

    def stop_url(self):
        return reverse(
            "comments:stop_replies",
            kwargs={"pk": self.pk, "token": self.stop_token()},
        )

    def stop_all_url(self):
        """Stops every subscription of the address, for STOP_ALL_LIFETIME."""
        token = signed_token(STOP_ALL_PURPOSE, self.address_key)
        return reverse("comments:stop_all_replies", kwargs={"token": token})


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

    shown_on_pages = False

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
