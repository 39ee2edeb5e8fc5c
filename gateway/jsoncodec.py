"""JSON on the request path: orjson, with the standard library for what orjson refuses.

orjson parses and writes a 10 KB campaign 5-10x faster than `json` (bench/results.md). It
reads integers beyond 64 bits as floats and refuses to write them, while the gateway must
carry them unchanged (a vendor's large ids): documents with such a run of digits take the
standard library's path.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

__all__ = ["dumps", "dumps_text", "loads"]

# Integers of up to 18 digits fit in 64 bits; a run of 19 or more (perhaps in a string) takes `json`.
_LONG_DIGITS = re.compile(rb"\d{19}")


def dumps(value: Any, *, sort_keys: bool = False) -> bytes:
    """Compact UTF-8 JSON."""
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS if sort_keys else 0)
    except TypeError:  # an integer beyond 64 bits
        return json.dumps(value, sort_keys=sort_keys, separators=(",", ":"), ensure_ascii=False).encode()


def dumps_text(value: Any) -> str:
    """`dumps` as text (SQLAlchemy's JSON columns want a str)."""
    return dumps(value).decode()


def loads(raw: bytes | str) -> Any:
    """Parse JSON; raises ValueError (or RecursionError, UnicodeDecodeError) like `json.loads`."""
    data = raw.encode() if isinstance(raw, str) else raw
    if not _LONG_DIGITS.search(data):
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass  # lone surrogates and deep nesting: `json` reads them or says where they are
    return json.loads(data, parse_constant=_refuse_constant)


def _refuse_constant(name: str) -> Any:
    # `json` reads NaN and Infinity, which JSON does not have (RFC 8259) and orjson writes as null.
    raise ValueError(f"{name} is not a JSON value")
