"""Migration 0019 fills in the figures of the cases a store already holds (db/case_figures.py): the ones the
Insights page worked out from their times before, to the last bit, and each remedy's category."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import column, select, table, text

from db import case_figures
from db.engine import get_engine
from db.migrate import upgrade
from tests.conftest import empty_postgres
from tests.db.test_migrations import _database_at, _fill

CASES = [  # created_at, first_response_at, fulfilled_at (UTC)
    ("2026-03-01 23:59:59.999999", None, None),
    ("2026-03-02 00:00:00", "2026-03-02 04:30:12.345678", None),
    ("2026-03-02 10:15:00.5", "2026-03-02 11:00:00", "2026-03-05 09:00:00.25"),
]


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_cases_stored_before_0019_get_their_day_durations_and_remedy_categories(backend, tmp_path, request):
    url = _database_at("0018", backend, tmp_path, request)
    _fill(url)  # a business, a customer, one case
    engine = get_engine(url)
    zone = " +00:00" if backend == "postgres" else ""
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM case_event"))
        conn.execute(text('DELETE FROM "case"'))
        for n, (opened, responded, fulfilled) in enumerate(CASES, start=1):
            conn.execute(
                text(
                    'INSERT INTO "case" (id, reference, customer_id, status, category, tone, language, story, '
                    "bothered_most, confirmed_paraphrase, order_ref, currency, submission_key, version, created_at, "
                    "updated_at, first_response_at, fulfilled_at, reopen_count) VALUES (:id, :ref, 1, 'accepted', "
                    ":category, 'calm', 'en', 's', 'b', 'p', '', 'USD', :key, 1, :opened, :opened, :responded, "
                    ":fulfilled, 0)"
                ),
                {
                    "id": n,
                    "ref": f"AM-{n:06d}",
                    "category": ["billing", "lateness", "quality"][n - 1],
                    "key": f"k{n}",
                    "opened": opened + zone,
                    "responded": responded and responded + zone,
                    "fulfilled": fulfilled and fulfilled + zone,
                },
            )
            conn.execute(
                text(
                    "INSERT INTO case_remedy (case_id, source, kind, description, amount_cents, status, "
                    "created_by, created_at) VALUES (:id, 'proposal', 'refund', 'r', 100, 'approved', "
                    "'customer', :opened)"
                ),
                {"id": n, "opened": opened + zone},
            )

    upgrade(url)

    dialect = engine.dialect.name
    with engine.connect() as conn:
        stored = conn.execute(text('SELECT created_day, first_response_s, resolution_s FROM "case" ORDER BY id')).all()
        categories = conn.execute(text("SELECT category FROM case_remedy ORDER BY case_id")).scalars().all()
        case = table("case", column("id"), column("created_at"), column("first_response_at"), column("fulfilled_at"))
        page = conn.execute(
            select(
                case_figures.seconds_between(dialect, case.c.created_at, case.c.first_response_at),
                case_figures.seconds_between(dialect, case.c.created_at, case.c.fulfilled_at),
            ).order_by(case.c.id)
        ).all()
    assert [date.fromisoformat(str(day)[:10]) for day, _r, _f in stored] == [
        date(2026, 3, 1),
        date(2026, 3, 2),
        date(2026, 3, 2),
    ]
    assert [(r, f) for _day, r, f in stored] == [tuple(row) for row in page]
    assert stored[0][1:] == (None, None)
    assert stored[1][1] == pytest.approx(4 * 3600 + 30 * 60 + 12.345678, abs=0.001) and stored[1][2] is None
    assert stored[2][2] == pytest.approx(3 * 86400 - 75 * 60 - 0.25, abs=0.001)
    assert categories == ["billing", "lateness", "quality"]
    if backend == "postgres":
        empty_postgres(url)
