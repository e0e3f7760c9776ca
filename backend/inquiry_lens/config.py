"""Layered configuration: defaults, then environment variables, then what the caller passes."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def default_data_dir() -> Path:
    """Where history and settings live: the per-user data folder of this OS."""
    return platformdirs.user_data_path("inquiry-lens", appauthor=False)


def default_config() -> dict:
    """The defaults, overridden by INQUIRY_LENS_* environment variables where set."""
    return {
        "DATA_DIR": Path(os.environ.get("INQUIRY_LENS_DATA_DIR") or default_data_dir()),
        "GEOIP_DB": os.environ.get("INQUIRY_LENS_GEOIP_DB") or None,
        "RULES_DIR": os.environ.get("INQUIRY_LENS_RULES_DIR") or None,
        "MAX_CONTENT_LENGTH": 512 * 1024,
        "ALLOW_REMOTE": False,
        # Pin the extension's ID(s) to refuse every other extension; empty accepts any extension origin.
        "EXTENSION_IDS": [i for i in os.environ.get("INQUIRY_LENS_EXTENSION_IDS", "").split(",") if i],
        "PAIRING_TOKEN": os.environ.get("INQUIRY_LENS_TOKEN") or None,
        # The inquiry history (SQLite); default DATA_DIR/history.sqlite3. A team server may point it elsewhere.
        "STORE_PATH": os.environ.get("INQUIRY_LENS_STORE_PATH") or None,
        "STORE_SYNC": os.environ.get("INQUIRY_LENS_STORE_SYNC") or "NORMAL",  # FULL: also survive a power cut
        # Online checks (DNS, RDAP) run only when turned on in the settings or with --online.
        "ONLINE_CHECKS": False,
        # empty: the system's resolvers
        "ONLINE_DNS_SERVERS": [s for s in os.environ.get("INQUIRY_LENS_DNS_SERVERS", "").split(",") if s],
        "ONLINE_DNS_PORT": int(os.environ.get("INQUIRY_LENS_DNS_PORT") or 53),
        "ONLINE_RDAP_BASE": os.environ.get("INQUIRY_LENS_RDAP_BASE") or "https://rdap.org/domain/",
        "ONLINE_TIMEOUT": 2.0,
    }
