"""How handlers and security functions reach the running Gateway (kept in the ASGI scope)."""

from __future__ import annotations

from typing import Any

from connexion import context

from gateway.service import Gateway
from gateway.validation import validated_json

__all__ = ["SCOPE_KEY", "current", "current_json", "current_tenant", "from_scope"]

SCOPE_KEY = "campaign_gateway"


def from_scope(scope: Any) -> Gateway:
    """The Gateway that the outer middleware put in this request's scope."""
    gateway = scope["state"][SCOPE_KEY]
    assert isinstance(gateway, Gateway)
    return gateway


def current() -> Gateway:
    """The Gateway serving the current request."""
    return from_scope(context.scope)


def current_tenant() -> str:
    """The tenant whose key authenticated the current request."""
    return str(context.context["token_info"]["tenant"])


def current_json() -> Any:
    """The current request's JSON body, as the request validator parsed and checked it."""
    return validated_json(context.scope)
