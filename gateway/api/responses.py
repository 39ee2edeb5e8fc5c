"""JSON answers, serialised once (Connexion would re-serialise a dict, sorted and indented)."""

from __future__ import annotations

import json
from typing import Any

import flask

__all__ = ["json_response"]


def json_response(body: Any, status: int = 200) -> flask.Response:
    """A compact application/json response."""
    return flask.Response(json.dumps(body, separators=(",", ":")), status=status, mimetype="application/json")
