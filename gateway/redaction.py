r"""Finding known secrets in a text, however the text encodes them.

A vendor, a library or a log line may carry a credential as it is, or escaped: JSON
(`\/`, `\u00e9`, a surrogate pair), a Python repr (`\xc3\xa9`, `\U0001f600`), URL
percent-encoding (`%2F`, `%c3%a9`, `+` for a space in a form), HTML entities (`&#x2F;`), or
inside HTTP basic credentials (base64 of `user:secret`, where the user is not known).

`SecretIndex.spans` reads the text as it is and, when it holds a `\`, `%` or `&`, through
decoded views of it: one per escaping scheme, and views of those views (a JSON string inside
another, a URL inside JSON), a few layers deep. Each scheme is decoded on its own, so a secret
that itself looks like an escape of another scheme is read as its writer meant it. Where a
secret is found in a view, the span of the original text its characters were decoded from is
hidden, and nothing else. Base64 is not decoded at all: each secret's base64 forms at the three
byte alignments are indexed like secrets, and a match hides the whole base64 token around it.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import html.entities
import re
from collections.abc import Iterable

__all__ = ["REDACTED", "SecretIndex", "hide_in_bytes"]

REDACTED = "[REDACTED]"

_PREFIX = 8
# Escapes nest (a JSON string quoted inside another, a URL inside JSON): a few layers are read,
# and a bounded number of views, so that a text made of escapes costs a few passes over it.
_MAX_LAYERS = 3
_MAX_VIEWS = 12
# Up to this many forms, a text is first searched for each in C; a hit (rare) is then read in full.
_FEW = 32
_TRIGGER = re.compile(r"[\\%&]")
# One pattern per way of escaping: each view decodes one of them, so that a secret which itself
# looks like another escape (`%2F` inside a JSON string) is read as the JSON writer meant it.
_SCHEMES = (
    (
        "\\",
        re.compile(
            r"\\(?:u[Dd][89ABab][0-9A-Fa-f]{2}\\u[Dd][C-Fc-f][0-9A-Fa-f]{2}"  # a surrogate pair: one character
            r"|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}(?:\\x[0-9A-Fa-f]{2})*|[\"\\/'bfnrt])"
        ),
    ),
    ("%", re.compile(r"%[0-9A-Fa-f]{2}(?:%[0-9A-Fa-f]{2})*")),
    ("&", re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")),
)
_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "'": "'", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_BASE64 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_=")
_URLSAFE = bytes.maketrans(b"+/", b"-_")

# One decoded view of a text: the characters, and for each the span [start, end) it was read from.
_View = tuple[str, list[int], list[int]]


class SecretIndex:
    r"""Finds known secrets in a text in time that does not grow with how many there are.

    Each form of a secret (as it is, with `+` for its spaces, its base64 cores) is filed under
    its first few characters; a text is read once for those, and only a form filed under what
    is found there is compared in full (the longest first). Only runs of the characters the
    forms are made of are read: a form lies within one. A text without `\`, `%` or `&` holds
    no escape, and is read once, as it is.
    """

    def __init__(self, secrets: Iterable[str]) -> None:
        forms: dict[str, bool] = {}  # form -> whether it is a base64 core (its token is hidden whole)
        for secret in {secret for secret in secrets if secret}:
            forms.update(_forms(secret))
        ordered = sorted(forms, key=len, reverse=True)
        self._short = [form for form in ordered if len(form) < _PREFIX]  # odd, and few
        long = [form for form in ordered if len(form) >= _PREFIX]
        self._core = frozenset(form for form, core in forms.items() if core)
        self._by_prefix: dict[str, list[str]] = {}
        for form in long:
            self._by_prefix.setdefault(form[:_PREFIX], []).append(form)
        # A form lies within a run of the characters forms are made of: the runs are found in C,
        # and only they are read here.
        alphabet = "".join(re.escape(char) for char in sorted(set("".join(long))))
        self._runs = re.compile(f"[{alphabet}]{{{_PREFIX},}}") if alphabet else None
        self._few = tuple(long) if len(long) <= _FEW else None

    def hide(self, text: str) -> str:
        """`text` with every known secret in it, in any of its encodings, replaced by [REDACTED]."""
        spans = self.spans(text)
        if not spans:
            return text
        pieces, start = [], 0
        for at, end in spans:
            pieces += [text[start:at], REDACTED]
            start = end
        return "".join([*pieces, text[start:]])

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The sorted, disjoint spans of `text` that write a known secret (adjacent ones stay apart)."""
        if not self._by_prefix and not self._short:
            return []
        found = self._find(text)
        if _TRIGGER.search(text) is not None:
            found += self._find_decoded(text)
        return _merged(found) if found else found

    def _find_decoded(self, text: str) -> list[tuple[int, int]]:
        """Spans of `text` whose decoding, in some order of schemes, writes a secret."""
        found: list[tuple[int, int]] = []
        seen = {text}
        layer: list[_Layer | None] = [None]
        for _depth in range(_MAX_LAYERS):
            following: list[_Layer | None] = []
            for view in layer:
                written = view.chars if view is not None else text
                for lead, scheme in _SCHEMES:
                    chars = _decoded(written, scheme) if lead in written else None
                    if chars is None or chars in seen or len(seen) > _MAX_VIEWS:
                        continue
                    seen.add(chars)
                    decoded = _Layer(chars, scheme, view)
                    hits = self._find(chars)
                    if hits:  # where each character came from is worked out only for a hit
                        found += decoded.origin(hits, text)
                    if _TRIGGER.search(chars) is not None:
                        following.append(decoded)
            layer = following
        return found

    def _find(self, text: str) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        filed, past = self._by_prefix.get, 0
        if self._few is not None and not any(form in text for form in self._few):
            runs: Iterable[re.Match[str]] = ()  # a few forms (one vendor's credential): each searched in C
        else:
            runs = self._runs.finditer(text) if self._runs is not None else ()
        for run in runs:
            begin, end = run.span()
            for at in range(begin, end - _PREFIX + 1):  # a for loop: most places hold nothing
                candidates = filed(text[at : at + _PREFIX])
                if candidates is None or at < past:
                    continue
                form = next((f for f in candidates if text.startswith(f, at)), None)
                if form is not None:
                    past = at + len(form)
                    found.append(_token(text, at, past) if form in self._core else (at, past))
        for form in self._short:
            at = text.find(form)
            while at >= 0:
                found.append((at, at + len(form)))
                at = text.find(form, at + len(form))
        return found


def hide_in_bytes(content: bytes, index: SecretIndex) -> bytes:
    """`content` with every secret of `index` hidden; bytes that are not UTF-8 pass through unchanged."""
    text = content.decode("utf-8", "surrogateescape")
    hidden = index.hide(text)
    return content if hidden is text else hidden.encode("utf-8", "surrogateescape")


@functools.lru_cache(maxsize=1 << 16)
def _forms(secret: str) -> dict[str, bool]:
    """Each form of `secret`, and whether it is a base64 core (kept: tenants' indexes are rebuilt often)."""
    return {**dict.fromkeys(_base64_cores(secret), True), **dict.fromkeys(_plain_forms(secret), False)}


def _plain_forms(secret: str) -> set[str]:
    forms = {secret, secret.replace(" ", "+")}  # a form-encoded space is a `+`, left as it is by _decode
    with contextlib.suppress(UnicodeEncodeError):
        # A body in Latin-1 (its bytes read as UTF-8 keep what is not UTF-8 as lone surrogates).
        forms.add(secret.encode("latin-1").decode("utf-8", "surrogateescape"))
    return forms


def _base64_cores(secret: str) -> set[str]:
    """The base64 characters that encode `secret` alone, at each of the three byte alignments.

    In `base64(user + ":" + secret)` the secret starts at an unknown byte offset; the characters
    whose six bits all come from the secret's bytes are the same whatever surrounds it.
    """
    raw = secret.encode("utf-8")
    cores: set[str] = set()
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + raw + b"\0\0")
        first = -(-8 * shift // 6)
        last = 8 * (shift + len(raw)) // 6
        core = encoded[first:last]
        if len(core) >= _PREFIX:  # a shorter one would hide unrelated base64
            cores |= {core.decode("ascii"), core.translate(_URLSAFE).decode("ascii")}
    return cores


def _token(text: str, at: int, end: int) -> tuple[int, int]:
    """The whole base64 token around a core: its other characters hold the rest of the credential."""
    while at > 0 and text[at - 1] in _BASE64:
        at -= 1
    while end < len(text) and text[end] in _BASE64:
        end += 1
    return at, end


class _Layer:
    """A decoded view of a text, and the view (None: the text itself) it was decoded from."""

    __slots__ = ("chars", "parent", "scheme")

    def __init__(self, chars: str, scheme: re.Pattern[str], parent: _Layer | None) -> None:
        self.chars, self.scheme, self.parent = chars, scheme, parent

    def origin(self, spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
        """`spans` of these characters as spans of `text`, the view at the root."""
        _, starts, ends = _decode(self.parent.chars if self.parent is not None else text, self.scheme) or ("", [], [])
        outer = [(starts[at], ends[end - 1]) for at, end in spans]
        return self.parent.origin(outer, text) if self.parent is not None else outer


def _decoded(text: str, scheme: re.Pattern[str]) -> str | None:
    """`text` with one layer of `scheme`'s escapes decoded (what `_decode` gives, found in C), or None."""
    chars, count = scheme.subn(_written, text)
    return chars if count and chars != text else None


def _written(unit: re.Match[str]) -> str:
    return _reads_as(unit.group())


@functools.lru_cache(maxsize=4096)  # a text repeats a few escapes (`\/`, `%20`, `&amp;`) many times
def _reads_as(unit: str) -> str:
    decoded = _unit(unit)
    return unit if decoded is None else "".join(char for char, _ in decoded)


def _decode(text: str, scheme: re.Pattern[str]) -> _View | None:
    """`text` with one layer of `scheme`'s escapes decoded, and where each character came from; None if none."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    done = 0
    for unit in scheme.finditer(text):
        at, end = unit.span()
        decoded = _unit(unit.group())
        if decoded is None:
            continue
        chars.append(text[done:at])
        starts.extend(range(done, at))
        ends.extend(range(done + 1, at + 1))
        for char, (left, right) in decoded:
            chars.append(char)
            starts.append(at + left)
            ends.append(at + right)
        done = end
    if not done:
        return None
    chars.append(text[done:])
    starts.extend(range(done, len(text)))
    ends.extend(range(done + 1, len(text) + 1))
    return "".join(chars), starts, ends


def _unit(unit: str) -> list[tuple[str, tuple[int, int]]] | None:
    """The characters one escape unit stands for, each with its span within the unit."""
    lead = unit[:2]
    if lead == "\\u":
        high = int(unit[2:6], 16)
        if len(unit) == 12:
            low = int(unit[8:12], 16)
            return [(chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)), (0, 12))]
        return [(chr(high), (0, 6))]
    if lead == "\\U":
        point = int(unit[2:], 16)
        return [(chr(point), (0, 10))] if point <= 0x10FFFF else None
    if lead == "\\x":
        return _utf8(bytes.fromhex(unit.replace("\\x", "")), 4, unit)
    if unit[0] == "%":
        return _utf8(bytes.fromhex(unit.replace("%", "")), 3, unit)
    if unit[0] == "\\":
        return [(_SIMPLE[unit[1]], (0, 2))]
    return _entity(unit)


def _utf8(data: bytes, width: int, unit: str) -> list[tuple[str, tuple[int, int]]]:
    """Bytes written `width` characters each, read as UTF-8; a byte that is not stays as written."""
    found: list[tuple[str, tuple[int, int]]] = []
    at = 0
    while at < len(data):
        lead = data[at]
        size = 1 if lead < 0x80 else 2 if 0xC2 <= lead < 0xE0 else 3 if 0xE0 <= lead < 0xF0 else 4 if lead < 0xF5 else 0
        try:
            char = data[at : at + size].decode("utf-8") if size else ""
        except UnicodeDecodeError:
            char = ""
        if len(char) == 1:
            found.append((char, (at * width, (at + size) * width)))
            at += size
            continue
        kept = unit[at * width : (at + 1) * width]
        found += [(written, (at * width + i, at * width + i + 1)) for i, written in enumerate(kept)]
        at += 1
    return found


def _entity(unit: str) -> list[tuple[str, tuple[int, int]]] | None:
    name = unit[1:-1]
    if name[:2] in ("#x", "#X"):
        point = int(name[2:], 16)
    elif name[0] == "#":
        point = int(name[1:])
    else:
        named = html.entities.html5.get(name + ";")
        return [(named, (0, len(unit)))] if named is not None and len(named) == 1 else None
    return [(chr(point), (0, len(unit)))] if point <= 0x10FFFF else None


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged = [spans[0]]
    for at, end in spans[1:]:
        last_at, last_end = merged[-1]
        if at < last_end:
            merged[-1] = (last_at, max(end, last_end))
        else:
            merged.append((at, end))
    return merged
