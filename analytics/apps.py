from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "analytics"
    verbose_name = "Reading counts"

    def ready(self):
        from analytics import notice
        from privacy import notice as privacy_notice

        privacy_notice.register(notice.facts)
