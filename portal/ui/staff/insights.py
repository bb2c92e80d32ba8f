"""Managers: how service recovery is going for the cases of a period, the lessons learned, and CSV exports.

Every figure comes from ``portal.back_office.insights`` (which refuses anyone but a manager). The CSV files are
built only when a download is asked for, so each export is generated, and written to the audit log, once per
download rather than on every rerun of the page: the lessons by a download button (a callable ``data``), the
cases, which may be a million rows, streamed by a route of our own (portal/web/exports.py). The figures are
kept for a few minutes (``cached_overview``): over a large store they take seconds to count.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import TypeVar

import streamlit as st

from db.models import utcnow
from portal.back_office.insights import (
    LessonGroup,
    Overview,
    describe_duration,
    lesson_groups,
    lessons_csv_bytes,
    overview,
)
from portal.back_office.staff import StaffActor
from portal.back_office.staff_addresses import cases_export_url
from portal.errors import NotAllowed
from portal.recovery.money import format_money
from portal.ui import context
from portal.ui.staff_session import require_staff, while_signed_in
from portal.ui.widgets import escape_markdown, show_text
from portal.writes import Watch

Key = TypeVar("Key")  # a bar's label: a category, an approval path, a paraphrase outcome

DEFAULT_DAYS = 90
PERIOD_KEY = "insights_period"
# Over a large store the figures take seconds to count (portal.back_office.insights.overview), and they change slowly.
FRESH_FOR_SECONDS = 300
# Watches no table: the figures stay for FRESH_FOR_SECONDS whatever is written meanwhile ("Refresh figures" or
# forget_figures() drops them all).
FIGURES = Watch("insights", most=50)


def cached_overview(db_url: str, actor: StaffActor, start: date, end: date) -> Overview:
    """The overview, kept for a few minutes per store, manager and period (``db_url`` only keys the cache)."""
    return FIGURES.shared((db_url, actor, start, end), lambda: _count(actor, start, end), FRESH_FOR_SECONDS).value


def _count(actor: StaffActor, start: date, end: date) -> Overview:
    with st.spinner("Counting the cases of this period…"):
        return overview(context.engine(), actor, start, end)


def forget_figures() -> None:
    """Count every period again at its next visit."""
    FIGURES.bump()


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:+.0f}"


def pick_period() -> tuple[date, date]:
    today = utcnow().date()
    chosen = st.date_input(
        "Cases opened between (UTC days, inclusive)",
        key=PERIOD_KEY,
        value=(today - timedelta(days=DEFAULT_DAYS - 1), today),
        max_value=today,
        format="YYYY-MM-DD",
    )
    if not isinstance(chosen, tuple) or len(chosen) != 2:
        st.info("Pick the last day of the period too.")
        st.stop()
    start, end = chosen
    return start, end


def headline(found: Overview) -> None:
    first = st.columns(4)
    first[0].metric("Cases opened", f"{found.total_cases:,}")
    first[1].metric(
        "First response",
        describe_duration(found.median_first_response_s),
        help="Median time from the case being opened to the first staff action on it.",
    )
    first[2].metric(
        "Resolution",
        describe_duration(found.median_resolution_s),
        help="Median time from the case being opened to the remedy being marked fulfilled.",
    )
    first[3].metric(
        "Remedy cost",
        format_money(found.remedy_cost_total_cents, found.currency),
        help="Agreed remedies with an amount, gifts included.",
    )
    second = st.columns(4)
    satisfaction = found.satisfaction
    second[0].metric(
        "CSAT", _percent(satisfaction.csat), help="Share of check-ins answering 4 or 5 to 'did we make it right' (1-5)."
    )
    second[1].metric(
        "NPS",
        _score(satisfaction.nps),
        help="Promoters (9-10) minus detractors (0-6), as a percentage of check-in answers.",
    )
    second[2].metric(
        "Reopen rate",
        _percent(found.reopen_rate),
        help=f"{found.reopened:,} of {found.fulfilled:,} fulfilled cases were reopened by a low check-in.",
    )
    second[3].metric("Check-ins", f"{satisfaction.answered:,}", help="Check-ins the customers answered.")
    st.caption("First response and resolution are medians over the cases that got there.")


def charts(found: Overview) -> None:
    st.subheader("Cases per category")
    st.caption(f"Per {found.granularity.value}.")
    st.bar_chart(found.over_time_table(), x="period", y="cases", color="category", x_label="", y_label="Cases")

    st.subheader("Remedy cost per category")
    if found.remedy_cost_cents:
        _horizontal_bars(
            {category: cents / 100 for category, cents in found.remedy_cost_cents.items()}, "category", found.currency
        )
    else:
        st.caption("No remedy has been agreed yet.")

    st.subheader("How remedies were agreed")
    st.caption(
        "By policy (a catalog choice, or the customer's own proposal within the auto-approve limit) or by "
        "a person (staff approved the proposal, or the customer took a staff offer). Gifts not counted."
    )
    _horizontal_bars(found.approvals, "how", "remedies")

    st.subheader("Did we make it right?")
    if found.satisfaction.answered:
        scores = found.satisfaction.made_it_right
        st.bar_chart(
            {
                "answer (1 = not at all, 5 = completely)": [str(s) for s in range(1, 6)],
                "check-ins": [scores.get(s, 0) for s in range(1, 6)],
            },
            x="answer (1 = not at all, 5 = completely)",
            y="check-ins",
            height=220,
        )
    else:
        st.caption("No check-in has been answered yet.")

    st.subheader("Paraphrase of what bothered them most")
    st.caption(
        "Whether the customer confirmed our first paraphrase, confirmed one after correcting us, "
        "or kept their own words instead."
    )
    _horizontal_bars(found.paraphrase, "outcome", "cases")


def _horizontal_bars(values: Mapping[Key, float], label: str, unit: str) -> None:
    """One bar per key, in the mapping's order, as tall as its labels need and no more."""
    st.bar_chart(
        {label: [str(key) for key in values], unit: list(values.values())},
        x=label,
        y=unit,
        x_label="",
        horizontal=True,
        sort=False,
        height=80 + 36 * len(values),
    )


def lessons(actor: StaffActor, start: date, end: date) -> None:
    st.header("Lessons learned")
    st.caption(
        "Lessons recorded in this period, by root cause, newest first. Lessons name causes in how we "
        "work, never a person."
    )
    groups: list[LessonGroup] = lesson_groups(context.engine(), actor, start, end)
    if not groups:
        st.info("No lessons were recorded in this period.")
        return
    for group in groups:
        with st.expander(f"{escape_markdown(group.root_cause.capitalize())} ({group.count:,})"):
            for line in group.newest:
                st.caption(escape_markdown(f"{line.reference} · {line.recorded_at:%Y-%m-%d}"))
                show_text(line.what_we_change)
            if group.count > len(group.newest):
                st.caption(f"Showing the newest {len(group.newest)} of {group.count:,}; the CSV has them all.")
    st.download_button(
        "Download lessons (CSV)",
        key="lessons_csv",
        mime="text/csv",
        file_name=f"lessons-{start}-{end}.csv",
        on_click="ignore",
        data=while_signed_in(lambda: lessons_csv_bytes(context.engine(), actor, start, end)),
    )


def cases_export(actor: StaffActor, start: date, end: date, total: int) -> None:
    st.header("Export cases")
    st.caption(
        f"{total:,} cases opened in this period, one row each: status, category, amounts, agreed remedies, "
        "times, check-in answers, owner, and the customer's name and email so you can reach them. "
        "It is personal data: keep the file safe and delete it when you are done. Every download is "
        "recorded in the audit log."
    )
    # A route of our own streams the file as the database hands it over (portal/web/exports.py): a download
    # button would hold the whole file in the server's memory first.
    st.link_button("Download cases (CSV)", cases_export_url(start, end), type="primary")


def main() -> None:
    actor = require_staff()
    st.title("Insights")
    if not actor.is_manager:
        st.info("Insights and exports are for managers only. Please ask a manager if you need figures.")
        st.stop()

    period_start, period_end = pick_period()
    if st.button(
        "Refresh figures", help=f"Figures are kept for {FRESH_FOR_SECONDS // 60} minutes; count them again now."
    ):
        forget_figures()
    try:
        found = cached_overview(context.settings().db_url, actor, period_start, period_end)
    except (NotAllowed, ValueError) as problem:  # a role changed meanwhile; a reversed period
        st.error(str(problem))
        st.stop()

    st.caption(
        "About the cases opened in this period: their responses, remedies, check-ins and reopenings count "
        "whenever they happened."
    )
    if found.total_cases:
        headline(found)
        charts(found)
    else:
        st.info("No cases in this period yet.")
    lessons(actor, period_start, period_end)
    if found.total_cases:
        cases_export(actor, period_start, period_end, found.total_cases)
