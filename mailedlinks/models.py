"""What every app's single-use mailed links share."""

from django.db import models, transaction
from django.utils import timezone

from mailedlinks.tokens import new_token, token_hash


class MailedTokenQuerySet(models.QuerySet):
    def usable(self, token, **lookups):
        """The links ``token`` stands for while they work (``lookups`` narrow
        them, e.g. to a purpose)."""
        return self.filter(
            token_hash=token_hash(token or ""),
            expires_at__gt=timezone.now(),
            **lookups,
        )

    def expired(self):
        return self.filter(expires_at__lte=timezone.now())


class MailedToken(models.Model):
    """A link mailed to a reader: works once, until it expires.

    Only the token's hash is kept, so a copy of the database opens nothing.
    """

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    objects = MailedTokenQuerySet.as_manager()

    # Pages never show mailed links: saving one renews no cached page.
    shown_on_pages = False

    class Meta:
        abstract = True

    @classmethod
    def issue(cls, *, lifetime, **fields):
        """Store a new link and return its token; only the hash is kept."""
        token, hashed = new_token()
        cls.objects.create(
            token_hash=hashed, expires_at=timezone.now() + lifetime, **fields
        )
        return token

    @classmethod
    def redeem(cls, token, **lookups):
        """Use up a token: the row it stood for, or None if it no longer works."""
        with transaction.atomic():
            row = cls.objects.select_for_update().usable(token, **lookups).first()
            if row is not None:
                row.delete()
        return row

    @classmethod
    def holder(cls, token, **lookups):
        """The row a token stands for, while it works, without using it up."""
        return cls.objects.usable(token, **lookups).first()
