from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = "Email subscriptions"

    def ready(self):
        from privacy import notice, personal_data
        from subscriptions import privacy, signals  # noqa: F401 - connects receivers

        personal_data.register(
            "subscriptions", export=privacy.export_data, erase=privacy.erase_data
        )
        notice.register(privacy.notice_facts)
