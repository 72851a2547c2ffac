"""Spelling variants of a place name, as keys for the name index.

Arabic place names reach English news with the article written al-, el-, Al-,
ad-/an-/ash- (assimilated) or dropped altogether ("al-Mawasi", "Mawasi"), and
with or without apostrophes ("Khuza'a", "Khuzaa"). The index stores every
variant under the normalised key, so the text can use any of them.
"""
from __future__ import annotations

import re

from mapapp.normalize import name_key

_ARTICLES = ("al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ath", "adh")
_ARTICLE_RE = re.compile(r"^(?:%s) " % "|".join(_ARTICLES))


def name_variants(name: str) -> set[str]:
    # A leading ayn or quote ("‘Irāq") is no part of the name as English writes it.
    key = name_key(name).strip(" '\"")
    if not key:
        return set()
    out = {key}
    if "'" in key:
        out.add(key.replace("'", ""))
    tokens = key.split(" ")
    # al-/el- inside a name ("deir al balah" ~ "deir el balah")
    for i, tok in enumerate(tokens[:-1]):
        if tok in ("al", "el"):
            for alt in ("al", "el"):
                out.add(" ".join(tokens[:i] + [alt] + tokens[i + 1 :]))
    # a leading article may be dropped ("al mawasi" ~ "mawasi") when what is left is a real word
    for variant in list(out):
        if _ARTICLE_RE.match(variant):
            rest = _ARTICLE_RE.sub("", variant, count=1)
            if len(rest) >= 4:
                out.add(rest)
                out.add("al " + rest)
                out.add("el " + rest)
    return {v for v in out if len(v) >= 2}
