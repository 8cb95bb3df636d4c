"""Work on library images done by the task worker, never in a reader's request."""

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
