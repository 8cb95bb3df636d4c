"""What an article or page carries of its comments, kept by the comments app.

An abstract model here, beside Article, so that pages inherit it too while
the comments app builds on both (articles never imports comments).
"""

from django.db import models

COUNTED = ("comment_count", "comments_changed_at")


class CommentCounts(models.Model):
    comment_count = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Published comments, counted by the comments app as they change.",
    )
    comments_changed_at = models.DateTimeField(
        null=True,
        editable=False,
        help_text="When its published comments last changed, as counted; the "
        "cached comment thread is keyed by it.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding and kwargs.get("update_fields") is None:
            # The comments app keeps the counts: an editor's form loaded
            # before a comment was approved must not write the old ones back.
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not (field.primary_key or field.generated or field.name in COUNTED)
            ]
        super().save(*args, **kwargs)
