"""Make ``ccee_barramento`` importable from the source tree when the package is not installed, and the
scenario helpers importable by the test modules of this folder."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
try:
    import ccee_barramento.settlement.mve.garantias  # noqa: F401
except ImportError:  # pragma: no cover - depends on how the venv was built
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "src"))
