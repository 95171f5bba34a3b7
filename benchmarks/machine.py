"""The machine a benchmark runs on, as written beside the figures in benchmarks/README.md."""

from __future__ import annotations

import os
import platform
from collections.abc import Sequence
from pathlib import Path


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def describe() -> str:
    """``nproc=2, AMD EPYC, Python 3.11.7``: printed by every benchmark with its figures."""
    return f"nproc={os.cpu_count()}, {cpu_model()}, Python {platform.python_version()}"


def percentile(ordered: Sequence[float], fraction: float) -> float:
    """The value at ``fraction`` (0.99: p99) of values sorted in ascending order."""
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]
