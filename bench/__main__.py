"""`make bench`: install, start every peer on loopback, measure, stop, write bench/results.md."""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.chaos_report import section_in, write_section
from bench.codegen import run_codegen
from bench.config import parse_args
from bench.deliver import QUICK as DELIVER_QUICK
from bench.deliver import render as render_deliver
from bench.deliver import run_deliver_bench
from bench.hooks import QUICK as HOOKS_QUICK
from bench.hooks import postgres_reachable, run_hooks_bench
from bench.hooks import render as render_hooks
from bench.hooks import section_in as hooks_section_in
from bench.hooks import write_section as write_hooks_section
from bench.install import ensure_tools
from bench.large import run_large
from bench.machine import changed_since, describe, load_average, revision, snapshot
from bench.matrix import run_matrix
from bench.peers import Stack
from bench.procs import say
from bench.profile import profile_large, profile_peer
from bench.report import Results, render
from bench.stages import run_stages
from bench.startup import run_startup
from bench.sync import QUICK, run_sync_bench
from bench.sync import render as render_sync
from bench.sync import section_in as sync_section_in
from bench.sync import write_section as write_sync_section
from bench.validity import check_peer

NOTES = [
    "## Method",
    "",
    "- Every process runs on loopback and is stopped at the end; the gateway runs as",
    "  `campaign-gateway serve --workers N` with a SQLite registry in a temporary directory, and",
    "  every request records the campaign before and after the vendor call.",
    "- Prism: `prism proxy specs/vendors/volubile.yaml UPSTREAM --errors -v silent` (validates",
    "  requests and the upstream's answers). nginx: one worker each for the upstream and the proxy.",
    "- Validation check: each peer gets the valid body (must answer 2xx) and a set of invalid ones",
    "  (must answer 4xx): Volubile bodies breaking required fields, types, limits, enums, formats",
    "  (uuid, date) and nesting for Prism and the native route; vendor-neutral bodies breaking the",
    "  schema, phone numbers, time zones, windows and Volubile's limits for the vendor-neutral route.",
    "- Other sessions may share the machine's cores: compare rows within one run, not across runs.",
    "- Reproduce: `make bench`; `python -m bench --help` for durations and repetitions",
    "  (`--quick` for a two-minute smoke run written to bench/results-quick.md).",
]


def main(argv: Sequence[str] | None = None) -> int:
    """Run everything; print the report and write it to the configured file."""
    config = parse_args(argv)
    started = time.perf_counter()
    tools = ensure_tools()
    machine = describe(tools.versions)
    measured, start = revision(), snapshot()
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="campaign-gateway-bench-") as tmp:
        work = Path(tmp)
        with Stack(tools, work) as stack:
            peers = stack.peers()
            say("checking that each peer validates")
            validity = {peer.key: check_peer(peer) for peer in peers}
            samples = run_matrix(peers, config)
            profiles = [
                found
                for peer in peers
                if peer.key in ("native-w1", "neutral-w1") and (found := profile_peer(peer, work)) is not None
            ]
            large = run_large(work, stack.upstream_port, config.large_sizes, config.large_reps)
            profiles += profile_large(work, stack.upstream_port, max(config.large_sizes))
            startup = run_startup(work, stack.upstream_port, config.startup_reps)
            stages = run_stages(work, stack.upstream_port)
        codegen = run_codegen(work, config.codegen_cold_reps, config.codegen_noop_reps)
        sync = run_sync_bench(work, **(QUICK if config.quick else {}))
        hooks = run_hooks_bench(work, **(HOOKS_QUICK if config.quick else {})) if postgres_reachable() else None
        deliver = run_deliver_bench(work, **(DELIVER_QUICK if config.quick else {}))
    results = Results(
        config=config,
        machine=machine,
        peers=peers,
        validity=validity,
        samples=samples,
        large=large,
        startup=startup,
        codegen=codegen,
        stages=stages,
        profiles=profiles,
        load_before=load_before,
        load_after=load_average(),
        elapsed_s=time.perf_counter() - started,
    )
    notes = list(NOTES)
    changed = changed_since(start)
    if changed:
        notes.append(
            f"- The gateway's code changed during this run ({', '.join(changed)}; {measured} at the start, "
            f"{revision()} at the end): the peer tables' servers imported it at the start; later sections "
            "may have measured the newer code."
        )
    text = render(results, notes) + "\n" + render_sync(sync) + "\n" + render_deliver(deliver)
    previous = config.out.read_text() if config.out.exists() else ""
    chaos = section_in(previous) if previous else None
    postgres = sync_section_in(previous, "PostgreSQL")  # `python -m bench.sync --database-url`, run apart
    hooks_section = render_hooks(hooks) if hooks is not None else hooks_section_in(previous)  # no PostgreSQL: kept
    config.out.write_text(text)
    if hooks_section is not None:
        write_hooks_section(config.out, hooks_section)
    if postgres is not None:
        write_sync_section(config.out, postgres)
    if chaos is not None:  # `make chaos` measures apart: its section is kept until it runs again
        write_section(config.out, chaos)
    print(text)
    say(f"wrote {config.out} in {results.elapsed_s / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
