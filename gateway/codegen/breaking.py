"""What changed between two versions of a vendor's OpenAPI spec, and whether it breaks the gateway.

The rules are read from the gateway's side of the wire: it *sends* requests (parameters and
bodies), so a request that the vendor accepts less of breaks it; it *reads* responses, so a
response that may carry more, or less, than before breaks it.

| rule                 | breaking in a request            | breaking in a response          |
|----------------------|----------------------------------|---------------------------------|
| operation-removed    | yes                              |                                 |
| operation-added      | no                               |                                 |
| auth-changed         | yes (a way to authenticate gone) |                                 |
| auth-added           | no (a new alternative)           |                                 |
| body-removed         | yes (a content type)             | yes for 2xx, no for errors      |
| body-added           | no (unless a body becomes needed)| no                              |
| field-removed        | yes                              | yes                             |
| field-added          | no (optional)                    | no                              |
| field-required       | yes (new, or newly required)     | no                              |
| field-optional       | no                               | yes (may now be missing)        |
| type-changed         | yes unless widened               | yes unless narrowed             |
| enum-value-removed   | yes                              | no                              |
| enum-value-added     | no                               | yes (generated Literals refuse) |
| limit-tightened      | yes                              | no                              |
| limit-loosened       | no                               | no                              |

Both documents go through `to_openapi_30`, so 3.1 type lists and `const` compare like their
3.0 forms; local `$ref`s are followed and `allOf` is merged. Operations are matched by the
path's shape, so renaming `{id}` is not a change (nor is the renamed parameter's schema compared).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from gateway.codegen.compose import to_openapi_30

__all__ = ["Change", "diff_specs", "operations"]

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_UPPER_LIMITS = ("maxLength", "maxItems", "maximum", "maxProperties")
_LOWER_LIMITS = ("minLength", "minItems", "minimum", "minProperties")
# Constraints whose presence alone restricts the values accepted.
_FLAG_LIMITS = ("pattern", "multipleOf", "exclusiveMinimum", "exclusiveMaximum", "uniqueItems")
_REQUEST, _RESPONSE = "request", "response"
# Records one change found inside a schema: rule, breaking, detail.
_Add = Callable[[str, bool, str], None]


@dataclass(frozen=True)
class Change:
    """One difference between two specs, with where it is and whether it breaks the gateway."""

    rule: str
    breaking: bool
    operation: str
    where: str
    detail: str

    @property
    def location(self) -> str:
        """`POST /v1/campaigns request body: recipients[].phone`, or the operation alone."""
        return f"{self.operation} {self.where}".strip()

    @property
    def id(self) -> str:
        """Stable identifier to acknowledge: the rule plus a digest of location and detail.

        The same change found again (a second update before anyone reviewed the first) keeps
        its id; a different change at the same place (maxLength 50, then 40) gets a new one.
        """
        digest = hashlib.sha256(f"{self.rule}\0{self.location}\0{self.detail}".encode()).hexdigest()
        return f"{self.rule}:{digest[:10]}"

    def to_json(self) -> dict[str, Any]:
        """The change as written in generated/changes/<slug>.json."""
        return {
            "id": self.id,
            "rule": self.rule,
            "breaking": self.breaking,
            "operation": self.operation,
            "where": self.where,
            "detail": self.detail,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Change:
        """Read back what `to_json` wrote."""
        return cls(
            rule=str(data["rule"]),
            breaking=bool(data["breaking"]),
            operation=str(data["operation"]),
            where=str(data["where"]),
            detail=str(data["detail"]),
        )


def diff_specs(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change from `old` to `new`, in document order (old operations first)."""
    diff = _Diff(to_openapi_30(old), to_openapi_30(new))
    old_ops, new_ops = operations(diff.old), operations(diff.new)
    old_keys = {_shape(name): name for name in old_ops}
    new_keys = {_shape(name): name for name in new_ops}
    for key, name in old_keys.items():
        if key not in new_keys:
            diff.add("operation-removed", True, name, "", "operation removed")
            continue
        diff.operation(new_keys[key], old_ops[name], new_ops[new_keys[key]])
    for key, name in new_keys.items():
        if key not in old_keys:
            diff.add("operation-added", False, name, "", "operation added")
    return diff.changes


def operations(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """`METHOD /path` -> operation, with the path item's parameters and the effective security."""
    found: dict[str, dict[str, Any]] = {}
    for path, item in (document.get("paths") or {}).items():
        for method in _METHODS:
            if isinstance(item.get(method), dict):
                operation = dict(item[method])
                operation["parameters"] = [*item.get("parameters", []), *operation.get("parameters", [])]
                operation.setdefault("security", document.get("security") or [])
                found[f"{method.upper()} {path}"] = operation
    return found


def _shape(name: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", name)


@dataclass
class _Diff:
    old: dict[str, Any]
    new: dict[str, Any]
    changes: list[Change] = field(default_factory=list)
    # $ref pairs being compared right now: a recursive schema stops where it loops.
    _visiting: set[tuple[str | None, str | None]] = field(default_factory=set)

    def add(self, rule: str, breaking: bool, operation: str, where: str, detail: str) -> None:
        self.changes.append(Change(rule, breaking, operation, where, detail))

    def operation(self, name: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        self._security(name, old["security"], new["security"])
        self._parameters(name, old["parameters"], new["parameters"])
        self._request_body(name, old.get("requestBody"), new.get("requestBody"))
        old_responses, new_responses = old.get("responses") or {}, new.get("responses") or {}
        for status in old_responses:
            success = str(status).startswith("2")
            where = f"response {status}"
            if status not in new_responses:
                self.add("body-removed", success, name, where, "response removed")
                continue
            old_content = _resolve(self.old, old_responses[status]).get("content") or {}
            new_content = _resolve(self.new, new_responses[status]).get("content") or {}
            self._content(name, where, old_content, new_content, _RESPONSE, removed_breaks=success)
        for status in new_responses:
            if status not in old_responses:
                self.add("body-added", False, name, f"response {status}", "response added")

    def _security(self, name: str, old: list[dict[str, list[str]]], new: list[dict[str, list[str]]]) -> None:
        before, after = self._requirements(self.old, old), self._requirements(self.new, new)
        if before == after:
            return
        detail = f"{_show_security(before)} -> {_show_security(after)}"
        if before <= after:
            self.add("auth-added", False, name, "security", detail)
        else:
            self.add("auth-changed", True, name, "security", detail)

    @staticmethod
    def _requirements(document: dict[str, Any], security: list[dict[str, list[str]]]) -> frozenset[frozenset[str]]:
        """Each alternative as the set of schemes it needs, named by what goes on the wire."""
        schemes = (document.get("components") or {}).get("securitySchemes") or {}
        alternatives = security or [{}]  # no requirement at all: anonymous calls are allowed
        return frozenset(
            frozenset(_scheme(schemes.get(scheme, {}), scopes) for scheme, scopes in requirement.items())
            for requirement in alternatives
        )

    def _parameters(self, name: str, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> None:
        before, after = self._parameter_map(self.old, old), self._parameter_map(self.new, new)
        for key, param in before.items():
            where = f"{key[0]} parameter {key[1]}"
            if key not in after:
                # A path parameter's name is not on the wire; the path's shape already matched.
                if key[0] != "path":
                    self.add("field-removed", True, name, where, "parameter removed")
                continue
            self._required(name, where, "", bool(param.get("required")), bool(after[key].get("required")), _REQUEST)
            self._schema(name, where, "", param.get("schema") or {}, after[key].get("schema") or {}, _REQUEST)
        for key, param in after.items():
            if key not in before and key[0] != "path":
                self._added(name, f"{key[0]} parameter {key[1]}", "", bool(param.get("required")), _REQUEST)

    def _parameter_map(self, document: dict[str, Any], params: list[Any]) -> dict[tuple[str, str], dict[str, Any]]:
        resolved = (_resolve(document, param) for param in params)
        # Operation-level parameters come last and override the path item's of the same name.
        return {(str(param.get("in")), str(param.get("name"))): param for param in resolved}

    def _request_body(self, name: str, old: Any, new: Any) -> None:
        before = _resolve(self.old, old) if old else {}
        after = _resolve(self.new, new) if new else {}
        if after.get("required") and not before.get("required"):
            self.add("field-required", True, name, "request body", "request body now required")
        self._content(name, "request body", before.get("content") or {}, after.get("content") or {}, _REQUEST, True)

    def _content(
        self,
        name: str,
        where: str,
        old: dict[str, Any],
        new: dict[str, Any],
        direction: str,
        removed_breaks: bool,
    ) -> None:
        for media_type, media in old.items():
            section = where if media_type == "application/json" else f"{where} ({media_type})"
            if media_type not in new:
                self.add("body-removed", removed_breaks, name, section, f"content type {media_type} removed")
                continue
            old_schema, new_schema = media.get("schema") or {}, new[media_type].get("schema") or {}
            self._schema(name, section, "", old_schema, new_schema, direction)
        for media_type in new:
            if media_type not in old:
                section = where if media_type == "application/json" else f"{where} ({media_type})"
                self.add("body-added", False, name, section, f"content type {media_type} added")

    def _schema(self, name: str, section: str, path: str, old: Any, new: Any, direction: str) -> None:
        old, new = (node if isinstance(node, dict) else {} for node in (old, new))
        refs = (old.get("$ref"), new.get("$ref"))
        if refs != (None, None):
            if refs in self._visiting:
                return
            self._visiting.add(refs)
        try:
            self._compare(name, section, path, _resolve(self.old, old), _resolve(self.new, new), direction)
        finally:
            self._visiting.discard(refs)

    def _compare(
        self, name: str, section: str, path: str, old: dict[str, Any], new: dict[str, Any], direction: str
    ) -> None:
        request = direction == _REQUEST

        def add(rule: str, breaking: bool, detail: str, at: str = path) -> None:
            self.add(rule, breaking, name, f"{section}: {at}" if at else section, detail)

        old_types, new_types = _types(old), _types(new)
        if old_types != new_types:
            widened = _covers(new_types, old_types)
            narrowed = _covers(old_types, new_types)
            detail = f"type {_show(old_types)} -> {_show(new_types)}"
            add("type-changed", not (widened if request else narrowed), detail)
            if not (widened or narrowed):
                return  # unrelated types: what lies below them is not comparable
        if "string" in old_types & new_types and old.get("format") != new.get("format"):
            # The generated models' Python types follow `format` (date, datetime, UUID, File).
            add("type-changed", True, f"format {old.get('format', 'none')} -> {new.get('format', 'none')}")
        self._enum(add, old.get("enum"), new.get("enum"), request)
        for key, before, after in _limit_changes(old, new):
            tightened = _tightens(key, before, after)
            rule = "limit-tightened" if tightened else "limit-loosened"
            add(rule, tightened and request, f"{key} {_show(before)} -> {_show(after)}")
        self._properties(name, section, path, old, new, direction)
        if "items" in old or "items" in new:
            self._schema(name, section, f"{path}[]", old.get("items") or {}, new.get("items") or {}, direction)
        old_extra, new_extra = old.get("additionalProperties"), new.get("additionalProperties")
        if isinstance(old_extra, dict) and isinstance(new_extra, dict):
            self._schema(name, section, f"{path}.*" if path else "*", old_extra, new_extra, direction)
        for keyword in ("oneOf", "anyOf"):
            before_variants, after_variants = old.get(keyword) or [], new.get(keyword) or []
            if len(before_variants) != len(after_variants):
                more = len(after_variants) > len(before_variants)
                detail = f"{keyword} {len(before_variants)} -> {len(after_variants)} variants"
                add("type-changed", more != request, detail)
                continue
            for index, (before, after) in enumerate(zip(before_variants, after_variants, strict=True)):
                self._schema(name, section, f"{path}<{keyword} {index}>", before, after, direction)

    def _enum(self, add: _Add, old: list[Any] | None, new: list[Any] | None, request: bool) -> None:
        if old is None and new is not None:
            add("enum-value-removed", request, f"restricted to {_show(new)}")
        elif old is not None and new is None:
            add("enum-value-added", not request, f"no longer restricted to {_show(old)}")
        elif old is not None and new is not None:
            kept = {json.dumps(value) for value in new}
            had = {json.dumps(value) for value in old}
            for value in old:
                if json.dumps(value) not in kept:
                    add("enum-value-removed", request, f"value {_show(value)} removed")
            for value in new:
                if json.dumps(value) not in had:
                    add("enum-value-added", not request, f"value {_show(value)} added")

    def _properties(
        self, name: str, section: str, path: str, old: dict[str, Any], new: dict[str, Any], direction: str
    ) -> None:
        old_props, new_props = old.get("properties") or {}, new.get("properties") or {}
        old_required, new_required = set(old.get("required") or ()), set(new.get("required") or ())
        old_names = [*old_props, *sorted(old_required - set(old_props))]
        new_names = [*new_props, *sorted(new_required - set(new_props))]
        for prop in old_names:
            at = f"{path}.{prop}" if path else prop
            if prop not in new_names:
                self.add("field-removed", True, name, f"{section}: {at}", "field removed")
                continue
            self._required(name, section, at, prop in old_required, prop in new_required, direction)
            self._schema(name, section, at, old_props.get(prop) or {}, new_props.get(prop) or {}, direction)
        for prop in new_names:
            if prop not in old_names:
                self._added(name, section, f"{path}.{prop}" if path else prop, prop in new_required, direction)

    def _required(self, name: str, section: str, at: str, before: bool, after: bool, direction: str) -> None:
        where = f"{section}: {at}" if at else section
        if after and not before:
            self.add("field-required", direction == _REQUEST, name, where, "now required")
        elif before and not after:
            self.add("field-optional", direction == _RESPONSE, name, where, "no longer required")

    def _added(self, name: str, section: str, at: str, required: bool, direction: str) -> None:
        where = f"{section}: {at}" if at else section
        if required and direction == _REQUEST:
            self.add("field-required", True, name, where, "new required field")
        else:
            self.add("field-added", False, name, where, f"field added ({'required' if required else 'optional'})")


def _resolve(document: dict[str, Any], node: Any) -> dict[str, Any]:
    """Follow local `$ref`s (keeping 3.1 sibling keywords) and merge `allOf` into one schema."""
    if not isinstance(node, dict):
        return {}
    for _ in range(64):
        ref = node.get("$ref")
        if not isinstance(ref, str):
            break
        if not ref.startswith("#/"):
            raise ValueError(f"unsupported $ref {ref!r}: only references inside the document are followed")
        target: Any = document
        for token in ref[2:].split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
        node = {**target, **{key: value for key, value in node.items() if key != "$ref"}}
    if "allOf" not in node:
        return dict(node)
    merged: dict[str, Any] = {key: value for key, value in node.items() if key != "allOf"}
    for part in [_resolve(document, item) for item in node["allOf"]]:
        merged["properties"] = {**(merged.get("properties") or {}), **(part.get("properties") or {})}
        merged["required"] = sorted({*merged.get("required", ()), *part.get("required", ())})
        for key, value in part.items():
            merged.setdefault(key, value)
    return merged


def _types(schema: dict[str, Any]) -> frozenset[str]:
    declared = schema.get("type")
    if declared is None:
        if "properties" in schema or "additionalProperties" in schema:
            declared = "object"
        elif "items" in schema:
            declared = "array"
        else:
            declared = "any"
    types = {declared} if isinstance(declared, str) else set(declared)
    if schema.get("nullable"):
        types.add("null")
    return frozenset(types)


def _covers(wide: frozenset[str], narrow: frozenset[str]) -> bool:
    """Whether every value of the `narrow` types is also one of the `wide` types."""
    if "any" in wide:
        return True
    return all(kind in wide or (kind == "integer" and "number" in wide) for kind in narrow)


def _limit_changes(old: dict[str, Any], new: dict[str, Any]) -> Iterator[tuple[str, Any, Any]]:
    for key in (*_UPPER_LIMITS, *_LOWER_LIMITS, *_FLAG_LIMITS):
        before, after = old.get(key), new.get(key)
        if key in ("exclusiveMinimum", "exclusiveMaximum", "uniqueItems"):
            before, after = bool(before), bool(after)
        if before != after:
            yield key, before, after
    # An object that accepted unknown keys and no longer does (absent means accepted).
    before_open, after_open = old.get("additionalProperties", True), new.get("additionalProperties", True)
    if (before_open is False) != (after_open is False):
        yield "additionalProperties", before_open is not False, after_open is not False


def _tightens(key: str, before: Any, after: Any) -> bool:
    if key in _UPPER_LIMITS:
        return after is not None and (before is None or after < before)
    if key in _LOWER_LIMITS:
        return after is not None and (before is None or after > before)
    if key == "additionalProperties":
        return not after
    if isinstance(after, bool):
        return after
    return after is not None  # a pattern or multipleOf added or changed


def _scheme(scheme: dict[str, Any], scopes: list[str]) -> str:
    """A security scheme by what it puts on the wire; its name and description do not matter."""
    kind = scheme.get("type", "?")
    if kind == "apiKey":
        wire = f"apiKey {scheme.get('in')} {scheme.get('name')}"
    elif kind == "http":
        wire = f"http {str(scheme.get('scheme', '')).lower()}"
    else:
        wire = f"{kind} {json.dumps(scheme.get('flows') or scheme.get('openIdConnectUrl'), sort_keys=True)}"
    return f"{wire} [{', '.join(sorted(scopes))}]" if scopes else wire


def _show_security(requirements: frozenset[frozenset[str]]) -> str:
    alternatives = sorted(" + ".join(sorted(alternative)) or "anonymous" for alternative in requirements)
    return " or ".join(alternatives)


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, frozenset):
        return "|".join(sorted(value))
    if isinstance(value, str):
        return f"'{value}'"  # unescaped: a pattern reads as written in the spec
    if isinstance(value, list):
        return "[" + ", ".join(_show(item) for item in value) + "]"
    return json.dumps(value)
