"""Read a vendor's schemas as plain data: follow `$ref`s, make sample values, check values.

The sandbox answers with bodies made from the spec alone, so this module is where "a value the
spec would accept" is decided: an example when the spec gives one, else one made from the type.
"""

from __future__ import annotations

import copy
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from openapi_schema_validator import (
    OAS30ReadValidator,
    OAS31Validator,
    oas30_format_checker,
    oas31_format_checker,
)

__all__ = ["SchemaTools", "now_iso"]

# Keywords whose values are data, not schemas: never follow `$ref` inside them.
_DATA_KEYWORDS = frozenset({"example", "examples", "default", "enum", "const"})
_MAX_DEPTH = 32


def now_iso() -> str:
    """The current UTC time as RFC 3339 with milliseconds, the form the vendors' examples use."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class SchemaTools:
    """Schema helpers bound to one OpenAPI document (3.0 or 3.1)."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self._document = document
        self.oas31 = str(document.get("openapi", "")).startswith("3.1")

    def resolve(self, node: Any) -> dict[str, Any]:
        """The schema `node` stands for, with local `$ref` chains followed; {} when not a schema."""
        seen: set[str] = set()
        while isinstance(node, Mapping) and "$ref" in node:
            ref = str(node["$ref"])
            if ref in seen:
                raise ValueError(f"circular $ref {ref}")
            seen.add(ref)
            node = self._pointer(ref)
        return dict(node) if isinstance(node, Mapping) else {}

    def deref(self, node: Any, depth: int = 0) -> Any:
        """A copy of `node` with every `$ref` inlined (the vendor specs are not recursive)."""
        if depth > _MAX_DEPTH:
            raise ValueError("schema nests too deeply (recursive $ref?)")
        if isinstance(node, list):
            return [self.deref(item, depth + 1) for item in node]
        if not isinstance(node, Mapping):
            return node
        if "$ref" in node:
            siblings = {key: value for key, value in node.items() if key != "$ref"}
            target = self.deref(self.resolve({"$ref": node["$ref"]}), depth + 1)
            return {**target, **self.deref(siblings, depth + 1)}
        return {
            key: copy.deepcopy(value) if key in _DATA_KEYWORDS else self.deref(value, depth + 1)
            for key, value in node.items()
        }

    def checker(self, schema: Any) -> Callable[[Any], bool]:
        """A test of whether a value is valid for `schema` as part of a response (formats too)."""
        if self.oas31:
            validator: Any = OAS31Validator(self.deref(schema), format_checker=oas31_format_checker)
        else:
            validator = OAS30ReadValidator(self.deref(schema), format_checker=oas30_format_checker)

        def is_valid(value: Any) -> bool:
            return bool(validator.is_valid(value))

        return is_valid

    def properties(self, schema: Any) -> dict[str, Any]:
        """The declared properties of an object schema, including those of its `allOf` parts."""
        resolved = self.resolve(schema)
        found: dict[str, Any] = {}
        for part in resolved.get("allOf", []):
            found.update(self.properties(part))
        found.update(resolved.get("properties", {}))
        return found

    def types(self, schema: Any) -> list[str]:
        """The schema's `type` as a list (3.1 allows a list; 3.0 a single name)."""
        declared = self.resolve(schema).get("type")
        if declared is None:
            return []
        return [str(name) for name in declared] if isinstance(declared, list) else [str(declared)]

    def find_property(self, schema: Any, names: tuple[str, ...], kind: str | None = None) -> tuple[str, ...] | None:
        """Path (property names) to the shallowest property called one of `names`, if any.

        With `kind`, only a property whose type is `kind` (or unstated) counts.
        """
        for path, child in self.walk_properties(schema):
            if path[-1] in names and (kind is None or kind in (self.types(child) or [kind])):
                return path
        return None

    def walk_properties(self, schema: Any) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
        """Every property reachable through nested objects, breadth first, with its schema."""
        queue: deque[tuple[tuple[str, ...], Any]] = deque([((), schema)])
        while queue:
            path, node = queue.popleft()
            if len(path) > _MAX_DEPTH:
                return
            for name, child in self.properties(node).items():
                yield (*path, name), self.resolve(child)
                queue.append(((*path, name), child))

    def sample(self, schema: Any, *, status: int, name: str = "") -> Any:
        """A value valid for `schema`: its example, else one built from its parts and type.

        `status` is the HTTP status of the answer being built: a bare integer `status` or `code`
        property gets it (volubile's error `status` is "Http status code"), and a boolean with
        nothing else to go by reads as success (smallest's `{"status": true, "data": ...}`).
        """
        return self._sample(schema, status, name, 0)

    def _sample(self, schema: Any, status: int, name: str, depth: int) -> Any:
        if depth > _MAX_DEPTH:
            raise ValueError("schema nests too deeply (recursive $ref?)")
        # A sibling `example` next to `$ref` is ignored by OpenAPI 3.0 readers but is still the
        # vendor's best hint (clerk's `provider`); the final body is validated anyway.
        if isinstance(schema, Mapping) and "example" in schema:
            return copy.deepcopy(schema["example"])
        node = self.resolve(schema)
        if "example" in node:
            return copy.deepcopy(node["example"])
        if isinstance(node.get("examples"), list) and node["examples"]:
            return copy.deepcopy(node["examples"][0])
        if "default" in node:
            return copy.deepcopy(node["default"])
        if "const" in node:
            return copy.deepcopy(node["const"])
        if node.get("enum"):
            return copy.deepcopy(node["enum"][0])
        for keyword in ("oneOf", "anyOf"):
            if node.get(keyword):
                return self._sample(node[keyword][0], status, name, depth + 1)
        if node.get("nullable") or "null" in self.types(node):
            return None
        types = self.types(node)
        kind = types[0] if types else ("object" if self.properties(node) else "string")
        if kind == "object":
            return {key: self._sample(child, status, key, depth + 1) for key, child in self.properties(node).items()}
        if kind == "array":
            count = int(node.get("minItems", 0))
            return [self._sample(node.get("items", {}), status, name, depth + 1) for _ in range(count)]
        return _scalar(kind, node, status, name)

    def _pointer(self, ref: str) -> Any:
        if not ref.startswith("#/"):
            raise ValueError(f"only local $refs are supported, not {ref}")
        node: Any = self._document
        for raw in ref[2:].split("/"):
            key = raw.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, Mapping) or key not in node:
                raise ValueError(f"unresolvable $ref {ref}")
            node = node[key]
        return node


def _scalar(kind: str, node: Mapping[str, Any], status: int, name: str) -> Any:
    if kind in ("integer", "number"):
        if name in ("status", "code"):
            return status
        return node.get("minimum", 0)
    if kind == "boolean":
        return status < 400
    fmt = node.get("format")
    if fmt == "date-time":
        return now_iso()
    if fmt == "date":
        return now_iso()[:10]
    if fmt == "uuid":
        return str(uuid.uuid4())
    if fmt == "email":
        return "sandbox@example.com"
    if fmt in ("uri", "url"):
        return "https://example.com/"
    return "x" * int(node.get("minLength", 0))
