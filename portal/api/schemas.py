"""The API's requests and answers as pydantic models: FastAPI validates with them and writes the OpenAPI document
from them, so the document is the code."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from portal.i18n import LANGUAGES
from portal.recovery.journey import LIMITS
from portal.recovery.money import MAX_AMOUNT_CENTS
from portal.recovery.states import Status

Language = Literal["en", "es", "he"]
assert set(Language.__args__) == set(LANGUAGES)  # type: ignore[attr-defined]  # the document lists them all


class InviteIn(BaseModel):
    """A personal invite for one customer: every field optional but the email when the link is to be emailed."""

    model_config = ConfigDict(extra="forbid")

    customer_name: str = Field(
        "", max_length=LIMITS["name"], description="The customer's name, as they will be greeted"
    )
    email: str = Field("", max_length=LIMITS["email"], description="The customer's email address")
    order_ref: str = Field("", max_length=LIMITS["order_ref"], description="Your order or job reference")
    amount: float | None = Field(
        None,
        ge=0,
        le=MAX_AMOUNT_CENTS / 100,
        description="What the customer paid, in the currency's main unit (120.50): their "
        "details start with it, and a refund gives back no more",
    )
    language: Language = Field("en", description="The customer's language: the page and the email speak it")
    send_email: bool = Field(False, description="Email the link to the customer (needs email)")


class InviteCreated(BaseModel):
    id: int
    link: str = Field(
        description="The customer's personal link: send it however suits you. It is not stored, "
        "and only a retry with the same Idempotency-Key gets it again."
    )
    expires_at: datetime
    emailed: bool = Field(description="Whether the link is on its way to the customer by email")


class RemedyOut(BaseModel):
    kind: str = Field(description="refund, redo, replacement, credit, discount, ...")
    source: str = Field(description="catalog, proposal (the customer's own), counter, alternative, ...")
    state: str = Field(description="accepted, pending, approved, declined, offered, ...")
    amount_cents: int | None
    created_at: datetime
    description: str | None = Field(None, description="Its wording (with cases:read_personal only)")


class PersonalOut(BaseModel):
    """What the customer wrote or is: only for keys with cases:read_personal."""

    customer_name: str
    customer_email: str
    order_ref: str
    story: str
    bothered_most: str
    confirmed_paraphrase: str


class CaseOut(BaseModel):
    reference: str
    status: Status
    category: str
    language: str
    amount_cents: int | None = Field(description="The amount the customer gave, in cents")
    currency: str
    remedy: RemedyOut | None = Field(description="The remedy now: the latest that is not a gift or superseded")
    created_at: datetime
    updated_at: datetime
    first_response_at: datetime | None
    fulfilled_at: datetime | None
    closed_at: datetime | None
    first_response_due_at: datetime | None
    resolve_due_at: datetime | None
    erased: bool = Field(description="The customer's personal data was erased on request")
    personal: PersonalOut | None = Field(None, description="With cases:read_personal only")


class CasePage(BaseModel):
    items: list[CaseOut]
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null on the last")
    next: str | None = Field(description="The next page's path and query; null on the last")
