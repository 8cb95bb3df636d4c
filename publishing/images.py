"""Images in any publishable's Markdown: those from other sites are copied
into the media library on save, so readers' browsers never fetch them there."""

import re
import time

from django.core.exceptions import ValidationError

from library import uploads
from library.conf import settings as library_settings
from library.fetch import fetch
from library.markup import library_id
from library.models import Image
from outbound.client import OutboundError
from publishing.markdown import images_in, render_markdown

OUTSIDE_IMAGE = re.compile(r'<(?:img|source)\b[^>]*\ssrc="(?:https?:)?//', re.I)


def images_into_library(body, *, live_body=""):
    """The Markdown with outside images copied into the library, and the
    warnings ({address: message}) about those left where they are.

    Raises ValidationError, with one message per image, for an image that
    cannot be copied or a library image that does not exist; the editor's
    text is left as it was. An outside image readers already see in the live
    version (``live_body``) does not stop the save: it stays, shown as a
    placeholder linking to it, and the warning says so.
    """
    deadline = time.monotonic() + library_settings.MEDIA_FETCH_TIMEOUT
    already_live = {str(token.attrs["src"]) for token in images_in(live_body)}
    problems, warnings, copied = [], {}, {}
    for token in images_in(body):
        src = str(token.attrs["src"])
        number = library_id(src)
        if number is not None:
            if not Image.objects.filter(pk=number).exists():
                problems.append(f"There is no image {number} in the media library.")
        elif src.startswith(("http://", "https://", "//")) and src not in copied:
            try:
                copied[src] = _copy(src, alt=token.content, deadline=deadline)
            except (OutboundError, ValidationError) as error:
                copied[src] = None
                reason = (
                    error.messages[0]
                    if isinstance(error, ValidationError)
                    else str(error)
                )
                if src in already_live:
                    warnings[src] = (
                        f"The image at {src} is still on the other site ({reason}); "
                        "readers see a placeholder linking to it. Upload it to "
                        "the library to show it here."
                    )
                    continue
                problems.append(
                    f"The image at {src} could not be copied into the media "
                    f"library: {reason}. Upload it to the library instead, or "
                    "remove it."
                )
    if problems:
        raise ValidationError(problems)
    for src, image in copied.items():
        if image is None:
            continue
        for before, after in (("](", ""), ("](<", ">"), ("]: ", "")):
            body = body.replace(
                f"{before}{src}{after}", f"{before}image:{image.pk}{after}"
            )
    if OUTSIDE_IMAGE.search(render_markdown(body).html):
        raise ValidationError(
            "An image written in HTML points outside the site, where readers' "
            "browsers may not fetch it: write it in Markdown, "
            "![description](address), so it is copied into the media library."
        )
    return body, warnings


def _copy(src, *, alt, deadline):
    url = f"https:{src}" if src.startswith("//") else src
    data = fetch(url, deadline=deadline)
    name = url.split("?")[0].rstrip("/").rpartition("/")[2] or "image"
    return uploads.add_to_library(
        data, name=name, source_url=url[:2000], alt_text=alt[:300]
    )
