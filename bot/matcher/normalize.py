"""Text normalisation shared by the symptom matcher and the engine's option matching."""

from __future__ import annotations

import re

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def normalize(text: str) -> str:
    """Lower-case, ё -> е, punctuation and emoji -> spaces, single spaces."""
    text = text.lower().replace("ё", "е")
    return " ".join(_NON_WORD.sub(" ", text).split())
