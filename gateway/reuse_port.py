"""One listening socket per worker process (SO_REUSEPORT), so that the kernel spreads connections.

uvicorn's workers share the one socket its supervisor binds, and a worker that wakes accepts
every connection then pending. Keep-alive clients (SDKs, load balancers) open their connections
together and keep them, so one worker could hold all of them while the others idled: at 16
concurrent connections, 1 run in 10 had one worker at a full core and the other at none, and
served a third fewer requests. Here the supervisor only reserves the address; a worker process
gets, in place of a copy of that socket, a socket of its own bound to the same address with
SO_REUSEPORT, and the kernel hashes each new connection to one of the workers' sockets. (A
connection still waiting in a worker's queue when that worker exits is reset, not handed to
another worker, unless the host sets net.ipv4.tcp_migrate_req.)
"""

from __future__ import annotations

import socket
from typing import Any, TypeVar

__all__ = ["ReservedAddress", "reserve", "supported"]

S = TypeVar("S", bound=socket.socket)


def supported() -> bool:
    """Whether this platform has SO_REUSEPORT (Linux and the BSDs do; Windows does not)."""
    return hasattr(socket, "SO_REUSEPORT")


class ReservedAddress(socket.socket):
    """Bound with SO_REUSEPORT, never listening, so it takes no connection itself.

    Pickled for a worker process (uvicorn's supervisor hands its sockets to each worker it
    starts, restarts included), it arrives as a new socket bound to the same address.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        return (_bound, (socket.socket, self.family, self.getsockname()))


def reserve(host: str, port: int) -> ReservedAddress:
    """The supervisor's socket for `host`:`port` (port 0: any free port, shared by the workers)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return _bound(ReservedAddress, family, (host, port))


def _bound(kind: type[S], family: socket.AddressFamily, address: tuple[Any, ...]) -> S:
    sock = kind(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(address)
    return sock
