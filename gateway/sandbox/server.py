"""The sandbox: one threaded HTTP server on loopback standing in for every vendor.

Each vendor is served under `/<slug>` + its spec's server path (`sandbox.base_url(slug)`); the
control endpoint lives under `/_sandbox` (see `gateway.sandbox._control`). The HTTP work
is in `gateway.sandbox._http`; the campaigns' lives in `gateway.sandbox.lifecycle`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from types import TracebackType
from typing import Any

from gateway.codegen.config import GeneratorPaths
from gateway.sandbox._auth import describe_schemes
from gateway.sandbox._control import CONTROL_PREFIX
from gateway.sandbox._http import SandboxServer
from gateway.sandbox._state import SandboxState
from gateway.sandbox.faults import Fault
from gateway.sandbox.hooks import HookSender, HookTarget
from gateway.sandbox.lifecycle import Clock, Pacing, VendorLife, build_lives
from gateway.sandbox.records import RecordedRequest
from gateway.sandbox.specs import VendorSpec, load_vendor_specs
from gateway.sandbox.vendor import VendorStandIn

__all__ = ["DEFAULT_PORT", "Sandbox", "default_credential", "run_sandbox", "start_sandbox"]

logger = logging.getLogger(__name__)

DEFAULT_PORT = 8089
# How soon `close()` returns: serve_forever notices a shutdown only between polls.
_POLL_INTERVAL = 0.05


def default_credential(slug: str) -> str:
    """The credential a sandbox expects for `slug` unless told otherwise."""
    return f"sandbox-{slug}-key"


class Sandbox:
    """Every vendor of specs/vendors.toml on one loopback server (bound on construction)."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        credentials: Mapping[str, str] | None = None,
        paths: GeneratorPaths | None = None,
        *,
        strict: bool = True,
        step_s: float | None = None,
        clock: Clock | None = None,
    ) -> None:
        """Bind `host:port` (0: any free port); `credentials` by slug replace the defaults.

        `strict` refuses properties a spec does not define, which a vendor would probably
        ignore but which are an adapter's mistake (a misspelt field).

        Campaigns move one step every `step_s` seconds (default `GATEWAY_SANDBOX_STEP_S`, else
        2) of `clock` (default `time.time`; a test passes a fake one and moves it by hand).
        """
        specs = load_vendor_specs(paths)
        unknown = sorted(set(credentials or {}) - set(specs))
        if unknown:
            raise ValueError(f"credentials for unknown vendor(s): {', '.join(unknown)}")
        given = dict(credentials or {})
        self._given = frozenset(slug for slug, key in given.items() if key)
        clock = clock or time.time
        self.pacing = Pacing.from_env(clock=clock) if step_s is None else Pacing(step_s, clock)
        """The clock and step every campaign of this sandbox lives by."""
        lives = build_lives(specs, self.pacing)
        self._stand_ins = {
            slug: VendorStandIn(spec, given.get(slug) or default_credential(slug), strict=strict, life=lives.get(slug))
            for slug, spec in specs.items()
        }
        self._state = SandboxState(tuple(self._stand_ins))
        self.stopping = threading.Event()
        """Set on close: delayed and dripping answers stop waiting."""
        self.hooks = HookSender(self._life, interval_s=max(self.pacing.step_s / 2, 0.05))
        """Sends the vendors' webhooks once told where (`send_hooks_to`)."""
        self._server = SandboxServer((host, port), self)
        self._thread: threading.Thread | None = None
        self._serving = False

    @property
    def url(self) -> str:
        """The server's root URL, e.g. `http://127.0.0.1:43121`."""
        host, port = self._server.server_address[:2]
        host = str(host)
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    @property
    def vendors(self) -> tuple[str, ...]:
        """The vendor slugs served, in specs/vendors.toml order."""
        return tuple(self._stand_ins)

    def base_url(self, slug: str) -> str:
        """The base URL to give `slug`'s client (its spec's server path under `/<slug>`)."""
        return f"{self.url}/{slug}{self._stand_in(slug).spec.server_path}"

    def credential(self, slug: str) -> str:
        """The credential `slug`'s stand-in accepts."""
        return self._stand_in(slug).credential

    def spec(self, slug: str) -> VendorSpec:
        """The vendor's spec as the sandbox reads it (to validate responses in tests, say)."""
        return self._stand_in(slug).spec

    def describe(self) -> list[str]:
        """One line per vendor: its base URL and where its credential goes (never the key)."""
        lines = []
        for slug in self.vendors:
            spec = self.spec(slug)
            security = spec.operations[0].security if spec.operations else ()
            where = describe_schemes(security, spec.security_schemes)
            key = "given" if slug in self._given else "default"
            lines.append(f"{slug:<10} {self.base_url(slug)}  (credential: {key}; send {where})")
        return lines

    def requests(self, slug: str) -> list[RecordedRequest]:
        """What `slug` received, oldest first (the most recent 1000)."""
        self._stand_in(slug)
        return self._state.requests(slug)

    def drain_requests(self, slug: str) -> list[RecordedRequest]:
        """What `slug` received, oldest first, forgotten at once (none is lost between reading and clearing).

        A request still being answered is returned with no status yet, and not again.
        """
        self._stand_in(slug)
        return self._state.drain(slug)

    def inject(self, slug: str, fault: Fault) -> None:
        """Make `slug` commit `fault` on its next request (or on every one, if sticky)."""
        self._stand_in(slug)
        self._state.inject(slug, fault)

    def clear_faults(self, slug: str | None = None) -> None:
        """Forget pending faults of `slug` (of every vendor when None)."""
        for name in self._slugs(slug):
            self._state.clear_faults(name)

    def clear_requests(self, slug: str | None = None) -> None:
        """Forget what `slug` received (every vendor when None)."""
        for name in self._slugs(slug):
            self._state.clear_requests(name)

    def clear(self, slug: str | None = None) -> None:
        """Forget faults and received requests of `slug` (of every vendor when None)."""
        self.clear_faults(slug)
        self.clear_requests(slug)

    def campaign(self, slug: str, campaign_id: object) -> dict[str, Any] | None:
        """`slug`'s campaign `campaign_id` as it stands now, None when unknown.

        `{"id", "status" (the vendor's word), "progress": {"total", "attempted", "succeeded",
        "failed"}, ...}`; a count the vendor would not know is None.
        """
        life = self._life(slug)
        return life.state(str(campaign_id)) if life is not None else None

    def campaigns(self, slug: str) -> list[dict[str, Any]]:
        """Every campaign `slug` keeps, oldest first, as `campaign()` shows them."""
        life = self._life(slug)
        return life.states() if life is not None else []

    def forget_campaigns(self, slug: str | None = None) -> None:
        """Forget the campaigns of `slug` (of every vendor when None)."""
        for name in self._slugs(slug):
            life = self._life(name)
            if life is not None:
                life.forget()

    def start(self) -> Sandbox:
        """Serve in a background thread; returns self (for `with start_sandbox() as ...`)."""
        if self._thread is None:
            self._serving = True
            self._thread = threading.Thread(
                target=self._server.serve_forever, args=(_POLL_INTERVAL,), name="sandbox", daemon=True
            )
            self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until `close()` is called from another one (or Ctrl-C)."""
        self._serving = True
        try:
            self._server.serve_forever(_POLL_INTERVAL)
        finally:
            self._serving = False

    def send_hooks_to(self, slug: str, url: str, secret: str | None = None) -> None:
        """Have the `slug` vendor POST its documented webhooks, signed with `secret`, to `url`."""
        self.hooks.send_to(slug, HookTarget(url, secret))

    def close(self) -> None:
        """Stop serving, wake delayed and dripping answers, release the port."""
        self.stopping.set()
        self.hooks.close()
        if self._serving:
            self._server.shutdown()
            self._serving = False
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def stand_in(self, slug: str) -> VendorStandIn | None:
        """The stand-in served under `/<slug>`, if any (for the request handler)."""
        return self._stand_ins.get(slug)

    @property
    def state(self) -> SandboxState:
        """Requests and faults (for the request handler)."""
        return self._state

    def _stand_in(self, slug: str) -> VendorStandIn:
        try:
            return self._stand_ins[slug]
        except KeyError:
            known = ", ".join(self._stand_ins)
            raise KeyError(f"no vendor {slug!r} in the sandbox; known: {known}") from None

    def _life(self, slug: str) -> VendorLife | None:
        return self._stand_in(slug).life

    def _slugs(self, slug: str | None) -> tuple[str, ...]:
        if slug is None:
            return self.vendors
        self._stand_in(slug)
        return (slug,)


def start_sandbox(
    host: str = "127.0.0.1",
    port: int = 0,
    credentials: Mapping[str, str] | None = None,
    paths: GeneratorPaths | None = None,
    *,
    strict: bool = True,
    step_s: float | None = None,
    clock: Clock | None = None,
) -> Sandbox:
    """A sandbox serving in a background thread; use it as a context manager to stop it."""
    return Sandbox(host, port, credentials, paths, strict=strict, step_s=step_s, clock=clock).start()


def run_sandbox(
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    credentials: Mapping[str, str] | None = None,
    *,
    step_s: float | None = None,
) -> None:
    """Serve every vendor until interrupted, logging each vendor's base URL (never a key)."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with Sandbox(host, port, credentials, step_s=step_s) as sandbox:
        for line in sandbox.describe():
            logger.info("sandbox %s", line)
        logger.info("sandbox control: %s/%s", sandbox.url, CONTROL_PREFIX)
        logger.info("sandbox campaigns move one step every %g s", sandbox.pacing.step_s)
        try:
            sandbox.serve_forever()
        except KeyboardInterrupt:
            logger.info("sandbox stopped")
