from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        from comments import notice, signals  # noqa: F401 - connects the receivers
        from privacy import notice as privacy_notice

        privacy_notice.register(notice.facts)
