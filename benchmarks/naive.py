"""The naive baseline of the end-to-end benchmark: a plain longest-match scan writing points.

    python benchmarks/naive.py build AUTOMATON            # once, not timed: the gazetteer's names
    python benchmarks/naive.py scan AUTOMATON CORPUS -o out.geojson

``build`` puts every name key of mapapp's gazetteer (the names mapapp matches)
into a pyahocorasick automaton, each with its first candidate's id and point,
and pickles it. ``scan`` is what a user of the simplest possible geoparser runs
cold: it imports only the standard library and pyahocorasick, unpickles the
automaton, reads every file under CORPUS (UTF-8, bad bytes replaced), lowercases
it, keeps the leftmost-longest matches on word boundaries that do not start with a
lower-case letter, and writes one GeoJSON point per match. No resolution, no zones,
no dates, no sections:
the floor that mapapp's cold `parse` is measured against (benchmarks/run.py).
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import sys

import ahocorasick

_NOT_WORD = re.compile(r"\W")


def build(target: str) -> int:
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    from mapapp.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    ids, lats, lons, lengths = [], [], [], []
    places: dict[str, tuple[float, float]] = {}
    for key, candidates in gazetteer.keys():
        form = " " + _NOT_WORD.sub(" ", key) + " "
        if not candidates or form.strip() == "" or form in automaton:
            continue
        pid = candidates[0]
        if pid not in places:
            p = gazetteer.get(pid)
            places[pid] = (p.lat, p.lon) if p is not None else (None, None)
        automaton.add_word(form, len(ids))
        ids.append(pid)
        lats.append(places[pid][0])
        lons.append(places[pid][1])
        lengths.append(len(form))
    automaton.make_automaton()
    with open(target, "wb") as fh:
        pickle.dump((automaton, ids, lats, lons, lengths), fh, protocol=pickle.HIGHEST_PROTOCOL)
    return len(ids)


def _files(root: str):
    if os.path.isfile(root):
        yield root, os.path.basename(root)
        return
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            yield path, os.path.relpath(path, root)


def scan(automaton_file: str, corpus: str, out: str) -> int:
    with open(automaton_file, "rb") as fh:
        automaton, ids, lats, lons, lengths = pickle.load(fh)
    features = []
    for path, doc in _files(corpus):
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8", errors="replace")
        # padded, lowercased, every non-word character a space: offsets stay those of the text (+1)
        form = " " + _NOT_WORD.sub(" ", text.lower()) + " "
        # a name is written with a capital (or in a script without case): "said" is no place, "Said" may be
        hits = sorted((start, -lengths[i], i) for end, i in automaton.iter(form)
                      if not text[start := end - lengths[i] + 1].islower())
        taken = 0
        for start, neg_len, i in hits:
            if start < taken:
                continue
            taken = start - neg_len - 1  # the key's closing space may open the next key
            s, e = start, start - neg_len - 2  # the match without its spaces, as offsets into text
            features.append({"type": "Feature", "properties": {
                "doc": doc, "start": s, "end": e, "surface": text[s:e], "place_id": ids[i],
                "lat": lats[i], "lon": lons[i]}, "geometry": {"type": "Point", "coordinates": [lons[i], lats[i]]}})
    with open(out, "w", encoding="utf-8") as fh:
        fh.write('{"type":"FeatureCollection","features":')
        fh.write(json.dumps(features, ensure_ascii=False, separators=(",", ":")))
        fh.write("}")
    return len(features)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("automaton")
    s = sub.add_parser("scan")
    s.add_argument("automaton")
    s.add_argument("corpus")
    s.add_argument("-o", "--output", required=True)
    args = ap.parse_args()
    if args.command == "build":
        print(f"{build(args.automaton)} names")
    else:
        print(f"{scan(args.automaton, args.corpus, args.output)} matches", file=sys.stderr)


if __name__ == "__main__":
    main()
