"""Make ``ccee_barramento`` importable from the source tree when the package is not installed."""

from __future__ import annotations

import sys
from pathlib import Path

try:
    import ccee_barramento.settlement.mve  # noqa: F401
except ImportError:  # pragma: no cover - depends on how the venv was built
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "src"))
