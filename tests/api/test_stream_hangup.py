"""How a live stream tells that its client has hung up: its socket reads as ended, whatever the socket's number."""

from __future__ import annotations

import os
import resource
import socket

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
        os.dup2(server.fileno(), high)
        server.close()
        numbered = socket.socket(fileno=high)
        with numbered, client:
            hung_up = hangup_check({"gunicorn.socket": numbered})
            assert not hung_up()  # select() would raise here ("filedescriptor out of range")
            client.close()
            assert hung_up()
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_under_a_server_that_gives_no_socket_a_hang_up_is_left_to_the_writes() -> None:
    assert hangup_check({})() is False
