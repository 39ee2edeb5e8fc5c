"""Change an answer the spec made: override fields of its JSON body, echo the credential into it.

Overrides are keyed two ways, so a test need not know each vendor's response shape:

- a JSON pointer (`/data/id`) sets that place, making objects along the way;
- otherwise `|`-separated shell patterns over property names (`id|_id`, `*count*`), which
  replace every string, number or null property whose name matches, at any depth (an object,
  array or boolean under a matching name is left alone: voiceable's `status` is an object and
  smallest's a boolean, while their campaigns' are strings).

The credential echo is one text naming the secret in each form a leak can take on the wire;
`ECHO` in an override value stands for that text, placed byte for byte (a JSON-escaped form must
stay escaped in the document, which serialising a Python string would undo).
"""

from __future__ import annotations

import base64
import fnmatch
import json
import secrets
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

__all__ = ["ECHO", "ECHO_FORMS", "credential_echo", "tamper"]

ECHO = "{credential}"
"""In an override value: replaced by the credential echo (see `credential_echo`)."""

ECHO_FORMS = ("raw", "json", "url", "base64", "basic")
"""The forms `credential_echo` names the secret in, in order."""


def credential_echo(secret: str, basic_token: str | None = None) -> str:
    r"""The secret in every form it may leak, as the *inside* of a JSON string (already escaped).

    - raw: the secret itself (JSON needs only `"`, `\` and control characters escaped);
    - json: every character but letters and digits escaped (`\/`, `\u00XX`, `\uXXXX`);
    - url: percent-encoded UTF-8;
    - base64: of the secret's UTF-8;
    - basic: the Basic token the request presented (base64 of `user:secret`), else that of `:secret`.
    """
    raw = json.dumps(secret, ensure_ascii=False)[1:-1]
    escaped = "".join(_json_escape(char) for char in secret)
    url = quote(secret, safe="")
    plain = base64.b64encode(secret.encode("utf-8")).decode("ascii")
    basic = basic_token or base64.b64encode(f":{secret}".encode()).decode("ascii")
    return f"raw={raw} json={escaped} url={url} base64={plain} basic={basic}"


def tamper(body: bytes, overrides: Mapping[str, Any], echo: str | None = None) -> tuple[bytes, list[str]]:
    """`body` (JSON) with `overrides` applied; also the keys that matched nothing.

    A body that is not a JSON object is returned as it is, every key unmatched. With `echo`,
    each `ECHO` inside an override's string value becomes that (already JSON-escaped) text.
    """
    try:
        data = json.loads(body) if body else None
    except ValueError:
        return body, sorted(overrides)
    if not isinstance(data, dict):
        return body, sorted(overrides)
    marker = f"ECHO-{secrets.token_hex(8)}"
    unmatched = []
    for key, value in overrides.items():
        placed = value.replace(ECHO, marker) if isinstance(value, str) and echo is not None else value
        found = _set_pointer(data, key, placed) if key.startswith("/") else _set_named(data, key.split("|"), placed)
        if not found:
            unmatched.append(key)
    text = json.dumps(data, ensure_ascii=False)
    if echo is not None:
        text = text.replace(marker, echo)
    return text.encode("utf-8"), unmatched


def _json_escape(char: str) -> str:
    if char.isascii() and char.isalnum():
        return char
    if char == "/":
        return "\\/"
    return "".join(f"\\u{unit:04x}" for unit in _utf16_units(char))


def _utf16_units(char: str) -> list[int]:
    encoded = char.encode("utf-16-be")
    return [int.from_bytes(encoded[index : index + 2], "big") for index in range(0, len(encoded), 2)]


def _set_pointer(data: dict[str, Any], pointer: str, value: Any) -> bool:
    names = [part.replace("~1", "/").replace("~0", "~") for part in pointer.split("/")[1:]]
    node: Any = data
    for name in names[:-1]:
        if isinstance(node, list) and name.isdigit() and int(name) < len(node):
            node = node[int(name)]
            continue
        if not isinstance(node, dict):
            return False
        if not isinstance(node.get(name), dict | list):
            node[name] = {}
        node = node[name]
    last = names[-1] if names else ""
    if isinstance(node, list) and last.isdigit() and int(last) < len(node):
        node[int(last)] = value
        return True
    if not isinstance(node, dict):
        return False
    node[last] = value
    return True


def _set_named(node: Any, patterns: list[str], value: Any) -> bool:
    found = False
    if isinstance(node, list):
        for item in node:
            found = _set_named(item, patterns, value) or found
    elif isinstance(node, dict):
        for name, child in node.items():
            if isinstance(child, dict | list):
                found = _set_named(child, patterns, value) or found
            elif not isinstance(child, bool) and any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns):
                node[name] = value
                found = True
    return found
