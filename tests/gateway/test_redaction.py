"""The redactor: every encoding of a secret is hidden where it is written, and nothing else changes."""

from __future__ import annotations

import base64
import json
import logging
import re
import urllib.parse

import pytest

from gateway.observe import _Redactor, redact
from gateway.redaction import REDACTED, SecretIndex, hide_in_bytes

from .leaks import carries

ODD = "sk/Ab+cd=é✓…\U0001d11e"
LOOKALIKE = "ab\\u0041cd\\/ef%2Fgh&amp;"
SPACED = "my key/x+y z"


def _json_every_char(text: str) -> str:
    units = text.encode("utf-16-be")
    return "".join(f"\\u{units[i]:02X}{units[i + 1]:02X}" for i in range(0, len(units), 2))


def _lower_hex(quoted: str) -> str:
    return re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), quoted)


@pytest.mark.parametrize(
    ("secret", "written", "hidden"),
    [
        (ODD, json.dumps({"key": ODD}), '{"key": "[REDACTED]"}'),
        (ODD, json.dumps({"key": ODD}).replace("/", "\\/"), '{"key": "[REDACTED]"}'),
        (ODD, f'"{_json_every_char(ODD)}"', '"[REDACTED]"'),  # upper-case hex, a surrogate pair
        (ODD, json.dumps(json.dumps({"key": ODD})), '"{\\"key\\": \\"[REDACTED]\\"}"'),
        (ODD, f"?key={urllib.parse.quote(ODD, safe='')}&n=1", "?key=[REDACTED]&n=1"),
        (ODD, f"?key={_lower_hex(urllib.parse.quote(ODD, safe=''))}&n=1", "?key=[REDACTED]&n=1"),
        (ODD, f"?key={urllib.parse.quote_plus(ODD)}&n=1", "?key=[REDACTED]&n=1"),
        (SPACED, f"?key={urllib.parse.quote_plus(SPACED)}&n=1", "?key=[REDACTED]&n=1"),  # `+` for a space
        (ODD, f"got {ODD.encode()!r}", "got b'[REDACTED]'"),
        (ODD, "<b>" + "".join(f"&#{ord(c)};" for c in ODD) + "</b>", "<b>[REDACTED]</b>"),
        (ODD, f"url {urllib.parse.quote(json.dumps(ODD))}", "url %22[REDACTED]%22"),
        (LOOKALIKE, f"raw {LOOKALIKE} end", "raw [REDACTED] end"),
        (LOOKALIKE, json.dumps({"key": LOOKALIKE}), '{"key": "[REDACTED]"}'),
        (LOOKALIKE, f"?k={urllib.parse.quote(LOOKALIKE, safe='')}", "?k=[REDACTED]"),
    ],
)
def test_each_encoding_is_hidden_where_it_is_written(secret: str, written: str, hidden: str) -> None:
    assert carries(written, secret)
    assert SecretIndex([secret]).hide(written) == hidden


@pytest.mark.parametrize("user", ["", "u", "us", "user", "a-longer-user-name"])
@pytest.mark.parametrize("secret", [ODD, LOOKALIKE, "plain-ascii-key-123"])
def test_basic_credentials_are_hidden_whole_whatever_the_user(user: str, secret: str) -> None:
    token = base64.b64encode(f"{user}:{secret}".encode()).decode()
    urlsafe = base64.urlsafe_b64encode(f"{user}:{secret}".encode()).decode()
    index = SecretIndex([secret])
    assert index.hide(f"Authorization: Basic {token}\r\n") == f"Authorization: Basic {REDACTED}\r\n"
    assert index.hide(f'{{"auth": "{urlsafe}"}}') == f'{{"auth": "{REDACTED}"}}'
    quoted = urllib.parse.quote(f"Basic {token}", safe="")
    assert not carries(index.hide(f"h={quoted}"), secret)


def test_a_lookalike_secret_is_not_found_in_what_its_escapes_would_decode_to() -> None:
    decoded = "abAcd/ef/gh&"  # what LOOKALIKE would read as if its characters were escapes
    assert SecretIndex([LOOKALIKE]).hide(f"see {decoded}") == f"see {decoded}"


def test_text_without_a_secret_is_returned_as_it_is() -> None:
    text = 'line\\n with {"a": "\\u00e9\\/"} %20 %zz &amp; &bogus; \\x41 dXNlcjpwYXNz ' + "%25" * 5000
    index = SecretIndex([ODD, LOOKALIKE, "k1"])
    assert index.hide(text) is text
    assert SecretIndex([]).hide(text) is text


def test_secrets_side_by_side_and_inside_others() -> None:
    index = SecretIndex(["abcdefgh12", "abcdefgh12-and-more", "k1"])
    assert index.hide("abcdefgh12abcdefgh12") == f"{REDACTED}{REDACTED}"
    escaped = json.dumps("abcdefgh12-and-more k1").replace("-", "\\u002d")
    assert index.hide(escaped) == f'"{REDACTED} {REDACTED}"'


def test_bytes_are_kept_byte_for_byte_around_the_secret() -> None:
    index = SecretIndex([ODD, "pässwörd-latin"])
    content = b"\xff\xfe " + json.dumps(ODD).encode() + b" \xc3( " + "pässwörd-latin".encode("latin-1") + b" \xff"
    assert hide_in_bytes(content, index) == b'\xff\xfe "[REDACTED]" \xc3( [REDACTED] \xff'
    untouched = b"\xff no secret \\/ %2F"
    assert hide_in_bytes(untouched, index) is untouched


def test_redact_keeps_phone_numbers_to_four_digits_after_hiding_secrets() -> None:
    assert redact(f"to +33 6 12 34 56 78 with {urllib.parse.quote(ODD)}", [ODD]) == f"to …5678 with {REDACTED}"


def test_log_records_are_redacted_in_message_arguments_traceback_and_fields_of_any_shape() -> None:
    escaped = json.dumps(ODD)
    record = logging.LogRecord("t", logging.WARNING, __file__, 1, "vendor said %s", (escaped,), None)
    try:
        raise ValueError(f"bad {urllib.parse.quote(ODD)}")
    except ValueError as exc:
        record.exc_info = (ValueError, exc, exc.__traceback__)
    record.fields = {"body": escaped, "nested": {"list": [escaped, 3], "bytes": ODD.encode()}, "n": 5, "none": None}
    assert _Redactor(lambda: (ODD,)).filter(record)
    assert record.getMessage() == f'vendor said "{REDACTED}"'
    assert record.exc_text is not None and "ValueError: bad [REDACTED]" in record.exc_text
    fields = record.fields
    assert fields["body"] == f'"{REDACTED}"' and fields["n"] == 5 and fields["none"] is None
    assert fields["nested"] == {"list": [f'"{REDACTED}"', 3], "bytes": f"b'{REDACTED}'"}
