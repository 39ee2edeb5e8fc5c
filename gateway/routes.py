"""The served spec's routes as the edge needs them: templates, path and query parameters, credentials.

Read once from the specification Connexion serves (references resolved), so the edge checks
and the metrics follow the spec: a new operation or parameter needs no change here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["UNMATCHED", "Operation", "Route", "RouteTable"]

UNMATCHED = "unmatched"
_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
_PARAMETER = re.compile(r"\\\{([^/]+?)\\\}")


@dataclass(frozen=True)
class Operation:
    """What the edge checks of one operation's query string."""

    singular_query: frozenset[str]


@dataclass(frozen=True)
class Route:
    """One path template of the served spec, with its operations by (upper-case) method."""

    template: str
    path_parameters: tuple[str, ...]
    operations: Mapping[str, Operation]


class RouteTable:
    """Finds the template a request path belongs to."""

    def __init__(self, routes: list[Route], prefixes: Mapping[str, str] | None = None) -> None:
        self._static = {route.template: route for route in routes if not route.path_parameters}
        self._templated = [
            (re.compile(_PARAMETER.sub("([^/]+)", re.escape(route.template))), route)
            for route in routes
            if route.path_parameters
        ]
        self._prefixes = dict(prefixes or {})

    @classmethod
    def from_specification(
        cls, specification: Mapping[str, Any], base_path: str, prefixes: Mapping[str, str] | None = None
    ) -> RouteTable:
        """Every path of `specification` under `base_path`; `prefixes` label whole subtrees (the UI)."""
        base = base_path.rstrip("/")
        routes = []
        for path, item in specification.get("paths", {}).items():
            shared = [p for p in item.get("parameters", []) if isinstance(p, dict)]
            operations = {}
            for method, operation in item.items():
                if method not in _METHODS or not isinstance(operation, dict):
                    continue
                parameters = [*shared, *(p for p in operation.get("parameters", []) if isinstance(p, dict))]
                operations[method.upper()] = Operation(
                    singular_query=frozenset(
                        str(p["name"])
                        for p in parameters
                        if p.get("in") == "query" and p.get("schema", {}).get("type") != "array"
                    )
                )
            template = base + path
            names = tuple(_PARAMETER.findall(re.escape(template)))
            routes.append(Route(template, names, operations))
        return cls(routes, prefixes)

    def match(self, path: str) -> tuple[Route, tuple[str, ...]] | None:
        """The route of `path` and its path parameters' values, or None."""
        route = self._static.get(path)
        if route is not None:
            return route, ()
        for pattern, candidate in self._templated:
            found = pattern.fullmatch(path)
            if found is not None:
                return candidate, found.groups()
        return None

    def label(self, path: str) -> str:
        """A bounded name for `path`: its template, a configured prefix's label, or `unmatched`."""
        found = self.match(path)
        if found is not None:
            return found[0].template
        for prefix, label in self._prefixes.items():
            if path == prefix or path.startswith(prefix + "/"):
                return label
        return UNMATCHED
