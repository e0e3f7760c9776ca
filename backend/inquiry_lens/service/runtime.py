"""What the web app and the CLI share for a process's lifetime: rules, IP database, settings, history."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inquiry_lens.checks.geoip import open_geoip
from inquiry_lens.checks.online_check import OnlineChecker
from inquiry_lens.checks.domain_lookup import StoreCache
from inquiry_lens.analysis.pipeline import Env
from inquiry_lens.rules import Rules, load_rules, packaged_rules
from inquiry_lens.service.seller_settings import SettingsStore
from inquiry_lens.history.store import open_store


WARM_UP_REQUEST = {
    "platform": "generic",
    "inquiry": {"subject": "Quotation 500 pcs", "message": "Dear Sir, please quote 500 pcs, CE, FOB, lead time? https://bit.ly/x"},
    "buyer": {"email": "buyer@example.de", "phone": "+49 30 1234567", "fax": "+49 30 1234568", "country": "Germany",
              "ip": "194.228.194.102", "address": "Hauptstrasse 1, 10115 Berlin", "title": "CEO", "website": "www.example.de"},
    "html": "<p>Email: buyer@example.de</p>",
}


@dataclass
class Services:
    """The loaded rules, the open IP database and the settings file."""

    rules: Rules
    geoip: Any
    settings: SettingsStore
    data_dir: Path
    online: bool = False
    online_checker: Any = None
    store: Any = None  # store.InquiryStore

    def warm_up(self) -> None:
        """Load what the libraries load on first use (number geography, holiday calendars, the
        disposable-domain list, the embedded IP data) by analysing one sample inquiry, so no
        buyer's inquiry pays for it."""
        from inquiry_lens.analysis.pipeline import analyze

        env = self.env()
        env.online = False  # the sample's domains are nobody's: no look-ups for them
        analyze(dict(WARM_UP_REQUEST, seller={"online_checks": False}), env)

    def env(self) -> Env:
        """An analysis environment with the saved seller profile as defaults."""
        return Env(rules=self.rules, geoip=self.geoip, seller_defaults=self.settings.load(), online=self.online,
                   online_checker=self.online_checker, store=self.store)


def open_services(config: dict) -> Services:
    """Load and validate everything once; raises RulesError or GeoIPError with a sentence to show."""
    data_dir = Path(config["DATA_DIR"])
    data_dir.mkdir(parents=True, exist_ok=True)
    rules = load_rules(config["RULES_DIR"]) if config.get("RULES_DIR") else packaged_rules()
    store = open_store(store_path(config), rules, config.get("STORE_SYNC") or "NORMAL")
    return Services(rules=rules, geoip=open_geoip(config.get("GEOIP_DB")),
                    settings=SettingsStore(data_dir / "settings.json"), data_dir=data_dir,
                    online=bool(config.get("ONLINE_CHECKS")),
                    online_checker=OnlineChecker.from_config(config, cache=StoreCache(store)), store=store)


def store_path(config: dict) -> Path:
    """Where the history lives: STORE_PATH, else history.sqlite3 in the data folder."""
    return Path(config.get("STORE_PATH") or Path(config["DATA_DIR"]) / "history.sqlite3")
