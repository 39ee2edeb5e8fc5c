"""Render every error as RFC 9457 problem+json: ours, Connexion's, and unexpected ones."""

from __future__ import annotations

import logging
import re
from http import HTTPStatus

from connexion.exceptions import ProblemException
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from starlette.formparsers import MultiPartException

from gateway import jsoncodec
from gateway.errors import (
    FieldError,
    GatewayError,
    MethodNotAllowed,
    NotFound,
    RequestInvalid,
    Unauthenticated,
    UnsupportedMediaType,
)
from gateway.observe import current_request

__all__ = [
    "PROBLEM_JSON",
    "handler_problem",
    "problem_response",
    "render_gateway_error",
    "render_http_exception",
    "render_unexpected",
]

PROBLEM_JSON = "application/problem+json"
_log = logging.getLogger("gateway.errors")
_HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
_BY_STATUS: dict[int, type[GatewayError]] = {
    400: RequestInvalid,
    401: Unauthenticated,
    404: NotFound,
    405: MethodNotAllowed,
    415: UnsupportedMediaType,
}


def problem_response(error: GatewayError, instance: str | None = None) -> tuple[int, bytes, dict[str, str]]:
    """Status, body and headers of the problem for `error`."""
    problem = error.to_problem(instance)
    context = current_request.get()
    if context is not None:
        problem["request_id"] = context.request_id
    body = jsoncodec.dumps(problem)
    return error.status, body, {"Content-Type": PROBLEM_JSON, **error.headers}


def handler_problem(exc: Exception, method: str, path: str) -> tuple[int, bytes, dict[str, str]]:
    """The problem for what a handler raised: our errors as they are, a bug as an opaque 500."""
    if isinstance(exc, GatewayError):
        if exc.status >= 500:
            _log.warning("%s %s: %s", method, path, exc.detail, exc_info=exc.__cause__ is not None)
        return problem_response(exc, path)
    _log.error("unhandled error on %s %s", method, path, exc_info=exc)
    return problem_response(GatewayError("An internal error occurred; it has been logged."), path)


def _as_response(status: int, body: bytes, headers: dict[str, str]) -> ConnexionResponse:
    return ConnexionResponse(status_code=status, body=body, mimetype=PROBLEM_JSON, headers=headers)


def _respond(request: ConnexionRequest, error: GatewayError) -> ConnexionResponse:
    return _as_response(*problem_response(error, request.url.path))


def render_gateway_error(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    """Our own errors."""
    assert isinstance(exc, GatewayError)
    return _as_response(*handler_problem(exc, request.method, request.url.path))


def render_http_exception(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    """Connexion's problems (validation, security, media type) and Starlette's 404/405."""
    status = exc.status if isinstance(exc, ProblemException) else getattr(exc, "status_code", 500)
    detail = str(getattr(exc, "detail", "") or "")
    if isinstance(exc, ProblemException) and exc.title:
        detail = detail or exc.title
    error_class = _BY_STATUS.get(status)
    error: GatewayError
    if error_class is None:
        error = GatewayError(detail or "Request failed")
        error.status = status  # type: ignore[misc]
        error.title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"  # type: ignore[misc]
    elif error_class is RequestInvalid:
        error = RequestInvalid(detail, errors=[FieldError(_field_from(detail), detail)])
    else:
        error = error_class(detail or None)
    # Starlette's 405 names the allowed methods in `Allow` (RFC 9110 requires it); keep such headers.
    error.headers = {**error.headers, **dict(getattr(exc, "headers", None) or {})}
    if status == 405:
        error.headers["Allow"] = _allowed(request) or error.headers.get("Allow", "")
    return _respond(request, error)


def _allowed(request: ConnexionRequest) -> str:
    """Every method the served spec has at this path.

    Connexion routes each operation on its own Starlette route, so Starlette's `Allow` names
    only the first route that matched the path (POST, where GET /campaigns is served too).
    """
    methods: set[str] = set()
    for api in getattr(request.scope.get("app"), "apis", []):
        spec = api.specification  # a connexion.spec.Specification: the spec as a mapping
        base = str(api.base_path or getattr(spec, "base_path", "") or "")
        path = request.url.path.removeprefix(base.rstrip("/"))
        for template, item in spec.get("paths", {}).items():
            if re.fullmatch(re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)), path):
                methods |= {method.upper() for method in item if method in _HTTP_METHODS}
    if "GET" in methods:
        methods.add("HEAD")  # Starlette answers HEAD wherever it answers GET
    return ", ".join(sorted(methods))


def render_unexpected(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    """A bug: log it whole, answer a problem that says nothing internal."""
    if isinstance(exc, MultiPartException):
        # Connexion lets Starlette's parser fail on a malformed multipart body: the client's error.
        return _respond(
            request, RequestInvalid("The multipart body cannot be read.", errors=[FieldError("", exc.message)])
        )
    return _as_response(*handler_problem(exc, request.method, request.url.path))


def _field_from(detail: str) -> str:
    # Connexion's parameter errors read "<message> - '<name>'" or name the parameter first.
    for marker in (" - '", "'"):
        if marker in detail:
            return detail.split(marker, 1)[1].split("'", 1)[0]
    return ""
