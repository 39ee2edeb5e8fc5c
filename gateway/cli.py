"""The `campaign-gateway` command; each subcommand imports what it needs, so each starts fast."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from gateway import collector

__all__ = ["main"]

# Each process this command starts imports for a while before it works. uvicorn's workers too:
# multiprocessing runs the console script again in each, so this module is imported there first.
collector.collect_young_less_often()

T = TypeVar("T")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="campaign-gateway", prog_name="campaign-gateway", message="%(prog)s %(version)s")
def main() -> None:
    """Campaign gateway: one spec-first API for SMS and AI-voice campaign vendors."""


@main.command()
@click.option("--force", is_flag=True, help="Rebuild every target, changed or not.")
def regenerate(force: bool) -> None:
    """Compile specs/ into generated/ (clients, models, served spec); unchanged specs are skipped."""
    from gateway.codegen.config import SourceTreeMissing, source_tree
    from gateway.codegen.regenerate import CodegenError
    from gateway.codegen.regenerate import regenerate as run
    from gateway.codegen.specs import SpecError

    try:
        paths = source_tree()
    except SourceTreeMissing as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        run(paths, force=force)
    except (SpecError, CodegenError) as exc:
        raise click.ClickException(f"{exc}\ngenerated/ was left unchanged.") from exc


@main.command()
def check() -> None:
    """Fail if generated/ differs from what the specs compile to, or a breaking vendor change is unreviewed."""
    from gateway.codegen.changes import ACKNOWLEDGEMENTS, format_unacknowledged, unacknowledged
    from gateway.codegen.config import SourceTreeMissing, source_tree
    from gateway.codegen.regenerate import CodegenError, find_drift
    from gateway.codegen.specs import SpecError

    try:
        paths = source_tree()
        pending = unacknowledged(paths)
        drift = find_drift(paths)
    except (SourceTreeMissing, SpecError, CodegenError) as exc:
        raise click.ClickException(str(exc)) from exc
    problems = []
    if pending:
        click.echo(format_unacknowledged(pending), err=True)
        problems.append(f"{len(pending)} breaking vendor-spec change(s) not acknowledged in specs/{ACKNOWLEDGEMENTS}.")
    if drift:
        for item in drift:
            click.echo(f"{item.name}: generated/ differs from its specs in {', '.join(item.files)}", err=True)
        problems.append("generated/ has drifted: run `make regenerate` and commit the result.")
    if problems:
        raise click.ClickException(" ".join(problems))
    click.echo("generated/ matches specs/; every breaking vendor-spec change is acknowledged.")


@main.command()
@click.option("--port", type=int, default=8080, envvar="PORT", show_default=True, help="Port on 127.0.0.1.")
def dev(port: int) -> None:
    """Embedded default: the gateway plus sandbox vendors for every vendor without a base URL."""
    import os

    from gateway.devserver import run_dev

    _or_exit(lambda: run_dev(port=port, environ=dict(os.environ)))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8080, envvar="PORT", show_default=True)
@click.option("--workers", type=int, default=1, envvar="WORKERS", show_default=True)
def serve(host: str, port: int, workers: int) -> None:
    """Production serving: vendors without a base URL are disabled (503), never sandboxed.

    Beside its workers, serve runs the status sync as a process of its own at a lower CPU
    priority, restarted if it dies and stopped with serve; with GATEWAY_SYNC_IN_SERVE=0 it does
    not, and `campaign-gateway sync` runs it elsewhere.
    """
    import os
    import shutil
    import tempfile

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from gateway import reuse_port
    from gateway.connections import protocol_factory
    from gateway.settings import Settings
    from gateway.sync_process import SyncProcess, stop_within_s, sync_argv

    settings: Settings = _or_exit(Settings.from_env)  # fail here, naming the variable, not in a worker
    if (workers > 1 or settings.sync_in_serve) and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Each worker and the sync write their metrics to files here; /metrics in any worker sums them all.
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="campaign-gateway-metrics-")
    metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    options: dict[str, Any] = {
        "factory": True,
        "host": host,
        "port": port,
        "workers": workers,
        "log_level": "warning",
        "access_log": False,  # the gateway writes its own JSON access log
        # On SIGTERM: stop accepting, let in-flight requests finish (a vendor call takes at
        # most the deadline), then exit.
        "timeout_graceful_shutdown": int(settings.vendor_timeout_s) + 5,
        # Idle and header-read timeouts and the per-worker connection cap (gateway/connections.py).
        "http": protocol_factory(settings),
        "timeout_keep_alive": settings.keep_alive_s,
    }
    syncing = None
    if settings.sync_in_serve:
        syncing = SyncProcess(sync_argv(), stop_within_s=stop_within_s(settings))
        syncing.start()
    try:
        if workers > 1 and reuse_port.supported():
            # uvicorn.run's own supervisor, given a socket per worker (gateway/reuse_port.py).
            config = uvicorn.Config("gateway.app:app_from_env", **options)
            Multiprocess(config, sockets=[reuse_port.reserve(host, port)]).run()
        else:
            uvicorn.run("gateway.app:app_from_env", **options)
    finally:
        if syncing is not None:
            syncing.stop()
        if metrics_dir and metrics_dir.startswith(tempfile.gettempdir()) and "campaign-gateway-metrics-" in metrics_dir:
            shutil.rmtree(metrics_dir, ignore_errors=True)


@main.command()
@click.option("--parent", type=int, default=None, hidden=True, help="Stop when this process is gone (serve's sync).")
def sync(parent: int | None) -> None:
    """Run the status sync alone, until SIGINT or SIGTERM.

    The sync reads each live campaign's state from its vendor in the background (see
    GATEWAY_SYNC_INTERVAL_S, GATEWAY_SYNC_MAX_INTERVAL_S, GATEWAY_SYNC_SOON_S), at a CPU
    priority lowered by GATEWAY_SYNC_NICE and GATEWAY_SYNC_IDLE_CPU. By default `serve` runs
    one beside its workers, and all of them share the work through the database: each due
    campaign is refreshed by one at a time. To run it here instead, set GATEWAY_SYNC_IN_SERVE=0
    for `serve`. Several `sync` processes (on several machines, with PostgreSQL) share the work
    the same way. On SIGINT or SIGTERM the refreshes under way finish (at most the vendor
    deadline), then it exits.
    """
    import asyncio
    import logging

    from gateway.observe import configure_logging
    from gateway.service import Gateway
    from gateway.settings import Settings
    from gateway.sync import run_until_signalled
    from gateway.sync_process import cede_cpu_to_requests

    settings: Settings = _or_exit(Settings.from_env)
    database, priority = cede_cpu_to_requests(settings)
    # Opened on the database thread if there is one: a thread it starts (the registry's writer)
    # inherits that thread's priority, not the idle one of the reads.
    gateway = Gateway.open(settings) if database is None else database.submit(Gateway.open, settings).result()
    configure_logging(gateway.secrets)
    logging.getLogger("gateway.sync").info("the status sync %s", priority)
    try:
        asyncio.run(run_until_signalled(gateway, parent=parent, database=database))
    finally:
        if database is not None:
            database.shutdown()
        gateway.close()


@main.command()
@click.option("--port", type=int, default=9000, show_default=True, help="Port on 127.0.0.1.")
@click.option(
    "--step-s",
    type=float,
    default=None,
    envvar="GATEWAY_SANDBOX_STEP_S",
    help="Seconds between a sandbox campaign's steps (default 2).",
)
def sandbox(port: int, step_s: float | None) -> None:
    """Run the sandbox vendors alone (spec-validating stand-ins for every vendor)."""
    from gateway.sandbox import run_sandbox

    run_sandbox(port=port, step_s=step_s)


@main.command()
@click.option("--lifecycle", is_flag=True, help="What each vendor can do after the launch, instead.")
def vendors(lifecycle: bool) -> None:
    """Print the capability table (docs/vendors.md's tables are this output, written by `make docs`)."""
    from gateway.api.vendors import capability_table, lifecycle_table

    click.echo(lifecycle_table() if lifecycle else capability_table())


def _or_exit(action: Callable[[], T]) -> T:
    from gateway.settings import SettingsError

    try:
        return action()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc


def _register_operator_commands() -> None:
    from gateway.cli_campaigns import campaigns_group
    from gateway.cli_events import events_group, hooks_group
    from gateway.cli_ops import credentials_group, db_group, keys_group, reconcile
    from gateway.cli_webhooks import deliver, webhooks_group

    for command in (
        db_group,
        keys_group,
        credentials_group,
        campaigns_group,
        reconcile,
        hooks_group,
        events_group,
        deliver,
        webhooks_group,
    ):
        main.add_command(command)


_register_operator_commands()


if __name__ == "__main__":
    sys.exit(main())
