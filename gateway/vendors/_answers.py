"""Reading a vendor's JSON answer defensively: a value where it is expected, else None.

The lifecycle's reads (`Adapter.read_state`) take the vendor's JSON as it comes, not its
generated model: an answer of another shape, or a word its spec does not list, must still be
read as far as it can be, never refused whole.
"""

from __future__ import annotations

from typing import Any

__all__ = ["count", "dig", "word"]


def dig(answer: Any, *path: str) -> Any:
    """The value at `path` in a JSON answer, or None where the answer has another shape."""
    for key in path:
        if not isinstance(answer, dict):
            return None
        answer = answer.get(key)
    return answer


def word(value: Any) -> str | None:
    """A vendor's status word as text (a number as its digits), or None."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def count(value: Any) -> int | None:
    """A count from a vendor's answer, or None where it is not a whole number."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None
