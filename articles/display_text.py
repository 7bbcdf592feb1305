"""Titles as readers see them: the importer's full-width punctuation between Chinese
characters, and `……` for an elision typed as `...` or a lone `…`.

Applied on display, so titles stored before the importer normalised them (or typed by
editors with ASCII marks) read the same as the body text.
"""

import re

from .importer.punctuation import full_width

_ELISION = re.compile(r"\.{3,}|…+")


def display_title(title: str) -> str:
    return _ELISION.sub("……", full_width(title))
