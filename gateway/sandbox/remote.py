"""Drive a sandbox in another process through its control endpoint, as `Sandbox` is driven."""

from __future__ import annotations

from types import TracebackType
from typing import Any

import httpx

from gateway.sandbox._control import CONTROL_PREFIX
from gateway.sandbox.faults import Fault
from gateway.sandbox.records import RecordedRequest

__all__ = ["RemoteSandbox"]


class RemoteSandbox:
    """A client of `/_sandbox/...` on the sandbox at `url` (e.g. `http://127.0.0.1:8089`)."""

    def __init__(self, url: str, *, timeout: float = 5.0) -> None:
        self.url = url.rstrip("/")
        self._client = httpx.Client(base_url=f"{self.url}/{CONTROL_PREFIX}", timeout=timeout)

    @property
    def vendors(self) -> tuple[str, ...]:
        """The vendor slugs served."""
        return tuple(self._index())

    def base_url(self, slug: str) -> str:
        """Where the sandbox serves `slug`."""
        return str(self._index()[slug]["base_url"])

    def requests(self, slug: str) -> list[RecordedRequest]:
        """What `slug` received, oldest first."""
        response = self._client.get(f"/{slug}/requests")
        response.raise_for_status()
        return [RecordedRequest.from_json(item) for item in response.json()["requests"]]

    def drain_requests(self, slug: str) -> list[RecordedRequest]:
        """What `slug` received, oldest first, forgotten at once (see `Sandbox.drain_requests`)."""
        response = self._client.post(f"/{slug}/requests/drain")
        response.raise_for_status()
        return [RecordedRequest.from_json(item) for item in response.json()["requests"]]

    def inject(self, slug: str, fault: Fault) -> None:
        """Make `slug` commit `fault` (see `Sandbox.inject`)."""
        self._client.post(f"/{slug}/faults", json=fault.to_json()).raise_for_status()

    def clear_faults(self, slug: str | None = None) -> None:
        """Forget pending faults of `slug` (every vendor when None)."""
        for name in self._slugs(slug):
            self._client.delete(f"/{name}/faults").raise_for_status()

    def clear_requests(self, slug: str | None = None) -> None:
        """Forget what `slug` received (every vendor when None)."""
        for name in self._slugs(slug):
            self._client.delete(f"/{name}/requests").raise_for_status()

    def clear(self, slug: str | None = None) -> None:
        """Forget faults and received requests of `slug` (every vendor when None)."""
        self._client.delete(f"/{slug}" if slug else "").raise_for_status()

    def campaign(self, slug: str, campaign_id: object) -> dict[str, Any] | None:
        """`slug`'s campaign as it stands now, None when unknown (see `Sandbox.campaign`)."""
        response = self._client.get(f"/{slug}/campaigns/{campaign_id}")
        if response.status_code == 404:
            return None
        response.raise_for_status()
        state: dict[str, Any] = response.json()
        return state

    def campaigns(self, slug: str) -> list[dict[str, Any]]:
        """Every campaign `slug` keeps, oldest first."""
        response = self._client.get(f"/{slug}/campaigns")
        response.raise_for_status()
        states: list[dict[str, Any]] = response.json()["campaigns"]
        return states

    def forget_campaigns(self, slug: str | None = None) -> None:
        """Forget the campaigns of `slug` (every vendor when None)."""
        for name in self._slugs(slug):
            self._client.delete(f"/{name}/campaigns").raise_for_status()

    def close(self) -> None:
        """Close the HTTP client."""
        self._client.close()

    def __enter__(self) -> RemoteSandbox:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _index(self) -> dict[str, dict[str, str]]:
        response = self._client.get("")
        response.raise_for_status()
        vendors: dict[str, dict[str, str]] = response.json()["vendors"]
        return vendors

    def _slugs(self, slug: str | None) -> tuple[str, ...]:
        return (slug,) if slug else self.vendors
