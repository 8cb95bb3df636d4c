from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PublishingConfig(AppConfig):
    """What every kind of content shares: the publishable base, its Markdown,
    its lifecycle handlers, and the entry other apps attach to."""

    name = "publishing"
    verbose_name = "Publishing"

    def ready(self):
        from pagecache.versions import register_timer
        from publishing import signals
        from publishing.addresses import publishable_models

        post_migrate.connect(signals.draw_missing_share_cards, sender=self)
        # Pages change by the clock too: a page cached before an article or
        # page goes live, expires or closes to comments must not outlast it.
        for model in publishable_models():
            register_timer(model.objects.next_change)
