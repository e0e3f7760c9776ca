"""`inquiry-lens doctor`: is everything this program needs in order, and if not, what to do."""
from __future__ import annotations

import json
import platform
import socket
import tempfile
import urllib.error
import urllib.request
from importlib import metadata
from pathlib import Path

from rich.console import Console
from rich.table import Table

from inquiry_lens import __version__
from inquiry_lens.config import DEFAULT_HOST, DEFAULT_PORT
from inquiry_lens.web.security import VERSION_HEADER

HELP = "check the rules, GeoIP database, data folder, history file and port"

LIBRARIES = ("flask", "flask-cors", "waitress", "pydantic", "jsonschema", "phonenumbers", "geoip2", "geoip2fast",
             "tldextract", "email-validator", "disposable-email-domains", "pycountry", "holidays", "rapidfuzz",
             "beautifulsoup4", "platformdirs", "rich")


def check_rules(config: dict) -> tuple[bool, str]:
    from inquiry_lens.rules import RulesError, load_rules

    try:
        rules = load_rules(config.get("RULES_DIR"))
    except RulesError as exc:
        return False, f"{exc} — fix that file, or reinstall inquiry-lens"
    return True, f"{len(rules)} files valid, version {rules.version} ({rules.origin})"


def check_geoip(config: dict) -> tuple[bool, str]:
    from inquiry_lens.checks.geoip import GeoIPError, open_geoip

    try:
        info = open_geoip(config.get("GEOIP_DB")).info()
    except GeoIPError as exc:
        return False, f"{exc} — give --geoip-db a GeoLite2/DB-IP .mmdb file, or unset INQUIRY_LENS_GEOIP_DB"
    hint = "" if info["source"] != "embedded-geoip2fast" else \
        " (country only; a GeoLite2-City or DB-IP City .mmdb via --geoip-db adds city and time zone)"
    return True, f"{info['source']}: {info['database']}, built {info['build_date'] or 'unknown'}{hint}"


def check_data_dir(config: dict) -> tuple[bool, str]:
    folder = Path(config["DATA_DIR"])
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return False, f"{folder} is not writable ({exc.strerror or exc}) — choose another with --data-dir"
    return True, str(folder)


def check_history(config: dict) -> tuple[bool, str]:
    from inquiry_lens.history.schema import LATEST, inspect_file
    from inquiry_lens.service.runtime import store_path

    path = store_path(config)
    if not path.exists():
        return True, f"{path} (made on the first inquiry)"
    version, count, problem = inspect_file(path)
    if problem:
        return False, f"{path}: {problem} — move the file aside (a .bak copy may sit beside it) and restart"
    upgrade = f"; upgraded to version {LATEST} on the next start" if version < LATEST else ""
    return True, f"{path}: {count} inquiries, schema version {version}{upgrade}"


def check_port(host: str, port: int) -> tuple[bool, str]:
    probe = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    try:
        probe.bind((host, port))
    except OSError:
        return True, f"{host}:{port} is in use — " + describe_listener(host, port)
    finally:
        probe.close()
    return True, f"{host}:{port} is free; `inquiry-lens serve` will listen there"


def describe_listener(host: str, port: int) -> str:
    """Whether what listens on the port is our backend, and which version."""
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/api/v1/health"
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            server_version = response.headers.get(VERSION_HEADER)
            body = json.loads(response.read() or b"{}")
    except (urllib.error.URLError, OSError, ValueError):
        return "by another program; serve on another --port"
    if server_version is None:
        return "by another program; serve on another --port"
    return f"by inquiry-lens {server_version} (rules {body.get('rules_version')}), already running"


def versions() -> str:
    parts = [f"python {platform.python_version()}", f"inquiry-lens {__version__}"]
    for name in LIBRARIES:
        try:
            parts.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} MISSING")
    return ", ".join(parts)


def add_arguments(parser) -> None:
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)


def run(args, config: dict) -> int:
    return doctor(config, args.host, args.port, Console())


def doctor(config: dict, host: str, port: int, console: Console) -> int:
    """Print one row per check; exit 1 when any check fails."""
    rows = [
        ("rules", *check_rules(config)),
        ("GeoIP", *check_geoip(config)),
        ("data folder", *check_data_dir(config)),
        ("history", *check_history(config)),
        ("port", *check_port(host, port)),
        ("versions", "MISSING" not in (text := versions()), text),
    ]
    table = Table(show_header=False, box=None)
    for name, ok, detail in rows:
        table.add_row(name, "[green]ok[/]" if ok else "[red]FAIL[/]", detail)
    console.print(table)
    return 0 if all(ok for _, ok, _ in rows) else 1
