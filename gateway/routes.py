"""The served spec's routes as the edge needs them: templates, path and query parameters, credentials.

Read once from the specification Connexion serves (references resolved), so the edge checks
and the metrics follow the spec: a new operation or parameter needs no change here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from connexion.frameworks.starlette import FloatConverter, IntegerConverter

__all__ = ["UNMATCHED", "Operation", "Route", "RouteTable"]

UNMATCHED = "unmatched"
_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
_PARAMETER = re.compile(r"\\\{([^/]+?)\\\}")
# Connexion routes a path parameter of these types only when its value reads as one (its
# Starlette converters): any other value matches no route, which would answer a bare 404.
_ROUTED_BY_TYPE = {
    "integer": (re.compile(IntegerConverter.regex), "must be an integer"),
    "number": (re.compile(FloatConverter.regex), "must be a number"),
}


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
    # The path parameters Connexion routes by type (integer, number), as every operation here declares them.
    path_types: Mapping[str, str] = field(default_factory=dict)

    def mistyped(self, values: tuple[str, ...]) -> tuple[str, str] | None:
        """The first path parameter whose value Connexion's router would not take, and its rule; or None."""
        for name, value in zip(self.path_parameters, values, strict=True):
            routed = _ROUTED_BY_TYPE.get(self.path_types.get(name, ""))
            if routed is not None and routed[0].fullmatch(value) is None:
                return name, routed[1]
        return None


class RouteTable:
    """Finds the template a request path belongs to."""

    def __init__(self, routes: list[Route], prefixes: Mapping[str, str] | None = None) -> None:
        self._static = {route.template: route for route in routes if not route.path_parameters}
        self._templated = [
            (re.compile(_PARAMETER.sub("([^/]+)", re.escape(route.template))), route)
            for route in routes
            if route.path_parameters
        ]
        self._typed = [(pattern, route) for pattern, route in self._templated if route.path_types]
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
            types_declared: list[dict[str, str]] = []
            for method, operation in item.items():
                if method not in _METHODS or not isinstance(operation, dict):
                    continue
                parameters = [*shared, *(p for p in operation.get("parameters", []) if isinstance(p, dict))]
                in_path = (p for p in parameters if p.get("in") == "path")
                types_declared.append({str(p["name"]): str(p.get("schema", {}).get("type", "")) for p in in_path})
                operations[method.upper()] = Operation(
                    singular_query=frozenset(
                        str(p["name"])
                        for p in parameters
                        if p.get("in") == "query" and p.get("schema", {}).get("type") != "array"
                    )
                )
            template = base + path
            names = tuple(_PARAMETER.findall(re.escape(template)))
            routes.append(Route(template, names, operations, _types_all_agree_on(names, types_declared)))
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

    def mistyped(self, path: str) -> tuple[str, str] | None:
        """A path parameter of `path` that its route does not take by type, and the rule; None if a route takes it.

        Only the few routes with typed parameters are tried for every request; the rest only
        when one of those refuses, since another route of the same shape may take the value.
        """
        for pattern, route in self._typed:
            found = pattern.fullmatch(path)
            if found is not None and (wrong := route.mistyped(found.groups())) is not None:
                break
        else:
            return None
        if path in self._static:
            return None
        for pattern, route in self._templated:
            found = pattern.fullmatch(path)
            if found is not None and route.mistyped(found.groups()) is None:
                return None
        return wrong

    def label(self, path: str) -> str:
        """A bounded name for `path`: its template, a configured prefix's label, or `unmatched`."""
        found = self.match(path)
        if found is not None:
            return found[0].template
        for prefix, label in self._prefixes.items():
            if path == prefix or path.startswith(prefix + "/"):
                return label
        return UNMATCHED


def _types_all_agree_on(names: tuple[str, ...], declared: list[dict[str, str]]) -> dict[str, str]:
    """The path parameters routed by type that every operation of a path declares with that one type."""
    types = {}
    for name in names:
        seen = {each.get(name, "") for each in declared}
        if len(seen) == 1 and (kind := seen.pop()) in _ROUTED_BY_TYPE:
            types[name] = kind
    return types
