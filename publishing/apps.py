from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PublishingConfig(AppConfig):
    """What every kind of content shares: the publishable base, its Markdown,
    its lifecycle handlers, and the entry other apps attach to."""

    name = "publishing"
    verbose_name = "Publishing"

    def ready(self):
        from publishing import signals

        post_migrate.connect(signals.draw_missing_share_cards, sender=self)
