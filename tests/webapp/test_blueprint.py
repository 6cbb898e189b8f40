"""The residents' app as the server delivers it: shell page, manifest, icons, service worker, static files."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import struct
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

import webapp.shell
from dashboard.app import init_dashboard
from webapp import register_webapp


@dataclass(frozen=True)
class Reply:
    status_code: int
    mimetype: str
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


def fetch(site: FlaskClient, url: str) -> Reply:
    """GET and close (static files are streamed from disk; an unclosed reply leaves the file open)."""
    with site.get(url) as reply:
        return Reply(reply.status_code, reply.mimetype, dict(reply.headers), reply.get_data())


@pytest.fixture
def site(app: Flask) -> FlaskClient:
    """As wsgi.py composes it: the API, the residents' app, and the dashboard whose pages answer any path."""
    register_webapp(app)
    init_dashboard(app)
    return app.test_client()


class ShellParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = ShellParser()
    parser.feed(html)
    return parser.tags


def shell_urls(site: FlaskClient) -> list[str]:
    """What the page itself asks for: stylesheet, icons, manifest, preloaded modules, the entry script."""
    tags = parse(fetch(site, "/app").text)
    urls = [attrs["href"] for tag, attrs in tags if tag == "link" and attrs.get("href")]
    urls += [attrs["src"] for tag, attrs in tags if tag == "script" and attrs.get("src")]
    return [url for url in urls if url is not None]


def test_the_app_page_is_served_by_the_app_at_app_and_app_slash_in_indonesian(site: FlaskClient) -> None:
    for path in ("/app", "/app/"):
        page = fetch(site, path)
        html = page.text
        assert page.status_code == 200
        assert page.mimetype == "text/html"
        assert '<html lang="id">' in html
        assert 'src="/app/static/js/main.js"' in html
        assert 'type="module"' in html
        assert "_dash-" not in html  # the dashboard's page would carry Dash's renderer
    dashboard = fetch(site, "/")
    assert dashboard.status_code == 200
    assert "_dash-" in dashboard.text


def test_the_shell_has_no_inline_script_style_or_event_handler_and_a_strict_policy(site: FlaskClient) -> None:
    page = fetch(site, "/app")
    html = page.text
    tags = parse(html)
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert scripts
    assert all(attrs.get("src") for attrs in scripts)
    assert "<style" not in html
    assert not [(tag, name) for tag, attrs in tags for name in attrs if name == "style" or name.startswith("on")]
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_the_manifest_lets_a_phone_install_the_app(site: FlaskClient) -> None:
    reply = fetch(site, "/app/manifest.webmanifest")
    assert reply.status_code == 200
    assert reply.mimetype == "application/manifest+json"
    manifest = json.loads(reply.text)
    assert manifest["name"]
    assert manifest["short_name"]
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/app/"
    assert manifest["start_url"].startswith(manifest["scope"])
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes


def test_every_icon_is_a_png_of_the_size_the_manifest_declares(site: FlaskClient) -> None:
    manifest = json.loads(fetch(site, "/app/manifest.webmanifest").text)
    for icon in manifest["icons"]:
        reply = fetch(site, icon["src"])
        assert reply.status_code == 200
        assert reply.mimetype == "image/png"
        png = reply.body
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert png[12:16] == b"IHDR"
        width, height = struct.unpack(">II", png[16:24])
        assert f"{width}x{height}" == icon["sizes"]


def test_the_service_worker_is_javascript_allowed_to_control_app_and_everything_under_it(site: FlaskClient) -> None:
    reply = fetch(site, "/app/sw.js")
    assert reply.status_code == 200
    assert reply.mimetype == "text/javascript"
    assert reply.headers["Service-Worker-Allowed"] == "/app"
    # The page registers it for the scope the header allows, which covers /app as well as /app/.
    assert '<meta name="sumbar-sw-scope" content="/app">' in fetch(site, "/app").text
    script = reply.text
    assert "no-cache" in reply.headers["Cache-Control"]
    cached = json.loads(re.search(r"const SHELL = (\[.*?\]);", script).group(1))  # type: ignore[union-attr]
    assert cached[0] == "/app/"
    assert "/app/manifest.webmanifest" in cached
    assert set(shell_urls(site)) <= set(cached)  # everything the page loads is kept for offline use
    for url in cached:
        assert fetch(site, url).status_code == 200, url


def test_every_file_the_shell_and_its_modules_reference_exists(site: FlaskClient) -> None:
    """The page's links and scripts, and each module's imports, all resolve to files the server has."""
    seen: set[str] = set()
    pending = shell_urls(site)
    while pending:
        url = pending.pop()
        if url in seen:
            continue
        seen.add(url)
        reply = fetch(site, url)
        assert reply.status_code == 200, url
        if url.endswith(".js"):
            assert reply.mimetype == "text/javascript", url
            folder = url.rsplit("/", 1)[0]
            pending += [_join(folder, target) for target in IMPORT.findall(reply.text)]
    assert "/app/static/js/main.js" in seen
    assert "/app/static/js/views/checkin.js" in seen


IMPORT = re.compile(r"^(?:import|export) [^;]*?from '(\.{1,2}/[^']+)';", re.M | re.S)


def _join(folder: str, relative: str) -> str:
    parts = folder.split("/")
    for piece in relative.split("/"):
        if piece == "..":
            parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


def test_the_first_load_is_under_150_kb_compressed(site: FlaskClient) -> None:
    total = sum(len(gzip.compress(fetch(site, url).body)) for url in {"/app", *shell_urls(site)})
    assert total < 150 * 1024


def test_a_changed_shell_file_changes_the_service_worker_and_its_cache_name(
    site: FlaskClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("static", "templates"):
        shutil.copytree(Path(webapp.shell.HERE, name), tmp_path / name)
    monkeypatch.setattr(webapp.shell, "STATIC", tmp_path / "static")
    monkeypatch.setattr(webapp.shell, "TEMPLATES", tmp_path / "templates")
    before = fetch(site, "/app/sw.js").text
    stylesheet = tmp_path / "static" / "app.css"
    stylesheet.write_text(stylesheet.read_text() + "\n/* changed */\n")
    after = fetch(site, "/app/sw.js").text
    version = re.compile(r'const VERSION = "([0-9a-f]{16})";')
    assert version.search(before)
    assert version.search(after)
    assert version.search(before).group(1) != version.search(after).group(1)  # type: ignore[union-attr]


def test_the_app_files_carry_the_security_headers(site: FlaskClient) -> None:
    for url in ("/app", "/app/sw.js", "/app/manifest.webmanifest", "/app/static/js/main.js"):
        headers = fetch(site, url).headers
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "default-src 'self'" in headers["Content-Security-Policy"]


def test_the_apps_own_files_are_compressed_and_cacheable(site: FlaskClient) -> None:
    with site.get("/app/static/app.css", headers={"Accept-Encoding": "br"}) as reply:
        assert reply.status_code == 200
        assert reply.headers["Content-Encoding"] == "br"
        assert reply.headers["Cache-Control"] == "public, max-age=3600"
        assert reply.headers["ETag"]  # and revalidated by its tag after that (the service worker always asks)


def test_the_page_carries_the_province_time_zone_the_server_is_set_to(app: Flask, site: FlaskClient) -> None:
    assert '<meta name="sumbar-time-zone" content="Asia/Jakarta">' in fetch(site, "/app").text
    app.config["TIMEZONE"] = "Asia/Makassar"
    assert '<meta name="sumbar-time-zone" content="Asia/Makassar">' in fetch(site, "/app").text


def test_the_scripts_take_the_time_zone_from_the_page_not_a_copy_of_their_own() -> None:
    scripts = Path(webapp.__file__).parent / "static" / "js"
    assert [path.name for path in scripts.rglob("*.js") if re.search(r"Asia/|[+-]07:00", path.read_text())] == []
