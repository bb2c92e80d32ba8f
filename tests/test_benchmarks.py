"""Every benchmark still runs to its figures, on a few turns (benchmarks/README.md quotes them).

A benchmark is run rarely and by hand, so one that a change broke (a step's button renamed, a helper moved)
would otherwise be found only by the next person who needs its figures. These runs are far too short to say
anything about speed: they check that each script gets through and prints its verdict line. ``load.py`` and
``capacity.py`` also check behaviour: they exit 1 if any case or email was lost, duplicated or half-written, or (for
capacity.py) a journey failed or a customer of a killed replica lost a step or got a case twice.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import POSTGRES_ADMIN_URL
from tests.e2e.conftest import CHROMIUM, unavailable
from tests.e2e.server import environment

ROOT = Path(__file__).resolve().parent.parent
FIGURE = r"\d+\.\d+"

# (script and its arguments, a line its output must hold, what it needs beyond Python)
BENCHMARKS = [
    (["steps.py", "--runs", "3"], rf"worst step as served, a click or field change: .+, {FIGURE}x", None),
    (["elements.py", "--runs", "3"], rf"date input\s+{FIGURE}\s+{FIGURE}x", None),
    (["engine.py"], r"engine: median \d+ µs, p99 \d+ µs per story", None),
    (["conversation.py", "--quick", "5"], r"conversation: \d+ of 6 language sets meet every goal", None),
    (["staff_queue.py", "--cases", "500", "--runs", "2"], rf"{FIGURE} ms +{FIGURE} ms +{FIGURE} ms +{FIGURE}x", None),
    (["staff_session.py"], rf"SQLite +check \(read\) +{FIGURE} ms", None),
    (["staff_scale.py", "--cases", "300", "--runs", "2"], r"staff side at scale: every goal (met|NOT met)", None),
    (
        [
            "load.py",
            "--cases",
            "20",
            "--kills",
            "1",
            "--mail-cases",
            "5",
            "--outage-passes",
            "1",
            "--postgres-url",
            POSTGRES_ADMIN_URL,
        ],
        r"RESULT: OK",
        "postgres",
    ),
    (["capacity.py", "--quick", "--postgres-url", POSTGRES_ADMIN_URL], r"RESULT: OK", "postgres"),
    (["api.py", "--runs", "3"], rf"gate alone \(404 after it\)\s+{FIGURE} ms\s+{FIGURE}x", None),
    (["memory.py", "--sessions", "2"], rf"portal: {FIGURE} MB per session", "browser"),
    (
        ["browser.py", "--runs", "2", "--warmup", "1"],
        rf"ratio portal / bare page, click to drawn: {FIGURE}x",
        "browser",
    ),
]


def _needs(what: str | None) -> list[pytest.MarkDecorator]:
    return [getattr(pytest.mark, what)] if what else []


@pytest.mark.parametrize(
    "command, verdict",
    [pytest.param(command, verdict, id=command[0], marks=_needs(needs)) for command, verdict, needs in BENCHMARKS],
)
def test_each_benchmark_runs_to_its_figures(command: list[str], verdict: str, request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("browser") and not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    if request.node.get_closest_marker("postgres"):
        request.getfixturevalue("postgres_url")  # skipped where the server is unreachable, failed under CI
    ran = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / command[0]), *command[1:]],
        cwd=ROOT,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = ran.stdout + ran.stderr
    assert ran.returncode == 0, output[-3000:]
    assert re.search(verdict, ran.stdout), ran.stdout[-3000:]
