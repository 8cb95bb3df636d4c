from django.apps import AppConfig


class WebConfig(AppConfig):
    """Cross-cutting pieces of every request: the client's address, the
    origin check, security headers, request logs, health and error pages."""

    name = "web"
    verbose_name = "Web"

    def ready(self):
        from django.core.signals import setting_changed

        from privacy import notice
        from web import notice as web_notice

        notice.register(web_notice.facts)
        setting_changed.connect(forget_fragments)


def forget_fragments(**kwargs):
    """Fragments kept in a worker's memory were rendered under the settings
    it started with; when settings change (in tests), none of them stands."""
    from django.core.cache import caches

    caches["fragments"].clear()
