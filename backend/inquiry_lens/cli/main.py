"""The `inquiry-lens` command. Each subcommand is a module with HELP, add_arguments(parser) and
run(args, config) -> exit code; a module is imported only when its command runs, except for its
arguments, so `serve` starts without loading what `triage` needs."""
from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from inquiry_lens import __version__
from inquiry_lens.config import default_config

# command name → module; a new command is one line here and one module.
COMMANDS = {
    "serve": "inquiry_lens.cli.serve",
    "analyze": "inquiry_lens.cli.analyze",
    "doctor": "inquiry_lens.cli.doctor",
    "followups": "inquiry_lens.cli.followups",
    "triage": "inquiry_lens.cli.triage",
    "pack": "inquiry_lens.cli.pack",
    "demo": "inquiry_lens.cli.demo",
}


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
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        sub = commands.add_parser(name, help=module.HELP)
        module.add_arguments(sub)
        add_common(sub)
    return parser


def config_from(args: argparse.Namespace) -> dict:
    config = default_config()
    if args.data_dir:
        config["DATA_DIR"] = args.data_dir
    if args.geoip_db:
        config["GEOIP_DB"] = args.geoip_db
    return config


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return importlib.import_module(COMMANDS[args.command]).run(args, config_from(args))
    except KeyboardInterrupt:  # Ctrl-C while starting or reading: a quiet stop, not a traceback
        return 130
