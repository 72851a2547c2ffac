"""Zones: named zones authored in geodata/ and zones described by spatial phrases.

    from mapapp.zones import describe_zones, named_zone_places, NAMED_ZONES_PATH

All geometry is built with shapely in UTM 36N (metres) and handed back in WGS84.
"""
from mapapp.zones.describe import describe_zones
from mapapp.zones.named import NAMED_ZONES_PATH, named_zone, named_zone_places

__all__ = ["NAMED_ZONES_PATH", "describe_zones", "named_zone", "named_zone_places"]
