"""The seller profile, kept as one JSON file in the data folder and written atomically."""
from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from pathlib import Path

from pydantic import ValidationError

from inquiry_lens.model.requests import SellerProfile

log = logging.getLogger(__name__)


class SettingsStore:
    """Load and save the seller profile; a missing or damaged file reads as the defaults."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._cached: dict | None = None

    def load(self) -> dict:
        """The saved profile with defaults for what was never set."""
        with self._lock:
            if self._cached is None:
                self._cached = self._read()
            return dict(self._cached)

    def _read(self) -> dict:
        try:
            return SellerProfile.model_validate_json(self.path.read_bytes()).model_dump()
        except FileNotFoundError:
            return SellerProfile().model_dump()
        except (OSError, ValidationError, ValueError) as exc:
            log.warning("settings file %s is unreadable (%s); using defaults", self.path, type(exc).__name__)
            return SellerProfile().model_dump()

    def save(self, profile: SellerProfile) -> dict:
        """Replace the saved profile; a crash mid-write leaves the old file whole."""
        data = profile.model_dump()
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(data, handle, ensure_ascii=False, indent=2)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            self._cached = data
        return dict(data)
