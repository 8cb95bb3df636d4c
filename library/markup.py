"""Library images in an article's HTML: <picture> with AVIF, WebP and a fallback.

Markdown names a library image by id, ``![alt](image:42)``, so neither a new
slug nor a new file name can break it.
"""

import re

from django.utils.html import format_html, format_html_join

REFERENCE = re.compile(r"^image:(\d{1,18})$")
# As written in Markdown: ](image:42 or ](<image:42
WRITTEN = re.compile(r"(\]\(<?)image:(\d{1,18})(?=[>)\s])")
# The article column is at most about 40rem wide; phones use the full width.
SIZES = "(min-width: 44rem) 40rem, calc(100vw - 2.25rem)"
CONTENT_TYPES = {"avif": "image/avif", "webp": "image/webp"}


def library_id(src):
    """The library image id an image address names, or None."""
    match = REFERENCE.match(src.strip())
    return int(match[1]) if match else None


def with_addresses(text, *, absolute):
    """Markdown with each library image named by the address of its file, for
    readers of the Markdown itself; ``absolute`` makes a path absolute."""
    from library.models import Image

    found = Image.objects.in_bulk({int(m[2]) for m in WRITTEN.finditer(text)})

    def address(match):
        image = found.get(int(match[2]))
        return f"{match[1]}{absolute(image.url)}" if image else match[0]

    return WRITTEN.sub(address, text)


def markdown_for(image, *, alt):
    """``![alt](image:42)``, with the brackets of ``alt`` escaped."""
    escaped = re.sub(r"([\\\[\]])", r"\\\1", alt.replace("\n", " "))
    return f"![{escaped}](image:{image.pk})"


def picture(image, *, alt, lazy):
    """The image at its natural size, in the sizes and formats made so far.

    Until the task worker has made the renditions, the original alone.
    """
    attributes = {
        "alt": alt,
        # Marked decorative in the library: screen readers and the audit skip it.
        **({"role": "presentation"} if image.decorative and not alt else {}),
        "width": image.width,
        "height": image.height,
        **({"loading": "lazy"} if lazy else {}),
        "decoding": "async",
    }
    if not image.rendition_widths:
        return format_html("<img {}>", _attributes({"src": image.url, **attributes}))
    fallback = image.fallback_format
    largest = image.rendition_widths[-1]
    sources = format_html_join(
        "",
        "<source {}>",
        (
            (
                _attributes(
                    {"type": kind, "srcset": image.srcset(format), "sizes": SIZES}
                ),
            )
            for format, kind in CONTENT_TYPES.items()
        ),
    )
    img = _attributes(
        {
            "src": image.url_of(image.rendition_name(width=largest, format=fallback)),
            "srcset": image.srcset(fallback),
            "sizes": SIZES,
            **attributes,
        }
    )
    return format_html("<picture>{}<img {}></picture>", sources, img)


def figure(image, *, alt, lazy):
    """The picture with its caption and credit under it."""
    credit = (
        format_html(' <span class="credit">{}</span>', image.credit)
        if image.credit
        else ""
    )
    return format_html(
        "<figure>{}<figcaption>{}{}</figcaption></figure>",
        picture(image, alt=alt, lazy=lazy),
        image.caption,
        credit,
    )


def _attributes(values):
    return format_html_join(" ", '{}="{}"', values.items())
