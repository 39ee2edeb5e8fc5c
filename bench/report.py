"""bench/results.md: machine, targets, the peer tables, large campaigns, start-up, codegen."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bench import bodies
from bench.codegen import CodegenSample
from bench.config import Config
from bench.large import LargeSample
from bench.matrix import Sample
from bench.peers import Peer
from bench.profile import BUCKETS, Profile
from bench.startup import StartupSample
from bench.stats import DASH, TIMES, fmt, median
from bench.validity import Validity

__all__ = ["Results", "render"]

MIB = 2**20


@dataclass
class Results:
    """Everything one run measured."""

    config: Config
    machine: dict[str, str]
    peers: list[Peer]
    validity: dict[str, Validity]
    samples: list[Sample]
    large: list[LargeSample] = field(default_factory=list)
    startup: list[StartupSample] = field(default_factory=list)
    codegen: list[CodegenSample] = field(default_factory=list)
    stages: list[tuple[str, str, str]] = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)
    load_before: str = ""
    load_after: str = ""
    elapsed_s: float = 0.0

    def runs(self, peer: str, connections: int) -> list[Sample]:
        """The repetitions of one peer at one concurrency, in order."""
        return sorted((s for s in self.samples if s.peer == peer and s.connections == connections), key=lambda s: s.rep)

    def paired(self, peer: str, other: str, connections: int, value: Callable[[Sample, Sample], float]) -> list[float]:
        """`value(peer's run, other's run)` for each repetition both have (same block, minutes apart)."""
        mine = {s.rep: s for s in self.runs(peer, connections)}
        theirs = {s.rep: s for s in self.runs(other, connections)}
        return [value(mine[rep], theirs[rep]) for rep in sorted(mine.keys() & theirs.keys())]


def _rps_ratio(a: Sample, b: Sample) -> float:
    return a.result.rps / b.result.rps if b.result.rps else 0.0


def _p99_ratio(a: Sample, b: Sample) -> float:
    return a.result.p99_ms / b.result.p99_ms if b.result.p99_ms else 0.0


def _p50_added(a: Sample, b: Sample) -> float:
    return a.result.p50_ms - b.result.p50_ms


def _validates(results: Results, peer: Peer) -> str:
    check = results.validity.get(peer.key)
    if check is None:
        return "not checked"
    if not peer.validating:
        return f"no (passthrough: {check.summary()})"
    if check.validates_all:
        return f"yes ({check.summary()})"
    valid = "" if check.accepts_valid else f", valid body got {check.valid_status}"
    return f"**partly** ({check.summary()}{valid}): not comparable"


def _throughput(results: Results) -> list[str]:
    lines = []
    for connections in results.config.concurrency:
        lines += [
            f"### Concurrency {connections}",
            "",
            f"| peer | validates | req/s | p50 ms | p99 ms | errors | CPU ms/req | req/s {TIMES}Prism "
            f"| p99 {TIMES}Prism | req/s {TIMES}direct | p50 over direct (ms) |",
            "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for peer in results.peers:
            runs = results.runs(peer.key, connections)
            if not runs:
                continue
            requests = sum(s.result.requests for s in runs)
            errors = sum(s.result.errors for s in runs)
            error_text = f"{errors} ({errors / requests:.1%})" if errors and requests else str(errors)
            versus_prism = versus_direct = p99_prism = added = "—"
            if peer.gateway:
                versus_prism = fmt(results.paired(peer.key, "prism", connections, _rps_ratio), 2, TIMES)
                p99_prism = fmt(results.paired(peer.key, "prism", connections, _p99_ratio), 2, TIMES)
            if peer.key != "direct":
                versus_direct = fmt(results.paired(peer.key, "direct", connections, _rps_ratio), 3, TIMES)
                added = fmt(results.paired(peer.key, "direct", connections, _p50_added), 2)
            lines.append(
                f"| {peer.label} | {_validates(results, peer)} | {fmt([s.result.rps for s in runs], 0)} "
                f"| {fmt([s.result.p50_ms for s in runs], 2)} | {fmt([s.result.p99_ms for s in runs], 1)} "
                f"| {error_text} | {fmt([s.cpu_ms_per_request for s in runs], 2)} "
                f"| {versus_prism} | {p99_prism} | {versus_direct} | {added} |"
            )
        lines.append("")
    return lines


def _balance(results: Results) -> list[str]:
    rows = []
    for peer in results.peers:
        if peer.workers < 2:
            continue
        for connections in (c for c in results.config.concurrency if c > 1):
            shares = [s.busiest_share * 100 for s in results.runs(peer.key, connections)]
            if shares:
                rows.append(f"| {peer.label} | {connections} | {fmt(shares, 0, '%')} |")
    if not rows:
        return []
    return [
        "### Load across the 2 workers",
        "",
        "Share of the gateway's CPU time spent by its busiest process during each run (50% is an",
        "even split; 100%: one worker served every connection while the other idled).",
        "",
        "| peer | concurrency | busiest process's share of CPU |",
        "|---|--:|--:|",
        *rows,
        "",
    ]


def _failed(results: Results, peer: str, connections: int) -> str:
    """What a target's runs got wrong; a run that answered errors is fast for the wrong reason."""
    errors = sum(s.result.errors for s in results.runs(peer, connections))
    return f"; **{errors:,} requests failed**" if errors else ""


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**met**" if ok else "**missed**")


def _targets(results: Results) -> list[str]:
    rows: list[tuple[str, str, bool | None]] = []
    native_ok = results.validity.get("native-w2")
    validated = native_ok is not None and native_ok.validates_all
    if 16 in results.config.concurrency:
        ratio = median(results.paired("native-w2", "prism", 16, _rps_ratio))
        p99 = median(results.paired("native-w2", "prism", 16, _p99_ratio))
        native = median([s.result.rps for s in results.runs("native-w2", 16)])
        prism = median([s.result.rps for s in results.runs("prism", 16)])
        failed = _failed(results, "native-w2", 16)
        rows.append(
            (
                f"native route req/s at c=16 ≥ Prism's (goal 1.5{TIMES}), full validation",
                f"{native:,.0f} vs {prism:,.0f} req/s: {ratio:.2f}{TIMES} Prism; validates all: {validated}{failed}",
                ratio >= 1.0 and validated and not failed,
            )
        )
        p99_text = f"{p99:.2f}{TIMES} Prism's p99{failed}"
        rows.append(("native route p99 at c=16 ≤ Prism's", p99_text, p99 <= 1.0 and not failed))
    if 1 in results.config.concurrency:
        for key, limit in (("native-w2", 1.0), ("neutral-w2", 3.0)):
            added = median(results.paired(key, "direct", 1, _p50_added))
            label = "native" if key.startswith("native") else "vendor-neutral (50 recipients)"
            failed = _failed(results, key, 1)
            target = f"{label} p50 over direct at c=1 ≤ {limit:g} ms"
            rows.append((target, f"+{added:.2f} ms{failed}", added <= limit and not failed))
    for vendor in ("voiceable", "tetherai"):
        big = [s for s in results.large if s.vendor == vendor and s.recipients == 10_000]
        if big:
            seconds = median([s.seconds for s in big])
            growth = max(s.growth_bytes for s in big) / MIB
            ok = seconds <= 0.5 and growth <= 100 and all(s.status == 201 for s in big)
            rows.append((f"10,000 recipients ({vendor}) ≤ 0.5 s, ≤ 100 MB", f"{seconds:.2f} s, +{growth:.0f} MiB", ok))
    for workers in (1, 2):
        starts = [s.seconds for s in results.startup if s.workers == workers]
        if starts:
            rows.append(
                (
                    f"start-up to first request ≤ 1.5 s ({workers} worker(s))",
                    f"{median(starts):.2f} s",
                    median(starts) <= 1.5,
                )
            )
    for kind, limit in (("no-op", 1.0), ("cold", 10.0)):
        runs = [s.seconds for s in results.codegen if s.kind == kind]
        if runs:
            rows.append((f"`make regenerate` {kind} ≤ {limit:g} s", f"{median(runs):.2f} s", median(runs) <= limit))
    lines = ["| target (2 workers) | measured (median) | |", "|---|---|---|"]
    lines += [f"| {name} | {measured} | {_verdict(ok)} |" for name, measured, ok in rows]
    return [*lines, ""]


def _large(results: Results) -> list[str]:
    if not results.large:
        return []
    lines = [
        "## Large campaigns (vendor-neutral route, 2 workers)",
        "",
        "Time from sending the request to receiving the gateway's answer, which it gives after the",
        "vendor (the canned upstream) answered; memory is the largest RSS rise of any gateway",
        "process over its value just before the request, sampled every 2 ms from /proc.",
        "",
        "| vendor | recipients | body | status | time ms | memory growth MiB |",
        "|---|--:|--:|---|--:|--:|",
    ]
    keys = sorted({(s.recipients, s.vendor) for s in results.large})
    for recipients, vendor in keys:
        runs = [s for s in results.large if s.vendor == vendor and s.recipients == recipients]
        statuses = ", ".join(sorted({str(s.status) for s in runs}))
        lines.append(
            f"| {vendor} | {recipients:,} | {runs[0].body_bytes / 1024:,.0f} KiB | {statuses} "
            f"| {fmt([s.seconds * 1000 for s in runs], 0)} | {fmt([s.growth_bytes / MIB for s in runs], 1)} |"
        )
    return [*lines, ""]


def _startup_codegen(results: Results) -> list[str]:
    lines = ["## Start-up and code generation", "", "| what | seconds |", "|---|--:|"]
    for workers in (1, 2):
        starts = [s.seconds for s in results.startup if s.workers == workers]
        if starts:
            lines.append(f"| `campaign-gateway serve --workers {workers}` to first served request | {fmt(starts, 2)} |")
    for kind in ("cold", "no-op"):
        runs = [s for s in results.codegen if s.kind == kind]
        if runs:
            lines.append(f"| `make regenerate` {kind} ({runs[-1].summary}) | {fmt([s.seconds for s in runs], 2)} |")
    return [*lines, ""]


def _validity_details(results: Results) -> list[str]:
    lines = ["## Validation check", ""]
    for peer in results.peers:
        check = results.validity.get(peer.key)
        if check is None:
            continue
        missed = "; ".join(check.missed) if check.missed else "none"
        lines.append(f"- {peer.label}: valid body → {check.valid_status}; {check.summary()}; not refused: {missed}")
    return [*lines, ""]


def _stages(results: Results) -> list[str]:
    if not results.stages:
        return []
    lines = ["## Where a gateway request's time goes (in-process, one request at a time)", ""]
    lines += [f"| stage | body | ms (median, min{DASH}max) |", "|---|---|--:|"]
    lines += [f"| {stage} | {body} | {value} |" for stage, body, value in results.stages]
    return [*lines, ""]


def _profiles(results: Results) -> list[str]:
    if not results.profiles:
        return []
    lines = [
        "## Where a served request's CPU goes (py-spy, 1 worker, one request at a time)",
        "",
        "Samples of the thread holding the GIL, bucketed by what the stack is doing (first match",
        "in the order below); ms is the share times the CPU per request measured while sampling.",
        "",
        "| bucket | " + " | ".join(f"{p.label}: share, ≈ ms" for p in results.profiles) + " |",
        "|---|" + "--:|" * len(results.profiles),
    ]
    for name, _ in BUCKETS:
        cells = [f"{p.shares[name]:.0%}, {p.shares[name] * p.cpu_ms_per_request:,.1f}" for p in results.profiles]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append(
        "| CPU per request (ms) | " + " | ".join(f"{p.cpu_ms_per_request:,.1f}" for p in results.profiles) + " |"
    )
    lines.append("| GIL held while sampling | " + " | ".join(f"{p.gil_share:.0%}" for p in results.profiles) + " |")
    return [*lines, ""]


def render(results: Results, notes: Sequence[str] = ()) -> str:
    """The whole report as markdown."""
    config = results.config
    header = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (bench/); figures are medians with (min{DASH}max) over the repetitions.",
        "",
        *(f"- {name}: {value}" for name, value in results.machine.items()),
        f"- run: {config.reps} repetition(s) of {config.duration_s:g} s per peer and concurrency, after "
        f"{config.warmup_s:g} s of warm-up; wrk with 1 thread; peers interleaved (rotating order); "
        f"load average before {results.load_before}, after {results.load_after}; "
        f"{results.elapsed_s / 60:.1f} min in all",
        "",
        "## Targets",
        "",
    ]
    throughput = [
        "## Peers",
        "",
        "Every peer forwards the same request bodies to the same upstream (nginx answering Volubile's",
        "201 CampaignResponse): the native rows and Prism send Volubile's own 50-recipient body",
        f"({len(json.dumps(bodies.volubile_native())):,} bytes), the vendor-neutral rows the same campaign",
        "in the gateway's format. Ratios are computed per repetition against the peer's run in",
        "the same block (same repetition and concurrency), then summarised. CPU ms/req is the CPU",
        "time of the peer's own processes per request (the upstream's for `direct`).",
        "",
    ]
    return (
        "\n".join(
            [
                *header,
                *_targets(results),
                *throughput,
                *_throughput(results),
                *_balance(results),
                *_validity_details(results),
                *_large(results),
                *_startup_codegen(results),
                *_profiles(results),
                *_stages(results),
                *notes,
            ]
        ).rstrip()
        + "\n"
    )
