"""`bench.sync`'s report: its figures, its verdicts, and its section of bench/results.md."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # bench/ is a folder of the checkout, not an installed package
    sys.path.insert(0, str(ROOT))

from bench.chaos_report import END as CHAOS_END  # noqa: E402
from bench.chaos_report import START as CHAOS_START  # noqa: E402
from bench.sync import END, MODES, START, Phase, SyncFigures, render, section_in, write_section  # noqa: E402


def _phase(mode: str, rep: int, p99: float, lag: float) -> Phase:
    create = [1.0] * 98 + [p99, p99]
    lags = [lag / 2] * 98 + [lag, lag] if mode != MODES[0] else []
    return Phase(mode, rep, create, 0, lags, 300, 10.0, {"serve": 2.0})


def _figures(with_sync_p99: float, lag: float) -> SyncFigures:
    figures = SyncFigures(campaigns=10_000, phase_s=10, rate=50, reps=1, commit="abc1234", elapsed_s=60)
    figures.create_ms, figures.action_ms = [5.0] * 100, [4.0] * 98 + [9.0, 9.0]
    figures.phases = [
        _phase(MODES[0], 0, 10.0, 0),
        _phase(MODES[1], 0, with_sync_p99, lag),
        _phase(MODES[2], 0, 10.0, lag),
    ]
    return figures


def test_the_section_says_whether_each_target_was_met() -> None:
    met = render(_figures(with_sync_p99=10.5, lag=40.0))
    assert met.startswith(START) and met.rstrip().endswith(END)
    assert "| create p99 rises ≤ 10 % | +5.0 % | **met** |" in met
    assert "| sync lag p99 < 60 s | 40.0 s | **met** |" in met
    assert "| action minus create | -1.00 | +4.00 |" in met
    missed = render(_figures(with_sync_p99=12.0, lag=75.0))
    assert "| create p99 rises ≤ 10 % | +20.0 % | **missed** |" in missed
    assert "| sync lag p99 < 60 s | 75.0 s | **missed** |" in missed
    assert missed.count("**missed**") == 2, "the verdicts are the default's: the other modes are for comparison"


def test_the_section_replaces_its_own_and_keeps_the_others(tmp_path: Path) -> None:
    results = tmp_path / "results.md"
    chaos = f"{CHAOS_START}\n## Chaos\nkept\n{CHAOS_END}\n"
    results.write_text(f"# Benchmark results\n\n## Peers\n\nrows\n\n{chaos}")
    write_section(results, render(_figures(10.5, 40.0)))
    first = results.read_text()
    assert first.index("## Peers") < first.index(START) < first.index(CHAOS_START)
    write_section(results, render(_figures(12.0, 75.0)))
    second = results.read_text()
    assert second.count(START) == 1 and "**missed**" in second and chaos in second
    assert section_in(second) == render(_figures(12.0, 75.0))


def test_each_database_measured_has_a_section_of_its_own(tmp_path: Path) -> None:
    results = tmp_path / "results.md"
    sqlite = render(_figures(10.5, 40.0))
    figures = _figures(12.0, 45.0)
    figures.database = "PostgreSQL"
    postgres = render(figures)
    assert postgres.startswith("<!-- sync-postgresql:start -->") and "on PostgreSQL" in postgres
    write_section(results, sqlite)
    write_section(results, postgres)
    write_section(results, postgres)
    text = results.read_text()
    assert section_in(text) == sqlite and section_in(text, "PostgreSQL") == postgres
    assert text.count("sync-postgresql:start") == 1


def test_the_wakeup_probe_times_each_condition_and_the_section_shows_them() -> None:
    from bench.wakeups import CONDITIONS, measure_wakeups

    measured = measure_wakeups(round_trips=50)
    assert [wakeups.condition for wakeups in measured] == list(CONDITIONS)
    assert all(len(wakeups.round_trips_ms) == 50 and min(wakeups.round_trips_ms) > 0 for wakeups in measured)
    figures = _figures(10.5, 40.0)
    figures.wakeups = measured
    section = render(figures)
    assert "### Wake-ups beside busy loops" in section
    for wakeups in measured:
        row = f"| {wakeups.condition} | {wakeups.percentile(50):.3f} |"
        assert row in section
    assert section.rstrip().endswith(END)


def test_the_pooled_p99_is_taken_over_every_create_of_a_mode() -> None:
    figures = SyncFigures(campaigns=10_000, phase_s=10, rate=50, reps=2, commit="abc1234", elapsed_s=60)
    figures.create_ms, figures.action_ms = [5.0] * 100, [4.0] * 100
    figures.phases = [
        Phase(MODES[0], 0, [10.0] * 100, 0, [], 0, 10.0, {}),
        Phase(MODES[0], 1, [10.0] * 100, 0, [], 0, 10.0, {}),
        Phase(MODES[1], 0, [11.0] * 100, 0, [1.0], 300, 10.0, {}),
        Phase(MODES[1], 1, [13.0] * 100, 0, [1.0], 300, 10.0, {}),
    ]
    section = render(figures)
    assert "| create p99 rises ≤ 10 % | +20.0 % | **missed** |" in section  # the median of +10 % and +30 %
    assert f"| {MODES[1]} | 13.00 | +30.0 % |" in section  # the slowest percent of all 200 creates
    assert f"| {MODES[0]} | 10.00 | — |" in section
    assert MODES[2] not in section.split("all phases")[1]  # a mode not measured has no row
