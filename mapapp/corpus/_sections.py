"""Split an article's text into body, reader comments and boilerplate.

Works line by line on the text as read (offsets are never shifted): a line is
boilerplate when it is site furniture (navigation, paywall, share buttons,
cookie notices, copyright), a teaser heading ("More from this author") turns
the rest into boilerplate, and a comment thread turns the rest into comments.
A thread is found by a heading ("12 comments", "Leave a reply"), by runs of
comment furniture ("2 days ago", "Reply"), or, when pages were scraped without
either, by the switch from reported prose to a run of conversational posts.
"""
from __future__ import annotations

import re

from mapapp.model import Section

_I = re.IGNORECASE

# Whole lines that are site furniture rather than article text.
_BOILERPLATE_LINE = re.compile(
    r"""^(
      skip\ to\ (the\ )?(main\ )?(content|navigation|search)|jump\ to\ (main\ )?content
    | (main\ )?menu|toggle\ navigation|back\ to\ top|home|search|close
    | advertisement(\ -\ scroll\ to\ continue(\ with\ content)?)?|sponsored(\ content)?
    | you\ have\ reached\ (the|your)\ .{0,30}limit.*|you[’']ve\ reached\ .{0,40}limit.*
    | subscribe(\ (now|today|here))?(\ to\ (continue|keep)\ reading.*)?[.!]?
    | (sign\ up|sign\ in|log\ ?in|register)(\ (now|here|today|for\ free))?(\ (to|for|with)\ .{0,60})?[.!]?
    | already\ a\ (subscriber|member).*|become\ a\ (member|subscriber|supporter|patron).*
    | (support|donate\ to)\ (the\ |us|our\ ).{0,50}|donate(\ now|\ today)?[.!]?
    | (the\ )?(\d+(st|nd|rd|th)\ )?(anniversary\ |annual\ |fighting\ |fund(raising)?\ |donation\ |readers?[’']?\ |winter\ |summer\ )+(fund\ )?appeal
    | share(\ (this|the)\ (article|story|page|post))?(\ on\ \w+)?:?|tweet|e-?mail|print|copy\ link
    | facebook|twitter|x|whatsapp|linkedin|reddit|telegram|pinterest|bluesky|mastodon
    | (all\ rights\ reserved|copyright\b|©).{0,120}|.{0,120}all\ rights\ reserved\.?
    | (privacy\ policy|terms\ (of\ (use|service)|and\ conditions)|cookie\ (policy|settings))(\ [|·•]\ .{0,80})?
    )$""",
    _I | re.VERBOSE,
)
_COOKIE = re.compile(r"\bcookies?\b", _I)
_COOKIE_NOTICE = re.compile(
    r"\b(this|our)\ (site|website)|\bconsent\b|\baccept\ (all|cookies|our\ use)|\bwe\ use\ cookies|cookie\ (policy|settings|preferences)"
    r"|browsing\ experience|(improve|enhance)\ your\ experience|by\ continuing",
    _I | re.VERBOSE,
)

# Headings after which the rest of the page is teasers for other articles.
_TEASER_HEADING = re.compile(
    r"""^(more\ from\ (this|the|our)\ (author|writer|columnist|section|site|series|reporter|correspondent)|more\ from\ [^.!?]{1,40}|related(\ (articles|stories|posts|content|news|coverage))?|read\ (more|next|also)(\ on\ .{1,30})?
    |you\ (may|might)\ also\ (like|be\ interested\ in)|recommended(\ for\ you|\ stories|\ articles)?|most\ (read|popular|viewed)
    |trending(\ now)?|latest\ (news|stories|articles)):?$""",
    _I | re.VERBOSE,
)

# Headings that open a reader-comment thread.
_COMMENTS_HEADING = re.compile(
    r"""^(\d[\d,]*\ (comments?|responses?|replies|thoughts\ on\ .*)|comments?(\ \(\d+\))?|reader\ comments|readers[’']\ comments
    |leave\ a\ (comment|reply)|post\ a\ comment|add\ a\ comment|show\ comments|view\ comments|(join|start)\ the\ (conversation|discussion)
    |discussion|\d+\ thoughts?\ on\ .*)[:.]?$""",
    _I | re.VERBOSE,
)

# Furniture that sits between posts of a comment thread.
_COMMENT_META = re.compile(
    r"""^(\d+\ (second|minute|min|hour|hr|day|week|month|year)s?\ ago|(a|an|one)\ (minute|hour|day|week|month|year)\ ago|just\ now|yesterday
    |reply|like|likes?\ \(\d+\)|\d+\ (likes?|replies|upvotes?)|report|flag|upvote|downvote|permalink|edited
    |.{3,40}\ (says|said|wrote):?
    |\w+\ \d{1,2},\ \d{4}\ at\ \d{1,2}:\d{2}\ ?(am|pm)?)$""",
    _I | re.VERBOSE,
)

# Cues of a conversational post: first/second person and exclamations outside quotations,
# replies that open with an interjection, shouted words.
_QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")
_PERSONAL = re.compile(r"\b(I|I[’'](m|d|ve|ll)|me|my|mine|you|your|yours|you[’'](re|ve|d|ll))\b")
_INTERJECTION = re.compile(r"^(yes|no|so|well|indeed|lol|haha\w*|wow|agreed?|exactly|nope|yep|oh|ok|okay|thanks?)\b", _I)
_SHOUT = re.compile(r"\b[A-Z]{3,}!")

_MIN_THREAD_POSTS = 8  # a handful of chatty lines is an op-ed, not a thread
_THREAD_CUE_RATE = 0.35  # share of posts in a thread that carry a conversational cue
_PROSE_CUE_RATE = 0.15  # the reported article before it hardly has any


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, line) for each line; end includes the newline so spans tile the text."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        out.append((pos, pos + len(line), line.rstrip("\n")))
        pos += len(line)
    return out


def is_boilerplate_line(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if len(s) <= 160 and _BOILERPLATE_LINE.match(s):
        return True
    return len(s) <= 400 and bool(_COOKIE.search(s)) and bool(_COOKIE_NOTICE.search(s))


def _is_conversational(line: str) -> bool:
    unquoted = _QUOTED.sub("", line)
    return bool(
        _PERSONAL.search(unquoted)
        or "!" in unquoted
        or "?" in unquoted
        or _INTERJECTION.match(unquoted.strip())
        or _SHOUT.search(line)
    )


def _comment_meta_start(lines: list[str]) -> int | None:
    """First line of a thread marked by post furniture (two meta lines within six lines)."""
    metas = [i for i, s in enumerate(lines) if s.strip() and _COMMENT_META.match(s.strip())]
    for n, i in enumerate(metas):
        if n + 1 < len(metas) and metas[n + 1] - i <= 6:
            # The author's name usually sits on the line just above the timestamp.
            prev = i - 1
            if prev >= 0 and 0 < len(lines[prev].strip()) <= 40 and not lines[prev].rstrip().endswith((".", ":")):
                return prev
            return i
    return None


def _conversational_start(lines: list[str], candidates: list[int]) -> int | None:
    """Where reported prose turns into a run of conversational posts, if it clearly does."""
    if len(candidates) < 3 + _MIN_THREAD_POSTS:  # no room for prose and a thread after it: spare reading the cues
        return None
    cues = [1 if _is_conversational(lines[i]) else 0 for i in candidates]
    best_k, best_gain, gain = None, 0.0, 0.0
    for k in range(len(cues) - 1, -1, -1):  # best suffix: most cues above the expected rate
        gain += cues[k] - _THREAD_CUE_RATE
        if gain > best_gain:
            best_k, best_gain = k, gain
    if best_k is None or best_k < 3:
        return None
    thread, prose = cues[best_k:], cues[:best_k]
    if len(thread) < _MIN_THREAD_POSTS or sum(prose) / len(prose) > _PROSE_CUE_RATE:
        return None
    if sum(thread) / len(thread) < _THREAD_CUE_RATE:
        return None
    return candidates[best_k]


def find_sections(text: str, *, header_end: int = 0) -> tuple[Section, ...]:
    """Sections that tile ``text`` exactly; ``header_end`` marks a metadata header as boilerplate."""
    if not text:
        return ()
    spans = _lines(text)
    lines = [s for _, _, s in spans]
    kinds = ["body"] * len(spans)

    tail_from, tail_kind = len(spans), "body"
    for i, s in enumerate(lines):
        stripped = s.strip()
        if stripped and _COMMENTS_HEADING.match(stripped):
            tail_from, tail_kind = i, "comments"
            break
        if stripped and _TEASER_HEADING.match(stripped) and len(stripped) <= 60:
            tail_from, tail_kind = i, "boilerplate"
            # A comment thread after the teasers is still comments.
            for j in range(i + 1, len(lines)):
                if lines[j].strip() and _COMMENTS_HEADING.match(lines[j].strip()):
                    for k in range(j, len(lines)):
                        kinds[k] = "comments"
                    break
            break
    if tail_kind == "body":
        meta = _comment_meta_start(lines)
        if meta is not None:
            tail_from, tail_kind = meta, "comments"
    boilerplate = [is_boilerplate_line(s) for s in lines]  # read twice below, its regexes run once a line
    if tail_kind == "body":
        prose = [i for i, s in enumerate(lines) if s.strip() and not boilerplate[i]]
        start = _conversational_start(lines, prose)
        if start is not None:
            tail_from, tail_kind = start, "comments"
    for i in range(tail_from, len(spans)):
        if kinds[i] == "body":
            kinds[i] = tail_kind

    for i, furniture in enumerate(boilerplate):
        if furniture and kinds[i] != "comments":
            kinds[i] = "boilerplate"
    # Blank lines belong with what precedes them, so a block is not cut by its own spacing.
    for i, s in enumerate(lines):
        if not s.strip() and i > 0:
            kinds[i] = kinds[i - 1]

    sections: list[Section] = []
    if header_end > 0:
        sections.append(Section("boilerplate", 0, min(header_end, len(text))))
    for (start, end, _), kind in zip(spans, kinds):
        start = max(start, header_end)
        if start >= end:
            continue
        if sections and sections[-1].kind == kind and sections[-1].end == start:
            sections[-1] = Section(kind, sections[-1].start, end)
        else:
            sections.append(Section(kind, start, end))
    return tuple(sections)
