"""`make chaos`'s accounting: what counts as lost, as a double send, as a stray 5xx; its section."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # bench/ is a folder of the checkout, not an installed package
    sys.path.insert(0, str(ROOT))

from bench.chaos_load import Campaign, Tally  # noqa: E402
from bench.chaos_report import END, START, VendorSend, figures, render, section_in, sent_names, write_section  # noqa: E402


def _figures(campaigns: list[Campaign], sends: list[VendorSend], rows: list[dict[str, Any]], **answers: int) -> Any:
    tally = Tally(sent=sum(answers.values()), answers=Counter({k.removeprefix("s"): v for k, v in answers.items()}))
    return figures(
        rounds=1,
        kills=1,
        modes=Counter(),
        tally=tally,
        campaigns={c.name: c for c in campaigns},
        sends=sends,
        rows=rows,
        in_flight_before=0,
    )


def test_an_acknowledged_campaign_not_accepted_or_missing_is_lost() -> None:
    kept = Campaign("a", keyed=True, acknowledged={"id-a"})
    unknown = Campaign("b", keyed=True, acknowledged={"id-b"})
    missing = Campaign("c", keyed=False, acknowledged={"id-c"})
    rows = [{"id": "id-a", "dispatch": "accepted"}, {"id": "id-b", "dispatch": "unknown"}]

    result = _figures([kept, unknown, missing], [], rows)

    assert result.lost == ["b (id-b: unknown)", "c (id-c: no row)"]
    assert result.acknowledged == 3
    assert "acknowledged campaigns lost" in result.failures


def test_a_double_send_counts_only_answers_that_may_have_acted() -> None:
    refused_then_sent = Campaign("r", keyed=True)
    failed_then_sent = Campaign("f", keyed=False)
    dropped_then_sent = Campaign("d", keyed=True)
    sends = [
        VendorSend("r", 429),
        VendorSend("r", 503),
        VendorSend("r", 201),
        VendorSend("f", 500),
        VendorSend("f", 201),
        VendorSend("d", None),
        VendorSend("d", 201),
        VendorSend("someone else's", 201),
    ]

    result = _figures([refused_then_sent, failed_then_sent, dropped_then_sent], sends, [])

    assert result.double_sends == ["d (keyed: no answer, 201)", "f (keyless: 500, 201)"]
    assert result.double_keyed == 1
    assert result.vendor_requests == 8


def test_only_502_503_504_are_the_gateways_own_5xx() -> None:
    result = _figures([], [], [{"id": "x", "dispatch": "in_flight"}], s201=3, s502=1, s503=1, s504=1, s500=2)

    assert result.other_5xx == Counter({"500": 2})
    assert result.in_flight_after == 1
    assert set(result.failures) == {"5xx answers other than 502/503/504", "rows left in_flight after reconciliation"}


def test_a_clean_run_has_no_failures_and_says_so() -> None:
    done = Campaign("a", keyed=True, acknowledged={"id-a"})

    result = _figures([done], [VendorSend("a", 201)], [{"id": "id-a", "dispatch": "accepted"}], s201=1)

    assert result.failures == {}
    assert "every must-be-zero figure is 0" in render(result, ["header"])


def test_the_section_is_replaced_in_place_or_appended(tmp_path: Path) -> None:
    results = tmp_path / "results.md"
    results.write_text("# Bench\n\nfigures\n")

    write_section(results, f"{START}\nfirst\n{END}\n")
    write_section(results, f"{START}\nsecond\n{END}\n")

    text = results.read_text()
    assert text == f"# Bench\n\nfigures\n\n{START}\nsecond\n{END}\n"


def test_the_logical_campaign_of_a_vendor_request() -> None:
    assert sent_names(b'{"name": "chaos-1", "agentId": "x"}') == "chaos-1"
    assert sent_names(b'{"name": "chaos-1", "age') is None
    assert sent_names(b"[]") is None


def test_the_section_outlives_a_bench_run_that_rewrites_the_file(tmp_path: Path) -> None:
    # `make bench` writes results.md anew, then puts back the section `make chaos` last wrote.
    results = tmp_path / "results.md"
    results.write_text(f"# old figures\n\n{START}\nchaos figures\n{END}\n")
    kept = section_in(results.read_text())
    results.write_text("# new figures\n")
    assert kept is not None
    write_section(results, kept)
    assert results.read_text() == f"# new figures\n\n{START}\nchaos figures\n{END}\n"
    assert section_in("# no chaos here\n") is None
