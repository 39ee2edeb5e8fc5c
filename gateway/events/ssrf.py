"""Where the gateway agrees to deliver webhooks: https, to public addresses only (EVENTS.md).

A subscription URL is a tenant's instruction to make requests from inside our network, so it
must not reach the gateway's own host or neighbours: every address its host resolves to must
be public (not loopback, private, link-local, unspecified, multicast or reserved; an
IPv4-mapped IPv6 address is judged by the IPv4 address it carries). The rules are checked when
a subscription is made and again before each delivery, and the delivery connects to the very
address that was checked, so a DNS answer that changes in between (rebinding) gains nothing.
`GATEWAY_WEBHOOK_ALLOW_PRIVATE=1` lifts the https and the address rules, for development and tests.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit, urlunsplit

from gateway.errors import FieldError, Unprocessable

__all__ = ["Resolver", "Target", "WebhookUrlRefused", "address_refusal", "check_target", "system_resolver"]

Resolver = Callable[[str, int], list[str]]
"""Host and port to the addresses it resolves to (tests give a fake one)."""

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class WebhookUrlRefused(Unprocessable):
    """The subscription URL is not one the gateway delivers to; `errors` names the rule."""

    title, slug = "Webhook URL refused", "webhook-url-refused"


@dataclass(frozen=True)
class Target:
    """A checked URL, and the address a delivery connects to."""

    url: str
    host: str  # as written in the URL: the Host header and the TLS server name
    address: str  # the checked address, connected to instead of resolving again
    port: int

    def pinned_url(self) -> str:
        """The URL with the checked address in place of the host name."""
        parts = urlsplit(self.url)
        address = f"[{self.address}]" if ":" in self.address else self.address
        return urlunsplit(parts._replace(netloc=f"{address}:{self.port}"))


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for `host` (an empty list if none)."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return []
    return list(dict.fromkeys(str(answer[4][0]) for answer in answers))


def address_refusal(address: IPAddress) -> str | None:
    """Why the gateway does not deliver to `address` (the rule's name), or None for a public one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address_refusal(address.ipv4_mapped)
    for rule, broken in (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("unspecified", address.is_unspecified),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
    ):
        if broken:
            return rule
    return None if address.is_global else "reserved"


def check_target(url: str, *, allow_private: bool, resolver: Resolver = system_resolver) -> Target:
    """The URL checked against the rules, with the address to connect to; WebhookUrlRefused if it breaks one."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise _refused("must be an absolute https URL with a host", rule="scheme")
    if parts.scheme != "https" and not allow_private:
        raise _refused("must use https (GATEWAY_WEBHOOK_ALLOW_PRIVATE=1 allows http)", rule="https")
    if parts.username is not None or parts.password is not None:
        raise _refused("must not carry credentials", rule="credentials")
    port = _port(parts)
    host = parts.hostname
    try:
        addresses: list[str] = [str(ipaddress.ip_address(host))]
    except ValueError:
        addresses = resolver(host, port)
    if not addresses:
        if allow_private:  # development: nothing to protect, let the connection find it (or not)
            return Target(url=url, host=host, address=host, port=port)
        raise _refused(f"the host {host} does not resolve", rule="unresolvable")
    if not allow_private:
        for address in addresses:
            rule = address_refusal(ipaddress.ip_address(address.split("%")[0]))
            if rule is not None:
                raise _refused(f"resolves to a {rule} address ({address})", rule=rule)
    return Target(url=url, host=host, address=addresses[0], port=port)


def _port(parts: SplitResult) -> int:
    try:
        port = parts.port
    except ValueError:
        raise _refused("has an invalid port", rule="port") from None
    return port if port is not None else (443 if parts.scheme == "https" else 80)


def _refused(message: str, *, rule: str) -> WebhookUrlRefused:
    return WebhookUrlRefused(f"The webhook URL {message}.", errors=[FieldError("url", f"{rule}: {message}")])
