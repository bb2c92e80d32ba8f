"""Managers' settings: the remedy catalog, the approval policy and the owner's profile.

Every change is written to the audit log with who made it and the values before and after.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import Engine
from sqlmodel import select

from db.engine import read_session, write_session
from db.models import Business, RemedyOption
from portal import timeline
from portal.classify import Category
from portal.errors import NotAllowed, StaleCase
from portal.money import checked_cents
from portal.privacy import RETENTION_MAX_MONTHS
from portal.remedies import RemedyKind
from portal.staff import StaffActor
from portal.text import clean

TITLE_LIMIT = 200
DESCRIPTION_LIMIT = 1000


def _require_manager(actor: StaffActor) -> None:
    if not actor.is_manager:
        raise NotAllowed("Only managers can change the remedy catalog and policy.")


def all_remedies(engine: Engine) -> list[RemedyOption]:
    """The whole catalog, retired entries included, in the order customers see it."""
    with read_session(engine) as session:
        return list(session.exec(select(RemedyOption).order_by(RemedyOption.is_gift, RemedyOption.sort_order,
                                                               RemedyOption.id)))


@dataclass(frozen=True)
class RemedyDraft:
    kind: str
    title: str
    description: str = ""
    value_cents: int | None = None
    percent: int | None = None
    categories: tuple[str, ...] = ()
    is_active: bool = True
    sort_order: int = 0

    def problems(self) -> list[str]:
        found = []
        if self.kind not in {k.value for k in RemedyKind}:
            found.append(f"Unknown kind {self.kind!r}.")
        if not self.title.strip():
            found.append("A title is required: it is what the customer reads.")
        if len(self.title) > TITLE_LIMIT or len(self.description) > DESCRIPTION_LIMIT:
            found.append(f"Keep the title under {TITLE_LIMIT} and the description under {DESCRIPTION_LIMIT} characters.")
        found.extend(_amount_problem("The value", self.value_cents))
        if self.percent is not None and not 1 <= self.percent <= 100:
            found.append("A percentage must be between 1 and 100.")
        unknown = set(self.categories) - {c.value for c in Category}
        if unknown:
            found.append(f"Unknown categories: {', '.join(sorted(unknown))}.")
        return found


def _amount_problem(what: str, cents: int | None) -> list[str]:
    """What is wrong with an amount of the catalog or the policy, in the words of the one range check."""
    try:
        checked_cents(cents)
    except ValueError as problem:
        return [f"{what}: {problem}"]
    return []


def save_remedy(engine: Engine, actor: StaffActor, draft: RemedyDraft, option_id: int | None = None) -> RemedyOption:
    """Add a catalog entry, or change one. Entries are retired (is_active=False), never deleted,
    because past cases point at them."""
    _require_manager(actor)
    draft = replace(draft, title=clean(draft.title), description=clean(draft.description))
    problems = draft.problems()
    if problems:
        raise ValueError(" ".join(problems))
    values = {
        "kind": draft.kind, "title": draft.title, "description": draft.description,
        "value_cents": draft.value_cents, "percent": draft.percent, "categories": ",".join(draft.categories),
        "is_gift": draft.kind == RemedyKind.GIFT, "is_active": draft.is_active, "sort_order": draft.sort_order,
    }
    with write_session(engine) as session:
        option = session.get(RemedyOption, option_id) if option_id is not None else RemedyOption(**values)
        if option is None:
            raise LookupError(f"No catalog entry {option_id}.")
        before = {k: getattr(option, k) for k in values} if option_id is not None else None
        for key, value in values.items():
            setattr(option, key, value)
        session.add(option)
        session.flush()
        timeline.record_setting(session, "remedy_changed" if before else "remedy_added",
                                timeline.staff_actor(actor.id), option_id=option.id, before=before, after=values)
    return option


_PROFILE_TEXTS = ("name", "owner_name", "owner_role", "owner_email", "owner_phone")


@dataclass(frozen=True)
class BusinessSettings:
    """What managers may change about the business; money in cents."""

    name: str
    owner_name: str
    owner_role: str
    owner_email: str
    owner_phone: str
    auto_approve_limit_cents: int
    agent_approval_limit_cents: int
    followup_delay_days: int
    # A refund is always among the customer's choices (portal.remedies.offers_for).
    refund_always_offered: bool = True
    # Personal data of cases settled this many months ago is erased by the worker (portal.privacy); None: kept.
    retention_months: int | None = None

    @classmethod
    def of(cls, business: Business) -> "BusinessSettings":
        return cls(**{f.name: getattr(business, f.name) for f in fields(cls)})

    def problems(self) -> list[str]:
        found = []
        for label, value in (("business name", self.name), ("owner's name", self.owner_name),
                             ("owner's role", self.owner_role)):
            if not value.strip():
                found.append(f"The {label} is required.")
        try:
            validate_email(self.owner_email, check_deliverability=False)
        except EmailNotValidError:
            found.append("The owner's email address doesn't look right.")
        found.extend(_amount_problem("The auto-approve limit", self.auto_approve_limit_cents))
        found.extend(_amount_problem("The agents' limit", self.agent_approval_limit_cents))
        if not 1 <= self.followup_delay_days <= 14:
            found.append("The check-in delay must be between 1 and 14 days.")
        if self.retention_months is not None and not 1 <= self.retention_months <= RETENTION_MAX_MONTHS:
            found.append(f"Keep personal data between 1 and {RETENTION_MAX_MONTHS} months, or leave it empty to "
                         "keep it until a manager erases it.")
        return found


def update_business(engine: Engine, actor: StaffActor, new: BusinessSettings, expected_version: int) -> Business:
    _require_manager(actor)
    new = replace(new, **{name: clean(getattr(new, name)) for name in _PROFILE_TEXTS})
    problems = new.problems()
    if problems:
        raise ValueError(" ".join(problems))
    with write_session(engine) as session:
        business = session.exec(select(Business).order_by(Business.id)).one()
        if business.version != expected_version:
            raise StaleCase("These settings were changed by someone else meanwhile. Please reload.")
        before = BusinessSettings.of(business)
        changed = {f.name: (getattr(before, f.name), getattr(new, f.name)) for f in fields(new)
                   if getattr(before, f.name) != getattr(new, f.name)}
        if not changed:
            return business
        for name, (_, value) in changed.items():
            setattr(business, name, value)
        business.version += 1
        session.add(business)
        timeline.record_setting(session, "policy_changed", timeline.staff_actor(actor.id),
                                changes={k: {"from": a, "to": b} for k, (a, b) in changed.items()})
    return business
