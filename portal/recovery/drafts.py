"""Customers' conversations kept on the server until the case is written (``db.models.ConversationDraft``): a
reload, or a phone browser that dropped the tab while the customer looked up their order number, takes them back
to the step they were on, with everything they had sent.

The page saves the draft after each step (a click that moves the conversation on; never on the reruns between,
so a keystroke writes nothing), handing the write to portal.write_behind so that the next step is not held back
by it, and looks for one only when a session starts: by the invite its link carries, or on the public link by
the draft's own token (``?d=``), which the page puts in the address with the first save. Whatever reads a draft
here first waits for the saves handed over in this process (``flush``); a session stays on one process.
What is typed in the current step's boxes and not sent yet is not in it; the browser asks before a reload loses
that (portal/ui/widgets._DIRECTION_SCRIPT).
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import Engine, delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from db.engine import read_session, write_session
from db.models import ConversationDraft, utcnow
from portal import write_behind
from portal.entry import links
from portal.entry.tokens import hash_token, looks_like_token, new_token
from portal.recovery.journey import Draft
from portal.text import clean

# An unfinished conversation is kept this long after its last step, then deleted by the worker.
KEEP = timedelta(days=7)
TOKEN_PARAM = "d"
_DRAFT = TypeAdapter(Draft)


def to_json(draft: Draft) -> str:
    return _DRAFT.dump_json(draft).decode()


def from_json(payload: str) -> Draft | None:
    """The saved draft, or None when it no longer fits (saved by an older version): the customer starts afresh."""
    try:
        return _DRAFT.validate_json(payload)
    except ValidationError:
        return None


def _email(draft: Draft) -> str:
    return draft.email_normalized or clean(draft.form.email).lower()


def save(
    engine: Engine, draft: Draft, *, invite_id: int | None = None, token: str | None = None, now: datetime | None = None
) -> None:
    """Keep ``draft`` as it stands for ``KEEP`` from now. A draft that came from no invite is found again by
    ``token`` (its address's ``?d=``), which its first save records; later saves keep the first one's."""
    _write(engine, _Kept.of(draft, invite_id, token, now or utcnow()))


def save_later(
    engine: Engine, draft: Draft, *, invite_id: int | None = None, token: str | None = None
) -> Future[object]:
    """``save`` on the write-behind thread (portal.write_behind), of the draft as it stands now; the future holds
    the write's error, if any."""
    return write_behind.submit(_write, engine, _Kept.of(draft, invite_id, token, utcnow()))


def flush() -> None:
    """Wait until every save handed over in this process has landed: what is read next includes them."""
    write_behind.wait()


@dataclass(frozen=True)
class _Kept:
    """A draft as it stood when it was saved, ready to be written from any thread."""

    submission_key: str
    invite_id: int | None
    token_hash: str | None
    values: dict[str, Any]  # column values: the JSON payload, the address, when it was saved and when it expires

    @classmethod
    def of(cls, draft: Draft, invite_id: int | None, token: str | None, now: datetime) -> _Kept:
        values = {"payload": to_json(draft), "email": _email(draft)[:320], "updated_at": now, "expires_at": now + KEEP}
        return cls(draft.submission_key, invite_id, hash_token(token) if token else None, values)


def _write(engine: Engine, kept: _Kept) -> None:
    try:
        with write_session(engine) as session:
            if _update(session, kept.submission_key, kept.values):
                return
            session.add(
                ConversationDraft(
                    submission_key=kept.submission_key,
                    invite_id=kept.invite_id,
                    token_hash=kept.token_hash,
                    **kept.values,
                )
            )
    except IntegrityError:  # the same conversation, saved from a second tab a moment ago
        with write_session(engine) as session:
            _update(session, kept.submission_key, kept.values)


def _update(session: Session, submission_key: str, values: dict[str, object]) -> bool:
    row = session.exec(select(ConversationDraft).where(ConversationDraft.submission_key == submission_key)).first()
    if row is None:
        return False
    for name, value in values.items():
        setattr(row, name, value)
    session.add(row)
    return True


def find(
    engine: Engine, *, invite_id: int | None = None, token: str | None = None, now: datetime | None = None
) -> Draft | None:
    """The newest unexpired draft started from this invite, or the one this token names."""
    if invite_id is None and not (token and looks_like_token(token)):
        return None
    flush()
    where = (
        (ConversationDraft.invite_id == invite_id)
        if invite_id is not None
        else (ConversationDraft.token_hash == hash_token(token or ""))
    )
    with read_session(engine) as session:
        row = session.exec(
            select(ConversationDraft)
            .where(where, col(ConversationDraft.expires_at) > (now or utcnow()))
            .order_by(col(ConversationDraft.updated_at).desc())
            .limit(1)
        ).first()
    return from_json(row.payload) if row is not None else None


class TooManyGuesses(Exception):
    """This client opened too many addresses that name nothing recently (portal.entry.links.PROBE_LIMIT): ask it to wait."""


def open_by_token(engine: Engine, token: str, source: str, *, now: datetime | None = None) -> Draft | None:
    """The kept conversation a public-link address's ``?d=`` names, for the session that opens it; None when it is
    gone. A ``?d=`` is a capability like a link (portal.entry.links): one that names nothing is a guess, logged against
    the client (``source``, portal.clients) and, after ``links.PROBE_LIMIT`` of them, refused with
    ``TooManyGuesses``; a real one always opens, and an expired one is logged but not counted."""
    now = now or utcnow()
    flush()
    with read_session(engine) as session:
        row = (
            session.exec(
                select(ConversationDraft.payload, ConversationDraft.expires_at).where(
                    ConversationDraft.token_hash == hash_token(token)
                )
            ).first()
            if looks_like_token(token)
            else None
        )
    if row is not None:
        payload, expires_at = row
        if expires_at > now:
            return from_json(payload)
    with write_session(engine) as session:
        throttled = row is None and links.guessed_too_often(session, source, now)
        outcome = (
            links.LinkState.THROTTLED if throttled else links.DRAFT_UNKNOWN if row is None else links.DRAFT_EXPIRED
        )
        links.log_probe(session, source, str(outcome), now)
    if throttled:
        raise TooManyGuesses
    return None


def readdress(engine: Engine, submission_key: str, now: datetime | None = None) -> tuple[Draft, str] | None:
    """The kept draft of this submission with a new token for its address (the one before stops working), for
    the emailed confirmation link opened in another tab: whoever holds it holds the address the draft is for."""
    now = now or utcnow()
    token = new_token()
    flush()
    with write_session(engine) as session:
        row = session.exec(
            select(ConversationDraft).where(
                ConversationDraft.submission_key == submission_key, col(ConversationDraft.expires_at) > now
            )
        ).first()
        draft = from_json(row.payload) if row is not None else None
        if row is None or draft is None:
            return None
        row.token_hash, row.updated_at, row.expires_at = hash_token(token), now, now + KEEP
        session.add(row)
    return draft, token


def discard(session: Session, submission_key: str) -> None:
    """In the transaction that writes the case: the conversation is the case's now."""
    session.execute(delete(ConversationDraft).where(col(ConversationDraft.submission_key) == submission_key))


def delete_expired(engine: Engine, now: datetime | None = None) -> int:
    """The worker's pass: unfinished conversations past ``KEEP``."""
    with write_session(engine) as session:
        result = session.execute(
            delete(ConversationDraft).where(col(ConversationDraft.expires_at) <= (now or utcnow()))
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]  # rowcount is CursorResult's; execute() is typed as returning Result
