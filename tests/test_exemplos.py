"""Every example script runs against the embedded simulator (no CCEE_* in the environment)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXEMPLOS = sorted(
    p for p in (Path(__file__).resolve().parents[1] / "examples").glob("*.py") if not p.name.startswith("_")
)


@pytest.mark.parametrize("script", EXEMPLOS, ids=lambda p: p.stem)
def test_example_runs(script, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCEE_")}
    env["XDG_DATA_HOME"] = str(tmp_path)  # journals of the workflow examples stay in the test's folder
    resultado = subprocess.run(
        [sys.executable, str(script)], cwd=script.parent, env=env, capture_output=True, timeout=120
    )
    assert resultado.returncode == 0, resultado.stderr.decode()[-2000:]
    assert "simulador" in resultado.stdout.decode()
