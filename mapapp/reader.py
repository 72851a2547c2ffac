"""Article text for people: the sentence a mention sits in, and the text with mentions marked.

Both return escaped HTML (the text is untrusted) built with
:func:`mapapp.mapview.escape.safe_html`.
"""
from __future__ import annotations

from typing import Iterable

from mapapp import sentences
from mapapp.mapview.escape import safe_html

MAX_SENTENCE_CHARS = 320


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """[lo, hi) of the sentence around text[start:end], trimmed of whitespace."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    lo, hi = sentences.bounds(text, start, end)
    while lo < start and text[lo].isspace():
        lo += 1
    while hi > end and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def sentence_around(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> str:
    """The plain-text sentence holding a mention, shortened around it with '…' when long."""
    lo, hi = sentence_bounds(text, start, end)
    if hi - lo > limit:
        room = max(0, (limit - (end - start)) // 2)
        new_lo, new_hi = max(lo, start - room), min(hi, end + room)
        prefix = "…" if new_lo > lo else ""
        suffix = "…" if new_hi < hi else ""
        return prefix + text[new_lo:new_hi].strip() + suffix
    return text[lo:hi]


def sentence_html(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> str:
    """Like sentence_around, escaped, with the mention itself in <b>."""
    sentence = sentence_around(text, start, end, limit)
    surface = text[start:end]
    at = sentence.find(surface) if surface else -1
    if at < 0:
        return safe_html(sentence)
    return (
        safe_html(sentence[:at])
        + "<b>" + safe_html(surface) + "</b>"
        + safe_html(sentence[at + len(surface):])
    )


def highlight_html(
    text: str,
    spans: Iterable[tuple[int, int, str]],
    selected: tuple[int, int] | None = None,
) -> str:
    """The whole text escaped, each (start, end, title) span wrapped in <mark title=...>.

    Overlapping spans keep the first by start (then the longest); the span equal to
    ``selected`` gets the class ``selected`` and an id so the page can scroll to it.
    Line breaks become <br> so paragraphs survive inside one HTML block.
    """
    ordered = sorted({(int(s), int(e), str(t)) for s, e, t in spans if 0 <= s < e <= len(text)},
                     key=lambda x: (x[0], -x[1]))
    parts: list[str] = []
    pos = 0
    for start, end, title in ordered:
        if start < pos:
            continue
        parts.append(_escape_block(text[pos:start]))
        attrs = f' title="{safe_html(title)}"'
        if selected is not None and (start, end) == tuple(selected):
            attrs += ' class="selected" id="selected-mention"'
        parts.append(f"<mark{attrs}>{_escape_block(text[start:end])}</mark>")
        pos = end
    parts.append(_escape_block(text[pos:]))
    return "".join(parts)


def _escape_block(chunk: str) -> str:
    return safe_html(chunk).replace("\r\n", "\n").replace("\n", "<br>")
