"""`make regenerate`, cold and with nothing changed, on a temporary copy of specs/ and generated/.

Each run is a new Python process calling `regenerate(GeneratorPaths(...))`, as the CLI does,
so interpreter start and imports are counted; the real generated/ is never touched.
Run as `python -m bench.codegen SPECS GENERATED [--force]` for one regeneration.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.procs import say

__all__ = ["CodegenSample", "run_codegen"]

ROOT = Path(__file__).resolve().parents[1]
_IGNORE = shutil.ignore_patterns("__pycache__", ".ruff_cache")


@dataclass(frozen=True)
class CodegenSample:
    """One regeneration: cold (every target rebuilt) or no-op (nothing changed)."""

    kind: str
    rep: int
    seconds: float
    summary: str


def _once(specs: Path, generated: Path, force: bool) -> tuple[float, str]:
    command = [sys.executable, "-m", "bench.codegen", str(specs), str(generated), *(["--force"] if force else [])]
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise RuntimeError(f"regenerate failed ({completed.returncode}):\n{completed.stdout}\n{completed.stderr}")
    summary = next((line for line in completed.stdout.splitlines() if " targets: " in line), "")
    return seconds, summary.strip()


def run_codegen(work: Path, cold_reps: int, noop_reps: int) -> list[CodegenSample]:
    """Cold runs first (they also bring the copy up to date), then no-op runs on the same copy."""
    tree = work / "codegen"
    shutil.copytree(ROOT / "specs", tree / "specs", ignore=_IGNORE)
    shutil.copytree(ROOT / "generated", tree / "generated", ignore=_IGNORE)
    samples = []
    for kind, reps in (("cold", max(cold_reps, 1)), ("no-op", noop_reps)):
        for rep in range(reps):
            seconds, summary = _once(tree / "specs", tree / "generated", force=kind == "cold")
            say(f"regenerate {kind}: {seconds:.2f} s ({summary})")
            samples.append(CodegenSample(kind, rep, seconds, summary))
    return samples


def _main(argv: list[str]) -> None:
    from gateway.codegen.config import GeneratorPaths
    from gateway.codegen.regenerate import regenerate

    specs, generated = Path(argv[0]), Path(argv[1])
    regenerate(GeneratorPaths(specs=specs, generated=generated), force="--force" in argv[2:])


if __name__ == "__main__":
    _main(sys.argv[1:])
