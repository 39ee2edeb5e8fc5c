"""The `campaign-gateway` command; each subcommand imports what it needs, so each starts fast."""

from __future__ import annotations

import sys

import click

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Campaign gateway: one spec-first API for SMS and AI-voice campaign vendors."""


@main.command()
@click.option("--force", is_flag=True, help="Rebuild every target, changed or not.")
def regenerate(force: bool) -> None:
    """Compile specs/ into generated/ (clients, models, served spec); unchanged specs are skipped."""
    from gateway.codegen.regenerate import CodegenError
    from gateway.codegen.regenerate import regenerate as run
    from gateway.codegen.specs import SpecError

    try:
        run(force=force)
    except (SpecError, CodegenError) as exc:
        raise click.ClickException(f"{exc}\ngenerated/ was left unchanged.") from exc


@main.command()
def check() -> None:
    """Fail if generated/ differs from what the specs compile to."""
    from gateway.codegen.regenerate import CodegenError, find_drift
    from gateway.codegen.specs import SpecError

    try:
        drift = find_drift()
    except (SpecError, CodegenError) as exc:
        raise click.ClickException(str(exc)) from exc
    if drift:
        for item in drift:
            click.echo(f"{item.name}: generated/ differs from its specs in {', '.join(item.files)}", err=True)
        raise click.ClickException("generated/ has drifted: run `make regenerate` and commit the result.")
    click.echo("generated/ matches specs/.")


if __name__ == "__main__":
    sys.exit(main())
