from django.apps import AppConfig


class DatabaseConfig(AppConfig):
    """The site's PostgreSQL: the embedded server, backups, read replicas."""

    name = "database"
    verbose_name = "Database"
