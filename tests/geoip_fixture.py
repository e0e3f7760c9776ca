"""Real MaxMind DB files for tests, written with mmdb-writer: the geoip2 reader under test reads
them exactly as it reads GeoLite2 or DB-IP files, with no mock in between."""
from __future__ import annotations

from pathlib import Path

from mmdb_writer import MMDBWriter
from netaddr import IPSet

# One entry per network: what a lookup inside it must answer. "registered_country" stands in for
# a network whose record has no "country" (MaxMind does this for some satellite and anycast ranges).
NETWORKS = [
    {"network": "41.58.0.0/16", "sample": "41.58.1.1", "country": "NG", "city": "Lagos", "timezone": "Africa/Lagos"},
    {"network": "8.8.8.0/24", "sample": "8.8.8.8", "country": "US", "city": "Mountain View",
     "timezone": "America/Los_Angeles"},
    {"network": "81.2.69.0/24", "sample": "81.2.69.160", "country": "GB", "city": "London", "timezone": "Europe/London"},
    {"network": "222.152.0.0/14", "sample": "222.155.45.53", "country": "NZ", "city": "Auckland",
     "timezone": "Pacific/Auckland"},
    {"network": "1.80.0.0/13", "sample": "1.85.10.20", "country": "CN", "city": "Xi'an", "timezone": "Asia/Shanghai"},
    {"network": "194.228.0.0/16", "sample": "194.228.194.102", "country": "CZ", "city": "Brno", "timezone": "Europe/Prague"},
    {"network": "2001:4860::/32", "sample": "2001:4860:4860::8888", "country": "US", "city": None,
     "timezone": "America/Chicago"},
    {"network": "2a00:1450::/32", "sample": "2a00:1450:4001:80b::200e", "country": "DE", "city": "Frankfurt am Main",
     "timezone": "Europe/Berlin"},
    {"network": "5.5.5.0/24", "sample": "5.5.5.5", "country": "DE", "city": None, "timezone": None, "registered_only": True},
]
OUTSIDE = "9.9.9.9"  # in no network above


def _record(entry: dict, kind: str) -> dict:
    country = {"iso_code": entry["country"], "names": {"en": entry["country"]}}
    record: dict = {"registered_country": country}
    if not entry.get("registered_only"):
        record["country"] = country
    if kind == "City":
        if entry["city"]:
            record["city"] = {"names": {"en": entry["city"]}}
        if entry["timezone"]:
            record["location"] = {"time_zone": entry["timezone"]}
    return record


def write_test_mmdb(path: str | Path, kind: str = "City", database_type: str | None = None) -> list[dict]:
    """Write a GeoLite2-`kind` database (City or Country) at `path`; return the networks with the
    answers a lookup must give (a Country database has no city or time zone)."""
    writer = MMDBWriter(ip_version=6, ipv4_compatible=True, database_type=database_type or f"GeoLite2-{kind}",
                        languages=["en"], description="Inquiry Lens test networks")
    for entry in NETWORKS:
        writer.insert_network(IPSet([entry["network"]]), _record(entry, kind))
    writer.to_db_file(str(path))
    if kind == "City":
        return [dict(entry) for entry in NETWORKS]
    return [dict(entry, city=None, timezone=None) for entry in NETWORKS]
