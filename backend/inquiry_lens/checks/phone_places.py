"""phonenumbers' place names in the two languages this product shows, in a few MB instead of ~100.

The library keeps the names of ~290,000 number prefixes in every language in memory as soon as its
geocoder is imported (phonenumbers.geodata), which alone would break the backend's memory budget.
A child process, so the full tables never live in the server, writes the en/zh subset once per
library version to the cache folder; `install` then puts it where the library's own geocoder looks,
behind the same mapping interface, so the lookup itself stays the library's. Should anything not
fit (a library of another layout, no cache folder), nothing is installed and the library loads its
own data as usual.
"""
from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import types
from array import array
from bisect import bisect_left
from collections.abc import Mapping
from pathlib import Path

import phonenumbers
import platformdirs

LANGS = ("en", "zh", "zh_Hant")
FORMAT = 2  # bump when build() writes something else, so an old cache is not read


class PrefixNames(Mapping):
    """Prefix digits (as the library's keys, e.g. "86755") → {language: name}, from sorted arrays."""

    def __init__(self, keys: array, values: array, names: list[list]):
        self._keys, self._values, self._names = keys, values, names

    def _index(self, prefix) -> int:
        if not isinstance(prefix, str) or not prefix.isdigit() or prefix.startswith("0"):
            return -1
        key = int(prefix)
        at = bisect_left(self._keys, key)
        return at if at < len(self._keys) and self._keys[at] == key else -1

    def __contains__(self, prefix) -> bool:
        return self._index(prefix) >= 0

    def __getitem__(self, prefix) -> dict:
        at = self._index(prefix)
        if at < 0:
            raise KeyError(prefix)
        return {lang: name for lang, name in zip(LANGS, self._names[self._values[at]], strict=False) if name}

    def __iter__(self):
        return (str(key) for key in self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def cache_file() -> Path:
    folder = Path(os.environ.get("INQUIRY_LENS_CACHE_DIR") or platformdirs.user_cache_path("inquiry-lens", appauthor=False))
    return folder / f"geocode-{FORMAT}-{phonenumbers.__version__}.json"


def build(path: str | Path) -> None:
    """Write the en/zh subset of the library's tables (run in a child process: it loads them all)."""
    from phonenumbers.geodata import GEOCODE_DATA, GEOCODE_LONGEST_PREFIX
    from phonenumbers.geodata.locale import LOCALE_DATA

    def named(by_lang: dict, lang: str) -> str | None:
        name = by_lang.get(lang)
        return by_lang.get(name[1:]) if name and name.startswith("*") else name  # "*aa": held under "aa"

    names: dict[tuple, int] = {}
    keys, values = array("Q"), array("I")
    for prefix in sorted(GEOCODE_DATA, key=int):
        row = tuple(named(GEOCODE_DATA[prefix], lang) for lang in LANGS)
        if any(row):
            keys.append(int(prefix))
            values.append(names.setdefault(row, len(names)))
    data = {
        "version": phonenumbers.__version__, "longest": GEOCODE_LONGEST_PREFIX,
        "keys": base64.b64encode(keys.tobytes()).decode(), "values": base64.b64encode(values.tobytes()).decode(),
        "names": [list(row) for row in names], "byteorder": sys.byteorder,
        "locale": {region: {lang: named(by_lang, lang) for lang in LANGS if named(by_lang, lang)}
                   for region, by_lang in LOCALE_DATA.items()},
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


def load(path: Path) -> dict | None:
    """The cached subset, building it in a child process first when it is missing."""
    if not path.is_file():
        code = "import sys; from inquiry_lens.checks.phone_places import build; build(sys.argv[1])"
        subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=300, capture_output=True)
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("version") != phonenumbers.__version__ or data.get("byteorder") != sys.byteorder:
        return None
    return data


def install() -> bool:
    """Put the subset where phonenumbers.geocoder imports its data from; False when the library's own is used."""
    if "phonenumbers.geocoder" in sys.modules or "phonenumbers.geodata" in sys.modules:
        return False  # too late: the library already holds its full tables
    try:
        data = load(cache_file())
    except (OSError, ValueError, subprocess.SubprocessError):
        return False
    if data is None:
        return False
    keys, values = array("Q"), array("I")
    keys.frombytes(base64.b64decode(data["keys"]))
    values.frombytes(base64.b64decode(data["values"]))
    # Modules made here: their names go straight into their namespaces, as an import would put them.
    geodata = types.ModuleType("phonenumbers.geodata", "en/zh place names (inquiry_lens.checks.phone_places)")
    vars(geodata).update(GEOCODE_DATA=PrefixNames(keys, values, data["names"]), GEOCODE_LONGEST_PREFIX=data["longest"])
    locale = types.ModuleType("phonenumbers.geodata.locale")
    vars(locale).update(LOCALE_DATA=data["locale"])
    vars(geodata).update(locale=locale)
    sys.modules["phonenumbers.geodata"] = geodata
    sys.modules["phonenumbers.geodata.locale"] = locale
    return True
