"""deploy/: the crontab line and systemd units call the command as it is."""

from __future__ import annotations

import configparser
import shlex
import subprocess
import sys

import pytest

from tests.conftest import PROJECT

DEPLOY = PROJECT / "deploy"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DEPLOY / name, encoding="utf-8")
    return parser


def nightly_options() -> set[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "nightly", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0
    return {word.strip(",") for word in result.stdout.split() if word.startswith("--")}


def command_lines() -> list[list[str]]:
    service = unit("nhiemvu-nightly.service")["Service"]["ExecStart"]
    cron = [
        line.split(" && ", 1)[1].split(" >", 1)[0]
        for line in (DEPLOY / "crontab").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#") and "=" not in line.split()[0]
    ]
    return [shlex.split(service), *(shlex.split(c) for c in cron)]


@pytest.mark.parametrize("argv", command_lines(), ids=["systemd", "cron"])
def test_deployed_command_uses_options_that_exist(argv: list[str]) -> None:
    assert argv[0].endswith(".venv/bin/nhiemvu") and argv[1] == "nightly"
    used = {a for a in argv if a.startswith("--")}
    assert used and used <= nightly_options()


def test_service_and_timer() -> None:
    service = unit("nhiemvu-nightly.service")
    assert service["Service"]["Type"] == "oneshot"
    assert service["Service"]["SuccessExitStatus"] == "3"  # another run held the lock
    assert service["Unit"]["OnFailure"].startswith("nhiemvu-alert@")
    assert (DEPLOY / "nhiemvu-alert@.service").is_file()
    timer = unit("nhiemvu-nightly.timer")["Timer"]
    assert timer["OnCalendar"].endswith("Asia/Ho_Chi_Minh") and timer["Persistent"] == "true"


def test_crontab_mails_its_failures() -> None:
    text = (DEPLOY / "crontab").read_text(encoding="utf-8")
    assert "MAILTO=" in text
    entries = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert not any("%" in line for line in entries)  # cron reads % as a newline


def test_crontab_command_is_valid_shell() -> None:
    for line in (DEPLOY / "crontab").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "=" not in line.split()[0]:
            command = line.split(None, 5)[5]
            assert subprocess.run(["bash", "-n", "-c", command]).returncode == 0
