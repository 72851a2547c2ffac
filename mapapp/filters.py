"""The app's filters as pure functions over the mentions GeoDataFrame, and their URL form.

A :class:`FilterState` says what the user asked to see; :func:`apply_filters`
selects the matching mentions; :func:`to_query_params` /
:func:`from_query_params` turn a state into a URL query string and back (so
a view can be shared), dropping anything malformed instead of failing.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence

import geopandas as gpd
import pandas as pd

from mapapp.model import SECTION_KINDS

USES = ("literal", "stand-in", "unknown")
DEFAULT_SECTIONS = ("body", "comments")  # boilerplate (menus, footers) is noise unless asked for


@dataclasses.dataclass(frozen=True)
class FilterState:
    """What to show. Empty tuples mean "no restriction"."""

    articles: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    undated: bool = True
    kinds: tuple[str, ...] = ()
    sections: tuple[str, ...] = DEFAULT_SECTIONS
    uses: tuple[str, ...] = ()
    text: str = ""
    place: str = ""  # a place chosen on the map: narrows the table, not the map

    def window(self, span: tuple[dt.date, dt.date] | None) -> tuple[dt.date, dt.date] | None:
        """The days asked for, first and last, with an open end closed by the corpus's ``span``;
        None when no date was asked for (or nothing is dated)."""
        if (self.date_from is None and self.date_to is None) or span is None:
            return None
        start, stop = self.date_from or span[0], self.date_to or span[1]
        return (start, stop) if start <= stop else None


def _iso(value) -> dt.date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def mention_dates(mentions: pd.DataFrame) -> pd.Series:
    """Each mention's date as datetime.date or None."""
    return mentions["date"].map(_iso) if "date" in mentions else pd.Series(None, index=mentions.index)


def uses_of(mentions: pd.DataFrame) -> pd.Series:
    """'literal', 'stand-in' or 'unknown' for each mention (from the literal column)."""

    def use(value) -> str:
        if value is True or (isinstance(value, str) and value.lower() == "true"):
            return "literal"
        if value is False or (isinstance(value, str) and value.lower() == "false"):
            return "stand-in"
        return "unknown"

    return mentions["literal"].map(use)


def apply_filters(mentions: gpd.GeoDataFrame, state: FilterState, *, with_place: bool = True) -> gpd.GeoDataFrame:
    """The mentions that pass every filter in ``state`` (same columns, original order)."""
    keep = pd.Series(True, index=mentions.index)
    if state.articles:
        keep &= mentions["article_id"].isin(state.articles)
    dates = mention_dates(mentions)
    undated = dates.isna()
    if state.date_from is not None:
        keep &= undated | dates.map(lambda d: d is not None and d >= state.date_from)
    if state.date_to is not None:
        keep &= undated | dates.map(lambda d: d is not None and d <= state.date_to)
    if not state.undated:
        keep &= ~undated
    if state.kinds:
        keep &= mentions["kind"].isin(state.kinds)
    if state.sections:
        keep &= mentions["section"].isin(state.sections)
    if state.uses:
        keep &= uses_of(mentions).isin(state.uses)
    text = state.text.strip().casefold()
    if text:
        names = mentions["name"].fillna("").astype(str).str.casefold()
        surfaces = mentions["surface"].fillna("").astype(str).str.casefold()
        keep &= names.str.contains(text, regex=False) | surfaces.str.contains(text, regex=False)
    if with_place and state.place:
        keep &= mentions["place_id"] == state.place
    return mentions[keep]


def date_range(articles: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """Earliest and latest article date, or None when no article is dated."""
    dates = [d for d in articles["date"].map(_iso) if d is not None] if len(articles) else []
    return (min(dates), max(dates)) if dates else None


def timeline(mentions: pd.DataFrame, freq: str = "D") -> pd.DataFrame:
    """Mentions per day ('D') or week ('W', weeks starting Monday): columns period, mentions, articles."""
    dates = pd.to_datetime(mention_dates(mentions), errors="coerce")
    frame = pd.DataFrame({"date": dates, "article_id": mentions["article_id"].values}).dropna(subset=["date"])
    if frame.empty:
        return pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"), "mentions": [], "articles": []})
    if freq == "W":
        frame["period"] = frame["date"] - pd.to_timedelta(frame["date"].dt.day_of_week, unit="D")
    elif freq == "D":
        frame["period"] = frame["date"]
    else:
        raise ValueError("freq must be 'D' or 'W'")
    out = frame.groupby("period").agg(mentions=("article_id", "size"), articles=("article_id", "nunique"))
    return out.reset_index()


TABLE_COLUMNS = ["title", "surface", "name", "kind", "section", "date", "date_source", "use", "confidence",
                 "precision_m", "rule", "place_id", "article_id", "start", "end", "lat", "lon"]


def mentions_table(mentions: gpd.GeoDataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """A plain table (no geometry) for display and CSV download, one row per mention."""
    titles = articles.drop_duplicates("article_id").set_index("article_id")["title"] if len(articles) else pd.Series(dtype=object)
    table = pd.DataFrame(mentions.drop(columns=mentions.geometry.name, errors="ignore"))
    table["title"] = table["article_id"].map(titles).fillna(table["doc"]) if len(table) else []
    table["use"] = uses_of(table) if len(table) else []
    return table.reindex(columns=TABLE_COLUMNS).reset_index(drop=True)


# ---- URL query string ---------------------------------------------------------------------

_LIST_KEYS = {"articles": "a", "kinds": "kind", "sections": "section", "uses": "use"}


def to_query_params(state: FilterState) -> dict[str, list[str] | str]:
    """Only what differs from the default state, so a plain URL means "everything"."""
    default = FilterState()
    out: dict[str, list[str] | str] = {}
    for attr, key in _LIST_KEYS.items():
        value = getattr(state, attr)
        if value != getattr(default, attr):
            out[key] = list(value) if value else ["all"]
    if state.date_from and state.date_from == state.date_to:
        out["date"] = state.date_from.isoformat()  # one day
    else:
        if state.date_from:
            out["from"] = state.date_from.isoformat()
        if state.date_to:
            out["to"] = state.date_to.isoformat()
    if not state.undated:
        out["undated"] = "0"
    if state.text:
        out["q"] = state.text
    if state.place:
        out["place"] = state.place
    return out


def _values(params: Mapping[str, str | Sequence[str]], key: str) -> list[str]:
    value = params.get(key)
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _first(params: Mapping[str, str | Sequence[str]], key: str) -> str:
    values = _values(params, key)
    return values[0] if values else ""


def from_query_params(params: Mapping[str, str | Sequence[str]]) -> FilterState:
    """The state a URL describes; unknown sections/uses and bad dates are ignored."""
    lists: dict[str, tuple[str, ...]] = {}
    for attr, key in _LIST_KEYS.items():
        values = _values(params, key)
        if not values:
            continue
        chosen = tuple(dict.fromkeys(v for v in values if v and v != "all"))
        allowed = {"sections": SECTION_KINDS, "uses": USES}.get(attr)
        if allowed is not None:
            chosen = tuple(v for v in chosen if v in allowed)
        lists[attr] = chosen
    day = _iso(_first(params, "date") or None)
    return FilterState(
        **lists,
        date_from=day or _iso(_first(params, "from") or None),
        date_to=day or _iso(_first(params, "to") or None),
        undated=_first(params, "undated") not in ("0", "false", "no"),
        text=_first(params, "q")[:200],
        place=_first(params, "place")[:200],
    )
