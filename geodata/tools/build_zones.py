"""Author geodata/gaza-zones.geojson from named public points, widths and lengths.

    python geodata/tools/build_zones.py            # writes geodata/gaza-zones.geojson

Deterministic: the same points give the same file. Every vertex is a named
place with a public coordinate (Wikipedia infobox, GeoNames) or a stated
construction from one (an offset in metres, a share of an area); the
`source` property of each feature lists them. All construction happens in
UTM 36N (EPSG:32636) so widths, lengths and areas are metres.
Nothing here is read from ../shared/reference (that is for measuring only;
see measure_zones.py).
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import shapely
import shapely.ops
from shapely.geometry import LineString, Polygon, mapping
from shapely.ops import split, unary_union

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from mapapp.zones._metric import metric_point, to_wgs84  # noqa: E402

OUT = ROOT / "geodata" / "gaza-zones.geojson"
LICENCE = "CC BY 4.0 (coordinates from Wikipedia/GeoNames, CC BY-SA/CC BY); construction MIT"

# (lat, lon, where the coordinate comes from). "c:" marks a constructed vertex.
P = {
    # Israel-Gaza line (1950 armistice line), north to south
    "north_sea_end": (31.5960, 34.4890, "c: northern border's sea end at Zikim beach, ~3.4 km SW of Kibbutz Zikim (Wikipedia 31.6078, 34.5217; 'three km north of the Gaza Strip')"),
    "netiv_haasara": (31.5670, 34.5380, "c: border 400 m south of Moshav Netiv HaAsara (Wikipedia 31.5709, 34.5394; '400 m from Beit Lahia')"),
    "erez": (31.5560, 34.5440, "c: border at Erez crossing (Wikipedia 31.5582, 34.5447, Israeli terminal)"),
    "beit_hanoun_ne": (31.5480, 34.5670, "c: north-east corner, ~3 km east of Beit Hanoun (GeoNames 281146, 31.5353, 34.5358)"),
    "beit_hanoun_e": (31.5250, 34.5660, "c: border east of Beit Hanoun, 3 km (GeoNames 281146)"),
    "shujaiya_e": (31.5050, 34.5180, "c: border ~3 km east of Gaza City's Shuja'iyya, 2 km west of Kfar Aza"),
    "nahal_oz": (31.4730, 34.4830, "c: border 1.2 km west of Kibbutz Nahal Oz (Wikipedia 31.4726, 34.4972; 'about 0.75 miles from the Gaza border')"),
    "karni": (31.4747, 34.4736, "Karni crossing on the Israel-Gaza barrier (Wikipedia 31.4747, 34.4736)"),
    "bureij_e": (31.4400, 34.4370, "c: border ~3.2 km east of Bureij camp (GeoNames 281161, 31.4394, 34.4031)"),
    "musaddar_e": (31.4100, 34.4050, "c: border at the Strip's narrow middle, ~6 km from the coast at Deir al-Balah (Strip '6 to 12 km wide', IDF/Wikipedia)"),
    "kissufim": (31.3750, 34.3720, "c: Kissufim crossing, ~2.6 km west of Kibbutz Kissufim (Wikipedia 31.3742, 34.3994, 'adjacent to the Gaza Strip')"),
    "khuzaa_e": (31.3450, 34.3620, "c: border ~2 km east of Khuza'a / Bani Suheila (GeoNames 281148, 31.3434, 34.3234)"),
    "abasan_e": (31.3100, 34.3720, "c: border ~3 km east of Abasan al-Kabira (GeoNames 281165, 31.3191, 34.3401)"),
    "fukhari_e": (31.2750, 34.3450, "c: border south-east of al-Fukhari, ~9 km ENE of Rafah (GeoNames 281102)"),
    "sufa": (31.2430, 34.3080, "c: Sufa crossing, ~3.2 km west of Kibbutz Sufa (Wikipedia 31.2373, 34.3414)"),
    "tripoint": (31.2189, 34.2672, "c: Israel-Egypt-Gaza tripoint, ~400 m SW of Kerem Shalom crossing (Wikipedia 31.22083, 34.27056)"),
    # Egypt-Gaza border (1906 line, 1979 treaty), tripoint to the sea
    "rafah_crossing": (31.2486, 34.2592, "Rafah border crossing (Wikipedia 31.24858, 34.25923)"),
    "egypt_sea_end": (31.3210, 34.2170, "c: the Egypt-Gaza border's sea end, 12 km from the tripoint (Wikipedia 'Egypt-Gaza border is 12 km long'), between Rafah (GeoNames 281102) and Egyptian Rafah (GeoNames 350350)"),
    # coastline, south to north
    "deir_al_balah_beach": (31.4240, 34.3300, "c: Deir al-Balah beach, ~1.9 km WNW of the city (GeoNames 281141, 31.4183, 34.3493)"),
    "wadi_gaza_mouth": (31.464057, 34.376179, "Wadi Gaza mouth (Wikipedia, Wadi Gaza Nature Reserve)"),
    "sheikh_ajlin_beach": (31.4960, 34.4035, "c: Gaza City beach at Sheikh Ajlin, on the straight coast between Wadi Gaza mouth and the port"),
    "gaza_port": (31.52583, 34.43056, "Port of Gaza (Wikipedia 31.52583, 34.43056)"),
}

STRIP_RING = ["north_sea_end", "netiv_haasara", "erez", "beit_hanoun_ne", "beit_hanoun_e", "shujaiya_e",
              "nahal_oz", "karni", "bureij_e", "musaddar_e", "kissufim", "khuzaa_e", "abasan_e", "fukhari_e",
              "sufa", "tripoint", "rafah_crossing", "egypt_sea_end", "deir_al_balah_beach", "wadi_gaza_mouth",
              "sheikh_ajlin_beach", "gaza_port"]
ISRAEL_LINE = STRIP_RING[: STRIP_RING.index("tripoint") + 1]
EGYPT_LINE = ["tripoint", "rafah_crossing", "egypt_sea_end"]

# Governorate areas in km2 (PCBS, as listed in Wikipedia "Governorates of Palestine"), north to south.
GOVERNORATE_KM2 = {"north-gaza": 61, "gaza": 74, "deir-al-balah": 58, "khan-younis": 108, "rafah": 64}


def pt(name):
    lat, lon, _ = P[name]
    return metric_point(lat, lon)


def line(names):
    return LineString([pt(n) for n in names])


def sources(names):
    return "; ".join(f"{n.replace('_', ' ')}: {P[n][2]}" for n in names)


def at(lat, lon):
    return metric_point(lat, lon)


def build_strip():
    return Polygon([pt(n) for n in STRIP_RING]).buffer(0)


def long_axis():
    """Unit vector from the Strip's south-west sea corner to its north sea corner."""
    a, b = pt("egypt_sea_end"), pt("north_sea_end")
    dx, dy = b.x - a.x, b.y - a.y
    n = math.hypot(dx, dy)
    return a, (dx / n, dy / n)


def cross_line(offset_m):
    """A line across the Strip, perpendicular to its long axis, offset_m from the south-west sea corner."""
    a, (ux, uy) = long_axis()
    cx, cy = a.x + ux * offset_m, a.y + uy * offset_m
    return LineString([(cx - uy * 30000, cy + ux * 30000), (cx + uy * 30000, cy - ux * 30000)])


def north_of(poly, cutter):
    """The part of poly on the north side (towards the north sea end) of a cutting line."""
    parts = split(poly, cutter).geoms
    a, (ux, uy) = long_axis()
    north = shapely.Point(a.x + ux * 1e5, a.y + uy * 1e5)  # far up the axis: always on the north side
    return unary_union([p for p in parts if _side(cutter, p.representative_point()) == _side(cutter, north)])


def _side(cutter, p):
    (x1, y1), (x2, y2) = cutter.coords[0], cutter.coords[-1]
    return (x2 - x1) * (p.y - y1) - (y2 - y1) * (p.x - x1) > 0


def cut_by_share(poly, share_north):
    """Offset of a cross line leaving share_north of poly's area to its north (bisection)."""
    lo, hi = -5000.0, 60000.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if north_of(poly, cross_line(mid)).area / poly.area > share_north:
            lo = mid
        else:
            hi = mid
    return cross_line((lo + hi) / 2)


WADI_GAZA = [  # mouth to the border
    (31.464057, 34.376179, "Wadi Gaza mouth (Wikipedia)"),
    (31.4560, 34.4050, "c: Wadi Gaza at the Salah al-Din road bridge, between Nuseirat (GeoNames 281109) and Gaza City"),
    (31.4480, 34.4460, "c: Wadi Gaza enters the Strip at Juhor ad-Dik, from Nahal HaBesor"),
]


def wadi_line(extend_m=0.0):
    return _extended(LineString([at(a, b) for a, b, _ in WADI_GAZA]), extend_m)


def _extended(ln, extend_m):
    """The line continued straight past both ends, so that it cuts a polygon it ends on."""
    if not extend_m:
        return ln
    (x1, y1), (x2, y2) = ln.coords[0], ln.coords[1]
    (x3, y3), (x4, y4) = ln.coords[-2], ln.coords[-1]
    def ext(xa, ya, xb, yb):
        n = math.hypot(xb - xa, yb - ya)
        return (xb + (xb - xa) / n * extend_m, yb + (yb - ya) / n * extend_m)
    return LineString([ext(x2, y2, x1, y1), *ln.coords, ext(x3, y3, x4, y4)])


def governorates(strip):
    total = sum(GOVERNORATE_KM2.values())
    north_of_wadi = north_of(strip, wadi_line(3000))
    south_of_wadi = strip.difference(north_of_wadi)
    ng_share = GOVERNORATE_KM2["north-gaza"] / (GOVERNORATE_KM2["north-gaza"] + GOVERNORATE_KM2["gaza"])
    ng = north_of(north_of_wadi, cut_by_share(north_of_wadi, ng_share))
    south_total = total - GOVERNORATE_KM2["north-gaza"] - GOVERNORATE_KM2["gaza"]
    db = north_of(south_of_wadi, cut_by_share(south_of_wadi, GOVERNORATE_KM2["deir-al-balah"] / south_total))
    rest = south_of_wadi.difference(db)
    ky_share = GOVERNORATE_KM2["khan-younis"] / (GOVERNORATE_KM2["khan-younis"] + GOVERNORATE_KM2["rafah"])
    ky = north_of(rest, cut_by_share(rest, ky_share))
    return {
        "north-gaza": ng,
        "gaza": north_of_wadi.difference(ng),
        "deir-al-balah": db,
        "khan-younis": ky,
        "rafah": rest.difference(ky),
    }


def corridor(points, width_m, clip):
    return LineString([at(a, b) for a, b in points]).buffer(width_m / 2, cap_style="flat").intersection(clip)


# The yellow line, north (sea) to south (sea): named places it passes, from news descriptions
# (TRT World 2025-10-20, Al Jazeera 2025-10-09, AFP 2025-11-24, Reuters): Israeli side keeps Beit Hanoun,
# parts of Beit Lahia, Shuja'iyya, parts of Tuffah and Zeitoun, al-Qarara, eastern Khan Younis and all of Rafah;
# the central camps and western Khan Younis/al-Mawasi stay west of it.
YELLOW = [
    (31.5920, 34.4930, "c: leaves the northern border ~0.6 km from the sea, by the Zikim crossing (Beit Lahia coast stays west of it)"),
    (31.5760, 34.4800, "c: west of as-Siafa, north-west Beit Lahia"),
    (31.5520, 34.5010, "c: through eastern Beit Lahia ('parts of Beit Lahia' on the Israeli side; GeoNames 281145)"),
    (31.5320, 34.5030, "c: between Jabalia (GeoNames 281129, west) and Beit Hanoun (GeoNames 281146, east)"),
    (31.5080, 34.4760, "c: through Shuja'iyya / al-Tuffah, Gaza City (yellow blocks placed in Shuja'iyya, AFP 2025-11-24)"),
    (31.4850, 34.4560, "c: through eastern Zeitoun ('parts of Zeitoun' on the Israeli side)"),
    (31.4550, 34.4300, "c: east of Nuseirat/Bureij at the Netzarim corridor (Wikipedia point 31.4697, 34.4316)"),
    (31.4350, 34.4150, "c: east of Bureij camp (GeoNames 281161), which stays west of the line"),
    (31.4050, 34.3780, "c: east of al-Maghazi and Deir al-Balah (GeoNames 281141), the line's midpoint 31.41, 34.40"),
    (31.3800, 34.3470, "c: through al-Qarara (GeoNames 6967865), parts of which lie just east of the line (AFP)"),
    (31.3450, 34.3130, "c: between Khan Younis (GeoNames 281124, west) and Bani Suheila (GeoNames 281148, east)"),
    (31.3150, 34.2900, "c: south of Khan Younis, near the former Morag (Wikipedia 31.30833, 34.28806)"),
    (31.3280, 34.2300, "c: reaches the sea north of Rafah, south of al-Mawasi ('down to the outskirts of Rafah')"),
]


def yellow_line(extend_m=0.0):
    return _extended(LineString([at(a, b) for a, b, _ in YELLOW]), extend_m)


def behind_line(strip, ln):
    """The part of the Strip east of (behind) a line that reaches the sea at both ends:
    every piece of the split except the one holding Deir al-Balah (GeoNames 281141)."""
    west_marker = at(31.41834, 34.34933)
    return unary_union([p for p in split(strip, ln).geoms if not p.contains(west_marker)])


def feature(fid, name, kind, geom_m, source, precision_m, alt_names=(), parent="gz:gaza-strip", **extra):
    props = {
        "id": fid, "name": name, "kind": kind, "alt_names": list(alt_names),
        "name_ar": extra.pop("name_ar", ""), "name_he": extra.pop("name_he", ""),
        "parent": parent, "country": "PS", "source": source, "licence": LICENCE,
        "precision_m": precision_m, **extra,
    }
    # 1e-6 degrees (~0.1 m) is far below every zone's precision and keeps the file small.
    geom = shapely.set_precision(shapely.make_valid(to_wgs84(shapely.make_valid(geom_m))), 1e-6)
    return {"type": "Feature", "properties": props, "geometry": mapping(geom)}


YELLOW_LINE_DATES = ("In force from the ceasefire of 10 Oct 2025, 12:00, when troops 'took up positions on the new "
                     "operational deployment lines' (IDF statement via TRT World/Anadolu, 2025-10-10), holding 'around 53% "
                     "of Gaza' (AFP via The Express Tribune, 2025-10-10)")


def build():
    strip = build_strip()
    feats = [feature(
        "gz:gaza-strip", "Gaza Strip", "region", strip,
        "Outline through named border and coast points: " + sources(STRIP_RING), 300,
        ["Gaza Strip", "Gaza", "the Strip", "Gaza strip"], parent="", name_ar="قطاع غزة", name_he="רצועת עזה",
        note="Israel-Gaza line through crossings and constructed offsets from named kibbutzim and towns; "
             "Egypt-Gaza border from the tripoint through the Rafah crossing to the sea; coast through named beach points.")]
    gov_names = {
        "north-gaza": ("North Gaza Governorate", ["North Gaza", "North Gaza Governorate", "Gaza North"], "محافظة شمال غزة"),
        "gaza": ("Gaza Governorate", ["Gaza Governorate", "Gaza City Governorate"], "محافظة غزة"),
        "deir-al-balah": ("Deir al-Balah Governorate", ["Deir al-Balah Governorate", "Deir el-Balah Governorate", "Middle Area", "Central Gaza Governorate"], "محافظة دير البلح"),
        "khan-younis": ("Khan Younis Governorate", ["Khan Younis Governorate", "Khan Yunis Governorate"], "محافظة خان يونس"),
        "rafah": ("Rafah Governorate", ["Rafah Governorate"], "محافظة رفح"),
    }
    govs = governorates(strip)
    for slug, geom in govs.items():
        name, alts, ar = gov_names[slug]
        feats.append(feature(
            f"gz:{slug}-governorate", name, "governorate", geom,
            "The authored Strip cut by Wadi Gaza (Gaza | Deir al-Balah; " + "; ".join(w[2] for w in WADI_GAZA)
            + ") and by lines across the Strip's long axis placed so each governorate's share of the area matches "
            "PCBS areas (North Gaza 61, Gaza 74, Deir al-Balah 58, Khan Younis 108, Rafah 64 km2; Wikipedia "
            "'Governorates of Palestine')", 1500, alts, name_ar=ar,
            note="Approximate: boundaries are straight cuts, not the legal lines."))

    netzarim = [(31.4660, 34.4840), (31.4697, 34.4316), (31.4800, 34.3930)]
    nz = corridor(netzarim, 4000, strip)
    nz_src = ("Centreline along Route 749 from the border west of Nahal Oz (Wikipedia 31.4726, 34.4972) through the "
              "Wikipedia Netzarim Corridor point (31.4697, 34.4316) past the former Netzarim settlement (Wikipedia "
              "31.48222, 34.41111) to the coast south of Gaza City; 4 km wide ('about 4 miles'/'4 km wide', Wikipedia, AP)")
    feats.append(feature(
        "zone:netzarim-corridor", "Netzarim Corridor", "corridor", nz, nz_src, 1000,
        ["Netzarim Corridor", "Netzarim corridor", "Netzarim axis", "Route 749 corridor", "Netzarim Axis"],
        name_ar="محور نتساريم", name_he="ציר נצרים", valid_from="2023-11", valid_to="2025-02-09",
        periods=[{"from": "2023-11", "to": "2025-02-09"}, {"from": "2025-03-19", "to": "2025-10-10"}],
        # News says "Netzarim" for the corridor as often as for the former settlement it runs past.
        bare_name="gz:netzarim",
        dates_source="Built from 27 Oct 2023 (Jerusalem Post, 2025-03-19: 'The IDF targeted the Netzarim corridor early "
                     "in the ground offensive on October 27, 2023'); withdrawal completed 9 Feb 2025 (DW, 2025-02-09: 'Israel "
                     "on Sunday completed its withdrawal from the Netzarim corridor'); retaken from 19 Mar 2025 (AP via Star "
                     "Tribune, 2025-03-19: 'its troops retook part of a corridor that bisects Gaza'); given up with the 10 Oct "
                     "2025 ceasefire, when troops moved to the new deployment line (IDF statement, 2025-10-10)",
        note="Built November 2023; Israeli forces withdrew on 9 February 2025 under the ceasefire and retook it "
             "in March 2025 (periods lists both)."))

    egypt = line(EGYPT_LINE)
    phil_true = egypt.buffer(100).intersection(strip)
    feats.append(feature(
        "zone:philadelphi-corridor", "Philadelphi Corridor", "corridor", phil_true,
        "The Egypt-Gaza border (" + sources(EGYPT_LINE) + ") buffered 100 m into the Strip ('a 100-metre-wide strip', "
        "1979 treaty, Wikipedia 'Egypt-Gaza border'; Wikidata Q765017)", 150,
        ["Philadelphi Corridor", "Philadelphi corridor", "Philadelphi Route", "Philadelphi axis", "Salah al-Din axis"],
        name_ar="محور صلاح الدين", name_he="ציר פילדלפי", display_min_width_m=300,
        length_km=round(egypt.length / 1000, 1)))

    morag = [(31.2930, 34.3520), (31.30833, 34.28806), (31.3200, 34.2440)]
    feats.append(feature(
        "zone:morag-corridor", "Morag Corridor", "corridor", corridor(morag, 1500, strip),
        "From the border east of Rafah/Khan Younis through the former Morag settlement (Wikipedia 31.30833, 34.28806) "
        "to the coast, between Rafah and Khan Younis (IDF, April 2025; Reuters); width assumed 1.5 km", 1500,
        ["Morag Corridor", "Morag corridor", "Morag axis", "Morag Axis"], name_he="ציר מורג", valid_from="2025-04",
        note="Width not published; drawn 1.5 km wide."))

    magen_oz = [(31.3750, 34.3720), (31.3560, 34.3300), (31.3402, 34.3063), (31.3250, 34.3000), (31.30833, 34.28806)]
    mo_line = LineString([at(a, b) for a, b in magen_oz])
    feats.append(feature(
        "zone:magen-oz-corridor", "Magen Oz Corridor", "corridor", mo_line.buffer(750, cap_style="flat").intersection(strip),
        "From the Kissufim crossing through Khan Younis (GeoNames 281124) to the Morag corridor at the former Morag "
        "settlement ('begins at the Kissufim crossing ... extends to the Morag axis', Al Majalla 2025-07; 'about 15 km', "
        "IDF via The National 2025-07-16); width assumed 1.5 km", 2000,
        ["Magen Oz Corridor", "Magen Oz corridor", "Magen Oz axis"], name_he="ציר מגן עוז", valid_from="2025-07-16",
        length_km=round(mo_line.length / 1000, 1),
        note="The drawn course is about 9 km; the IDF's 15 km figure includes its winding through Khan Younis."))

    yl = yellow_line().intersection(strip.buffer(200))
    yl_src = "; ".join(y[2] for y in YELLOW)
    feats.append(feature(
        "zone:yellow-line", "Yellow Line (Gaza)", "line", yl, "Line through named places: " + yl_src, 1500,
        ["yellow line", "Yellow Line", "the yellow line", "Yellow line"], valid_from="2025-10-10", common_phrase=True,
        dates_source=YELLOW_LINE_DATES,
        note="October 2025 ceasefire line; its course was never published in detail, so it is drawn through the "
             "places news reports put on either side."))
    behind = behind_line(strip, yellow_line(1500))
    feats.append(feature(
        "zone:yellow-line-area", "Area behind the yellow line", "area", behind,
        "The authored Strip east of the authored yellow line; news: 'about 53%' of the Strip on the Israeli side", 1500,
        ["area behind the yellow line", "Israeli-controlled area of Gaza"], valid_from="2025-10-10",
        share_of_strip=round(behind.area / strip.area, 3), bounded_by="zone:yellow-line", dates_source=YELLOW_LINE_DATES))

    israel = line(ISRAEL_LINE)
    buffer_zone = israel.buffer(1000).intersection(strip)
    feats.append(feature(
        "zone:perimeter-buffer-zone", "Gaza perimeter buffer zone", "area", buffer_zone,
        "The Israel-Gaza line (see gz:gaza-strip) buffered 1 km into the Strip ('a 700-1,100 meter security perimeter "
        "around Gaza', Jerusalem Post 2025-07; OCHA 'access restricted areas' up to 1 km)", 500,
        ["buffer zone", "perimeter", "security perimeter", "Gaza buffer zone"]))

    coast = line(["egypt_sea_end", "deir_al_balah_beach"])
    mawasi_axis = shapely.ops.substring(coast, 0, 13000)
    mawasi = mawasi_axis.buffer(1000, cap_style="flat").intersection(strip)
    feats.append(feature(
        "gz:al-mawasi", "al-Mawasi", "area", mawasi,
        "Coastal strip about 13 km long and 1 km wide from the Egypt border's sea end north-east along the coast "
        "west of Rafah and Khan Younis (Wikipedia 'Al-Mawasi': 'about 12-14 km long and about 1 km wide')", 1000,
        ["Mawasi", "al-Mawasi", "Al-Mawasi", "Muwasi", "al-Muwasi", "Mawasi Khan Younis", "al-Mawasi humanitarian area"],
        name_ar="المواصي", note="The humanitarian area's declared extent changed often; this is the coastal strip."))

    wadi = wadi_line().intersection(strip.buffer(100))
    feats.append(feature(
        "gz:wadi-gaza", "Wadi Gaza", "water", wadi, "Wadi course: " + "; ".join(w[2] for w in WADI_GAZA), 500,
        ["Wadi Gaza", "Gaza Valley", "Wadi Ghazza", "Wadi Ghaza"], name_ar="وادي غزة", name_he="נחל הבשור"))
    return {"type": "FeatureCollection", "features": feats}


def main():
    fc = build()
    OUT.write_text(json.dumps(fc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(fc['features'])} features)")


if __name__ == "__main__":
    main()
