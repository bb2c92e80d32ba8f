"""Staff accounts: creation and lookup. Passwords are argon2id hashes (portal.passwords)."""

from __future__ import annotations

from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import Engine
from sqlmodel import select

from db.engine import write_session
from db.models import StaffMember
from portal.passwords import hash_password
from portal.remedies import Role


class StaffError(ValueError):
    pass


@dataclass(frozen=True)
class StaffActor:
    """The signed-in staff member, as services need them: every staff service takes one."""

    id: int
    name: str
    email: str
    role: Role

    @property
    def is_manager(self) -> bool:
        return self.role is Role.MANAGER


def add_staff(engine: Engine, *, email: str, name: str, role: str, password: str, title: str = "") -> StaffMember:
    try:
        address = validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise StaffError(f"Not a valid email address: {error}") from None
    if role not in {r.value for r in Role}:
        raise StaffError(f"Role must be one of: {', '.join(r.value for r in Role)}.")
    if not name.strip():
        raise StaffError("A name is required.")
    try:
        password_hash = hash_password(password)
    except ValueError as error:
        raise StaffError(str(error)) from None
    with write_session(engine) as session:
        member = session.exec(select(StaffMember).where(StaffMember.email == address)).first()
        if member is None:
            member = StaffMember(email=address, name=name.strip(), role=role, password_hash=password_hash)
        member.name, member.role, member.title = name.strip(), role, title.strip()
        member.password_hash, member.is_active = password_hash, True
        session.add(member)
        session.flush()
        session.refresh(member)
    return member
