"""What the web app and the CLI share for a process's lifetime: rules, IP database, settings, history."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inquiry_lens.analysis.contact_checks import contact_checks
from inquiry_lens.checks.domain_lookup import OnlineChecker, StoreCache
from inquiry_lens.checks.geoip import open_geoip
from inquiry_lens.history.store import InquiryStore, open_store
from inquiry_lens.model.state import Env
from inquiry_lens.rules import Rules, load_rules, packaged_rules
from inquiry_lens.service.analysis import Effects, analyze
from inquiry_lens.service.seller_settings import SettingsStore

WARM_UP_REQUEST = {
    "platform": "generic",
    "inquiry": {"subject": "Quotation 500 pcs", "message": "Dear Sir, please quote 500 pcs, CE, FOB, lead time? https://bit.ly/x"},
    "buyer": {"email": "buyer@example.de", "phone": "+49 30 1234567", "fax": "+49 30 1234568", "country": "Germany",
              "ip": "194.228.194.102", "address": "Hauptstrasse 1, 10115 Berlin", "title": "CEO",
              "website": "www.example.de"},
    "html": "<p>Email: buyer@example.de</p>",
}


@dataclass
class Services:
    """The loaded rules, the open IP database, the settings file, the history and the online checker."""

    rules: Rules
    geoip: Any
    settings: SettingsStore
    data_dir: Path
    store: InquiryStore
    online: bool = False
    online_checker: OnlineChecker | None = None

    def warm_up(self) -> None:
        """Load what the libraries load on first use (number geography, holiday calendars, the
        disposable-domain list, the embedded IP data, the history's statements) by analysing one sample
        inquiry, so no buyer's inquiry pays for it. The sample's domains are nobody's: no look-ups."""
        analyze(dict(WARM_UP_REQUEST, seller={"online_checks": False}, store=False), self.env(), Effects(store=self.store))

    def env(self) -> Env:
        """An analysis environment with the saved seller profile as defaults."""
        return Env(rules=self.rules, geoip=self.geoip, seller_defaults=self.settings.load())

    def effects(self) -> Effects:
        """The look-ups and the history, as this process was started."""
        return Effects(store=self.store, online=self.online, checker=self.online_checker)

    def analyze(self, request: dict[str, Any]) -> dict[str, Any]:
        """One validated request through the pipeline and its side effects: the response body."""
        return analyze(request, self.env(), self.effects())


def open_services(config: dict) -> Services:
    """Load and validate everything once; raises RulesError or GeoIPError with a sentence to show."""
    data_dir = Path(config["DATA_DIR"])
    data_dir.mkdir(parents=True, exist_ok=True)
    rules = load_rules(config["RULES_DIR"]) if config.get("RULES_DIR") else packaged_rules()
    store = open_store(store_path(config), rules, config.get("STORE_SYNC") or "NORMAL", contact_checks)
    return Services(rules=rules, geoip=open_geoip(config.get("GEOIP_DB")),
                    settings=SettingsStore(data_dir / "settings.json"), data_dir=data_dir,
                    online=bool(config.get("ONLINE_CHECKS")),
                    online_checker=OnlineChecker.from_config(config, cache=StoreCache(store)), store=store)


def store_path(config: dict) -> Path:
    """Where the history lives: STORE_PATH, else history.sqlite3 in the data folder."""
    return Path(config.get("STORE_PATH") or Path(config["DATA_DIR"]) / "history.sqlite3")
