"""Load and validate OpenAPI documents, reporting problems as ``file:line: path: message``."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

__all__ = ["SpecError", "load_spec", "validate_spec"]


class SpecError(Exception):
    """A spec that cannot be read or is not valid OpenAPI; the message names file and place."""


def load_spec(path: Path) -> dict[str, Any]:
    """Parse and validate one spec file; raise SpecError naming the file and location."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SpecError(f"{path}: cannot read: {exc.strerror}") from exc
    try:
        document = yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise SpecError(f"{where}: invalid YAML: {exc.problem}") from exc
    if not isinstance(document, dict):
        raise SpecError(f"{path}: not an OpenAPI document (top level is not a mapping)")
    validate_spec(document, path, text)
    return document


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a repeated key: YAML would keep the last and silently lose a schema."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def validate_spec(document: dict[str, Any], path: Path, text: str | None = None) -> None:
    """Validate against the OpenAPI version the document declares (3.0 or 3.1)."""
    # The pure-Python backend reports the nested cause and its path; jsonschema-rs (present
    # when Schemathesis is installed) reports only the outer "oneOf" failure.
    os.environ.setdefault("OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND", "jsonschema")
    # Imported here: the validators take ~0.3 s to import and a no-op regenerate needs none.
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    version = str(document.get("openapi", ""))
    if version.startswith("3.0"):
        checks: list[Any] = [OpenAPIV30SpecValidator(document)]
    elif version.startswith("3.1"):
        # openapi-spec-validator skips 3.1 request-body schemas and reports 3.1 schema errors
        # relative to the schema; the same document converted to 3.0 (as the gateway serves it)
        # is checked everywhere, with paths from the document's root. Then the 3.1 rules.
        from gateway.codegen.compose import to_openapi_30

        checks = [OpenAPIV30SpecValidator(to_openapi_30(document)), OpenAPIV31SpecValidator(document)]
    else:
        raise SpecError(f"{path}: unsupported `openapi: {version}` (3.0.x or 3.1.x expected)")
    error = next((found for check in checks for found in check.iter_errors()), None)
    if error is None:
        return
    # "is not valid under any of the given schemas" says little: name the deepest cause.
    causes, pending = [error], list(error.context or [])
    while pending:
        cause = pending.pop(0)
        causes.append(cause)
        pending.extend(cause.context or [])
    error = max(causes, key=lambda cause: len(cause.absolute_path))
    location = list(error.absolute_path)
    message = error.message
    line = _line_of(text, location) if text is not None else None
    where = f"{path}:{line}" if line else str(path)
    pointer = "/".join(str(part) for part in location) or "(document)"
    raise SpecError(f"{where}: at {pointer}: {_shorten(message)}")


def _line_of(text: str, location: Sequence[str | int]) -> int | None:
    """Line number (1-based) of the YAML node at `location`, or of its deepest ancestor."""
    node: yaml.Node | None = yaml.compose(text)
    line = None
    for part in location:
        child = _child(node, part) if node is not None else None
        if child is None:
            break  # the deepest ancestor found; never the document's first line by default
        node = child
        line = node.start_mark.line + 1
    return line


def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == str(part):
                return value  # type: ignore[no-any-return]
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]  # type: ignore[no-any-return]
    return None


def _shorten(message: str, limit: int = 300) -> str:
    return message if len(message) <= limit else message[: limit - 3] + "..."
