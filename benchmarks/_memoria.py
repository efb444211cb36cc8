"""Process measurements the benchmarks print beside their times: peak and current RSS, machine load.

Linux: the peak is ``VmHWM`` of ``/proc/self/status``, reset per phase by writing 5 to
``/proc/self/clear_refs``. Elsewhere ``ru_maxrss`` (the process's peak, never reset).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

try:
    import resource
except ImportError:  # pragma: no cover - not on Windows
    resource = None  # type: ignore[assignment]


def zerar_pico() -> bool:
    """Reset the peak RSS (Linux); False where the OS cannot."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def pico_mib() -> float:
    """Peak RSS in MiB since the last :func:`zerar_pico` (else since the process started)."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]
    except (OSError, AttributeError):
        if resource is None:
            return float("nan")
        maximo = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return maximo / (1024 * 1024) if sys.platform == "darwin" else maximo / 1024


def rss_mib() -> float:
    """Current RSS in MiB (nan off Linux)."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]
    except (OSError, AttributeError):
        return float("nan")


def carga() -> float:
    """The 1-minute load average (nan where the OS has none)."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return float("nan")
