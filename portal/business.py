"""The business's profile and remedy catalog, as the customer pages need them."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import select

from db.engine import read_session
from db.models import Business, RemedyOption


class NotSetUp(RuntimeError):
    """The database has no business yet: run `portal seed` (demo) or configure one."""


def get_business(engine: Engine) -> Business:
    with read_session(engine) as session:
        business = session.exec(select(Business).order_by(Business.id)).first()
    if business is None:
        raise NotSetUp("No business is set up in this database yet.")
    return business


def load_catalog(engine: Engine) -> list[RemedyOption]:
    with read_session(engine) as session:
        return list(session.exec(select(RemedyOption).where(RemedyOption.is_active == True)))  # noqa: E712
