"""Characters a commenter's name may not hold, and those a comment shows.

A name is printed inline: in the thread, in the admin, in the subject and
first line of mails. A line break there forges lines of a moderator's mail
(and a header of a reply mail, which Django then refuses to send); a
direction override turns the text after it around; invisible characters
make two names look alike. So names refuse control characters (Unicode's
Cc, and line and paragraph separators) and the format characters (Cf) that
no script needs: only the zero-width joiner and non-joiner stay, which
Arabic, Persian and the Indic scripts (and emoji) need to be written.

A comment's text may quote such characters, but never hides them: each is
shown as the code point it is (``[U+202E]``), on the page and in mails.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError

JOINERS = {"\u200c", "\u200d"}
REFUSED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}
SHOWN_AS_IS = {"\n", "\t"}


def _refused(character):
    return (
        unicodedata.category(character) in REFUSED_CATEGORIES
        and character not in JOINERS
    )


def refused_in_name(name):
    """The characters of ``name`` a name may not have, in order, once each."""
    return list(dict.fromkeys(c for c in name if _refused(c)))


def clean_name(name):
    """A name without them, for write paths that cannot ask again (imports):
    line breaks and other controls become spaces, format characters go."""
    spaced = "".join(
        (" " if unicodedata.category(c) != "Cf" else "") if _refused(c) else c
        for c in name
    )
    return re.sub(r"\s+", " ", spaced).strip()


def code_point(character):
    return f"U+{ord(character):04X}"


def visible(text):
    """``text`` with each control or invisible format character written out."""
    text = text.replace("\r\n", "\n")
    return "".join(
        f"[{code_point(c)}]" if _refused(c) and c not in SHOWN_AS_IS else c
        for c in text
    )


def validate_name(name):
    if refused := refused_in_name(name):
        found = ", ".join(code_point(c) for c in refused)
        raise ValidationError(
            "A name cannot contain line breaks or invisible formatting "
            f"characters; this one has {found}."
        )
