"""How a live stream tells that its client has hung up: its socket reads as ended, whatever the socket's number."""

from __future__ import annotations

import fcntl
import resource
import socket
import ssl

import pytest

from api.streams import hangup_check


def test_a_client_is_gone_only_once_its_end_of_the_connection_is_closed() -> None:
    server, client = socket.socketpair()
    with server, client:
        hung_up = hangup_check({"gunicorn.socket": server})
        assert not hung_up()
        client.sendall(b"x")  # something sent is not a hang-up (and is left for whoever reads it)
        assert not hung_up()
        assert server.recv(1) == b"x"
        client.close()
        assert hung_up()


def test_a_socket_numbered_past_selects_limit_is_watched_too() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    high = 1500
    if hard != resource.RLIM_INFINITY and hard <= high:
        pytest.skip(f"this machine allows {hard} open files")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, high + 1), hard))
    try:
        server, client = socket.socketpair()
        # The lowest free number from `high` on (dup2 would close whatever the process has open there).
        numbered = socket.socket(fileno=fcntl.fcntl(server.fileno(), fcntl.F_DUPFD, high))
        server.close()
        assert numbered.fileno() >= high
        with numbered, client:
            hung_up = hangup_check({"gunicorn.socket": numbered})
            assert not hung_up()  # select() would raise here ("filedescriptor out of range")
            client.close()
            assert hung_up()
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_under_a_server_that_gives_no_socket_a_hang_up_is_left_to_the_writes() -> None:
    assert hangup_check({})() is False


def test_a_tls_connection_is_watched_without_reading_from_it() -> None:
    # gunicorn serving TLS itself hands the app the wrapped socket, which cannot be peeked at.
    server, client = socket.socketpair()
    wrapped = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).wrap_socket(
        server, server_side=True, do_handshake_on_connect=False
    )
    with wrapped, client:
        hung_up = hangup_check({"gunicorn.socket": wrapped})
        client.sendall(b"\x16\x03\x01")  # bytes from a client still there (a TLS record's start)
        assert not hung_up()
        client.close()
        assert hung_up()
