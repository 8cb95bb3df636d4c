from django.apps import AppConfig


class FederationConfig(AppConfig):
    """The site on the fediverse and the IndieWeb: followed from Mastodon,
    articles delivered to followers, replies and webmentions as comments."""

    name = "federation"
    verbose_name = "Fediverse"

    def ready(self):
        from federation import notice, signals  # noqa: F401 - connects the receivers
        from privacy import notice as privacy_notice

        privacy_notice.register(notice.facts)
