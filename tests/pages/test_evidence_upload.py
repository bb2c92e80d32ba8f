"""Attaching photos and PDFs on the step just before the remedies (AppTest uploads through the real st.file_uploader), and the
staff case page's Evidence section."""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, select
from streamlit.testing.v1 import AppTest

from db.models import Evidence
from portal.config import get_settings
from portal.recovery import journey
from portal.recovery.cases import RemedyChoice, submit_case
from portal.ui.widgets import escape_markdown
from tests.portal.test_evidence import (
    PLAIN_PDF,
    WINDOWS_PROGRAM,
    camera_exif,
    flat_png,
    photo,
)
from tests.portal.test_pdf_scan import OPEN_JAVASCRIPT, hidden, object_stream
from tests.support import (
    FURNACE_BOTHERED,
    FURNACE_STORY,
    click,
    drafted,
    invite_token,
    link_token,
    manager,
    open_page,
    page_words,
    rerun_in_fragment,
    staff_page,
    texts,
    unescaped,
)

JPEG = "image/jpeg"


ORDER = "WO-5512"


def evidence_step(store) -> AppTest:
    """A customer invited without an order number, on the order and photos step just before the remedies: the order
    number typed, not yet sent on."""
    at = open_page(token=invite_token(store, customer_name="Alex Rivera", email="alex.rivera@example.com"))
    click(at, "Tell us what happened")
    at.text_area(key="story_story").input(FURNACE_STORY)
    at.text_area(key="story_bothered").input(FURNACE_BOTHERED)
    click(at, "Continue")
    click(at, "Yes, that's right")
    click(at, "No, that's everything")
    click(at, "Continue")
    at.text_input(key="evidence_order").input(ORDER)
    return at.run()


def typed_order(at: AppTest) -> str | None:
    return at.text_input(key="evidence_order").value


def upload(at: AppTest, *files: tuple[str, bytes, str]) -> AppTest:
    at.file_uploader[0].set_value(list(files))
    at.run()
    assert not at.exception, at.exception
    return at


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def stored(store) -> list[Evidence]:
    with Session(store.engine) as session:
        return list(session.exec(select(Evidence).order_by(col(Evidence.id))).all())


def test_a_program_named_like_a_photo_is_refused_by_name_with_the_reason_and_the_story_stays(store, evidence_folder):
    at = upload(evidence_step(store), ("holiday.jpg", WINDOWS_PROGRAM, JPEG), ("door.jpg", photo(), JPEG))

    assert errors(at) == [
        escape_markdown(
            "holiday.jpg is not a photo or PDF (it looks like a Windows program). "
            "Please attach JPEG, PNG or WebP photos, or PDFs."
        )
    ]
    assert "door.jpg" in texts(at) and "holiday.jpg" not in texts(at)  # the good one is kept, and listed
    assert [row.original_name for row in stored(store)] == ["door.jpg"]
    assert typed_order(at) == ORDER  # nothing typed is lost
    assert at.file_uploader[0].value == []  # a fresh uploader: the list shows what we keep

    click(at, "Continue")
    assert drafted(at).step is journey.Step.REMEDY


def test_files_of_any_name_reach_the_check_and_each_gets_its_own_reason(store, evidence_folder):
    at = upload(
        evidence_step(store),
        ("setup.exe", WINDOWS_PROGRAM, "application/x-msdownload"),
        ("notes.docx", b"PK\x03\x04" + b"\x00" * 100, "application/octet-stream"),
        ("IMG_1234.HEIC", b"\x00\x00\x00\x18ftypheic" + b"\x00" * 100, "image/heic"),
    )

    assert errors(at) == [
        escape_markdown(message)
        for message in (
            "setup.exe is not a photo or PDF (it looks like a Windows program). "
            "Please attach JPEG, PNG or WebP photos, or PDFs.",
            "notes.docx is not a photo or PDF (it looks like a ZIP archive or an Office document). "
            "Please attach JPEG, PNG or WebP photos, or PDFs.",
            "IMG_1234.HEIC is not a photo or PDF (it is an HEIC photo, which we cannot open; please send it as JPEG). "
            "Please attach JPEG, PNG or WebP photos, or PDFs.",
        )
    ]
    assert stored(store) == []


def test_an_oversize_file_is_refused_with_its_size_and_the_limit(store, evidence_folder, monkeypatch):
    monkeypatch.setenv("PORTAL_EVIDENCE_MAX_MB", "0.5")
    get_settings.cache_clear()
    scan = PLAIN_PDF[:-6] + b"%" + b"x" * 700_000 + b"\n%%EOF\n"

    at = upload(evidence_step(store), ("scan.pdf", scan, "application/pdf"))

    assert errors(at) == [escape_markdown("scan.pdf is 0.7 MB; the limit is 0.5 MB. Please send a smaller file.")]
    assert stored(store) == [] and typed_order(at) == ORDER
    assert "0.5 MB each" in page_words(at)  # the limit was said before they tried


@pytest.mark.parametrize(
    "language, message",
    [
        (
            "en",
            "plan.png has more than 25 megapixels, too many for us to open. Please send a smaller photo, or a "
            "screenshot of it.",
        ),
        (
            "es",
            "plan.png tiene más de 25 megapíxeles, demasiados para que podamos abrirla. Envíe una foto más pequeña, "
            "o una captura de pantalla de ella.",
        ),
        (
            "he",
            "בקובץ plan.png יש יותר מ-25 מגה-פיקסל, יותר מדי בשבילנו כדי לפתוח אותו. נא לשלוח תמונה קטנה יותר, או "
            "צילום מסך שלה.",
        ),
    ],
)
def test_a_photo_with_too_many_pixels_is_refused_saying_the_limit_in_the_customers_language(
    store, evidence_folder, language, message
):
    at = evidence_step(store)
    at.selectbox(key="language").set_value(language).run()
    at = upload(at, ("plan.png", flat_png(8900, 8900), "image/png"))
    assert [unescaped(error) for error in errors(at)] == [message]  # as it reads (a Hebrew page isolates the values)
    assert stored(store) == [] and typed_order(at) == ORDER


def test_a_pdf_hiding_a_script_in_a_compressed_object_stream_is_refused_saying_why(store, evidence_folder):
    at = upload(evidence_step(store), ("invoice.pdf", hidden(object_stream(OPEN_JAVASCRIPT)), "application/pdf"))
    assert errors(at) == [
        escape_markdown(
            "invoice.pdf contains links, scripts or embedded files, which we cannot "
            "accept. Please send a photo or a screenshot of it instead."
        )
    ]
    assert stored(store) == [] and typed_order(at) == ORDER


def test_a_damaged_photo_and_a_hostile_file_name_are_reported_literally(store, evidence_folder):
    at = upload(
        evidence_step(store), ("[click me](javascript:alert(1)) **now**.jpg", b"\xff\xd8\xff\xe0junk" * 40, JPEG)
    )

    [message] = errors(at)
    assert message == escape_markdown(
        "[click me](javascript:alert(1)) **now**.jpg could not be opened: it may be "
        "damaged. Please try saving it again."
    )


def test_attached_files_are_listed_and_can_be_removed_before_sending(store, evidence_folder):
    at = upload(evidence_step(store), ("door.jpg", photo(), JPEG), ("invoice.pdf", PLAIN_PDF, "application/pdf"))
    assert errors(at) == [] and {"door.jpg", "invoice.pdf"} <= set(texts(at))
    assert len([b for b in at.button if b.label == "Remove"]) == 2

    [b for b in at.button if b.label == "Remove"][0].click()
    at.run()

    assert "door.jpg" not in texts(at) and "invoice.pdf" in texts(at)
    assert [row.original_name for row in stored(store)] == ["invoice.pdf"]
    assert not list(evidence_folder.rglob("*.jpg"))  # the photo and its thumbnail are gone from the disk too
    assert typed_order(at) == ORDER


def test_a_file_attached_draws_the_step_again_not_the_page_around_it(store, evidence_folder):
    """In a browser the uploader reruns the conversation's fragment alone; once the file is kept, that fragment
    draws the step again with it. The page around it (the language switch, app.py's navigation) stays as drawn."""
    at = evidence_step(store)
    at.file_uploader[0].set_value([("door.jpg", photo(), JPEG)])
    rerun_in_fragment(at)

    assert "door.jpg" in texts(at) and [row.original_name for row in stored(store)] == ["door.jpg"]
    assert len(at.file_uploader) == 1 and not at.file_uploader[0].value  # a fresh uploader, empty
    assert not at.selectbox  # the language switch, outside the fragment, was not drawn again


def test_at_the_limit_the_uploader_gives_way_to_a_notice(store, evidence_folder, monkeypatch):
    monkeypatch.setenv("PORTAL_EVIDENCE_MAX_FILES", "2")
    get_settings.cache_clear()

    at = upload(
        evidence_step(store),
        ("a.jpg", photo(colour="red"), JPEG),
        ("b.jpg", photo(colour="blue"), JPEG),
        ("c.jpg", photo(colour="green"), JPEG),
    )

    assert errors(at) == [
        escape_markdown("c.jpg was not attached: you can attach up to 2 files. Remove one to make room.")
    ]
    assert len(stored(store)) == 2 and len(at.file_uploader) == 0
    assert at.info[0].value == "You have attached 2 files, the most we can take. Remove one to attach another."


def test_files_reach_the_case_and_staff_see_thumbnails_and_names_as_plain_text(store, evidence_folder):
    at = upload(
        evidence_step(store),
        ("IMG_0042 *kitchen*.jpg", photo(exif=camera_exif()), JPEG),
        ("invoice.pdf", PLAIN_PDF, "application/pdf"),
    )
    click(at, "Continue")
    draft = drafted(at)  # on to the remedies: the rest has its own tests, so submit directly
    receipt = submit_case(
        store.engine,
        draft,
        RemedyChoice(proposal_text="Refund the visit", proposal_amount_cents=40000),
        invite_token=link_token(at),
    )

    staff = staff_page("screens/case.py", manager(store), id=str(receipt.case_id))

    assert not staff.exception, staff.exception
    assert "Evidence" in [h.value for h in staff.header]
    assert {"IMG_0042 *kitchen*.jpg", "invoice.pdf"} <= set(texts(staff))  # as the customer named them, literally
    assert len(staff.get("image")) == 1  # the photo's thumbnail; the PDF has none
    assert len(staff.get("download_button")) == 2  # every original, the PDF included


def test_without_signing_in_staff_see_no_evidence(store, evidence_folder):
    at = upload(evidence_step(store), ("door.jpg", photo(), JPEG))
    click(at, "Continue")
    draft = drafted(at)
    receipt = submit_case(
        store.engine,
        draft,
        RemedyChoice(proposal_text="Refund", proposal_amount_cents=40000),
        invite_token=link_token(at),
    )

    staff = staff_page("screens/case.py", None, id=str(receipt.case_id))

    assert staff.title[0].value == "Staff sign-in"
    assert "door.jpg" not in texts(staff) and not staff.get("image")
