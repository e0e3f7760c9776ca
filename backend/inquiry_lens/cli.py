"""The `inquiry-lens` command: serve, analyze, doctor."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console

from inquiry_lens import __version__
from inquiry_lens.config import DEFAULT_HOST, DEFAULT_PORT, default_config

PLATFORMS = ("alibaba", "made_in_china", "global_sources", "email", "generic")


def add_common(sub: argparse.ArgumentParser) -> None:
    """The folder and database options, accepted after the command too (`serve --data-dir D`)."""
    sub.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS)
    sub.add_argument("--geoip-db", default=argparse.SUPPRESS)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="inquiry-lens", description="询盘透镜 Inquiry Lens: check a buyer inquiry locally")
    parser.add_argument("--version", action="version", version=f"inquiry-lens {__version__}")
    parser.add_argument("--data-dir", type=Path, help="where history and settings live (default: the user data folder)")
    parser.add_argument("--geoip-db", help="a MaxMind-format .mmdb (GeoLite2 or DB-IP City/Country)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="serve the API for the browser extension")
    serve.add_argument("--host", default=DEFAULT_HOST)
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument("--allow-remote", action="store_true",
                       help="listen on a non-loopback address (a pairing token is then required)")
    add_common(serve)

    analyze = commands.add_parser("analyze", help="analyse one inquiry: a .json body, .html page, .eml, or text (- for stdin)")
    analyze.add_argument("path")
    analyze.add_argument("--platform", choices=PLATFORMS, help="the platform a saved page or text comes from")
    analyze.add_argument("--json", action="store_true", help="print exactly the API response")
    analyze.add_argument("--lang", choices=("zh", "en"), default="zh")
    add_common(analyze)

    doctor = commands.add_parser("doctor", help="check the rules, GeoIP database, data folder and port")
    doctor.add_argument("--host", default=DEFAULT_HOST)
    doctor.add_argument("--port", type=int, default=DEFAULT_PORT)
    add_common(doctor)
    return parser


def config_from(args: argparse.Namespace) -> dict:
    config = default_config()
    if args.data_dir:
        config["DATA_DIR"] = args.data_dir
    if args.geoip_db:
        config["GEOIP_DB"] = args.geoip_db
    return config


def run_analyze(args: argparse.Namespace, config: dict, console: Console) -> int:
    from pydantic import ValidationError

    from inquiry_lens.geoip import GeoIPError
    from inquiry_lens.inputs import InputError, read_source, to_request
    from inquiry_lens.models import AnalyzeRequest, request_data
    from inquiry_lens.pipeline import analyze
    from inquiry_lens.report import render
    from inquiry_lens.rules import RulesError
    from inquiry_lens.services import open_services
    from inquiry_lens.web import JSONProvider, validation_field

    err = Console(stderr=True)
    try:
        name, raw = read_source(args.path)
        body = AnalyzeRequest.model_validate(to_request(name, raw, args.platform))
        services = open_services(config)
    except (InputError, RulesError, GeoIPError) as exc:
        err.print(f"[red]error:[/] {exc}")
        return 2
    except ValidationError as exc:
        err.print(f"[red]error:[/] {args.path}: {validation_field(exc)[1]}")
        return 2
    response = analyze(request_data(body), services.env())
    if args.json:
        sys.stdout.write(json.dumps(response, ensure_ascii=False, default=JSONProvider.default, indent=2) + "\n")
    else:
        render(response, console, args.lang)
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        return dispatch(build_parser().parse_args(argv))
    except KeyboardInterrupt:  # Ctrl-C while starting or reading: a quiet stop, not a traceback
        return 130


def dispatch(args: argparse.Namespace) -> int:
    config = config_from(args)
    console = Console()
    if args.command == "serve":
        from inquiry_lens.server import serve

        # soft_wrap: the banner's paths stay whole lines in logs and narrow terminals
        return serve(config, args.host, args.port, args.allow_remote, Console(soft_wrap=True))
    if args.command == "analyze":
        return run_analyze(args, config, console)
    if args.command == "doctor":
        from inquiry_lens.doctor import doctor

        return doctor(config, args.host, args.port, console)
    return 2
