"""`inquiry-lens serve`: the API under waitress, a production server that also runs on Windows."""
from __future__ import annotations

import secrets
import signal
import sys
import threading
from pathlib import Path

from rich.console import Console

from inquiry_lens import API_VERSION, __version__
from inquiry_lens.config import DEFAULT_HOST, DEFAULT_PORT, LOOPBACK_HOSTS

HELP = "serve the API for the browser extension"
THREADS = 8
# waitress answers an over-limit body itself, as text; its limit sits far above the app's so the
# app's JSON 413 is what clients see, while a runaway upload still cannot fill the disk.
TRANSPORT_BODY_LIMIT = 64 * 1024 * 1024


def add_arguments(parser) -> None:
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--allow-remote", action="store_true",
                        help="listen on a non-loopback address (a pairing token is then required)")
    parser.add_argument("--online", action="store_true",
                        help="look buyers' domains up in DNS and RDAP (sends those domain names out; off by default)")


def run(args, config: dict) -> int:
    if args.online:
        config = dict(config, ONLINE_CHECKS=True)
    # soft_wrap: the banner's paths stay whole lines in logs and narrow terminals
    return serve(config, args.host, args.port, args.allow_remote, Console(soft_wrap=True))


def repository_root() -> Path | None:
    """The folder holding manifest.json (the unpacked extension), when running from a checkout."""
    root = Path(__file__).resolve().parents[3]
    return root if (root / "manifest.json").is_file() else None


def pairing_token(data_dir: Path) -> str:
    """The token remote clients must send; made once and kept in the data folder."""
    path = data_dir / "pairing-token.txt"
    if path.is_file() and (token := path.read_text(encoding="utf-8").strip()):
        return token
    token = secrets.token_urlsafe(24)
    path.write_text(token + "\n", encoding="utf-8")
    return token


def serve(config: dict, host: str, port: int, allow_remote: bool, console: Console) -> int:
    """Start the server and block until Ctrl-C; 1 with a one-line reason when it cannot start."""
    from waitress.server import create_server

    from inquiry_lens.checks.geoip import GeoIPError
    from inquiry_lens.history.schema import StoreError
    from inquiry_lens.rules import RulesError
    from inquiry_lens.web.app import create_app

    err = Console(stderr=True)
    if host not in LOOPBACK_HOSTS and not allow_remote:
        err.print(f"[red]error:[/] refusing to listen on {host}: the API holds your buyers' data and has no login, "
                  "so it listens on 127.0.0.1 only. Pass --allow-remote to serve a team (a pairing token is then required).")
        return 1
    config = dict(config, ALLOW_REMOTE=allow_remote)
    if allow_remote and not config.get("PAIRING_TOKEN"):
        config["PAIRING_TOKEN"] = pairing_token(Path(config["DATA_DIR"]))
    try:
        app = create_app(config)
    except (RulesError, GeoIPError, StoreError) as exc:
        err.print(f"[red]error:[/] {exc}")
        return 1
    # A process started in the background inherits SIGINT ignored; Ctrl-C and a polite kill must still stop it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        server = create_server(app, host=host, port=port, threads=THREADS,
                               max_request_body_size=TRANSPORT_BODY_LIMIT, ident=f"inquiry-lens/{__version__}")
    except OSError as exc:
        err.print(f"[red]error:[/] cannot listen on {host}:{port}: {exc.strerror or exc} "
                  f"(is another inquiry-lens running? try --port {port + 1})")
        return 1
    try:
        announce(app, host, port, config, console)
        # Health answers at once; the first inquiry should not pay for the libraries' lazy loading.
        threading.Thread(target=app.extensions["inquiry_lens"].warm_up, name="warm-up", daemon=True).start()
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    console.print("stopped.")
    return 0


def announce(app, host: str, port: int, config: dict, console: Console) -> None:
    """Where it listens, the data folder, the GeoIP source and how to load the extension."""
    services = app.extensions["inquiry_lens"]
    geo = services.geoip.info()
    shown_host = f"[{host}]" if ":" in host else host
    console.print(f"[bold]Inquiry Lens {__version__}[/] (API v{API_VERSION}) listening on http://{shown_host}:{port}")
    console.print(f"  data folder   {services.data_dir}")
    console.print(f"  history       {services.store.path}")
    console.print(f"  rules         {services.rules.version}")
    console.print(f"  GeoIP         {geo['source']} ({geo['database']}, built {geo['build_date'] or 'unknown'})")
    online = ("on (--online)" if services.online
              else "on (settings)" if services.settings.load().get("online_checks") else "off")
    console.print(f"  online checks {online}")
    if config["ALLOW_REMOTE"]:
        console.print(f"  pairing token {config['PAIRING_TOKEN']}  (clients send it as X-Inquiry-Lens-Token)")
    root = repository_root()
    console.print("  extension     chrome://extensions → Developer mode → Load unpacked → "
                  + (str(root) if root else "the source folder that holds manifest.json"))
    console.print("Ctrl-C stops it.")
    sys.stdout.flush()
