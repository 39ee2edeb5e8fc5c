"""The bodies one vendor operation answers with, made from its documented responses.

A body starts from the response's `example`, else from examples of its properties, else from a
value of the right type (see `SchemaTools.sample`). A success body then gets a fresh campaign
id and echoes the request's values into same-named fields of the campaign object; an error body
gets the reason where its schema has room for one.
"""

from __future__ import annotations

import copy
import itertools
import json
import secrets
import threading
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from gateway.sandbox._openapi import Violation
from gateway.sandbox._schemas import SchemaTools

__all__ = ["ResponseMaker"]

_ID_NAMES = ("id", "_id")
_MESSAGE_NAMES = ("message", "detail", "error", "error_description")


class ResponseMaker:
    """Builds the success and error bodies of one operation (thread-safe)."""

    def __init__(
        self,
        tools: SchemaTools,
        operation: Mapping[str, Any],
        request_schema: Any | None,
    ) -> None:
        self._tools = tools
        # A response may be a `$ref` to components/responses (Smallest's after-create ones are).
        self._responses: Mapping[str, Any] = {
            code: tools.resolve(response) for code, response in operation.get("responses", {}).items()
        }
        self.success_status = _success_status(self._responses)
        self.violation_status = 400 if "400" in self._responses else 422
        success = _json_media(self._responses.get(str(self.success_status)))
        self._success_schema = success.get("schema") if success else None
        self._id_path = tools.find_property(self._success_schema, _ID_NAMES) if self._success_schema else None
        self._fresh_id = self._id_maker()
        self._echo = self._echo_checkers()
        self._unsent = self._unsent_fields(request_schema, success)
        self._defaults = {
            name: schema["default"]
            for name, schema in (
                (name, tools.resolve(child)) for name, child in tools.properties(request_schema or {}).items()
            )
            if "default" in schema
        }

    def success(self, values: Mapping[str, Any], status: int | None = None) -> bytes:
        """The success body (for `status`, default the usual one) echoing `values` (the request)."""
        status = status or self.success_status
        media = _json_media(self._responses.get(str(status)))
        if media is None:
            return b""
        body = self._base(media, status)
        if not isinstance(body, dict) or media.get("schema") != self._success_schema:
            return _dump(body)
        target = body
        if self._id_path:
            target = _dig(body, self._id_path[:-1])
            target[self._id_path[-1]] = self._fresh_id()
        echoed = {**self._defaults, **values}
        for name, is_valid in self._echo.items():
            if name in echoed and is_valid(echoed[name]):
                target[name] = copy.deepcopy(echoed[name])
            elif name in self._unsent and name not in echoed:
                target.pop(name, None)
        return _dump(body)

    def error(self, status: int, violations: list[Violation]) -> bytes:
        """An error body for `status`, shaped as documented, saying what went wrong."""
        reason = "; ".join(str(violation) for violation in violations)
        media = _json_media(self._responses.get(str(status)))
        if media is None:
            return _dump({"message": reason})
        body = self._base(media, status)
        if isinstance(body, dict):
            self._put_reason(body, media.get("schema", {}), violations, reason)
        return _dump(body)

    def unauthorized(self, reason: str) -> bytes:
        """The 401 body: the documented example as is, else an error body with the reason."""
        media = _json_media(self._responses.get("401"))
        example = _media_example(media) if media else None
        if example is not None:
            return _dump(example)
        return self.error(401, [Violation("", reason)])

    def answer(self, status: int, reason: str) -> bytes:
        """A body for an injected `status`: a success body for 2xx, else an error body with `reason`."""
        if 200 <= status < 300:
            return self.success({}, status)
        return self.error(status, [Violation("", reason)])

    def _base(self, media: Mapping[str, Any], status: int) -> Any:
        example = _media_example(media)
        if example is not None:
            return example
        return self._tools.sample(media.get("schema", {}), status=status)

    def _put_reason(
        self,
        body: dict[str, Any],
        schema: Any,
        violations: list[Violation],
        reason: str,
    ) -> None:
        placed = False
        message_path = self._tools.find_property(schema, _MESSAGE_NAMES, "string")
        if message_path:
            _dig(body, message_path[:-1])[message_path[-1]] = reason
            placed = True
        errors_path = self._tools.find_property(schema, ("errors",), "array")
        if errors_path:
            schema_of = dict(self._tools.walk_properties(schema))[errors_path]
            items = self._tools.resolve(schema_of.get("items", {}))
            if "string" in self._tools.types(items):
                listed: list[Any] = [str(violation) for violation in violations]
            else:
                names = self._tools.properties(items)
                listed = [
                    {
                        key: value
                        for key, value in (("field", violation.field), ("message", violation.message))
                        if key in names and value
                    }
                    for violation in violations
                ]
            _dig(body, errors_path[:-1])[errors_path[-1]] = listed
            placed = True
        if not placed and self._tools.resolve(schema).get("additionalProperties", True) is not False:
            body["message"] = reason

    def _id_maker(self) -> Callable[[], Any]:
        if not self._id_path or self._success_schema is None:
            return lambda: None
        schema = dict(self._tools.walk_properties(self._success_schema))[self._id_path]
        if schema.get("format") == "uuid":
            return lambda: str(uuid.uuid4())
        if {"integer", "number"} & set(self._tools.types(schema)):
            counter, lock = itertools.count(1), threading.Lock()

            def next_number() -> int:
                with lock:
                    return next(counter)

            return next_number
        if self._id_path[-1] == "_id":
            # A MongoDB ObjectId: 24 hex digits (tetherai's example; smallest answers with "the
            # raw Mongoose document").
            return lambda: secrets.token_hex(12)
        return lambda: str(uuid.uuid4())

    def _unsent_fields(self, request_schema: Any, success: Mapping[str, Any] | None) -> set[str]:
        """Optional campaign fields to leave out when the request leaves them out.

        A field the campaign shares with the request reflects the request. Left out: a value
        the sandbox would have to invent (no example), and any date or time, even an example's
        (no schedule on a campaign created without one).
        """
        campaign = self._tools.resolve(self._campaign_schema())
        documented = success is not None and _media_example(success) is not None
        unsent = set()
        for name, child in self._tools.properties(campaign).items():
            if name not in self._tools.properties(request_schema or {}) or name in campaign.get("required", []):
                continue
            schema = self._tools.resolve(child)
            dated = schema.get("format") in ("date", "date-time")
            invented = not documented and not {"example", "default"} & (set(schema) | set(child))
            if dated or invented:
                unsent.add(name)
        return unsent

    def _campaign_schema(self) -> Any:
        """The schema of the object holding the campaign id (the whole body when none)."""
        if self._success_schema is None or not self._id_path or len(self._id_path) == 1:
            return self._success_schema or {}
        return dict(self._tools.walk_properties(self._success_schema))[self._id_path[:-1]]

    def _echo_checkers(self) -> dict[str, Callable[[Any], bool]]:
        return {
            name: self._tools.checker(child)
            for name, child in self._tools.properties(self._campaign_schema()).items()
            if not self._id_path or name != self._id_path[-1]
        }


def _success_status(responses: Mapping[str, Any]) -> int:
    # Where a vendor documents several (tetherai: 200 and 201), "created" is the one to expect.
    documented = sorted(int(code) for code in responses if code.isdigit() and code.startswith("2"))
    if 201 in documented:
        return 201
    return documented[0] if documented else 200


def _json_media(response: Any) -> Mapping[str, Any] | None:
    if not isinstance(response, Mapping):
        return None
    for mimetype, media in (response.get("content") or {}).items():
        if mimetype == "*/*" or "json" in mimetype:
            return media if isinstance(media, Mapping) else {}
    return None


def _media_example(media: Mapping[str, Any]) -> Any:
    if "example" in media:
        return copy.deepcopy(media["example"])
    for example in (media.get("examples") or {}).values():
        if isinstance(example, Mapping) and "value" in example:
            return copy.deepcopy(example["value"])
    return None


def _dig(body: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """The object at `path` inside `body`, made (and replacing non-objects) where missing."""
    node = body
    for name in path:
        child = node.get(name)
        if not isinstance(child, dict):
            child = node[name] = {}
        node = child
    return node


def _dump(body: Any) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")
