"""With the backend stopped the sidebar says so, with the command that starts it, and recovers."""
from __future__ import annotations

from tests.e2e.harness import Backend, demo_pages

PATH = next(path for name, ident, path in demo_pages() if name == "global_sources" and ident == "1002")


def test_a_stopped_backend_shows_the_start_command_and_retry_recovers_once_it_runs(extension, backend, page, sidebar,
                                                                                   tmp_path):
    # The demo page still comes from the session's backend; the extension is pointed at one that is down.
    down = Backend(tmp_path / "down")
    extension.use_backend(down.url)
    try:
        page.goto(backend.url + PATH)
        sidebar.wait_for("not_running")
        assert sidebar.part("start-command").text_content() == "inquiry-lens serve"
        assert sidebar.part("retry").is_visible()

        down.start()
        sidebar.part("retry").click()
        sidebar.wait_for("ok")
        assert sidebar.part("badge").get_attribute("data-color") in ("green", "amber", "red", "grey")
    finally:
        extension.use_backend(backend.url)
        down.stop()
