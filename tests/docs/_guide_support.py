"""What the guides' tests share: their marked code blocks, a gateway served as `make run` serves it, curl.

A guide marks each block a test runs with an HTML comment on the line before its fence, so a
reader sees nothing of it and an edit cannot silently drop a block from the test:

    <!-- walkthrough -->            the block is run as written (bash) or exec'd (python)
    <!-- walkthrough: sdk -->       the same, with a label the test picks it by

In a bash block, each curl command ends with the answer to expect, as a comment:
`# 200`, or `# 200: paused` (the campaign's `status`), or `# 501: action-unsupported` (the last
part of the problem's `type`).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
# Where `make run` serves, as the guides write it; the tests swap in the port they serve on.
MAKE_RUN_BASE = "http://127.0.0.1:8080"
DEV_KEY = "dev-key-change-me"

_MARKED = re.compile(
    r"^<!--\s*(?P<marker>[\w-]+)(?::\s*(?P<label>[\w-]+))?\s*-->\s*\n"
    r"```(?P<language>\w*)\n(?P<code>.*?)^```\s*$",
    re.MULTILINE | re.DOTALL,
)
# `# 201`, `# 200: paused`, `# 501: action-unsupported` at the end of a line.
_EXPECTED = re.compile(r"#\s*(?P<status>[1-5]\d\d)(?::\s*(?P<word>[a-z][\w-]*))?\s*$", re.MULTILINE)

# Each curl call's status and body, logged in order, whatever the command does with its output
# (printed, or piped into python3 for an id).
_CURL_LOG = """\
set -euo pipefail
curl() {
  local body status
  body=$(mktemp "$GUIDE_CALLS/body.XXXXXX")
  status=$(command curl -o "$body" -w '%{http_code}' "$@")
  printf '%s %s\\n' "$status" "$body" >> "$GUIDE_CALLS/log"
  cat "$body"
}
"""


@dataclass(frozen=True)
class Block:
    """One marked code block of a guide."""

    marker: str
    label: str
    language: str
    code: str


@dataclass(frozen=True)
class Expected:
    """The answer a guide's comment promises for one curl call."""

    status: int
    word: str | None


@dataclass(frozen=True)
class Call:
    """One curl call the guide's commands made, and the answer it got."""

    status: int
    body: str

    def json(self) -> Any:
        """The answer's body as JSON."""
        return json.loads(self.body)


def marked_blocks(markdown: str, marker: str) -> list[Block]:
    """Every block of `markdown` marked `<!-- marker -->` or `<!-- marker: label -->`, in order."""
    return [
        Block(found["marker"], found["label"] or "", found["language"], found["code"])
        for found in _MARKED.finditer(markdown)
        if found["marker"] == marker
    ]


def expectations(script: str) -> list[Expected]:
    """The answers the script's comments promise, in order."""
    return [Expected(int(found["status"]), found["word"]) for found in _EXPECTED.finditer(script)]


def mismatch(call: Call, expected: Expected) -> str | None:
    """Why `call` is not the answer `expected` promises, or None when it is."""
    if call.status != expected.status:
        return f"answered {call.status}, not {expected.status}: {call.body[:500]}"
    if expected.word is None:
        return None
    body = call.json()
    if isinstance(body.get("status"), str):
        found = body["status"]
    elif isinstance(body.get("type"), str):
        found = body["type"].rsplit(":", 1)[-1]
    else:
        return f"has neither a campaign status nor a problem type to compare with {expected.word!r}: {call.body[:500]}"
    return None if found == expected.word else f"says {found!r}, not {expected.word!r}"


def run_bash(script: str, base: str, scratch: Path) -> list[Call]:
    """Run `script` with `make run`'s address swapped for `base`; every curl call's answer, in order."""
    calls = scratch / "calls"
    calls.mkdir(parents=True, exist_ok=True)
    completed = subprocess.run(
        ["bash", "-c", _CURL_LOG + script.replace(MAKE_RUN_BASE, base)],
        env={**os.environ, "GUIDE_CALLS": str(calls)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, f"exit {completed.returncode}\n{completed.stdout}\n{completed.stderr}"
    log = (calls / "log").read_text().splitlines() if (calls / "log").exists() else []
    answers = []
    for line in log:
        status, path = line.split(" ", 1)
        answers.append(Call(int(status), Path(path).read_text()))
    return answers


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def get_json(url: str, key: str = DEV_KEY) -> Any:
    """GET a gateway URL with the key; the JSON answer (raises for a non-2xx)."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


@contextlib.contextmanager
def served_like_make_run(scratch: Path, *, checkout: Path = REPO) -> Iterator[str]:
    """`campaign-gateway dev` of `checkout` on a free port, its database in `scratch`; yields its base URL.

    `make run` is `campaign-gateway dev --port 8080` with the database in the checkout's var/:
    the same command, with no GATEWAY_* variable but the database, so every default is `make run`'s.
    """
    port = _free_port()
    env = {name: value for name, value in os.environ.items() if not name.startswith("GATEWAY_")}
    env |= {"GATEWAY_DATABASE_URL": f"sqlite:///{scratch / 'gateway.db'}", "PYTHONPATH": str(checkout)}
    output = scratch / "dev-server.log"
    command = [sys.executable, "-c", "from gateway.cli import main; main()", "dev", "--port", str(port)]
    with output.open("w") as log:
        server = subprocess.Popen(command, cwd=checkout, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(server, f"{base}/healthz", output)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_up(server: subprocess.Popen[bytes], health: str, output: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"`campaign-gateway dev` exited {server.returncode}:\n{output.read_text()}")
        try:
            with urllib.request.urlopen(health, timeout=1):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    raise AssertionError(f"`campaign-gateway dev` did not answer {health} within 30 s:\n{output.read_text()}")
