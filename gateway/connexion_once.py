"""Connexion 3.3's AsyncApp, with the work it redoes on every request done once per operation.

For every request, Connexion 3.3 builds its handler decorators afresh and reads the handler's
signature with `inspect` (`AsyncOperation.fn`), and reads each security function's signature
twice more. Handlers and security functions do not change while the app runs, so here they are
decorated and inspected once: 10% of a native request's CPU in an interleaved A/B run. The
decorators still take the request, the operation and the context from Connexion's per-request
context, as before. Connexion is pinned (constraints.txt); the whole test suite runs through
these classes, and tests/gateway/test_connexion_once.py checks they are in effect.
"""

from __future__ import annotations

import functools
from typing import Any

import connexion
from connexion.apps.asynchronous import AsyncApi, AsyncOperation
from connexion.context import receive, scope
from connexion.decorators import StarletteDecorator
from connexion.security import ApiKeySecurityHandler, BearerSecurityHandler

__all__ = ["async_app"]


class _DecorateOnce(StarletteDecorator):  # type: ignore[misc]
    """StarletteDecorator, building its parameter and response decorators at decoration time."""

    def __call__(self, function: Any) -> Any:
        decorated = self.decorate(function)

        @functools.wraps(function)
        async def wrapper(*_args: Any, **_kwargs: Any) -> Any:
            request = self.framework.get_request(uri_parser=self.uri_parser, scope=scope, receive=receive)
            return await decorated(request)

        return wrapper


class _Operation(AsyncOperation):  # type: ignore[misc]
    @functools.cached_property
    def fn(self) -> Any:
        """The decorated handler, built on first use (Connexion's is a property)."""
        return _DecorateOnce(pythonic_params=self.pythonic_params, jsonifier=self.jsonifier)(self._fn)


class _Api(AsyncApi):  # type: ignore[misc]
    def make_operation(self, operation: Any) -> Any:
        return _Operation.from_operation(operation, pythonic_params=self.pythonic_params, jsonifier=self.jsonifier)


class _ApiKeyHandler(ApiKeySecurityHandler):  # type: ignore[misc]
    _accepts_kwarg = staticmethod(functools.cache(ApiKeySecurityHandler._accepts_kwarg))


class _BearerHandler(BearerSecurityHandler):  # type: ignore[misc]
    _accepts_kwarg = staticmethod(functools.cache(BearerSecurityHandler._accepts_kwarg))


def async_app(import_name: str, **kwargs: Any) -> connexion.AsyncApp:
    """`connexion.AsyncApp(import_name, **kwargs)`, with the once-per-operation classes."""
    security_map = {"apiKey": _ApiKeyHandler, "bearer": _BearerHandler}
    app = connexion.AsyncApp(import_name, security_map=security_map, **kwargs)
    # The app builds its APIs with this class when add_api is called (an instance attribute,
    # so no other Connexion app in the process is affected).
    app._middleware_app.api_cls = _Api
    return app
