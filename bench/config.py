"""How long and how often to measure: CLI flags, each defaulting to a BENCH_* variable."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Config", "parse_args"]

BENCH_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Config:
    """One bench run's settings."""

    duration_s: float
    reps: int
    concurrency: tuple[int, ...]
    warmup_s: float
    large_sizes: tuple[int, ...]
    large_reps: int
    startup_reps: int
    codegen_cold_reps: int
    codegen_noop_reps: int
    out: Path
    quick: bool


def _env(name: str, default: str) -> str:
    return os.environ.get(f"BENCH_{name}", default)


def _ints(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.replace(" ", "").split(",") if part)


def parse_args(argv: Sequence[str] | None = None) -> Config:
    """Read the command line; `--quick` shortens every default for a smoke run (about 2 minutes)."""
    parser = argparse.ArgumentParser(prog="python -m bench", description="Side-by-side figures for the gateway.")
    parser.add_argument("--quick", action="store_true", default=_env("QUICK", "") not in ("", "0"))
    parser.add_argument("--duration", type=float, help="seconds per wrk run (BENCH_DURATION, 5; quick 1)")
    parser.add_argument("--reps", type=int, help="repetitions of the whole matrix (BENCH_REPS, 3; quick 1)")
    parser.add_argument("--concurrency", type=_ints, help="connections, comma-separated (BENCH_CONCURRENCY, 1,16,64)")
    parser.add_argument("--warmup", type=float, help="seconds of warm-up per peer (BENCH_WARMUP, 2; quick 1)")
    parser.add_argument("--large-sizes", type=_ints, help="recipients per large campaign (BENCH_LARGE_SIZES)")
    parser.add_argument("--large-reps", type=int, help="requests per large case (BENCH_LARGE_REPS, 5; quick 1)")
    parser.add_argument("--startup-reps", type=int, help="start-ups per worker count (BENCH_STARTUP_REPS, 3)")
    parser.add_argument("--codegen-cold-reps", type=int, help="cold regenerations (BENCH_CODEGEN_COLD_REPS, 2)")
    parser.add_argument("--codegen-noop-reps", type=int, help="no-op regenerations (BENCH_CODEGEN_NOOP_REPS, 3)")
    parser.add_argument("--out", type=Path, help="markdown report (BENCH_OUT, bench/results.md; quick: none)")
    args = parser.parse_args(argv)
    quick = bool(args.quick)

    def pick(value: object, name: str, full: str, short: str) -> str:
        return str(value) if value is not None else _env(name, short if quick else full)

    out = args.out or (Path(os.environ["BENCH_OUT"]) if os.environ.get("BENCH_OUT") else None)
    if out is None:
        out = BENCH_DIR / ("results-quick.md" if quick else "results.md")
    return Config(
        duration_s=float(pick(args.duration, "DURATION", "5", "1")),
        reps=int(pick(args.reps, "REPS", "3", "1")),
        concurrency=args.concurrency or _ints(_env("CONCURRENCY", "1,16,64")),
        warmup_s=float(pick(args.warmup, "WARMUP", "2", "1")),
        large_sizes=args.large_sizes or _ints(_env("LARGE_SIZES", "1000,10000")),
        large_reps=int(pick(args.large_reps, "LARGE_REPS", "5", "1")),
        startup_reps=int(pick(args.startup_reps, "STARTUP_REPS", "3", "1")),
        codegen_cold_reps=int(pick(args.codegen_cold_reps, "CODEGEN_COLD_REPS", "2", "1")),
        codegen_noop_reps=int(pick(args.codegen_noop_reps, "CODEGEN_NOOP_REPS", "3", "1")),
        out=out,
        quick=quick,
    )
