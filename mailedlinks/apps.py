from django.apps import AppConfig


class MailedLinksConfig(AppConfig):
    name = "mailedlinks"
    verbose_name = "Mailed links"
