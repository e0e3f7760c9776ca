"""The README's screenshot: the sidebar over a demo page, from a real Chromium run.

    python -m bench.screenshot [--out docs/sidebar.png] [--page alibaba_detail] [--inquiry 1001]

Starts `inquiry-lens serve` on a free port, loads the repository root as the unpacked extension in
Debian's Chromium (/usr/bin/chromium, headless), opens the demo page, waits for the verdict and
saves a 1280×800 PNG.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.e2e.harness import REPO, Backend, Sidebar, demo_pages, extension_worker, launch, set_backend


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "sidebar.png")
    parser.add_argument("--page", default="alibaba_detail", help="a demo page name (inquiry_lens.web.demo.PAGES)")
    parser.add_argument("--inquiry", default="1001", help="a demo inquiry id")
    parser.add_argument("--language", default="zh_CN", choices=("zh_CN", "en"),
                        help="the sidebar's language (needs a CJK font for zh_CN, e.g. Debian's fonts-wqy-microhei)")
    args = parser.parse_args(argv)
    paths = {(name, ident): path for name, ident, path in demo_pages()}
    if (args.page, args.inquiry) not in paths:
        parser.error(f"no demo page {args.page!r} for inquiry {args.inquiry!r}")

    with tempfile.TemporaryDirectory() as scratch:
        backend = Backend(Path(scratch) / "data").start()
        try:
            with sync_playwright() as playwright:
                context = launch(playwright, Path(scratch) / "profile", width=1280, height=800)
                worker = extension_worker(context)
                set_backend(worker, backend.url)
                worker.evaluate(f"chrome.storage.local.set({{language: '{args.language}'}})")
                # the demo seller, so the draft's subject and signature read as they would in use
                backend.put_settings({"company": "Shenzhen Brightway Electronics Co., Ltd.",
                                      "highlights": ["Factory of 12,000 m2, 8 SMT lines", "CE, RoHS, FCC and Qi certified",
                                                     "Supplier to 3 EU retail brands"],
                                      "signature": "Lily Chen\nSales Manager\nShenzhen Brightway Electronics Co., Ltd.\n"
                                                   "+86 755 8888 1234"})
                page = context.new_page()
                page.goto(backend.url + paths[args.page, args.inquiry])
                Sidebar(page).wait_for("ok")
                page.wait_for_timeout(500)  # the sections built just after the verdict, and the fonts
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out))
                context.close()
        finally:
            backend.stop()
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
