"""What `make chaos` found: the figures, the verdict, and its section of bench/results.md."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.chaos_load import Campaign, Tally

__all__ = ["Figures", "VendorSend", "figures", "render", "section_in", "write_section"]

START = "<!-- chaos:start -->"
END = "<!-- chaos:end -->"

# A vendor answer that proves nothing was created and invites a retry: the retry it invites is
# not a second send. Anything else (2xx, other 5xx, no answer, an answer cut short) may have acted.
_REFUSALS = frozenset({503}) | frozenset(range(400, 500))
# The gateway's own 5xx for a vendor that failed, timed out or is unavailable; any other is a bug.
_GATEWAY_5XX = ("502", "503", "504")


@dataclass(frozen=True)
class VendorSend:
    """One request the vendor received: the logical campaign it carried and the status it got."""

    name: str
    status: int | None


@dataclass
class Figures:
    """The outcome of one chaos run."""

    rounds: int
    kills: int
    modes: Counter[str]
    tally: Tally
    keyed: int
    keyless: int
    acknowledged: int
    lost: list[str]
    vendor_requests: int
    acted: Counter[str]
    double_sends: list[str]
    """Each logical campaign sent more than once, with its kind and the vendor's answers in order."""
    double_keyed: int
    in_flight_before: int
    in_flight_after: int
    dispatch_after: Counter[str]
    other_5xx: Counter[str] = field(default_factory=Counter)

    @property
    def failures(self) -> dict[str, int]:
        """The must-be-zero figures that are not zero."""
        found = {
            "acknowledged campaigns lost": len(self.lost),
            "logical campaigns the vendor got more than once": len(self.double_sends),
            "rows left in_flight after reconciliation": self.in_flight_after,
            "5xx answers other than 502/503/504": sum(self.other_5xx.values()),
        }
        return {name: count for name, count in found.items() if count}


def figures(
    *,
    rounds: int,
    kills: int,
    modes: Counter[str],
    tally: Tally,
    campaigns: Mapping[str, Campaign],
    sends: Sequence[VendorSend],
    rows: Iterable[Mapping[str, Any]],
    in_flight_before: int,
) -> Figures:
    """Match what clients were told, what the vendor received and what the registry holds.

    - lost: a campaign id the client got a 2xx for whose row is missing or not `accepted`;
    - double send: a logical campaign the vendor received more than once in a way that may have
      created it (any answer but a 4xx or a 503, including no answer at all);
    - other 5xx: answers the gateway gave with a 5xx status other than 502, 503 and 504.
    """
    by_id = {str(row["id"]): row for row in rows}
    acknowledged = [(c.name, campaign_id) for c in campaigns.values() for campaign_id in sorted(c.acknowledged)]
    lost = [
        f"{name} ({campaign_id}: {by_id[campaign_id]['dispatch'] if campaign_id in by_id else 'no row'})"
        for name, campaign_id in acknowledged
        if by_id.get(campaign_id, {}).get("dispatch") != "accepted"
    ]
    acted = Counter(send.name for send in sends if send.name in campaigns and send.status not in _REFUSALS)
    statuses: dict[str, list[str]] = {}
    for send in sends:
        statuses.setdefault(send.name, []).append(str(send.status or "no answer"))
    doubled = sorted(name for name, count in acted.items() if count > 1)
    stray = {status for status in tally.answers if status.startswith("5") and status not in _GATEWAY_5XX}
    other_5xx = Counter({status: tally.answers[status] for status in stray})
    return Figures(
        rounds=rounds,
        kills=kills,
        modes=modes,
        tally=tally,
        keyed=sum(1 for c in campaigns.values() if c.keyed),
        keyless=sum(1 for c in campaigns.values() if not c.keyed),
        acknowledged=len({name for name, _ in acknowledged}),
        lost=lost,
        vendor_requests=len(sends),
        acted=acted,
        double_sends=[
            f"{name} ({'keyed' if campaigns[name].keyed else 'keyless'}: {', '.join(statuses[name])})"
            for name in doubled
        ],
        double_keyed=sum(1 for name in doubled if campaigns[name].keyed),
        in_flight_before=in_flight_before,
        in_flight_after=sum(1 for row in by_id.values() if row["dispatch"] == "in_flight"),
        dispatch_after=Counter(str(row["dispatch"]) for row in by_id.values()),
        other_5xx=other_5xx,
    )


def sent_names(body: bytes) -> str | None:
    """The logical campaign a vendor request carried (its `name`), None for a cut or foreign body."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    name = data.get("name") if isinstance(data, dict) else None
    return name if isinstance(name, str) else None


def render(result: Figures, header: Sequence[str]) -> str:
    """The markdown section: settings, the must-be-zero table, then the detail."""
    verdict = (
        "every must-be-zero figure is 0"
        if not result.failures
        else "**FAILED**: " + ", ".join(f"{name} {count}" for name, count in result.failures.items())
    )
    answers = ", ".join(f"{status} x {count}" for status, count in sorted(result.tally.answers.items()))
    sends = Counter(result.acted.values())
    per_campaign = ", ".join(f"{times} send(s): {count}" for times, count in sorted(sends.items()))
    lines = [
        START,
        "## Chaos (`make chaos`)",
        "",
        *header,
        "",
        f"Verdict: {verdict}.",
        "",
        "| Figure | Value | Must be |",
        "|---|---:|---|",
        f"| acknowledged campaigns lost (2xx to the client, not `accepted` in the registry) | {len(result.lost)} | 0 |",
        f"| logical campaigns the vendor got more than once (double sends; keyed {result.double_keyed}) "
        f"| {len(result.double_sends)} | 0 |",
        f"| rows left `in_flight` after reconciliation | {result.in_flight_after} | 0 |",
        f"| 5xx answers other than 502/503/504 | {_counts(result.other_5xx)} | 0 |",
        f"| requests sent | {result.tally.sent} | |",
        f"| logical campaigns (keyed / keyless pairs) | {result.keyed} / {result.keyless} | |",
        f"| logical campaigns acknowledged with a 2xx | {result.acknowledged} | |",
        f"| vendor requests received (may have acted: {sum(result.acted.values())}) | {result.vendor_requests} | |",
        f"| rows `in_flight` before reconciliation | {result.in_flight_before} | |",
        f"| SIGKILL rounds | {result.kills} of {result.rounds} | |",
        "",
        f"- Answers by status: {answers or 'none'}.",
        f"- Vendor sends that may have acted, per logical campaign that reached the vendor: {per_campaign or 'none'}.",
        f"- Registry after reconciliation, by dispatch: {_counts(result.dispatch_after)}.",
        f"- Fault modes (phases each): {_counts(result.modes)}.",
    ]
    if result.lost:
        lines.append(f"- Lost (first 10): {', '.join(result.lost[:10])}.")
    if result.double_sends:
        lines.append(f"- Sent twice (first 10): {', '.join(result.double_sends[:10])}.")
    lines.append(END)
    return "\n".join(lines) + "\n"


def section_in(text: str) -> str | None:
    """The chaos section of a results file's text, markers included, if it has one."""
    start, end = text.find(START), text.find(END)
    return text[start : end + len(END)] + "\n" if start != -1 and end > start else None


def write_section(path: Path, section: str) -> None:
    """Replace the chaos section of `path` (between its markers), or append it."""
    text = path.read_text() if path.exists() else ""
    start, end = text.find(START), text.find(END)
    if start != -1 and end > start:
        text = text[:start] + section.rstrip("\n") + text[end + len(END) :]
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + section
    path.write_text(text if text.endswith("\n") else text + "\n")


def _counts(counter: Mapping[str, int]) -> str:
    return ", ".join(f"{key} {value}" for key, value in sorted(counter.items())) or "0"
