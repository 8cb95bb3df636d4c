"""Work on library images done by the task worker, never in a reader's request."""

from django.db import transaction
from django.dispatch import Signal
from django_tasks import task

from library.models import Image
from library.renditions import make_renditions

# Sent by the task worker once an image's renditions are made, after every
# change to the image: what shows it renders it again (sender=Image, image=…).
image_ready = Signal()


@task()
def prepare_image(image_id):
    """Make the image's renditions, then have what shows it render it again."""
    image = Image.objects.filter(pk=image_id).first()
    if image is None:  # deleted since
        return
    make_renditions(image)
    image_ready.send(sender=Image, image=image)


def render_again_once_ready(image_ids):
    """After this save commits, announce any of these images (shown as their
    originals) whose renditions were made meanwhile.

    The worker renders again what shows an image once it is ready, but it may
    have looked before the article or page saving now was committed.
    """
    if not image_ids:
        return

    def announce():
        for image in Image.objects.filter(pk__in=image_ids).exclude(
            rendition_widths=[]
        ):
            image_ready.send(sender=Image, image=image)

    transaction.on_commit(announce)
