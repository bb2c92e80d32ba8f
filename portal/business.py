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

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlmodel import Session, select

from db.engine import read_session
from db.models import Business, RemedyOption
from portal.remedies import gifts_for, needs_generic_refund, offers_for
from portal.writes import TTL_SECONDS, Kept, Watch

CACHE_TTL_SECONDS = TTL_SECONDS
BUSINESS_WRITES = Watch("business", Business, RemedyOption)
T = TypeVar("T")


class NotSetUp(RuntimeError):
    """The database has no business yet: run `portal seed` (demo) or configure one."""


def current_business(session: Session) -> Business:
    """The business this database serves (one per database), in ``session``; NotSetUp if there is none yet."""
    business = session.exec(select(Business).order_by(Business.id)).first()
    if business is None:
        raise NotSetUp("No business is set up in this database yet.")
    return business


def get_business(engine: Engine) -> Business:
    with read_session(engine) as session:
        return current_business(session)


def load_catalog(engine: Engine) -> list[RemedyOption]:
    with read_session(engine) as session:
        return list(session.exec(select(RemedyOption).where(RemedyOption.is_active == True)))  # noqa: E712


class _Snapshots:
    """Values loaded per (engine, loader), each kept while ``BUSINESS_WRITES`` says it is current."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._kept: dict[tuple[Engine, Callable[..., Any]], Kept[Any]] = {}

    def get(self, engine: Engine, load: Callable[[Engine], T]) -> T:
        kept = self._kept.get((engine, load))
        if kept is None or not kept.current():
            kept = self._kept[(engine, load)] = BUSINESS_WRITES.keep(lambda: load(engine), self.ttl)
        return kept.value  # type: ignore[no-any-return]

    def forget(self) -> None:
        BUSINESS_WRITES.bump()


_snapshots = _Snapshots(CACHE_TTL_SECONDS)


def cached_business(engine: Engine) -> Business:
    """``get_business``, at most ``CACHE_TTL_SECONDS`` old (fresh after any write in this process)."""
    return _snapshots.get(engine, get_business)


def cached_catalog(engine: Engine) -> list[RemedyOption]:
    """``load_catalog``, at most ``CACHE_TTL_SECONDS`` old (fresh after any write in this process)."""
    return _snapshots.get(engine, load_catalog)


@dataclass(frozen=True)
class Choices:
    """What the remedy step offers for a category (``portal.remedies``): the offers, the gifts, and whether a
    refund of what the customer paid stands in for a refund the catalog lacks."""

    offers: list[RemedyOption]
    gifts: list[RemedyOption]
    generic_refund: bool


_choices: dict[tuple[str, bool], tuple[list[RemedyOption], Choices]] = {}


def cached_choices(engine: Engine, category: str, refund_always_offered: bool) -> Choices:
    """The remedy step's choices for ``category``, worked out again only when the catalog's snapshot changes (the
    step reruns on every click, and matching the catalog took a twentieth of a bare page's rerun)."""
    catalog = cached_catalog(engine)
    held = _choices.get((category, refund_always_offered))
    if held is None or held[0] is not catalog:
        offers = offers_for(category, catalog, refund_always_offered=refund_always_offered)
        held = _choices[(category, refund_always_offered)] = (catalog, Choices(
            offers, gifts_for(category, catalog), needs_generic_refund(offers, refund_always_offered)))
    return held[1]


def forget_cached() -> None:
    """Drop the snapshots now (the next read loads the rows again)."""
    _snapshots.forget()
