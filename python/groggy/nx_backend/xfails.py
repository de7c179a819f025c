"""networkx's own tests that cannot pass against groggy, each with its reason, marked when
networkx's test run starts (``on_start_tests``; run with ``NETWORKX_TEST_BACKEND=groggy``,
see ``make nx-backend-test``). The marks are strict: a test that starts passing fails the
run, so the list stays true. Also prints, at the end of that run, how many calls of each
function ran in groggy; with ``GROGGY_NX_REQUIRE_ALL=1`` a function never run fails it.
"""

from __future__ import annotations

import os
from typing import Any

from .registry import IMPLEMENTATIONS, calls

_CONVERTED_COPY = (
    "groggy works on a converted copy of the graph, so it cannot see the graph change "
    "while the result is iterated (networkx raises RuntimeError)"
)

#: ``"file.py:Class.test_name"`` (pytest's module path of the test) -> why it fails.
XFAILS: dict[str, str] = {
    "test_dag.py:TestDAG.test_topological_sort6": _CONVERTED_COPY,
}


def on_start_tests(items: list[Any]) -> None:
    """networkx's test configuration calls this once, with every collected test."""
    import pytest  # (only networkx's test runs call this)

    for item in items:
        reason = XFAILS.get(f"{item.path.name}:{item.getmodpath()}")
        if reason is not None:
            item.add_marker(pytest.mark.xfail(reason=reason, strict=True))
    if items:
        items[0].config.pluginmanager.register(_CallReport(), "groggy-nx-calls")


class _CallReport:
    """Says how many tests called groggy, and which registered functions ran in groggy
    during the test run, how often."""

    def __init__(self) -> None:
        self.require_all = os.environ.get("GROGGY_NX_REQUIRE_ALL") == "1"
        self.tests = self.tests_in_groggy = self.before = 0

    def never_run(self) -> list[str]:
        return sorted(name for name in IMPLEMENTATIONS if not calls[name])

    def pytest_runtest_logstart(self, nodeid: str, location: Any) -> None:
        self.before = sum(calls.values())

    def pytest_runtest_logfinish(self, nodeid: str, location: Any) -> None:
        self.tests += 1
        self.tests_in_groggy += sum(calls.values()) > self.before

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        write = terminalreporter.write_line
        write(f"groggy: {self.tests_in_groggy} of {self.tests} tests called groggy")
        total = sum(calls[name] for name in IMPLEMENTATIONS)
        write(f"groggy: {total} calls ran in groggy, of {len(IMPLEMENTATIONS)} functions:")
        write("  " + ", ".join(f"{n} {calls[n]}" for n in sorted(IMPLEMENTATIONS)))
        missing = self.never_run()
        if missing:
            failing = " (GROGGY_NX_REQUIRE_ALL=1: the run fails)" if self.require_all else ""
            write(f"groggy: never ran in groggy{failing}: {', '.join(missing)}")

    def pytest_sessionfinish(self, session: Any, exitstatus: int) -> None:
        if self.require_all and self.never_run() and exitstatus == 0:
            session.exitstatus = 1
