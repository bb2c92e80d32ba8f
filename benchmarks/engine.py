"""Time the conversation engine (classify + paraphrase + apology) on stories of various lengths.

Run from anywhere: ``.venv/bin/python benchmarks/engine.py``. Each story is used both as
"what happened" and as "what bothered you most", the worst case for the engine since the
whole text is then rewritten twice (paraphrase and apology). A bare baseline,
``story.lower().split()``, is timed in the same run on the same text so that the ratio
stays meaningful on a faster or slower machine.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal.apology import apology  # noqa: E402
from portal.classify import classify  # noqa: E402
from portal.paraphrase import paraphrase  # noqa: E402

GOAL_MICROSECONDS = 5000
REPETITIONS = 60
WARM_UP = 5

SENTENCES = (
    "Your mechanic was 90 minutes late to fix my furnace.",
    "I had taken the morning off work and waited from 8am until 9:30 without any call from you.",
    "When he finally arrived he told me the part I needed was not on the van.",
    "The bill was higher than what I had originally planned for, $410.75 instead of the $250 you quoted.",
    "Nobody called me back after I left 3 voicemails with your office in Leeds.",
    "Your receptionist, Ms Cohen, was dismissive and said \"that's not my problem\" before hanging up on me.",
    "I was charged twice for order #A-1234 on 12 March 2024, and I'm still waiting for the refund.",
    "The technician scratched my new oak floor and left mud all over the hallway.",
    "My parcel with tracking number 1Z999AA10123456784 was marked as delivered but never arrived.",
    "I emailed support@amends.example 6 times in 2 weeks and never heard back.",
    "The replacement part you fitted stopped working after 4 days and the heating is broken again.",
    "We have two small children and the house was freezing for the whole weekend.",
    "I typed <b>urgent</b> in your form and **nothing** happened.",
    "You guys promised a callback within 24 hours, which never came.",
)


def story_of_length(target: int, offset: int) -> str:
    """Whole sentences from the pool, starting at ``offset``, until the story is about ``target`` characters."""
    parts: list[str] = []
    length = 0
    index = offset
    while length < target:
        sentence = SENTENCES[index % len(SENTENCES)]
        parts.append(sentence)
        length += len(sentence) + 1
        index += 1
    return " ".join(parts)


def build_stories() -> list[str]:
    short = ["Your mechanic was late.", "You charged me twice!", "Nobody called me back.",
             "The driver was rude to me.", "My parcel never arrived.", "You broke my vase."]
    typical = [story_of_length(250, offset) for offset in range(8)]
    thousand = [story_of_length(1000, offset) for offset in range(8)]
    five_thousand = [story_of_length(5000, offset) for offset in range(8)]
    return short + typical + thousand + five_thousand


def run_engine(story: str) -> None:
    category = classify(story, story)
    paraphrase(story)
    apology(category, story)


def run_baseline(story: str) -> None:
    story.lower().split()


def samples(function: Callable[[str], None], story: str, repetitions: int) -> list[float]:
    """Microseconds per call, one sample per repetition, after a short warm-up."""
    for _ in range(WARM_UP):
        function(story)
    timings: list[float] = []
    for _ in range(repetitions):
        start = time.perf_counter()
        function(story)
        timings.append((time.perf_counter() - start) * 1e6)
    return timings


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    stories = build_stories()
    all_engine: list[float] = []
    by_size: dict[str, list[float]] = {}
    print("bothered_most = the whole story (worst case: it is rewritten by both paraphrase and apology)")
    print(f"{'chars':>6}  {'engine µs':>10}  {'baseline µs':>11}  {'ratio':>8}")
    for story in stories:
        engine = samples(run_engine, story, REPETITIONS)
        baseline = samples(run_baseline, story, REPETITIONS)
        engine_median, baseline_median = statistics.median(engine), statistics.median(baseline)
        all_engine.extend(engine)
        by_size.setdefault(size_class(len(story)), []).extend(engine)
        ratio = engine_median / baseline_median
        print(f"{len(story):>6}  {engine_median:>10.1f}  {baseline_median:>11.2f}  {ratio:>7.0f}x")
    print()
    for size, timings in by_size.items():
        print(f"{size:>13}: median {statistics.median(timings):8.0f} µs, p99 {percentile(timings, 0.99):8.0f} µs "
              f"over {len(timings) // REPETITIONS} stories")
    print(f"engine: median {statistics.median(all_engine):.0f} µs, p99 {percentile(all_engine, 0.99):.0f} µs "
          f"per story (goal < {GOAL_MICROSECONDS} µs)")


def size_class(length: int) -> str:
    if length < 100:
        return "short"
    if length < 500:
        return "typical"
    if length < 2000:
        return "~1,000 chars"
    return "~5,000 chars"


if __name__ == "__main__":
    main()
