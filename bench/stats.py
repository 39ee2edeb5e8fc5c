"""Medians with their spread, formatted for the tables."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

__all__ = ["DASH", "TIMES", "fmt", "median"]

# Spelled as escapes: the characters themselves look like x and - in source.
TIMES = "\u00d7"
DASH = "\u2013"


def median(values: Sequence[float]) -> float:
    """The median (0 for no values)."""
    return statistics.median(values) if values else 0.0


def _number(value: float, digits: int) -> str:
    return f"{value:,.{digits}f}"


def fmt(values: Sequence[float], digits: int = 1, suffix: str = "") -> str:
    """`1,234 (1,100-1,300)`: the median, then min and max when there are several values."""
    if not values:
        return "n/a"
    text = _number(median(values), digits) + suffix
    if len(values) > 1:
        text += f" ({_number(min(values), digits)}{DASH}{_number(max(values), digits)})"
    return text


def percentile(values: Sequence[float], pct: float) -> float:
    """The nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]
