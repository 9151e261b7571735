"""scripts/bootstrap-system.sh: what `make test` and `.ci/run` call before the suite.

It is run for real, as a non-root user (`nobody` when the tests run as root), on a PATH that
holds only a shell, grep and fontconfig, so chromium and LibreOffice are "missing".
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "bootstrap-system.sh"


@pytest.fixture
def bare_path():
    folder = Path(tempfile.mkdtemp(prefix="loalang-bare-path-"))
    folder.chmod(0o755)  # readable by nobody
    for tool in ("bash", "grep", "fc-list"):
        found = shutil.which(tool)
        if found:
            (folder / tool).symlink_to(found)
    yield folder
    shutil.rmtree(folder)


def run_as_non_root(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = ["bash", str(SCRIPT), *args]
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        assert runuser, "runuser (util-linux) is needed to prove the non-root path as root"
        command = [runuser, "-u", "nobody", "--", "env", f"PATH={path}", *command]
        env = {}
    else:
        env = {"PATH": str(path)}
    return subprocess.run(  # noqa: S603 - our own script
        command, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_a_non_root_user_without_chromium_gets_the_exact_install_command_and_a_failure(bare_path):
    result = run_as_non_root(bare_path)
    assert result.returncode == 1
    command = next(
        line.strip() for line in result.stderr.splitlines() if "sudo apt-get install" in line
    )
    assert command.startswith("sudo apt-get install -y ")
    packages = command.removeprefix("sudo apt-get install -y ").split()
    assert "chromium" in packages and "libreoffice-writer-nogui" in packages


def test_ci_mode_also_asks_for_the_postgresql_client_and_redis(bare_path):
    result = run_as_non_root(bare_path, "--ci")
    assert result.returncode == 1
    assert "postgresql-client" in result.stderr and "redis-server" in result.stderr


def test_nothing_is_installed_or_printed_when_everything_is_there(bare_path):
    for tool in ("chromium", "soffice"):
        fake = bare_path / tool
        fake.write_text("#!/bin/sh\nexit 0\n")
        fake.chmod(0o755)
    result = run_as_non_root(bare_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_browser_tests_fail_with_the_install_command_when_chromium_is_missing(bare_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PW_"))}
    env.update(PATH=str(bare_path), DJANGO_SETTINGS_MODULE="config.settings.test")  # no chromium
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist",
         "loalang/ops/tests/test_browser_csp.py::test_pages_pass_the_strict_csp"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout[-2000:]
    assert "skipped" not in result.stdout.splitlines()[-1]
    assert "1 error" in result.stdout.splitlines()[-1]
    assert "sudo apt-get install -y chromium" in result.stdout
