"""JSON answers, serialised once (Connexion would re-serialise a dict, sorted and indented)."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from gateway import jsoncodec

__all__ = ["json_response"]


def json_response(body: Any, status: int = 200) -> Response:
    """A compact application/json response."""
    return Response(jsoncodec.dumps(body), status_code=status, media_type="application/json")
