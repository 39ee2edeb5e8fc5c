"""`bench.deliver`: a small run end to end, its verdicts, and its section of bench/results.md."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # bench/ is a folder of the checkout, not an installed package
    sys.path.insert(0, str(ROOT))

from bench.deliver import END, START, DeliverFigures, render, run_deliver_bench, section_in, write_section  # noqa: E402


def _figures(p99_ms: float, lost: int = 0) -> DeliverFigures:
    figures = DeliverFigures(events=100, rate=50, workers=1, database="SQLite", commit="abc1234", down_s=5)
    figures.latencies_ms = [20.0] * 98 + [p99_ms, p99_ms]
    figures.outage_events = figures.backlog_at_back = 250
    figures.drain_s, figures.drain_95_s, figures.outage_lost = 2.5, 0.95, lost
    return figures


def test_the_section_says_whether_each_target_was_met() -> None:
    met = render(_figures(400.0))
    assert met.startswith(START) and met.rstrip().endswith(END)
    assert "| ingest-to-delivery p99 ≤ 1 s | 400.0 ms | **met** |" in met
    assert (
        "**250 deliveries/s**" in met
        and "(100/s overall" in met
        and "shorter outage than the issue's 10 minutes" in met
    )
    missed = render(_figures(1500.0, lost=1))
    assert "| ingest-to-delivery p99 ≤ 1 s | 1500.0 ms | **missed** |" in missed
    assert "| 0 lost (fan-out and outage) | 1 | **missed** |" in missed


def test_the_section_replaces_its_own(tmp_path: Path) -> None:
    results = tmp_path / "results.md"
    results.write_text("# Benchmark results\n\n## Peers\n\nrows\n")
    write_section(results, render(_figures(400.0)))
    write_section(results, render(_figures(1500.0)))
    text = results.read_text()
    assert text.count(START) == 1 and "## Peers" in text and section_in(text) == render(_figures(1500.0))


def test_a_small_run_delivers_everything(tmp_path: Path) -> None:
    figures = run_deliver_bench(tmp_path, events=40, rate=100, down_s=1, outage_rate=20)
    assert figures.fanout_lost == 0 and figures.outage_lost == 0
    assert len(figures.latencies_ms) == 80 and figures.outage_events == 20
