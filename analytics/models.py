"""What is kept of reading, one row per day: counts, never readers.

The task `fold_counts` writes these rows from the counts the workers gather
in the shared cache (analytics/fold.py); nothing here names a visitor.
"""

from django.db import models
from django.db.models import Sum

from publishing.models import Entry


class DailyCountQuerySet(models.QuerySet):
    def between(self, first, last):
        """Rows of the days from ``first`` to ``last``, both included."""
        return self.filter(day__gte=first, day__lte=last)

    def per_day(self):
        """{day: {"views", "reads", "visitors"}} summed over entries."""
        rows = self.values("day").annotate(
            views_sum=Sum("views"), reads_sum=Sum("reads"), visitors_sum=Sum("visitors")
        )
        return {
            row["day"]: {
                "views": row["views_sum"],
                "reads": row["reads_sum"],
                "visitors": row["visitors_sum"],
            }
            for row in rows
        }

    def top(self, count):
        """The entries most viewed, with their sums, most first."""
        return (
            self.values(
                "entry",
                "entry__title",
                "entry__path",
                "entry__object_id",
                "entry__content_type__app_label",
                "entry__content_type__model",
            )
            .annotate(
                views_sum=Sum("views"),
                reads_sum=Sum("reads"),
                visitors_sum=Sum("visitors"),
            )
            .order_by("-views_sum", "entry__title")[:count]
        )


class DailyCount(models.Model):
    """How often one article or page was opened and read on one day (UTC)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    views = models.PositiveIntegerField(
        default=0, help_text="Times the page was opened (bots and staff left out)."
    )
    reads = models.PositiveIntegerField(
        default=0,
        help_text="Views where the reader stayed on the page a while or scrolled "
        "to the middle of its text.",
    )
    visitors = models.PositiveIntegerField(
        default=0,
        help_text="Different visitors that day, told apart by a key that changes "
        "daily; readers asking not to be tracked are views only.",
    )

    objects = DailyCountQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "day"], name="one_count_a_day")
        ]
        indexes = [models.Index(fields=["day"], name="count_day_idx")]

    def __str__(self):
        return f"{self.entry} on {self.day}"


class DailyVisitors(models.Model):
    """Different visitors to the site's articles and pages on one day (UTC)."""

    day = models.DateField(unique=True)
    visitors = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "daily visitors"

    def __str__(self):
        return f"{self.visitors} visitors on {self.day}"


class SumsQuerySet(models.QuerySet):
    def between(self, first, last):
        return self.filter(day__gte=first, day__lte=last)

    def ranked(self, field, count):
        """``field``'s values with their summed counts, most first."""
        return (
            self.values(field)
            .annotate(total=Sum("count"))
            .order_by("-total", field)[:count]
        )


class DailyReferrer(models.Model):
    """Views that came from a link on another site, by that site's host name."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    host = models.CharField(max_length=253)
    count = models.PositiveIntegerField(default=0)

    objects = SumsQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "day", "host"], name="one_referrer_count_a_day"
            )
        ]

    def __str__(self):
        return f"{self.host} → {self.entry} on {self.day}"


class DailySearch(models.Model):
    """A search of the site that found no article: its words and how often."""

    day = models.DateField()
    query = models.CharField(max_length=200)
    count = models.PositiveIntegerField(default=0)

    objects = SumsQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "query"], name="one_search_a_day")
        ]

    def __str__(self):
        return f"“{self.query}” on {self.day}"


class FunnelStep(models.Model):
    """Of the visitors who opened ``start`` (a series' first part) one day,
    how many opened ``step`` (a later part, or ``start`` itself) after it."""

    day = models.DateField()
    start = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="+")
    step = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="+")
    visitors = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "start", "step"], name="one_funnel_step_a_day"
            )
        ]

    def __str__(self):
        return f"{self.start} → {self.step} on {self.day}"
