"""Whether a text says a secret in any way it might be written, judged with the standard library only.

The tests of the redactor must not judge it with its own decoder: `readings` decodes a text
every way it can (JSON strings, Python escapes, percent-encoding, HTML entities, base64 tokens),
a few layers deep.
"""

from __future__ import annotations

import base64
import contextlib
import html
import json
import re
import urllib.parse
import warnings


def readings(text: str, depth: int = 3) -> set[str]:
    """`text` and what it says once decoded, every way, a few layers deep."""
    found, layer = {text}, {text}
    for _ in range(depth):
        following: set[str] = set()
        for item in layer:
            following |= {urllib.parse.unquote(item), urllib.parse.unquote_plus(item), html.unescape(item)}
            following |= _unescaped(item)
            for token in re.findall(r"[A-Za-z0-9+/_=-]{8,}", item):
                for decode in (base64.b64decode, base64.urlsafe_b64decode):
                    with contextlib.suppress(ValueError):
                        following.add(decode(token + "=" * (-len(token) % 4)).decode("utf-8", "ignore"))
        layer = following - found
        found |= following
    return found


def carries(text: str, secret: str) -> bool:
    """Whether `text` says `secret` in any reading."""
    return any(secret in reading or secret.replace(" ", "+") in reading for reading in readings(text))


def _unescaped(text: str) -> set[str]:
    """JSON string literals, and Python's backslash escapes (UTF-8 bytes too), decoded."""
    out = set()
    for literal in re.findall(r'"(?:[^"\\]|\\.)*"', text):
        with contextlib.suppress(ValueError):
            out.add(json.loads(literal))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # an escape Python does not know stays as it is
        try:
            decoded = text.encode("utf-8", "backslashreplace").decode("unicode_escape")
        except UnicodeDecodeError:  # a truncated escape
            return out
    out.add(decoded)
    with contextlib.suppress(UnicodeError):
        out.add(decoded.encode("latin-1").decode("utf-8"))  # `\xc3\xa9`: UTF-8 bytes
    return out
