"""Timing several things in turns, as the benchmarks' ratios need: each against a baseline measured in the same
rounds, so that both see the same machine load."""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Turns:
    """Times (ms) of things that took turns: ``times[i][k]`` is thing i's time in round k. Thing 1 is the bare
    baseline. A ratio is the median over rounds of a thing's time over the baseline's time in the same round,
    which holds still while the machine's speed drifts under both (a ratio of the two medians did not: the same
    step read 1.4x and 2.1x in consecutive runs)."""

    times: list[list[float]]

    def median_ms(self, script: int) -> float:
        return statistics.median(self.times[script])

    def ratios(self, script: int) -> list[float]:
        return [page / bare for page, bare in zip(self.times[script], self.times[1], strict=True)]

    def ratio(self, script: int = 0) -> float:
        return statistics.median(self.ratios(script))

    def interval(self, script: int = 0) -> tuple[float, float]:
        """About 95% sure the median ratio lies in it: the order statistics n/2 ± 0.98·√n of the rounds' ratios,
        which needs no assumption about their distribution (it does assume the rounds independent; a machine
        whose speed drifts within a run makes it narrower than it should be)."""
        ordered = sorted(self.ratios(script))
        spread = 0.98 * math.sqrt(len(ordered))
        low, high = math.floor(len(ordered) / 2 - spread), math.ceil(len(ordered) / 2 + spread)
        return ordered[max(low - 1, 0)], ordered[min(high - 1, len(ordered) - 1)]

    def verdict(self, goal: float, script: int = 0) -> str:
        """Whether the median ratio meets ``goal`` (at most), and whether this run's noise could say otherwise."""
        low, high = self.interval(script)
        if high <= goal:
            return "ok"
        if low > goal:
            return "over"
        return "ok (noise)" if self.ratio(script) <= goal else "over (noise)"


def in_turns(actions: Sequence[Callable[[], object]], runs: int, warmup: int = 3) -> Turns:
    """``runs`` rounds in which each action runs once, in turn (so all see the same machine load); its times.

    The garbage collector is off while they run, as in ``timeit``. Left on, its collections fell in step with
    the rounds, always in the same thing's run: of two copies of the bare script, the one that ran first in
    each round read 1.05-1.12x the other (with the collector off, 0.96-1.02x). A collection between rounds
    would not do either: the run after it read 1.3x.
    """
    for _ in range(warmup):
        for action in actions:
            action()
    times: list[list[float]] = [[] for _ in actions]
    gc.collect()
    gc.disable()
    try:
        for _ in range(runs):
            for action, kept in zip(actions, times, strict=True):
                started = time.perf_counter()
                action()
                kept.append((time.perf_counter() - started) * 1000)
    finally:
        gc.enable()
    return Turns(times)
