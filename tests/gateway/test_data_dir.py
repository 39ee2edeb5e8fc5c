"""Where data lives: without GATEWAY_DATABASE_URL, the per-user data directory, never the current one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway import devserver
from gateway.cli import main
from gateway.settings import Settings, data_dir, database_folder, database_label, default_database_url


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh HOME and XDG_DATA_HOME, an empty working directory, and no GATEWAY_DATABASE_URL."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("GATEWAY_DATABASE_URL", raising=False)
    monkeypatch.delenv("GATEWAY_API_KEYS", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return tmp_path


def test_the_default_database_is_in_the_user_data_directory(home: Path) -> None:
    expected = home / "data" / "campaign-gateway" / "gateway.db"
    assert data_dir() == expected.parent
    assert default_database_url() == f"sqlite:///{expected}"
    assert Settings.from_env({}).database_url == f"sqlite:///{expected}"
    assert Settings.from_env({"GATEWAY_DATABASE_URL": "sqlite:////x/y.db"}).database_url == "sqlite:////x/y.db"


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG fallback is Linux's rule")
def test_without_xdg_data_home_it_is_under_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_DATA_HOME")
    expected = home / "home" / ".local" / "share" / "campaign-gateway" / "gateway.db"
    assert default_database_url() == f"sqlite:///{expected}"


def test_a_cli_command_creates_the_database_there_and_leaves_the_current_directory_alone(home: Path) -> None:
    database = home / "data" / "campaign-gateway" / "gateway.db"
    listed = CliRunner().invoke(main, ["campaigns", "list"])
    assert listed.exit_code == 0, listed.output
    assert listed.stdout == ""
    # The last line: an app made earlier in this process may have sent its logging to stderr.
    assert listed.stderr.strip().splitlines()[-1] == f"no campaigns yet for tenant dev (database: {database})"
    assert database.exists()
    assert list(Path.cwd().iterdir()) == []
    where = CliRunner().invoke(main, ["db", "where"])
    assert where.exit_code == 0 and where.stdout.strip() == str(database)


def test_files_beside_the_database_follow_it(home: Path) -> None:
    assert database_folder("sqlite:////srv/gw/registry.db") == Path("/srv/gw")
    assert database_folder("sqlite:///var/gateway.db") == Path.cwd() / "var"
    assert database_folder("postgresql://u:pw@db:5432/gw") == home / "data" / "campaign-gateway"
    assert database_label("postgresql://u:pw@db:5432/gw") == "postgresql://u:***@db:5432/gw"
    assert database_label("sqlite:///var/gateway.db") == str(Path.cwd() / "var" / "gateway.db")
    key = devserver._dev_secret_key(home / "elsewhere")
    assert (home / "elsewhere" / "dev-secret-key").read_text().strip() == key
    assert devserver._dev_secret_key(home / "elsewhere") == key  # kept across restarts


def test_the_banner_says_where_the_database_is_and_which_vendors_are_live() -> None:
    banner = devserver._banner(8080, "k", ["clerk", "volubile"], ["smallest"], "/data/gateway.db")
    assert "  sandboxed:  clerk, volubile" in banner
    assert "  live:       smallest" in banner
    assert "  database:   /data/gateway.db" in banner
    assert "  Swagger UI: http://127.0.0.1:8080/v1/ui/" in banner
    assert "curl -sS -X POST http://127.0.0.1:8080/v1/campaigns -H 'Authorization: Bearer k'" in banner


def test_make_run_keeps_the_checkouts_var() -> None:
    root = Path(__file__).resolve().parents[2]
    command = ["make", "-n", "-C", str(root), "run"]
    dry = subprocess.run(command, capture_output=True, text=True, check=True, env={"PATH": "/usr/bin:/bin"})
    assert f"sqlite:///{root}/var/gateway.db" in dry.stdout
