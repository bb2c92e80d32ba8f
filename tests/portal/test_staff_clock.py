"""How long a staff sign-in lasts (portal.back_office.staff_clock): idle and absolute limits, pure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from portal.back_office.staff_clock import SessionLimits, SignInClock, SignInEnded, ended, ended_text, ends_at
from portal.config import Settings

START = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
DEFAULT = SessionLimits.of(Settings())


def test_the_defaults_are_30_minutes_idle_and_12_hours_in_all():
    assert DEFAULT == SessionLimits(idle=timedelta(minutes=30), absolute=timedelta(hours=12))


def test_both_limits_are_settings(monkeypatch):
    monkeypatch.setenv("PORTAL_STAFF_IDLE_MINUTES", "5")
    monkeypatch.setenv("PORTAL_STAFF_SESSION_HOURS", "8")
    assert SessionLimits.of(Settings()) == SessionLimits(idle=timedelta(minutes=5), absolute=timedelta(hours=8))


@pytest.mark.parametrize("value", ["0", "-1"])
def test_a_sign_in_cannot_be_set_to_last_no_time(monkeypatch, value):
    monkeypatch.setenv("PORTAL_STAFF_IDLE_MINUTES", value)
    with pytest.raises(ValueError):
        Settings()


def test_a_sign_in_left_idle_ends_after_the_idle_limit():
    clock = SignInClock.start(START)
    assert ended(clock, START + timedelta(minutes=29, seconds=59), DEFAULT) is None
    assert ended(clock, START + timedelta(minutes=30), DEFAULT) is SignInEnded.IDLE


def test_activity_keeps_it_going_but_never_past_the_absolute_limit():
    clock = SignInClock.start(START)
    for now in (START + timedelta(minutes=20 * turn) for turn in range(1, 36)):  # every 20 minutes until 11:40
        assert ended(clock, now, DEFAULT) is None
        clock = clock.seen(now)
    assert ended(clock, START + timedelta(hours=12), DEFAULT) is SignInEnded.ABSOLUTE
    assert ends_at(clock, DEFAULT) == START + timedelta(hours=12)


def test_ends_at_is_the_sooner_limit():
    clock = SignInClock.start(START).seen(START + timedelta(hours=1))
    assert ends_at(clock, DEFAULT) == START + timedelta(hours=1, minutes=30)


def test_a_request_seen_late_does_not_move_the_clock_back():
    clock = SignInClock.start(START).seen(START + timedelta(minutes=10))
    assert clock.seen(START + timedelta(minutes=5)).last_seen_at == START + timedelta(minutes=10)


def test_the_messages_say_why():
    assert (
        ended_text(SignInEnded.IDLE, DEFAULT)
        == "You were signed out after 30 minutes without activity. Please sign in again."
    )
    assert (
        ended_text(SignInEnded.ABSOLUTE, DEFAULT)
        == "You were signed out: a sign-in lasts 12 hours at most. Please sign in again."
    )
    assert "after 1 hour without" in ended_text(SignInEnded.IDLE, SessionLimits(timedelta(hours=1), timedelta(hours=2)))
