"""Zones: named zones the text refers to and zones it describes with spatial phrases.

    from mapapp.zones import ZoneFacts, describe_zones

:func:`describe_zones` takes an article's resolved mentions, a lookup of places by id and the
:class:`ZoneFacts` authored in geodata/, and returns the mentions with zones added. Geometry is
built with shapely in a metric CRS (UTM 36N near Gaza, equal-area elsewhere; see ``_metric``) and
handed back in WGS84.
"""
from mapapp.zones._common import ZoneFacts
from mapapp.zones.describe import describe_zones

__all__ = ["ZoneFacts", "describe_zones"]
