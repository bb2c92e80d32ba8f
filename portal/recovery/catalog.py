"""Managers' settings: the remedy catalog, the approval policy and the owner's profile.

Every change is written to the audit log with who made it and the values before and after.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, TypeVar

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import Engine
from sqlmodel import col, select

from db.engine import read_session, write_session
from db.models import Business, RemedyOption
from portal.back_office.privacy import RETENTION_MAX_MONTHS
from portal.back_office.staff import StaffActor, require_manager
from portal.business import current_business
from portal.conversation.vocabulary import Category
from portal.errors import StaleCase
from portal.recovery import timeline
from portal.recovery.catalog_text import TRANSLATED_LANGUAGES, translation
from portal.recovery.money import checked_cents
from portal.recovery.remedies import RemedyKind, is_money
from portal.text import clean

TITLE_LIMIT = 200
DESCRIPTION_LIMIT = 1000
AUTO_AGREE_WINDOW_MAX_DAYS = 730
# The customers' languages as the staff side, in English, names them.
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "he": "Hebrew"}


MANAGERS_ONLY = "Only managers can change the remedy catalog and policy."


def all_remedies(engine: Engine) -> list[RemedyOption]:
    """The whole catalog, retired entries included, in the order customers see it."""
    with read_session(engine) as session:
        return list(
            session.exec(
                select(RemedyOption).order_by(
                    col(RemedyOption.is_gift), col(RemedyOption.sort_order), col(RemedyOption.id)
                )
            )
        )


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
    # The most it can cost (required for money: refunds and credits); pre-approved: agreed at once whatever it is.
    max_value_cents: int | None = None
    pre_approved: bool = False
    # What Spanish and Hebrew customers read instead of the title and description; blank: the English
    # (portal.recovery.catalog_text).
    title_es: str = ""
    description_es: str = ""
    title_he: str = ""
    description_he: str = ""

    def problems(self) -> list[str]:
        found = []
        if self.kind not in {k.value for k in RemedyKind}:
            found.append(f"Unknown kind {self.kind!r}.")
        if not self.title.strip():
            found.append("A title is required: it is what the customer reads.")
        for language in ("en", *TRANSLATED_LANGUAGES):
            title, description = translation(self, language)
            if len(title) > TITLE_LIMIT or len(description) > DESCRIPTION_LIMIT:
                found.append(
                    f"Keep the {LANGUAGE_NAMES[language]} title under {TITLE_LIMIT} and its description under "
                    f"{DESCRIPTION_LIMIT} characters."
                )
        found.extend(_amount_problem("The value", self.value_cents))
        found.extend(_amount_problem("The maximum value", self.max_value_cents))
        if is_money(self.kind) and self.max_value_cents is None:
            found.append(
                "Refunds and credits need a maximum value: it is what decides whether customers get it at "
                "once or staff look first."
            )
        value, maximum = self.value_cents, self.max_value_cents
        if value is not None and maximum is not None and value > maximum:
            found.append("The value cannot be more than the maximum value.")
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


_REMEDY_TEXTS = ("title", "description", "title_es", "description_es", "title_he", "description_he")

Form = TypeVar("Form", "RemedyDraft", "BusinessSettings")


def _cleaned(form: Form, names: tuple[str, ...]) -> Form:
    """``form`` with its free-text fields ``names`` cleaned (portal.text.clean); every other field as it was."""
    texts: dict[str, Any] = {name: clean(getattr(form, name)) for name in names}
    return replace(form, **texts)


def save_remedy(engine: Engine, actor: StaffActor, draft: RemedyDraft, option_id: int | None = None) -> RemedyOption:
    """Add a catalog entry, or change one. Entries are retired (is_active=False), never deleted,
    because past cases point at them."""
    draft = _cleaned(draft, _REMEDY_TEXTS)
    values: dict[str, Any] = {  # column values, one type per column
        "kind": draft.kind,
        "title": draft.title,
        "description": draft.description,
        "value_cents": draft.value_cents,
        "percent": draft.percent,
        "categories": ",".join(draft.categories),
        "is_gift": draft.kind == RemedyKind.GIFT,
        "is_active": draft.is_active,
        "sort_order": draft.sort_order,
        "max_value_cents": draft.max_value_cents,
        "pre_approved": draft.pre_approved,
        "title_es": draft.title_es,
        "description_es": draft.description_es,
        "title_he": draft.title_he,
        "description_he": draft.description_he,
    }
    with write_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)  # first: who may not change the catalog learns nothing more
        problems = draft.problems()
        if problems:
            raise ValueError(" ".join(problems))
        option = session.get(RemedyOption, option_id) if option_id is not None else RemedyOption(**values)
        if option is None:
            raise LookupError(f"No catalog entry {option_id}.")
        before = {k: getattr(option, k) for k in values} if option_id is not None else None
        for key, value in values.items():
            setattr(option, key, value)
        session.add(option)
        session.flush()
        timeline.record_setting(
            session,
            timeline.Kind.REMEDY_CHANGED if before else timeline.Kind.REMEDY_ADDED,
            timeline.staff_actor(actor.id),
            option_id=option.id,
            before=before,
            after=values,
        )
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
    # A refund is always among the customer's choices (portal.recovery.remedies.offers_for).
    refund_always_offered: bool = True
    # Personal data of cases settled this many months ago is erased by the worker (portal.back_office.privacy); None: kept.
    retention_months: int | None = None
    # What one customer, and one order, is agreed automatically within a window (portal.recovery.remedies.AutoPolicy).
    auto_agree_max_count: int = 2
    auto_agree_max_cents: int = 10000
    auto_agree_window_days: int = 90

    @classmethod
    def of(cls, business: Business) -> "BusinessSettings":
        return cls(**{f.name: getattr(business, f.name) for f in fields(cls)})

    def problems(self) -> list[str]:
        found = []
        for label, value in (
            ("business name", self.name),
            ("owner's name", self.owner_name),
            ("owner's role", self.owner_role),
        ):
            if not value.strip():
                found.append(f"The {label} is required.")
        try:
            validate_email(self.owner_email, check_deliverability=False)
        except EmailNotValidError:
            found.append("The owner's email address doesn't look right.")
        found.extend(_amount_problem("The auto-approve limit", self.auto_approve_limit_cents))
        found.extend(_amount_problem("The agents' limit", self.agent_approval_limit_cents))
        found.extend(_amount_problem("What one customer is agreed automatically", self.auto_agree_max_cents))
        if self.auto_agree_max_count < 0:
            found.append(
                "What one customer is agreed automatically cannot be negative (0 sends every choice to staff)."
            )
        if not 1 <= self.auto_agree_window_days <= AUTO_AGREE_WINDOW_MAX_DAYS:
            found.append(f"Count a customer's claims over 1 to {AUTO_AGREE_WINDOW_MAX_DAYS} days.")
        if not 1 <= self.followup_delay_days <= 14:
            found.append("The check-in delay must be between 1 and 14 days.")
        if self.retention_months is not None and not 1 <= self.retention_months <= RETENTION_MAX_MONTHS:
            found.append(
                f"Keep personal data between 1 and {RETENTION_MAX_MONTHS} months, or leave it empty to "
                "keep it until a manager erases it."
            )
        return found


def update_business(engine: Engine, actor: StaffActor, new: BusinessSettings, expected_version: int) -> Business:
    new = _cleaned(new, _PROFILE_TEXTS)
    with write_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)  # first: who may not change the policy learns nothing more
        problems = new.problems()
        if problems:
            raise ValueError(" ".join(problems))
        business = current_business(session)
        if business.version != expected_version:
            raise StaleCase("These settings were changed by someone else meanwhile. Please reload.")
        before = BusinessSettings.of(business)
        changed = {
            f.name: (getattr(before, f.name), getattr(new, f.name))
            for f in fields(new)
            if getattr(before, f.name) != getattr(new, f.name)
        }
        if not changed:
            return business
        for name, (_, value) in changed.items():
            setattr(business, name, value)
        business.version += 1
        session.add(business)
        timeline.record_setting(
            session,
            timeline.Kind.POLICY_CHANGED,
            timeline.staff_actor(actor.id),
            changes={k: {"from": a, "to": b} for k, (a, b) in changed.items()},
        )
    return business
