"""What the web app and the CLI share for a process's lifetime: rules, IP database, settings."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inquiry_lens.geoip import open_geoip
from inquiry_lens.pipeline import Env
from inquiry_lens.rules import Rules, load_rules, packaged_rules
from inquiry_lens.settings_store import SettingsStore


@dataclass
class Services:
    """The loaded rules, the open IP database and the settings file."""

    rules: Rules
    geoip: Any
    settings: SettingsStore
    data_dir: Path
    online: bool = False

    def env(self) -> Env:
        """An analysis environment with the saved seller profile as defaults."""
        return Env(rules=self.rules, geoip=self.geoip, seller_defaults=self.settings.load(), online=self.online)


def open_services(config: dict) -> Services:
    """Load and validate everything once; raises RulesError or GeoIPError with a sentence to show."""
    data_dir = Path(config["DATA_DIR"])
    data_dir.mkdir(parents=True, exist_ok=True)
    rules = load_rules(config["RULES_DIR"]) if config.get("RULES_DIR") else packaged_rules()
    return Services(rules=rules, geoip=open_geoip(config.get("GEOIP_DB")),
                    settings=SettingsStore(data_dir / "settings.json"), data_dir=data_dir,
                    online=bool(config.get("ONLINE_CHECKS")))
