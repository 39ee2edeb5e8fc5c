"""`bench.hooks`: its bodies are signed as Smallest signs, and its section says whether each target was met."""

from __future__ import annotations

import hashlib
import hmac
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # bench/ is a folder of the checkout, not an installed package
    sys.path.insert(0, str(ROOT))

from bench.hooks import END, SECRET, START, HookFigures, Run, render, section_in, signed_hook, write_section  # noqa: E402
from gateway.vendors.smallest import SmallestAdapter  # noqa: E402


def test_each_hook_is_distinct_and_signed_the_smallest_way() -> None:
    first, signature = signed_hook(0, "p")
    second, _ = signed_hook(1, "p")
    assert hmac.new(SECRET.encode(), first, hashlib.sha256).hexdigest() == signature
    assert (
        SmallestAdapter.read_hook(json.loads(first)).event_id != SmallestAdapter.read_hook(json.loads(second)).event_id
    )
    assert SmallestAdapter.read_hook(json.loads(second)).events[0].type == "call.completed"


def _figures(rate: float, p99_ms: float) -> HookFigures:
    figures = HookFigures(workers=2, concurrency=8, seconds=10, commit="abc1234")
    latencies = [2.0] * 98 + [p99_ms, p99_ms]
    figures.runs = [Run(int(rate * 10), 0, latencies, 10.0)]
    figures.stored = int(rate * 10)
    return figures


def test_the_section_says_whether_each_target_was_met(tmp_path: Path) -> None:
    met = render(_figures(1200, 20.0))
    assert met.startswith(START) and met.rstrip().endswith(END)
    assert "| ≥ 1,000 verified hooks/s on 2 workers | 1,200/s | **met** |" in met
    assert "| p99 ≤ 50 ms to the 2xx | 20.0 ms | **met** |" in met
    missed = render(_figures(800, 60.0))
    assert "800/s | **not met**" in missed and "60.0 ms | **not met**" in missed
    results = tmp_path / "results.md"
    results.write_text("# Results\n\nintro\n")
    write_section(results, missed)
    write_section(results, met)
    assert section_in(results.read_text()) == met and results.read_text().startswith("# Results")
