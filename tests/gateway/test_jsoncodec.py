"""The request path's JSON: orjson's speed without losing what the standard library keeps."""

from __future__ import annotations

import pytest

from gateway import jsoncodec


def test_integers_beyond_64_bits_round_trip_exactly() -> None:
    big = 2**70 + 1
    assert jsoncodec.loads(jsoncodec.dumps({"id": big})) == {"id": big}
    assert jsoncodec.dumps({"b": big, "a": 1}, sort_keys=True) == b'{"a":1,"b":1180591620717411303425}'


def test_text_is_utf8_not_escaped() -> None:
    assert jsoncodec.dumps({"name": "Gîte été"}) == '{"name":"Gîte été"}'.encode()


@pytest.mark.parametrize("raw", [b'{"x": NaN}', b"[Infinity]", b"[-Infinity]"])
def test_nan_and_infinity_are_not_json(raw: bytes) -> None:
    with pytest.raises(ValueError, match="is not a JSON value"):
        jsoncodec.loads(raw)


def test_errors_read_like_the_standard_library() -> None:
    with pytest.raises(ValueError, match="Expecting"):
        jsoncodec.loads(b'{"a": }')
