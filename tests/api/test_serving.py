"""``api/serving.py``: the shared listening socket of ``serve --workers N`` gives connections TCP_NODELAY."""
import asyncio
import socket

import uvicorn

from narrascope.api.serving import NoDelayConfig


def _nodelay_of_accepted(sock: socket.socket) -> int:
    """TCP_NODELAY on the server side of a connection accepted by asyncio on ``sock``."""
    seen: list[int] = []

    class Probe(asyncio.Protocol):
        def connection_made(self, transport):
            seen.append(transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def main():
        server = await asyncio.get_running_loop().create_server(Probe, sock=sock)
        port = sock.getsockname()[1]
        _reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for _ in range(200):
            if seen:
                break
            await asyncio.sleep(0.01)
        writer.close()
        server.close()
        await server.wait_closed()

    asyncio.run(main())
    return seen[0]


def test_worker_socket_is_tcp_so_keep_alive_responses_are_not_held_back():
    config = NoDelayConfig("narrascope.api.app:app_from_env", factory=True, workers=2, host="127.0.0.1", port=0)
    sock = config.bind_socket()
    assert sock.proto == socket.IPPROTO_TCP
    assert _nodelay_of_accepted(sock) != 0


def test_uvicorns_own_socket_still_lacks_it():
    """What NoDelayConfig works around (uvicorn #3149); when uvicorn fixes it, this fails and the class can go."""
    sock = uvicorn.Config("narrascope.api.app:app_from_env", factory=True, workers=2, host="127.0.0.1", port=0).bind_socket()
    assert sock.proto == 0
    assert _nodelay_of_accepted(sock) == 0
