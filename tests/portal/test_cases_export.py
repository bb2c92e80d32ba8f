"""The cases CSV, byte for byte, on SQLite and PostgreSQL: what the database-side writer (``write_cases_csv``, and the
download route that streams it) produces is compared with the file as specified, written here row by row in
Python from the ORM (slow and plain), over a realistic store (benchmarks/_fill.py: remedies in every state,
several check-ins, three languages, owners or none) with awkward rows added: right-to-left text, quotes, commas,
line breaks, formula-looking cells, empty fields, an erased customer. (No carriage returns: ``portal.text.clean``
turns them into line breaks before anything is stored.)"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from functools import partial

import pytest
from sqlmodel import Session, col, select

from benchmarks._fill import fill_realistic
from db.engine import is_postgres, write_session
from db.models import Case, CaseRemedy, CheckIn, Customer, StaffMember, utcnow
from portal.back_office import insights, privacy
from portal.back_office.insights import CASES_HEADER, safe_cell, write_cases_csv
from portal.back_office.staff import add_staff, list_staff
from portal.recovery.remedies import AGREED_STATUSES
from portal.web import exports
from tests.support import manager, open_case

AWKWARD_NAMES = (
    'Lee "the boss", Jr.\nsecond line',
    "שלום, עולם",
    '=HYPERLINK("http://evil.example")',
    "@SUM(A1)",
    "-3",
    "+44 20",
    "\tTabbed",
    "Zoë; Ñandú",
    "",
)


def _money(cents: int | None) -> str | None:
    return None if cents is None else f"{cents // 100}.{cents % 100:02d}"


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def _remedies_cell(agreed: list[CaseRemedy], currency: str) -> str | None:
    pieces = [
        r.description if r.amount_cents is None else f"{r.description} ({_money(r.amount_cents)} {currency})"
        for r in agreed
    ]
    return safe_cell("; ".join(pieces)) if pieces else None


def _line(cells: list[object], *, empty_quoted: bool) -> str:
    """One CSV line: a cell with a comma, a quote or a line break is quoted (its quotes doubled); None is an empty
    cell. PostgreSQL's COPY writes an empty text as ``""`` (to tell it from NULL), ``csv.writer`` as nothing: both
    read back as an empty cell, and each store's writer has always written its own way."""

    def cell(value: object) -> str:
        if value is None:
            return ""
        text = str(value)
        if any(c in text for c in ',"\n\r') or (empty_quoted and text == ""):
            return '"' + text.replace('"', '""') + '"'
        return text

    return ",".join(cell(c) for c in cells) + "\n"


def expected_csv(engine, start: date, end: date) -> str:
    """The cases CSV as specified (``write_cases_csv``'s docstring and the columns' meaning), one case at a time."""
    since = datetime.combine(start, datetime.min.time(), UTC)
    until = datetime.combine(end + timedelta(days=1), datetime.min.time(), UTC)
    out = io.StringIO()
    write = partial(_line, empty_quoted=is_postgres(engine))
    out.write(write(list(CASES_HEADER)))
    with Session(engine) as session:
        cases = session.exec(
            select(Case)
            .where(col(Case.created_at) >= since, col(Case.created_at) < until)
            .order_by(col(Case.created_at), col(Case.id))
        ).all()
        for case in cases:
            customer = session.get_one(Customer, case.customer_id)
            owner = session.get(StaffMember, case.owner_id) if case.owner_id else None
            agreed = list(
                session.exec(
                    select(CaseRemedy)
                    .where(CaseRemedy.case_id == case.id, col(CaseRemedy.status).in_([str(s) for s in AGREED_STATUSES]))
                    .order_by(col(CaseRemedy.id))
                )
            )
            answer = session.exec(
                select(CheckIn)
                .where(CheckIn.case_id == case.id, col(CheckIn.answered_at).is_not(None))
                .order_by(col(CheckIn.id).desc())
            ).first()
            out.write(
                write(
                    [
                        case.reference,
                        _iso(case.created_at),
                        case.status,
                        case.category,
                        case.language,
                        safe_cell(case.order_ref),
                        _money(case.amount_cents),
                        case.currency,
                        _remedies_cell(agreed, case.currency),
                        _money(sum(r.amount_cents or 0 for r in agreed)) if agreed else None,
                        _iso(case.first_response_at),
                        _iso(case.fulfilled_at),
                        _iso(case.closed_at),
                        "yes" if case.reopen_count > 0 else "no",
                        answer.made_it_right if answer else None,
                        answer.recommend if answer else None,
                        safe_cell(owner.name) if owner else None,
                        safe_cell(customer.name),
                        safe_cell(customer.email),
                        safe_cell(case.confirmed_paraphrase),
                    ]
                )
            )
    return out.getvalue()


@pytest.fixture
def filled(store):
    """A realistic store of 300 cases over two years, plus awkward cases opened today, one customer erased."""
    add_staff(store.engine, email="odd@example.com", name='=Odd, "Staff"', role="agent", password="x" * 12)
    fill_realistic(store.engine, 300, [m.id for m in list_staff(store.engine) if m.id is not None], seed=3)
    awkward = [
        open_case(store.engine, name=name, email=f"awkward{n}@example.com", amount_cents=None if n % 3 else 1234)
        for n, name in enumerate(AWKWARD_NAMES)
    ]
    with write_session(store.engine) as session:
        for n, case_id in enumerate(awkward):
            case = session.get_one(Case, case_id)
            case.order_ref = AWKWARD_NAMES[-1 - n]
            case.confirmed_paraphrase = AWKWARD_NAMES[n - 1]
            case.language = ("en", "es", "he")[n % 3]
            session.get_one(Customer, case.customer_id).name = AWKWARD_NAMES[n]  # as an import might hold them
        for n, remedy in enumerate(session.exec(select(CaseRemedy).where(col(CaseRemedy.case_id).in_(awkward)))):
            remedy.status, remedy.description = "approved", AWKWARD_NAMES[n] or 'Refund; "all" of it'
    privacy.erase_customer(store.engine, manager(store), session_customer(store, awkward[-1]), "the customer asked")
    return store


def session_customer(store, case_id: int) -> int:
    with Session(store.engine) as session:
        return session.get_one(Case, case_id).customer_id


def test_the_cases_csv_is_byte_for_byte_the_specified_file_over_every_kind_of_row(filled):
    end = utcnow().date()
    for start in (end - timedelta(days=800), end - timedelta(days=30), end):
        written = insights.cases_csv(filled.engine, manager(filled), start, end)
        expected = expected_csv(filled.engine, start, end)
        assert written.splitlines(keepends=True) == expected.splitlines(keepends=True)
        assert written == expected
    rows = list(csv.DictReader(io.StringIO(written)))  # today's: the awkward ones came back as written
    assert {r["customer_name"] for r in rows} >= {
        '\'=HYPERLINK("http://evil.example")',
        "שלום, עולם",
        'Lee "the boss", Jr.\nsecond line',
        "'\tTabbed",
        "'-3",
    }
    assert any(r["customer_email"] == "" and r["confirmed_paraphrase"] == privacy.ERASED for r in rows)


def test_the_download_streams_the_same_bytes_with_a_bom(filled):
    start, end = utcnow().date() - timedelta(days=800), utcnow().date()
    chunks, _gone = exports.export_in_thread(partial(write_cases_csv, filled.engine, manager(filled), start, end))
    body = b""
    while (chunk := chunks.get(timeout=60)) is not exports.DONE:
        assert isinstance(chunk, bytes), chunk
        body += chunk
    assert body == ("\ufeff" + expected_csv(filled.engine, start, end)).encode("utf-8")
