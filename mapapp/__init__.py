"""mapapp: see where the news is talking about.

The library reads article corpora, finds and resolves the places they name,
draws the zones they describe, and returns GeoDataFrames that the map, the
exports, the CLI and the Streamlit app are built on.
"""
from __future__ import annotations

__version__ = "0.1.0"
