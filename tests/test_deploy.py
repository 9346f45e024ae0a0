"""Production settings: ``check --deploy`` reports nothing, and missing secrets stop the start."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.management.utils import get_random_secret_key

ROOT = Path(__file__).resolve().parent.parent
KEY = get_random_secret_key()


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environ |= {"DJANGO_SETTINGS_MODULE": "digiplan.settings.production"} | env
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        DJANGO_SECRET_KEY=KEY,
        DJANGO_ALLOWED_HOSTS="digiplan.example.org",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_ALLOWED_HOSTS="digiplan.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_demo_command_refuses_under_production_settings():
    result = manage(
        "demo",
        DJANGO_SECRET_KEY=KEY,
        DJANGO_ALLOWED_HOSTS="digiplan.example.org",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode != 0
    assert "Refusing" in result.stderr
