"""`inquiry-lens analyze PATH|-`: one inquiry from a JSON body, a saved page, an .eml or pasted text."""
from __future__ import annotations

import argparse
import sys

from rich.console import Console

PLATFORMS = ("alibaba", "made_in_china", "global_sources", "email", "generic")
HELP = "analyse one inquiry: a .json body, .html page, .eml, or text (- for stdin)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path")
    parser.add_argument("--platform", choices=PLATFORMS, help="the platform a saved page or text comes from")
    parser.add_argument("--json", action="store_true", help="print exactly the API response")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--online", action="store_true",
                        help="also look the buyer's domains up in DNS and RDAP (sends those domain names out)")


def run(args: argparse.Namespace, config: dict) -> int:
    """Print the report (or, with --json, exactly the API response); 2 with one line when the input is unusable."""
    from pydantic import ValidationError

    from inquiry_lens.checks.geoip import GeoIPError
    from inquiry_lens.cli.report import render
    from inquiry_lens.extraction.inputs import InputError, read_source, to_request
    from inquiry_lens.history.schema import StoreError
    from inquiry_lens.model.encoding import to_json_text
    from inquiry_lens.model.requests import AnalyzeRequest, request_data, validation_field
    from inquiry_lens.rules import RulesError
    from inquiry_lens.service.runtime import open_services

    err = Console(stderr=True)
    try:
        name, raw = read_source(args.path)
        body = AnalyzeRequest.model_validate(to_request(name, raw, args.platform))
        services = open_services(dict(config, ONLINE_CHECKS=True) if args.online else config)
    except (InputError, RulesError, GeoIPError, StoreError) as exc:
        err.print(f"[red]error:[/] {exc}")
        return 2
    except ValidationError as exc:
        err.print(f"[red]error:[/] {args.path}: {validation_field(exc)[1]}")
        return 2
    response = services.analyze(request_data(body))
    if args.json:
        sys.stdout.write(to_json_text(response, indent=True) + "\n")
    else:
        render(response, Console(), args.lang)
    return 0
