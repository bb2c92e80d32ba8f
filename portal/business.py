"""The business's profile and remedy catalog, as the customer pages need them.

Every customer rerun needs both, and they change only when a manager saves a setting, so the customer
page reads them through a per-process cache (``cached_business``, ``cached_catalog``):

- any commit in this process that writes a ``Business`` or ``RemedyOption`` row (through an ORM session:
  the settings pages, seeding, tests; ``BUSINESS_WRITES``) makes the next read load them again, so that change
  shows on the very next rerun;
- a change made by another process (a second server replica, the CLI, SQL by hand) shows within
  ``CACHE_TTL_SECONDS``.

What they return are shared, read-only snapshots (detached rows): never change them or add them to a
session. Staff pages read the row itself (``get_business``): they hold its version for optimistic locking.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from db.engine import read_session
from db.models import Business, RemedyOption
from portal.recovery.remedies import gifts_for, needs_generic_refund, offers_for
from portal.writes import TTL_SECONDS, Kept, Watch

CACHE_TTL_SECONDS = TTL_SECONDS
BUSINESS_WRITES = Watch("business", Business, RemedyOption)


class NotSetUp(RuntimeError):
    """The database has no business yet: run `portal seed` (demo) or configure one."""


def current_business(session: Session) -> Business:
    """The business this database serves (one per database), in ``session``; NotSetUp if there is none yet."""
    business = session.exec(select(Business).order_by(col(Business.id))).first()
    if business is None:
        raise NotSetUp("No business is set up in this database yet.")
    return business


def get_business(engine: Engine) -> Business:
    with read_session(engine) as session:
        return current_business(session)


def load_catalog(engine: Engine) -> list[RemedyOption]:
    with read_session(engine) as session:
        return list(session.exec(select(RemedyOption).where(RemedyOption.is_active == True)))  # noqa: E712


def cached_business(engine: Engine) -> Business:
    """``get_business``, at most ``CACHE_TTL_SECONDS`` old (fresh after any write in this process)."""
    return BUSINESS_WRITES.shared((engine, "business"), lambda: get_business(engine), CACHE_TTL_SECONDS).value


def cached_catalog(engine: Engine) -> list[RemedyOption]:
    """``load_catalog``, at most ``CACHE_TTL_SECONDS`` old (fresh after any write in this process)."""
    return _kept_catalog(engine).value


def _kept_catalog(engine: Engine) -> Kept[list[RemedyOption]]:
    return BUSINESS_WRITES.shared((engine, "catalog"), lambda: load_catalog(engine), CACHE_TTL_SECONDS)


@dataclass(frozen=True)
class Choices:
    """What the remedy step offers for a category (``portal.recovery.remedies``): the offers, the gifts, and whether a
    refund of what the customer paid stands in for a refund the catalog lacks."""

    offers: list[RemedyOption]
    gifts: list[RemedyOption]
    generic_refund: bool


def cached_choices(engine: Engine, category: str, refund_always_offered: bool) -> Choices:
    """The remedy step's choices for ``category``, worked out again only when the catalog's snapshot changes (the
    step reruns on every click, and matching the catalog took a twentieth of a bare page's rerun)."""
    return _kept_catalog(engine).derived(
        (category, refund_always_offered), lambda catalog: choices_for(catalog, category, refund_always_offered)
    )


def choices_for(catalog: list[RemedyOption], category: str, refund_always_offered: bool) -> Choices:
    offers = offers_for(category, catalog, refund_always_offered=refund_always_offered)
    return Choices(offers, gifts_for(category, catalog), needs_generic_refund(offers, refund_always_offered))


def forget_cached() -> None:
    """Drop the snapshots now (the next read loads the rows again)."""
    BUSINESS_WRITES.bump()
