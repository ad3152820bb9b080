"""`manage.py check --deploy` is clean when production values are given."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(extra_env):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "eenoverheid.settings",
        "EENOVERHEID_VAR_DIR": str(ROOT / "var" / "deploy-check"),
        **extra_env,
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for themselves
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_with_production_values():
    result = run_check(
        {
            "SECRET_KEY": "k3-Vq9zR!pL0wX7cN2mB5tY8uH4jG6fD1sA-eenoverheid-test-only",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "eenoverheid.example",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_rejects_the_development_key():
    result = run_check({"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr


def test_uploads_can_go_to_an_s3_compatible_store():
    """With S3_BUCKET set, uploads use django-storages' S3 backend (not reached here: the
    machine has no S3 service; the backend is configured and importable)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "eenoverheid.settings",
        "S3_BUCKET": "eenoverheid",
        "S3_ENDPOINT_URL": "https://s3.example.org",
    }
    env.pop("DATABASE_URL", None)
    code = (
        "import django; django.setup();"
        "from django.core.files.storage import default_storage as s;"
        "b = s.bucket_name; print(type(s._wrapped).__module__, b, s.endpoint_url)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    if "No module named 'storages'" in result.stderr:
        import pytest

        pytest.skip("the s3 extra is not installed")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "storages.backends.s3",
        "eenoverheid",
        "https://s3.example.org",
    ]
