"""Where an IP address is: a MaxMind-format database when one is configured or installed, else the
offline country data that ships inside the geoip2fast package.

`open_geoip` decides once at start; lookups are then safe from many threads at a time.
"""
from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import geoip2.database
import geoip2.errors
import geoip2.models
import maxminddb

ENV_VAR = "INQUIRY_LENS_GEOIP_DB"
# Best first: a city database also answers the country.
DB_NAMES = (
    "GeoIP2-City.mmdb", "GeoLite2-City.mmdb", "dbip-city-lite*.mmdb",
    "GeoIP2-Country.mmdb", "GeoLite2-Country.mmdb", "dbip-country-lite*.mmdb",
)

log = logging.getLogger(__name__)


class GeoIPError(RuntimeError):
    """An IP database that was asked for but cannot be used."""


def standard_dirs() -> list[Path]:
    """The folders geoipupdate writes to on Linux, macOS and Windows."""
    dirs = [Path("/usr/share/GeoIP"), Path("/var/lib/GeoIP"),
            Path("/usr/local/share/GeoIP"), Path("/opt/homebrew/var/GeoIP")]
    program_data = os.environ.get("ProgramData")  # noqa: SIM112 - Windows spells it so (and ignores case)
    if program_data:
        dirs.append(Path(program_data) / "MaxMind" / "GeoIPUpdate" / "GeoIP")
    return dirs


def _find(folders: list[Path]) -> list[Path]:
    """Known database files in these folders, best kind first (any City before any Country)."""
    found = []
    for pattern in DB_NAMES:
        for folder in folders:
            try:
                # dbip files carry the month in their name: the newest sorts first.
                found += sorted(folder.glob(pattern), reverse=True) if folder.is_dir() else []
            except OSError:
                continue
    return found


def open_geoip(path: str | Path | None = None) -> GeoIP:
    """The IP database: `path`, else $INQUIRY_LENS_GEOIP_DB, else a geoipupdate folder, else embedded."""
    if path:
        return _open_configured(Path(path), "the configured GeoIP database")
    if os.environ.get(ENV_VAR):
        return _open_configured(Path(os.environ[ENV_VAR]), ENV_VAR)
    for candidate in _find(standard_dirs()):
        try:
            return MaxMindGeoIP(candidate)
        except GeoIPError as exc:  # nobody asked for this file: say so and look further
            log.warning("skipping GeoIP database %s", exc)
    return EmbeddedGeoIP()


def _open_configured(path: Path, what: str) -> MaxMindGeoIP:
    if path.is_dir():
        found = _find([path])
        if not found:
            raise GeoIPError(f"{what}: no {', '.join(DB_NAMES)} in the folder {path}")
        path = found[0]
    elif not path.is_file():
        raise GeoIPError(f"{what}: {path} does not exist")
    return MaxMindGeoIP(path)


class GeoIP:
    """What the IP check needs: `lookup`, the `source` name and, for the health endpoint, `info`."""

    source = "none"

    def lookup(self, ip: str) -> dict | None:
        raise NotImplementedError

    def info(self) -> dict:
        raise NotImplementedError


class MaxMindGeoIP(GeoIP):
    """A GeoLite2/GeoIP2 or DB-IP lite .mmdb file read through geoip2 (maxminddb readers are safe
    for concurrent reads, so no lock; the reader is never closed while serving)."""

    source = "maxmind-db"

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self._reader = geoip2.database.Reader(str(self.path))
        except (OSError, ValueError, maxminddb.InvalidDatabaseError) as exc:
            raise GeoIPError(f"{self.path} is not a readable MaxMind DB file: {exc}") from None
        meta = self._reader.metadata()
        self.database_type = meta.database_type
        self.build_epoch = meta.build_epoch
        self._query: Callable[[str], geoip2.models.Country]  # City and Enterprise records are Country records too
        if "City" in self.database_type:
            self._query = self._reader.city
        elif "Enterprise" in self.database_type:
            self._query = self._reader.enterprise
        elif "Country" in self.database_type:
            self._query = self._reader.country
        else:
            self._reader.close()
            raise GeoIPError(f"{self.path} is a {self.database_type} database; a City or Country database is needed")

    def lookup(self, ip: str) -> dict | None:
        """Country, city and time zone of a public address, or None when the database has no answer."""
        try:
            record = self._query(ip)
        except (geoip2.errors.AddressNotFoundError, ValueError):
            return None
        country = record.country.iso_code or record.registered_country.iso_code
        if not country:
            return None
        city = getattr(record, "city", None)
        location = getattr(record, "location", None)
        return {
            "country": country,
            "city": city.name if city else None,
            "timezone": location.time_zone if location else None,
        }

    def info(self) -> dict:
        built = datetime.fromtimestamp(self.build_epoch, tz=timezone.utc).date().isoformat() if self.build_epoch else None
        return {"source": self.source, "database": f"{self.path} ({self.database_type})", "build_date": built}


# geoip2fast keeps its tables in module globals: one set per process, whatever the number of
# EmbeddedGeoIP objects, so the loaded state and its lock are module-level too.
_EMBEDDED_LOCK = threading.Lock()
_embedded: dict = {"db": None, "v6": False}


def _embedded_db(want_v6: bool):
    """The loaded geoip2fast object, loading (or widening to IPv6) first if needed. Call with the lock held."""
    if _embedded["db"] is not None and (_embedded["v6"] or not want_v6):
        return _embedded["db"]
    import geoip2fast

    # Always a full path: given a bare name, geoip2fast looks in the working directory first and
    # would unpickle whatever file of that name it found there.
    data_file = Path(geoip2fast.__file__).with_name("geoip2fast-ipv6.dat.gz" if want_v6 else "geoip2fast.dat.gz")
    try:
        db = geoip2fast.GeoIP2Fast(verbose=False, geoip2fast_data_file=str(data_file))
    except Exception as exc:  # noqa: BLE001 - geoip2fast raises its own error class and wraps anything else
        raise GeoIPError(f"the embedded IP data {data_file} could not be loaded: {exc}") from None
    _embedded.update(db=db, v6=bool(db.ipv6))
    return db


class EmbeddedGeoIP(GeoIP):
    """geoip2fast's packaged country data (GeoLite2-derived), loaded on first use.

    The IPv4 data (~27 MB) loads first; the combined IPv4+IPv6 file (~47 MB) replaces it on the
    first IPv6 lookup, so most installs never pay for IPv6. One lock guards loads and lookups alike
    (a lookup is ~2 µs), so a reload never meets a lookup halfway.
    """

    source = "embedded-geoip2fast"

    def lookup(self, ip: str) -> dict | None:
        """Country of a public address (the embedded data has no city or time zone)."""
        want_v6 = ":" in ip and "." not in ip
        with _EMBEDDED_LOCK:
            result = _embedded_db(want_v6).lookup(ip)
        code = result.country_code
        if result.is_private or not (isinstance(code, str) and len(code) == 2 and code.isalpha()):
            return None
        return {"country": code.upper(), "city": None, "timezone": None}

    def info(self) -> dict:
        import geoip2fast

        with _EMBEDDED_LOCK:
            db = _embedded_db(False)
            has_v6 = _embedded["v6"]
        origin = str(getattr(db, "source_info", "") or "")  # e.g. MAXMIND:GeoLite2-Country-IPv4-en-20240618
        stamp = re.search(r"(20\d\d)(\d\d)(\d\d)", origin)
        note = "" if has_v6 else "; IPv6 data loads on first IPv6 lookup"
        return {
            "source": self.source,
            "database": f"geoip2fast {geoip2fast.__version__}: {origin.split(':')[-1] or 'country data'}{note}",
            "build_date": "-".join(stamp.groups()) if stamp else None,
        }
