from django.core.management.base import BaseCommand

from articles.spelling import refresh_vocabulary


class Command(BaseCommand):
    help = (
        "Count the words of the published articles for the search's spelling "
        "suggestions (run hourly, so scheduled articles' words join in)."
    )

    def handle(self, *args, **options):
        refresh_vocabulary.call()
