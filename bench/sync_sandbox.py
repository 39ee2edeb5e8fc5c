"""The sandbox for `bench.sync`: every vendor, keeping every campaign the bench makes.

The sandbox keeps each vendor's last 1,000 campaigns (enough for `make run`); the sync bench
keeps 10,000 alive at once, so this process raises that bound before it serves. It writes each
vendor's base URL and credential to `--describe` once it listens, and serves until SIGTERM.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from gateway.sandbox.lifecycle import base
from gateway.sandbox.server import Sandbox

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the sandbox on `--port` until SIGTERM."""
    parser = argparse.ArgumentParser(prog="python -m bench.sync_sandbox")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--keep", type=int, default=1_000_000, help="campaigns kept per vendor")
    parser.add_argument("--describe", type=Path, required=True, help="where to write the vendors' URLs and keys")
    parser.add_argument(
        "--idle-priority",
        action="store_true",
        help="run at idle CPU priority (SCHED_IDLE) on the last CPU, standing in for a vendor on another machine",
    )
    args = parser.parse_args(argv)
    if args.idle_priority:
        # One CPU, so that its work never occupies every CPU: a vendor's would occupy none of ours.
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    base._KEPT_CAMPAIGNS = args.keep
    logging.basicConfig(level=logging.WARNING)  # no line per request: 300 a second would be measured too
    sandbox = Sandbox(port=args.port)

    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    described = {
        slug: {"base_url": sandbox.base_url(slug), "key": sandbox.credential(slug)} for slug in sandbox.vendors
    }
    args.describe.write_text(json.dumps(described))
    try:
        sandbox.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        sandbox.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
