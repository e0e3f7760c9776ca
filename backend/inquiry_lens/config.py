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
        "ONLINE_CHECKS": False,
    }
