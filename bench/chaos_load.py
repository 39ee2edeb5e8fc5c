"""The clients of `make chaos`: logical campaigns sent as a careful client and as a blind one would.

A logical campaign is one campaign a client means to create, named uniquely so the vendor's
recorded requests and the registry's rows can be matched to it. Two kinds:

- keyed: sent with an Idempotency-Key and retried with the same key after any failure (no
  answer, 5xx, 409, 429) until an answer settles it (2xx, or a 4xx that is not 409/429) or the
  attempts run out, as a careful client would;
- keyless: the same body sent twice without a key, the second a moment after the first
  (while it may still be with the vendor, or just after), as a blind retry would.
"""

from __future__ import annotations

import itertools
import random
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

__all__ = ["Campaign", "Load", "Tally"]

# Statuses after which a careful client sends the same key again.
_RETRY = frozenset({409, 429, 500, 502, 503, 504})
_NO_ANSWER = "no answer"


@dataclass
class Campaign:
    """One logical campaign and what its client was told."""

    name: str
    keyed: bool
    attempts: int = 0
    acknowledged: set[str] = field(default_factory=set)
    """Campaign ids of every 2xx the client got for it."""
    settled: bool = False


@dataclass
class Tally:
    """Requests sent and their answers, by status (or "no answer")."""

    sent: int = 0
    answers: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, answer: str) -> None:
        """Count one request and its answer."""
        with self.lock:
            self.sent += 1
            self.answers[answer] += 1


class Load:
    """Client threads sending logical campaigns to whichever gateway is at `url` right now."""

    def __init__(
        self,
        url: str,
        key: str,
        body: dict[str, Any],
        *,
        run: str,
        clients: int,
        keyless_share: float,
        max_attempts: int,
        timeout_s: float,
        seed: int,
    ) -> None:
        self.url = url
        self.headers = {"Authorization": f"Bearer {key}"}
        self.body = body
        self.run = run
        self.clients = clients
        self.keyless_share = keyless_share
        self.max_attempts = max_attempts
        self.timeout_s = timeout_s
        self.campaigns: dict[str, Campaign] = {}
        self.tally = Tally()
        self.new_campaigns = threading.Event()
        """Set: clients start new campaigns; clear: they only finish the keyed ones pending."""
        self.new_campaigns.set()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._numbers = itertools.count()
        self._random = random.Random(seed)
        self._threads = [threading.Thread(target=self._client, args=(n,), daemon=True) for n in range(clients)]

    def start(self) -> None:
        """Start the client threads."""
        for thread in self._threads:
            thread.start()

    def pending(self) -> int:
        """Keyed campaigns not settled yet."""
        with self._lock:
            return sum(1 for c in self.campaigns.values() if c.keyed and not c.settled)

    def stop(self) -> None:
        """Stop every client after its current request."""
        self._stop.set()
        for thread in self._threads:
            thread.join(self.timeout_s * 3)

    def _client(self, number: int) -> None:
        with httpx.Client(timeout=self.timeout_s) as http:
            while not self._stop.is_set():
                campaign = self._next()
                if campaign is None:
                    self._stop.wait(0.05)
                elif campaign.keyed:
                    self._send_keyed(http, campaign)
                else:
                    self._send_keyless(http, campaign)

    def _next(self) -> Campaign | None:
        with self._lock:
            retry = next((c for c in self.campaigns.values() if c.keyed and not c.settled and c.attempts), None)
            if retry is not None and self._random.random() < 0.5:
                return retry
            if not self.new_campaigns.is_set():
                return retry
            keyed = self._random.random() >= self.keyless_share
            campaign = Campaign(f"chaos-{self.run}-{next(self._numbers)}", keyed)
            self.campaigns[campaign.name] = campaign
            return campaign

    def _post(self, http: httpx.Client, campaign: Campaign, headers: dict[str, str]) -> httpx.Response | None:
        try:
            response = http.post(f"{self.url}/v1/campaigns", json={**self.body, "name": campaign.name}, headers=headers)
        except httpx.HTTPError:
            self.tally.add(_NO_ANSWER)
            return None
        self.tally.add(str(response.status_code))
        if response.is_success:
            with self._lock:
                campaign.acknowledged.add(str(response.json()["id"]))
        return response

    def _send_keyed(self, http: httpx.Client, campaign: Campaign) -> None:
        with self._lock:
            if campaign.settled:
                return
            campaign.attempts += 1
        response = self._post(http, campaign, {**self.headers, "Idempotency-Key": campaign.name})
        with self._lock:
            answered = response is not None and response.status_code not in _RETRY
            campaign.settled = answered or campaign.attempts >= self.max_attempts
        if not answered:
            self._stop.wait(0.3)  # the gateway may be restarting

    def _send_keyless(self, http: httpx.Client, campaign: Campaign) -> None:
        answers: list[httpx.Response | None] = []
        first = threading.Thread(target=lambda: answers.append(self._post(http, campaign, self.headers)))
        first.start()
        self._stop.wait(self._random.uniform(0.0, 0.4))
        answers.append(self._post(http, campaign, self.headers))
        first.join()
        with self._lock:
            campaign.attempts = 2
            campaign.settled = True
        if all(answer is None for answer in answers):
            self._stop.wait(0.3)  # the gateway is restarting
