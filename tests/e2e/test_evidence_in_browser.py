"""Attaching files in a real browser: Streamlit's uploader hands every file to the order and photos step (no type or
size filter in the browser below twice our limit), a program named like a photo is refused by name with the
reason, the photo is kept and listed, an oversize file is refused with its size, and what was typed stays."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlmodel import Session, select

from db.models import Evidence
from portal.config import get_settings
from portal.recovery import evidence
from portal.recovery.cases import RemedyChoice, submit_case
from tests.e2e.ui import (
    confirm_email,
    expect_value,
    give_contact,
    press,
    see,
    settle,
    sign_in,
    type_into,
    visible_text,
)
from tests.support import ready_draft

pytestmark = pytest.mark.browser

PLAIN_PDF = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
)

STORY = "The plumber left water all over the kitchen floor. See the photo."
BOTHERED = "Your plumber left water all over my kitchen floor"
ORDER = "WO-3390"
ORDER_LABEL = "Order or reference (optional)"


def reach_evidence(customer, engine, email: str) -> None:
    """Tell the story on the public link, confirm the email and the paraphrase, nothing more, no details: the order
    and photos step, its order number typed."""
    customer.goto("/")
    see(customer, "Northwind Home Services", timeout=30_000)  # the first page of a fresh server can be slow
    press(customer, "Tell us what happened")
    see(customer, "Your story")
    type_into(customer, "What happened?", STORY)
    type_into(customer, "What bothered you most?", BOTHERED)
    press(customer, "Continue")
    give_contact(customer, email)
    confirm_email(customer, engine, email)
    press(customer, "Yes, that's right")
    press(customer, "No, that's everything")
    see(customer, "A few details")
    press(customer, "Continue")
    see(customer, "Anything to show us?")
    type_into(customer, ORDER_LABEL, ORDER)
    settle(customer)


def photo_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SpyPhone Inc"
    exif.get_ifd(0x8825)[2] = (51.0, 30.0, 26.0)
    out = io.BytesIO()
    Image.new("RGB", (900, 600), "navy").save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_a_spoofed_file_is_refused_the_photo_is_kept_and_what_was_typed_stays(server, new_page, shot):
    customer = new_page()
    reach_evidence(customer, server.store.engine, "jo@example.com")

    customer.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        [
            {"name": "holiday.jpg", "mimeType": "image/jpeg", "buffer": b"MZ\x90\x00" + b"\x00" * 400},
            {"name": "kitchen floor.jpg", "mimeType": "image/jpeg", "buffer": photo_with_gps()},
            {
                "name": "notes.docx",
                "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "buffer": b"PK\x03\x04" + b"\x00" * 100,
            },  # no browser-side type filter: our sentence, not a red icon
        ]
    )

    see(customer, "holiday.jpg is not a photo or PDF (it looks like a Windows program).")
    see(customer, "notes.docx is not a photo or PDF (it looks like a ZIP archive or an Office document).")
    see(customer, "kitchen floor.jpg")
    settle(customer)
    shot(customer, "refused-and-kept")
    expect_value(customer, ORDER_LABEL, ORDER)
    with Session(server.store.engine) as session:
        rows = session.exec(select(Evidence).where(Evidence.original_name == "kitchen floor.jpg")).all()
    assert [(r.content_type, r.width, r.height, r.case_id) for r in rows] == [("image/jpeg", 900, 600, None)]

    customer.get_by_role("button", name="Remove").click()
    settle(customer)
    assert "kitchen floor.jpg" not in visible_text(customer)
    expect_value(customer, ORDER_LABEL, ORDER)


def test_a_file_over_the_limit_is_refused_with_its_size_and_the_limit(server, new_page, shot):
    customer = new_page()
    reach_evidence(customer, server.store.engine, "big@example.com")
    see(customer, "10 MB each")
    big = b"%PDF-1.4\n%" + b"x" * (11 * 1024 * 1024) + b"\n%%EOF\n"

    customer.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        [{"name": "big scan.pdf", "mimeType": "application/pdf", "buffer": big}]
    )

    see(customer, "big scan.pdf is 11.1 MB; the limit is 10 MB. Please send a smaller file.")
    shot(customer, "too-big")
    assert "per file" not in visible_text(customer)  # the uploader's own hint (its 50 MB ceiling) is hidden
    expect_value(customer, ORDER_LABEL, ORDER)
    with Session(server.store.engine) as session:
        assert session.exec(select(Evidence).where(Evidence.original_name == "big scan.pdf")).all() == []


def test_staff_see_the_thumbnails_and_download_the_original(server, new_page, shot, monkeypatch):
    monkeypatch.setenv("PORTAL_EVIDENCE_DIR", str(server.store.evidence_dir))  # the served app's folder
    get_settings.cache_clear()
    draft = ready_draft(name="Jo Evidence", email="jo.evidence@example.com")
    evidence.store(server.store.engine, draft.submission_key, "kitchen floor.jpg", photo_with_gps())
    evidence.store(server.store.engine, draft.submission_key, "invoice <march>.pdf", PLAIN_PDF)
    case_id = submit_case(
        server.store.engine,
        draft,
        RemedyChoice(proposal_text="Pay for the cleaning", proposal_amount_cents=12_000),
        trusted_caller="e2e test",
    ).case_id
    logins = server.store.logins

    staff = new_page()
    staff.goto(f"/case?id={case_id}")  # the case page asks for the sign-in itself, then shows the case
    see(staff, "Staff sign-in", timeout=30_000)
    sign_in(staff, logins.staff_email, logins.staff_password)

    see(staff, "Evidence")
    see(staff, "invoice <march>.pdf")  # the customer's file name, as plain text
    settle(staff, 500)
    shot(staff, "staff-evidence")
    thumbnails = staff.locator('[data-testid="stImage"] img')
    assert thumbnails.count() == 1
    assert thumbnails.first.evaluate("img => img.naturalWidth") == 320
    with staff.expect_download() as download:
        staff.get_by_role("button", name="Download").first.click()
    saved = download.value.path().read_bytes()
    assert download.value.suggested_filename == "kitchen floor.jpg"
    assert b"SpyPhone" not in saved and Image.open(io.BytesIO(saved)).size == (900, 600)
