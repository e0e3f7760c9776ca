"""`inquiry-lens demo`: the backend and its demo pages, opened in Chromium, Edge or Chrome with the
extension loaded when one is found; otherwise the URL and the three steps to load the extension.
A backend already running on the port is reused."""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from rich.console import Console

from inquiry_lens.config import DEFAULT_HOST, DEFAULT_PORT

HELP = "open the demo pages with the extension (starts the backend unless it is running)"
VERSION_HEADER = "X-Inquiry-Lens-Version"
START_TIMEOUT = 20.0
LAUNCH_CHECK = 1.5  # seconds a browser that cannot start takes to say so
# Chromium and Edge still honour --load-extension; Google Chrome's own builds dropped it (2025), so
# Chrome comes last and is followed by the manual steps.
NAMES = ("chromium", "chromium-browser", "microsoft-edge", "microsoft-edge-stable", "msedge",
         "google-chrome", "google-chrome-stable", "chrome")
INSTALLED = {
    "win32": [r"%ProgramFiles(x86)%\Microsoft\Edge\Application\msedge.exe",
              r"%ProgramFiles%\Microsoft\Edge\Application\msedge.exe",
              r"%ProgramFiles%\Google\Chrome\Application\chrome.exe",
              r"%ProgramFiles(x86)%\Google\Chrome\Application\chrome.exe",
              r"%LocalAppData%\Google\Chrome\Application\chrome.exe"],
    "darwin": ["/Applications/Chromium.app/Contents/MacOS/Chromium",
               "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
               "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"],
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--no-browser", action="store_true", help="only print the URL and how to load the extension")


def find_browser() -> str | None:
    """A Chromium-family browser: INQUIRY_LENS_BROWSER, then PATH, then the usual install folders."""
    if (chosen := os.environ.get("INQUIRY_LENS_BROWSER")) and Path(chosen).is_file():
        return chosen
    for name in NAMES:
        if found := shutil.which(name):
            return found
    for candidate in INSTALLED.get(sys.platform, []):
        path = Path(os.path.expandvars(candidate))
        if "%" not in str(path) and path.is_file():
            return str(path)
    return None


def probe(port: int) -> str:
    """Who answers on the port: `ours` (with the demo), `old` (an inquiry-lens without it), `other`, `none`."""
    try:
        with urllib.request.urlopen(f"http://{DEFAULT_HOST}:{port}/demo/", timeout=1) as response:
            return "ours" if response.headers.get(VERSION_HEADER) else "other"
    except urllib.error.HTTPError as exc:
        return "old" if exc.headers.get(VERSION_HEADER) else "other"
    except (OSError, ValueError):
        return "none"


def steps(folder: Path | None) -> str:
    """How to load the unpacked extension by hand."""
    where = str(folder) if folder else "the Inquiry Lens source folder (the one holding manifest.json)"
    return ("To see the sidebar, load the extension once (Chrome, Edge or Chromium):\n"
            "  1. open chrome://extensions (in Edge: edge://extensions)\n"
            "  2. turn on Developer mode\n"
            f"  3. click Load unpacked and choose {where}")


def launch(browser: str, extension: Path, url: str, profile: Path) -> bool:
    """Start the browser on its own profile with the extension, detached; False if it failed at once."""
    profile.mkdir(parents=True, exist_ok=True)
    detach = ({"start_new_session": True} if os.name == "posix"
              else {"creationflags": getattr(subprocess, "DETACHED_PROCESS", 0)})
    try:
        process = subprocess.Popen([browser, f"--user-data-dir={profile}", f"--load-extension={extension}",
                                    f"--disable-extensions-except={extension}", "--no-first-run",
                                    "--no-default-browser-check", url],
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   **detach)
    except OSError:
        return False
    try:  # no display, a broken install: it exits with an error at once (handing over to a running one is 0)
        return process.wait(timeout=LAUNCH_CHECK) == 0
    except subprocess.TimeoutExpired:
        return True


def show(url: str, config: dict, no_browser: bool, console: Console) -> None:
    """Open the demo with the extension when possible; else print the URL and the steps."""
    from inquiry_lens.cli.serve import repository_root

    extension = repository_root()
    browser = None if no_browser or extension is None else find_browser()
    if browser is None or extension is None:
        console.print(f"Demo: {url}\n{steps(extension)}")
        return
    if not launch(browser, extension, url, Path(config["DATA_DIR"]) / "demo-browser"):
        console.print(f"Demo: {url} ({browser} did not start)\n{steps(extension)}")
        return
    console.print(f"Demo: {url} opened in {browser} with the extension from {extension}")
    if "chrome" in Path(browser).name.lower():
        console.print("Google Chrome may ignore --load-extension; if no sidebar appears:\n" + steps(extension))


def show_when_up(port: int, url: str, config: dict, no_browser: bool, console: Console) -> None:
    """Wait for the server started in this process to answer, then show the demo."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if probe(port) == "ours":
            show(url, config, no_browser, console)
            return
        time.sleep(0.1)


def run(args: argparse.Namespace, config: dict) -> int:
    """Reuse a running backend or start one here (blocking until Ctrl-C), and show the demo."""
    console = Console(soft_wrap=True)
    url = f"http://{DEFAULT_HOST}:{args.port}/demo/"
    state = probe(args.port)
    if state == "ours":
        console.print(f"Inquiry Lens is already running on port {args.port}; using it.")
        show(url, config, args.no_browser, console)
        return 0
    if state != "none":
        what = "an older Inquiry Lens without the demo" if state == "old" else "another program"
        Console(stderr=True).print(f"[red]error:[/] {what} answers on port {args.port}; "
                                   f"stop it or try --port {args.port + 1}")
        return 1
    from inquiry_lens.cli.serve import serve

    threading.Thread(target=show_when_up, args=(args.port, url, config, args.no_browser, console),
                     name="demo-open", daemon=True).start()
    return serve(config, DEFAULT_HOST, args.port, False, console)
