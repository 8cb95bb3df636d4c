from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SeoConfig(AppConfig):
    name = "seo"
    verbose_name = "SEO"

    def ready(self):
        post_migrate.connect(sync_site, sender=self)


def sync_site(sender, using, **kwargs):
    """Keep the sites framework's record in step with SITE_URL and SITE_NAME.

    Sitemap indexes and redirects read the domain from it.
    """
    from django.conf import settings
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={
            "domain": settings.SITE_URL.split("://", 1)[1],
            "name": settings.SITE_NAME,
        },
    )
