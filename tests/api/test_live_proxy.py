"""The production topology: the shipped nginx site (deploy/nginx/sumbar.conf) with TLS in front of two web
instances on PostgreSQL and Redis. Alerts reach a console through it, slow clients stop at it, forwarded
addresses count only from it, and /metrics is not reachable through it."""

from __future__ import annotations

import contextlib
import datetime as dt
import http.client
import ipaddress
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from scripts.live import ROOT, free_port, running_server
from tests.factories import device_headers, staff_headers

pytestmark = pytest.mark.live
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
SITE = ROOT / "deploy" / "nginx" / "sumbar.conf"
REDIS_URL = "redis://127.0.0.1:6379/11"  # a database number of this module's own
PROXY_ADDRESS = "127.0.0.2"  # where the shipped site connects to the app from (proxy_bind)
OUTSIDE = "127.0.0.3"  # a client of the proxy, as the app should see it
DEADLINE = 10.0
SLOW_CLIENTS = 40


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def site_for_test(site: str, app_ports: list[int], http_port: int, tls_port: int, cert: Path, key: Path) -> str:
    """The shipped site with this machine's ports and certificate: every other line as shipped."""
    upstreams = re.findall(r"^\s*server 127\.0\.0\.1:\d+;$", site, flags=re.M)
    assert len(upstreams) == len(app_ports) == 2, upstreams
    for line, port in zip(upstreams, app_ports, strict=True):
        site = site.replace(line, f"    server 127.0.0.1:{port};", 1)
    replacements = {
        "    listen [::]:80;\n": "",
        "    listen [::]:443 ssl http2;\n": "",
        "    listen 80;": f"    listen 127.0.0.1:{http_port};",
        "    listen 443 ssl http2;": f"    listen 127.0.0.1:{tls_port} ssl http2;",
        "/etc/ssl/sumbar/fullchain.pem": str(cert),
        "/etc/ssl/sumbar/privkey.pem": str(key),
    }
    for old, new in replacements.items():
        assert old in site, old
        site = site.replace(old, new)
    return site


@pytest.fixture(scope="module")
def proxy(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    if database_url.startswith("sqlite"):
        pytest.skip("the production topology runs on PostgreSQL")
    # CI installs nginx and starts Redis (.ci/run): there a missing one is a failure, not a quiet skip.
    missing = pytest.fail if os.environ.get("CI") == "true" else pytest.skip
    if NGINX is None:
        missing("nginx is not installed (Debian's package; .ci/run installs it)")
    if not redis_answers():
        missing("Redis is not running on 127.0.0.1:6379 (.ci/run starts it)")
    folder = tmp_path_factory.mktemp("nginx")
    folder.chmod(0o755)  # nginx's workers run as another user when the tests run as root
    cert, key = self_signed(folder)
    # A limit string of its own, so the counters of earlier runs on the same Redis cannot interfere.
    settings = {
        "PROXY_HOPS": "1",
        "PROXY_ADDRESSES": PROXY_ADDRESS,
        "REDIS_URL": REDIS_URL,
        "DEVICE_REGISTRATION_LIMIT": f"3 per {3600 + uuid.uuid4().int % 1000} seconds",
        "STREAM_KEEPALIVE_SECONDS": "1",
    }
    with (
        running_server(database_url, workers=1, threads=8, **settings) as first,
        running_server(database_url, workers=1, threads=8, **settings) as second,
    ):
        http_port, tls_port = free_port(), free_port()
        site = site_for_test(SITE.read_text(), [first[1], second[1]], http_port, tls_port, cert, key)
        temp = folder / "temp"
        temp.mkdir(mode=0o777)
        temp.chmod(0o777)
        (folder / "sumbar.conf").write_text(site)
        (folder / "nginx.conf").write_text(
            f"daemon off;\nworker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
            "events { worker_connections 512; }\n"
            f"http {{\n access_log off;\n client_body_temp_path {temp}/body;\n proxy_temp_path {temp}/proxy;\n"
            f" fastcgi_temp_path {temp}/fastcgi;\n uwsgi_temp_path {temp}/uwsgi;\n scgi_temp_path {temp}/scgi;\n"
            f" include {folder}/sumbar.conf;\n}}\n"
        )
        nginx = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")], stderr=subprocess.PIPE)
        try:
            wait_for_port(tls_port, nginx)
            context = ssl.create_default_context(cafile=str(cert))
            yield {"tls_port": tls_port, "context": context, "apps": [first, second]}
        finally:
            nginx.terminate()
            nginx.wait(timeout=10)
            if nginx.stderr is not None:
                nginx.stderr.close()


def wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx did not start: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("nginx did not listen within 10 s")


def https(
    proxy: dict[str, Any],
    method: str,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
    source: str = "127.0.0.1",
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPSConnection(
        "localhost", proxy["tls_port"], timeout=DEADLINE, context=proxy["context"], source_address=(source, 0)
    )
    try:
        payload = json.dumps(body) if body is not None else None
        connection.request(method, path, body=payload, headers={"Content-Type": "application/json", **(headers or {})})
        reply = connection.getresponse()
        return reply.status, {k.lower(): v for k, v in reply.getheaders()}, reply.read()
    finally:
        connection.close()


def direct(
    address: tuple[str, int], method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str]]:
    connection = http.client.HTTPConnection(*address, timeout=DEADLINE)
    try:
        payload = json.dumps(body) if body is not None else None
        connection.request(method, path, body=payload, headers={"Content-Type": "application/json", **(headers or {})})
        reply = connection.getresponse()
        reply.read()
        return reply.status, {k.lower(): v for k, v in reply.getheaders()}
    finally:
        connection.close()


def test_an_alert_pressed_through_the_proxy_reaches_an_officers_stream_through_it(
    app: object, proxy: dict[str, Any]
) -> None:
    connection = http.client.HTTPSConnection("localhost", proxy["tls_port"], timeout=DEADLINE, context=proxy["context"])
    connection.request("GET", "/api/v1/alerts/stream", headers=staff_headers("satgas_provinsi"))
    stream = connection.getresponse()
    assert stream.status == 200
    assert stream.readline().startswith(b"retry:")
    # Several presses, so the stream and the presses meet on both instances; each event is timed from the reply.
    delays = []
    for _ in range(4):
        status, _, body = https(proxy, "POST", "/api/v1/alerts", {"category": "breathing"}, device_headers())
        replied = time.monotonic()
        assert status == 201
        alert_id = json.loads(body)["id"]
        deadline = replied + DEADLINE
        while True:
            assert time.monotonic() < deadline, f"alert {alert_id} did not reach the stream within {DEADLINE} s"
            line = stream.readline()
            if line.startswith(b"data:") and alert_id.encode() in line:
                delays.append(time.monotonic() - replied)
                break
    connection.close()
    print(f"\npress reply to stream event through nginx: {', '.join(f'{d * 1000:.0f} ms' for d in delays)}")


def test_slow_clients_at_the_proxy_do_not_keep_a_panic_press_out(app: object, proxy: dict[str, Any]) -> None:
    request_head = b"POST /api/v1/alerts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
    clients = []
    for _ in range(SLOW_CLIENTS):
        raw = socket.create_connection(("127.0.0.1", proxy["tls_port"]), timeout=DEADLINE)
        clients.append(proxy["context"].wrap_socket(raw, server_hostname="localhost"))
    stop = threading.Event()

    def trickle() -> None:
        # Each client sends its headers one byte at a time, never finishing them.
        for byte in request_head:
            for client in clients:
                with contextlib.suppress(OSError):  # cut off by the proxy, as it should be
                    client.sendall(bytes([byte]))
            if stop.wait(0.2):
                return

    sender = threading.Thread(target=trickle, daemon=True)
    sender.start()
    try:
        time.sleep(1)  # every slow client is connected and sending
        started = time.monotonic()
        status, _, _ = https(proxy, "POST", "/api/v1/alerts", {"category": "medical"}, device_headers())
        pressed = time.monotonic() - started
        assert status == 201
        started = time.monotonic()
        assert https(proxy, "GET", "/healthz")[0] == 200
        health = time.monotonic() - started
        # Both were answered while every slow client was still connected (none had been cut off by the
        # proxy's header timeout yet): they did not wait behind the slow clients.
        stop.set()
        sender.join(timeout=5)
        for client in clients:
            client.setblocking(False)
            with pytest.raises(ssl.SSLWantReadError):
                client.recv(1)
        print(
            f"\nwith {SLOW_CLIENTS} slow clients: panic press {pressed * 1000:.0f} ms, /healthz {health * 1000:.0f} ms"
        )
    finally:
        stop.set()
        sender.join(timeout=5)
        for client in clients:
            client.close()


def test_forwarded_addresses_and_request_ids_count_only_from_the_proxy(proxy: dict[str, Any]) -> None:
    app_address = proxy["apps"][0]
    # Straight to an instance, claiming other addresses: one caller (127.0.0.1) whatever it says, so the
    # registration limit (3) is reached; and the id it chose is not kept.
    claims = [{"X-Forwarded-For": f"10.9.0.{n}", "X-Request-ID": "chosen-by-client"} for n in range(4)]
    replies = [direct(app_address, "POST", "/api/v1/devices", {}, headers) for headers in claims]
    assert [status for status, _ in replies] == [201, 201, 201, 429]
    assert all(headers["x-request-id"] != "chosen-by-client" for _, headers in replies)
    # Through the proxy, a client at another address is another caller, and nginx's own request id is used.
    status, headers, _ = https(
        proxy,
        "POST",
        "/api/v1/devices",
        {},
        {"X-Forwarded-For": "127.0.0.1", "X-Request-ID": "chosen-by-client"},
        source=OUTSIDE,
    )
    assert status == 201
    assert re.fullmatch(r"[0-9a-f]{32}", headers["x-request-id"])


def test_metrics_are_refused_through_the_proxy_and_answered_on_the_instance(proxy: dict[str, Any]) -> None:
    status, _, body = https(proxy, "GET", "/metrics")
    assert status == 404
    assert b"sumbar_" not in body
    assert direct(proxy["apps"][0], "GET", "/metrics")[0] == 200
