"""uvicorn settings for ``narrascope serve --workers N``."""
from __future__ import annotations

import socket

import uvicorn


class NoDelayConfig(uvicorn.Config):
    """A uvicorn ``Config`` whose listening socket says it is TCP.

    uvicorn binds the socket it shares with its worker processes with ``proto`` 0; accepted sockets inherit
    it, and asyncio turns Nagle's algorithm off (``TCP_NODELAY``) only on sockets that say ``IPPROTO_TCP``.
    So every keep-alive request after a connection's first waited ~40 ms for the client's delayed ACK
    (uvicorn issue #3149; measured here: 44 ms against 3 ms with one worker). One worker is unaffected:
    asyncio binds that socket itself.
    """

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto == 0:
            sock = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        return sock
