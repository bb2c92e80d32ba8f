"""The benchmarks' reading of their turns (benchmarks/_turns.py): the median ratio, the range it lies in, and the
verdict against a goal that README's performance section quotes."""

from __future__ import annotations

import pytest

from benchmarks._turns import Turns

BARE_MS = 2.0


def turns(ratios: list[float]) -> Turns:
    """A page that took ``ratio`` times the bare script's 2 ms in each round."""
    return Turns([[ratio * BARE_MS for ratio in ratios], [BARE_MS] * len(ratios)])


def test_the_ratio_is_the_median_of_each_rounds_ratio_not_a_ratio_of_medians():
    drifting = Turns([[4.0, 3.0, 9.0], [1.0, 2.0, 8.0]])  # the machine slows down under both; medians: 4 ms, 2 ms

    assert drifting.ratio() == pytest.approx(1.5)


def test_the_range_holds_the_median_and_narrows_with_more_rounds():
    few = turns([1.0 + 0.01 * k for k in range(20)])
    many = turns([1.0 + 0.01 * (k % 20) for k in range(500)])

    for reading in (few, many):
        low, high = reading.interval()
        assert low <= reading.ratio() <= high
    assert many.interval()[1] - many.interval()[0] < few.interval()[1] - few.interval()[0]


def test_a_hundred_rounds_take_the_40th_and_60th_of_the_sorted_ratios():
    reading = turns([1.0 + 0.01 * k for k in reversed(range(100))])

    assert reading.interval() == pytest.approx((1.39, 1.59))


@pytest.mark.parametrize(
    "centre, verdict",
    [
        (1.30, "ok"),
        (1.49, "ok (noise)"),
        (1.52, "over (noise)"),
        (1.70, "over"),
    ],
)
def test_the_verdict_says_when_the_range_spans_the_goal(centre, verdict):
    spread = [centre + 0.002 * (k - 50) for k in range(100)]  # the middle fifth spans ±0.02x

    assert turns(spread).verdict(1.5) == verdict
