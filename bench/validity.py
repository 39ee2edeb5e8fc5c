"""Does each peer really validate? A valid body must pass and every invalid one be refused (4xx)."""

from __future__ import annotations

import http.client
from dataclasses import dataclass, field

from bench import bodies
from bench.peers import Peer

__all__ = ["Validity", "check_peer"]


@dataclass(frozen=True)
class Validity:
    """How a peer treated the valid body and the invalid set of its kind."""

    peer: str
    valid_status: int
    refused: int
    total: int
    missed: list[str] = field(default_factory=list)

    @property
    def accepts_valid(self) -> bool:
        """The valid body got a 2xx."""
        return 200 <= self.valid_status < 300

    @property
    def validates_all(self) -> bool:
        """Every invalid body was refused and the valid one accepted."""
        return self.accepts_valid and self.refused == self.total

    def summary(self) -> str:
        """`14/14 refused` for the table."""
        return f"{self.refused}/{self.total} refused"


def _post(peer: Peer, body: bytes) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", peer.service.port, timeout=30)
    try:
        connection.request("POST", peer.path, body=body, headers=peer.headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def check_peer(peer: Peer) -> Validity:
    """POST the valid body, then each invalid body of the peer's kind; count 4xx refusals."""
    invalid = bodies.invalid_neutral() if peer.kind == "neutral" else bodies.invalid_native()
    valid_status = _post(peer, peer.body.read_bytes())
    missed = []
    for case in invalid:
        status = _post(peer, case.body)
        if not 400 <= status < 500:
            missed.append(f"{case.why} ({status})")
    return Validity(peer.key, valid_status, len(invalid) - len(missed), len(invalid), missed)
