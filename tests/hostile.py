"""A hostile corpus, written into a folder by the tests (nothing binary is committed).

    expected = write_hostile_corpus(tmp_path)   # {file name: Expect}

Each file is either readable (its articles must be parsed, with the places
listed in ``Expect.places`` found) or not (a ReadProblem naming it must say
``Expect.reason``). Payloads that would run script if some output forgot to
escape them set ``window.__pwned`` and call ``alert``: a browser test asserts
that neither happens.
"""
from __future__ import annotations

import codecs
import json
import random
from dataclasses import dataclass
from pathlib import Path

SCRIPT = "<script>window.__pwned=1;alert(1)</script>"
IMG = '<img src=x onerror="window.__pwned=1;alert(1)">'
TEMPLATE = "${window.__pwned=1}"
TICKS = "`${alert(1)}` back\\slash \\` \\u003c"
PAYLOADS = (SCRIPT, IMG, TEMPLATE, TICKS)
PAYLOAD = " ".join(PAYLOADS)
# File names may hold everything but '/' and NUL.
HOSTILE_FILE_NAME = "<img src=x onerror=alert(1)> ${alert(1)} `tick` back\\slash.txt"
BIG_NAME = "big-20mb.txt"
HOSTILE_TITLE = f"Ramallah rally {SCRIPT} {IMG} {TEMPLATE}"  # the first line of the hostile-named file: its title


ARABIC_KHAN_YOUNIS = "\u062e\u0627\u0646 \u064a\u0648\u0646\u0633"
HEBREW_GAZA = "\u05e2\u05d6\u05d4"
# Arabic and Hebrew lines, and bidi overrides and marks around Latin names.
RTL = (f"\u063a\u0627\u0631\u0627\u062a \u0639\u0644\u0649 {ARABIC_KHAN_YOUNIS} \u0627\u0644\u064a\u0648\u0645.\n"
       f"\u05ea\u05e7\u05d9\u05e4\u05d4 \u05d1 {HEBREW_GAZA}.\n"
       "Strikes on Gaza City, \u202eRafah\u202c and \u200fKhan Younis\u200f.\n")


@dataclass(frozen=True)
class Expect:
    readable: bool
    places: tuple[str, ...] = ()  # place names that must be found, as written (invisible characters removed)
    reason: str = ""  # unreadable: part of the ReadProblem's reason
    row_problems: int = 0  # readable multi-article files: rows skipped, each with its own ReadProblem
    articles: int = 1


def _binary(header: bytes, n: int = 4096) -> bytes:
    return header + random.Random(len(header)).randbytes(n)


def _html() -> str:
    return f"""<!doctype html><html><head><meta charset="utf-8">
<title>{SCRIPT.replace('<', '&lt;')} Strikes</title>
<script>window.__pwned = 1; alert("from the page's own script")</script></head>
<body><iframe src="javascript:window.__pwned=1"></iframe>
<article><h1>Strikes in the south</h1>
<p>Israeli strikes hit Khan Younis overnight, residents said, and the army told people to leave.</p>
<p>Families who fled to Deir al-Balah said the shelters there were full; aid agencies warned of disease.</p>
<p>One reader wrote &lt;script&gt;window.__pwned=1&lt;/script&gt; and ${{window.__pwned=1}} in a comment field,
which the site printed as text.</p>
<script>document.write('<img src=x onerror=alert(1)>')</script>
</article></body></html>"""


def _one_line(size: int = 1_000_000) -> str:
    # No sentence stop and no line break in a megabyte, with the words zone rules look for.
    filler = "troops moved from the north to the south of the area while the army said it would continue "
    return "Rafah " + filler * (size // len(filler)) + "near Jabalia"


def _big(size_mb: int) -> bytes:
    line = "Khan Younis was hit again as troops moved from the east to the west of the city and more.\n"
    return (line * (size_mb * 1_000_000 // len(line) + 1)).encode("ascii")


def hostile_files(big_mb: int = 20) -> dict[str, tuple[bytes, Expect]]:
    """File name -> (bytes, what reading it must give)."""
    files: dict[str, tuple[bytes, Expect]] = {
        # Readable ones, each with places to find.
        "plain report.txt": (b"Israeli strikes hit Khan Younis and Rafah on Monday, officials said.\n",
                             Expect(True, ("Khan Younis", "Rafah"))),
        "Gaza\u2014Jabalia \u00f1ews \u00e9t\u00e9 \u063a\u0632\u0629.txt": (
            "Families fled Jabalia for Gaza City on foot.\n".encode(), Expect(True, ("Jabalia", "Gaza City"))),
        "-rf --help.txt": (b"Tanks moved into Beit Lahia at dawn.\n", Expect(True, ("Beit Lahia",))),
        "bom-utf8.txt": (codecs.BOM_UTF8 + "Shelling in Deir al-Balah.\n".encode(), Expect(True, ("Deir al-Balah",))),
        "utf16-bom.txt": ("Aid reached Nuseirat on Tuesday.\n".encode("utf-16"), Expect(True, ("Nuseirat",))),
        "utf16le-nobom.txt": ("Strikes on Rafah at night.\n".encode("utf-16-le"), Expect(True, ("Rafah",))),
        "cp1252.txt": ("Caf\u00e9 owners in Rafah said \u201cenough\u201d \u2013 a trader in Ramallah agreed.\n"
                       .encode("cp1252"), Expect(True, ("Rafah", "Ramallah"))),
        "crlf.txt": (b"Line one about Khan Younis.\r\nLine two about Rafah.\r\n", Expect(True, ("Khan Younis", "Rafah"))),
        "cr-only.txt": (b"Fighting in Jabalia.\rAid in Beit Hanoun.\r", Expect(True, ("Jabalia", "Beit Hanoun"))),
        "rtl.txt": (RTL.encode(), Expect(True, (ARABIC_KHAN_YOUNIS, HEBREW_GAZA, "Gaza City", "Rafah", "Khan Younis"))),
        "zero-width.txt": ("Strikes hit Ga\u200bza and Khan\u200d Younis overnight; Ra\u00adfah too.\n".encode(),
                           Expect(True, ("Gaza", "Khan Younis", "Rafah"))),
        "hostile page.html": (_html().encode(), Expect(True, ("Khan Younis", "Deir al-Balah"))),
        HOSTILE_FILE_NAME: (f"{HOSTILE_TITLE}\nProtesters gathered in Ramallah. {PAYLOAD}\n".encode(),
                            Expect(True, ("Ramallah",))),
        "front matter.md": (f"---\ntitle: '{SCRIPT}'\nauthor: [unclosed\n---\nShelling near Rafah.\n".encode(),
                            Expect(True, ("Rafah",))),
        "broken.jsonl": ("\n".join([
            json.dumps({"text": "Crowds in Jabalia.", "title": PAYLOAD}),
            '{"text": "unterminated',
            json.dumps({"text": 42, "title": "a number"}),
            json.dumps([1, 2]),
            json.dumps({"title": "no text at all"}),
            json.dumps({"text": f"Aid reached Gaza City. {IMG}", "title": IMG}),
        ]).encode(), Expect(True, ("Jabalia", "Gaza City"), row_problems=4, articles=2)),
        "rows.csv": (("text,title\r\n" + f'"Troops left Khan Younis.",{json.dumps(SCRIPT)}\r\n'
                      + '"Ceasefire talks about Rafah.","=HYPERLINK(""http://x"")"\r\n').encode(),
                     Expect(True, ("Khan Younis", "Rafah"), articles=2)),
        "invalid-utf8.txt": (b"Strikes on Rafah \xff\xfe and Jabalia \xc3\x28 today.\n", Expect(True, ("Rafah", "Jabalia"))),
        "one-line.txt": (_one_line().encode(), Expect(True, ("Rafah", "Jabalia"))),
        # Unreadable ones, each with the reason the user must see.
        "image.png": (_binary(b"\x89PNG\r\n\x1a\n"), Expect(False, reason="binary file")),
        "photo.jpg": (_binary(b"\xff\xd8\xff\xe0"), Expect(False, reason="binary file")),
        "paper.pdf": (_binary(b"%PDF-1.7\n"), Expect(False, reason="binary file")),
        "bundle.zip": (_binary(b"PK\x03\x04"), Expect(False, reason="binary file")),
        "nul-bytes.txt": (b"Rafah\x00\x00\x01\x02 Khan Younis \x00 and more \x00\x00", Expect(False, reason="binary file")),
        "empty.txt": (b"", Expect(False, reason="empty file")),
        "whitespace.txt": ("  \n\t \r\n\u3000".encode(), Expect(False, reason="empty file")),
        "no-text-column.csv": (b"title,date\nA headline,2024-01-01\n", Expect(False, reason="no text column")),
        "broken.json": (b'{"text": "Rafah', Expect(False, reason="JSON malformed")),
        "only-bad-rows.jsonl": (b'{"text": 1}\n{"text": null}\n', Expect(False, reason="text is not a string", articles=0)),
    }
    if big_mb:
        files[BIG_NAME] = (_big(big_mb), Expect(False, reason="file too large"))
    return files


def write_hostile_corpus(folder: Path, *, big_mb: int = 20) -> dict[str, Expect]:
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, (data, expect) in hostile_files(big_mb).items():
        (folder / name).write_bytes(data)
        expected[name] = expect
    return expected


def hostile_user_layer(path: Path) -> Path:
    """A user gazetteer layer (CSV) whose place names carry the payloads; 'Qalqiliya Gate' is how text names it."""
    path.write_text(
        "name,alt_names,kind,lat,lon\n"
        f'"{SCRIPT.replace(chr(34), chr(34) * 2)} Gate","Qalqiliya Gate|{IMG.replace(chr(34), chr(34) * 2)}",'
        "crossing,32.19,34.97\n"
        f'"{TEMPLATE} {TICKS.replace(chr(34), chr(34) * 2)}","Tulkarm Checkpoint Nine",facility,32.31,35.03\n',
        encoding="utf-8",
    )
    return path
