"""Evidence: files judged by content not name, limits, metadata stripped, thumbnails, attach at submit,
orphans cleaned up, and files deleted only when their rows are."""

from __future__ import annotations

import io
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image, ImageFile
from sqlmodel import Session, col, select

from db.engine import write_session
from db.models import Evidence, utcnow
from portal.config import get_settings
from portal.delivery import worker
from portal.recovery import evidence
from portal.recovery.cases import RemedyChoice, submit_case
from portal.recovery.evidence import EvidenceRejected, Reason
from tests.support import ready_draft

WINDOWS_PROGRAM = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"This program cannot be run in DOS mode"
)
WEB_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
PLAIN_PDF = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
)


def photo(
    size: tuple[int, int] = (1200, 800), colour: str = "teal", fmt: str = "JPEG", exif: bytes | None = None
) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGBA" if fmt == "PNG" else "RGB", size, colour)
    image.save(out, format=fmt, **({"exif": exif} if exif else {}))
    return out.getvalue()


def camera_exif() -> bytes:
    """What a phone writes: camera make and model, a time, the GPS position, and 'turn me 90 degrees'."""
    exif = Image.Exif()
    exif[0x010F] = "SpyPhone Inc"  # Make
    exif[0x0110] = "SpyPhone 15"  # Model
    exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise to view
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (51.0, 30.0, 26.0)
    gps[3], gps[4] = "W", (0.0, 7.0, 39.0)
    return exif.tobytes()


def files_in(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def rows(engine) -> list[Evidence]:
    with Session(engine) as session:
        return list(session.exec(select(Evidence).order_by(col(Evidence.id))).all())


def refused(engine, key: str, name: str, data: bytes) -> evidence.Rejection:
    with pytest.raises(EvidenceRejected) as caught:
        evidence.store(engine, key, name, data)
    return caught.value.rejection


# --- what is accepted: by content, never by name -------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "looks_like"),
    [
        (WINDOWS_PROGRAM, "windows_program"),
        (WEB_PAGE, "web_page"),
        (b"GIF89a" + b"\x00" * 64, "gif"),
        (b"PK\x03\x04" + b"\x00" * 64, "archive"),
    ],
)
def test_a_file_renamed_to_jpg_is_refused_for_what_it_really_is(store, evidence_folder, content, looks_like):
    rejection = refused(store.engine, "k1", "holiday.jpg", content)

    assert rejection.reason is Reason.NOT_ALLOWED and rejection.looks_like == looks_like
    assert rows(store.engine) == [] and files_in(evidence_folder) == []


def test_a_jpeg_signature_with_a_garbage_body_is_refused_as_damaged(store, evidence_folder):
    fake = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"not really a photo " * 50
    truncated = photo()[:600]

    assert refused(store.engine, "k1", "fake.jpg", fake).reason is Reason.DAMAGED
    assert refused(store.engine, "k1", "cut.jpg", truncated).reason is Reason.DAMAGED
    assert refused(store.engine, "k1", "cut.png", photo(fmt="PNG")[:100]).reason is Reason.DAMAGED
    assert rows(store.engine) == [] and files_in(evidence_folder) == []


def test_a_photo_named_pdf_is_still_a_photo(store, evidence_folder):
    stored = evidence.store(store.engine, "k1", "receipt.pdf", photo()).item
    assert stored.content_type == "image/jpeg" and stored.download_name == "receipt.jpg"


def test_a_small_file_that_unpacks_into_a_huge_picture_is_refused_before_decoding(store, evidence_folder):
    out = io.BytesIO()
    Image.new("1", (10_000, 9_000)).save(out, format="PNG")  # 90 million pixels in a few kilobytes
    assert len(out.getvalue()) < 100_000

    assert refused(store.engine, "k1", "bomb.png", out.getvalue()).reason is Reason.TOO_MANY_PIXELS


def flat_png(width: int, height: int) -> bytes:
    """A photo of one colour: a few hundred kilobytes, however many pixels it holds."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def decoding(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many photos were being decoded at once, at each decoding (each takes a little while here)."""
    seen: list[int] = []
    now = [0]
    lock = threading.Lock()
    load = ImageFile.ImageFile.load

    def slow_load(image):
        with lock:
            now[0] += 1
            seen.append(now[0])
        try:
            time.sleep(0.05)
            return load(image)
        finally:
            with lock:
                now[0] -= 1

    monkeypatch.setattr(ImageFile.ImageFile, "load", slow_load)
    return seen


def test_a_png_of_8900_by_8900_pixels_is_refused_from_its_header_without_decoding_it(decoding):
    """The one that took the server from 346 MB to 1.7 GB: 79 megapixels in a quarter of a megabyte."""
    data = flat_png(8900, 8900)
    assert len(data) < 400_000
    with pytest.raises(EvidenceRejected) as refusal:
        evidence.examine(data, 50 * evidence.MB)
    assert refusal.value.rejection.reason is Reason.TOO_MANY_PIXELS
    assert decoding == []  # refused from the header alone


def test_the_pixel_limit_is_about_25_megapixels(decoding):
    with pytest.raises(EvidenceRejected):
        evidence.examine(flat_png(5001, 5000), 50 * evidence.MB)
    assert decoding == []
    assert evidence.MAX_PIXELS == 25_000_000


def test_a_48_megapixel_phone_jpeg_decodes_at_half_size_and_is_kept(decoding):
    """A JPEG decodes at 1/2, 1/4 or 1/8 of its size when that is still at least MAX_SIDE: what counts is what
    is decoded."""
    kept = evidence.examine(photo(size=(8000, 6000)), 50 * evidence.MB)
    assert (kept.width, kept.height) == (4000, 3000)


def test_photos_are_decoded_one_at_a_time(decoding):
    with ThreadPoolExecutor(max_workers=3) as pool:
        list(pool.map(lambda n: evidence.examine(photo(colour=("teal", "red", "navy")[n]), evidence.MB), range(3)))
    assert len(decoding) >= 3 and max(decoding) == 1


def test_an_empty_file_is_refused(store, evidence_folder):
    assert refused(store.engine, "k1", "empty.jpg", b"").reason is Reason.EMPTY


# --- limits --------------------------------------------------------------------------------------------------


def test_a_file_over_the_configured_size_is_refused_with_its_size_and_the_limit(store, evidence_folder, monkeypatch):
    monkeypatch.setenv("PORTAL_EVIDENCE_MAX_MB", "0.5")
    get_settings.cache_clear()
    big = PLAIN_PDF[:-6] + b"%" + b"x" * 600_000 + b"\n%%EOF\n"

    rejection = refused(store.engine, "k1", "scan.pdf", big)

    assert rejection.reason is Reason.TOO_LARGE
    assert (rejection.size_bytes, rejection.limit_bytes) == (len(big), 512 * 1024)
    assert evidence.megabytes(rejection.size_bytes) == 0.6  # rounded up: never shown as the limit itself
    assert rows(store.engine) == [] and files_in(evidence_folder) == []
    assert evidence.store(store.engine, "k1", "small.pdf", PLAIN_PDF).item.size_bytes == len(PLAIN_PDF)


def test_the_sixth_file_is_refused_and_removing_one_makes_room(store, evidence_folder):
    colours = ["red", "green", "blue", "yellow", "purple", "orange"]
    kept = [evidence.store(store.engine, "k1", f"{c}.jpg", photo(colour=c)).item for c in colours[:5]]

    rejection = refused(store.engine, "k1", "orange.jpg", photo(colour="orange"))

    assert rejection.reason is Reason.TOO_MANY and rejection.limit_files == 5
    assert len(rows(store.engine)) == 5
    assert evidence.store(store.engine, "other story", "orange.jpg", photo(colour="orange")).item  # per story
    assert evidence.remove(store.engine, "k1", kept[0].id)
    assert evidence.store(store.engine, "k1", "orange.jpg", photo(colour="orange")).item.original_name == "orange.jpg"


def test_the_same_photo_twice_is_kept_once(store, evidence_folder):
    first = evidence.store(store.engine, "k1", "a.jpg", photo())
    again = evidence.store(store.engine, "k1", "a copy.jpg", photo())

    assert (first.duplicate, again.duplicate, again.item.id) == (False, True, first.item.id)
    assert len(rows(store.engine)) == 1 and len(files_in(evidence_folder)) == 2  # the photo and its thumbnail


# --- what is stored ------------------------------------------------------------------------------------------


def test_gps_position_and_camera_details_are_gone_and_the_photo_stands_upright(store, evidence_folder):
    original = photo(size=(1200, 800), exif=camera_exif())
    assert b"SpyPhone" in original and Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)

    item = evidence.store(store.engine, "k1", "IMG_0042.jpg", original).item
    kept = evidence.original(item)

    reopened = Image.open(io.BytesIO(kept))
    assert dict(reopened.getexif()) == {} and not reopened.getexif().get_ifd(0x8825)
    assert b"SpyPhone" not in kept and b"Exif\x00\x00" not in kept
    assert "exif" not in reopened.info and "xmp" not in reopened.info
    assert reopened.size == (800, 1200) == (item.width, item.height)  # turned as the orientation tag said
    row = rows(store.engine)[0]
    assert row.original_name == "IMG_0042.jpg" and row.content_type == "image/jpeg"
    assert "IMG_0042" not in row.path and row.size_bytes == len(kept)


def test_huge_photos_are_scaled_down_and_every_photo_gets_a_small_thumbnail(store, evidence_folder):
    item = evidence.store(store.engine, "k1", "wide.png", photo(size=(6000, 1500), fmt="PNG")).item

    assert (item.width, item.height) == (4000, 1000) and item.content_type == "image/png"
    thumbnail = Image.open(io.BytesIO(item.thumbnail or b""))
    assert thumbnail.format == "JPEG" and max(thumbnail.size) == 320
    row = rows(store.engine)[0]
    assert row.thumb_path and (evidence_folder / row.thumb_path).read_bytes() == item.thumbnail


def test_a_pdf_is_kept_byte_for_byte_without_a_thumbnail(store, evidence_folder):
    item = evidence.store(store.engine, "k1", "invoice.pdf", PLAIN_PDF).item

    assert item.content_type == "application/pdf" and item.thumbnail is None
    assert evidence.original(item) == PLAIN_PDF and rows(store.engine)[0].thumb_path is None


@pytest.mark.parametrize(
    "active",
    [
        b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
        b"/OpenAction << /S /Launch /F (cmd.exe) >>",
        b"/Names << /J#61vaScript 3 0 R >>",
    ],
)  # an escaped name is the same name
def test_a_pdf_that_runs_something_when_opened_is_refused(store, evidence_folder, active):
    hostile = PLAIN_PDF.replace(b"/Pages 2 0 R", b"/Pages 2 0 R " + active)

    assert refused(store.engine, "k1", "invoice.pdf", hostile).reason is Reason.ACTIVE_PDF


def test_a_cut_off_pdf_is_refused_as_damaged(store, evidence_folder):
    assert refused(store.engine, "k1", "half.pdf", PLAIN_PDF[:60]).reason is Reason.DAMAGED


def test_the_file_name_is_kept_as_text_without_folders_or_hidden_characters(store, evidence_folder):
    item = evidence.store(store.engine, "k1", "C:\\Users\\alex\\..\\rece\u202eipt.jpg", photo()).item

    assert item.original_name == "receipt.jpg"
    assert evidence.clean_name("../../etc/passwd") == "passwd" and evidence.clean_name("...") == "file"
    assert len(evidence.clean_name("x" * 300 + ".jpeg")) == evidence.NAME_LIMIT
    assert evidence.clean_name("x" * 300 + ".jpeg").endswith(".jpeg")


def test_a_stored_path_cannot_point_outside_the_evidence_folder(store, evidence_folder):
    item = evidence.store(store.engine, "k1", "a.jpg", photo()).item
    with pytest.raises(ValueError):
        evidence.original(evidence.EvidenceItem(**{**item.__dict__, "path": "../../amends.db"}))


# --- the story becomes a case --------------------------------------------------------------------------------


def _submit(engine, draft):
    return submit_case(
        engine,
        draft,
        RemedyChoice(proposal_text="Refund the visit", proposal_amount_cents=40000),
        trusted_caller="tests",
    )


def test_files_are_attached_to_the_case_when_the_story_is_sent_and_staff_see_them(store, evidence_folder):
    draft = ready_draft()
    evidence.store(store.engine, draft.submission_key, "door.jpg", photo())
    evidence.store(store.engine, draft.submission_key, "invoice.pdf", PLAIN_PDF)
    evidence.store(store.engine, "someone else's story", "theirs.jpg", photo(colour="pink"))

    receipt = _submit(store.engine, draft)
    again = _submit(store.engine, draft)  # a double click: the same case, nothing attached twice

    assert again.case_id == receipt.case_id and not again.created
    shown = evidence.for_case(store.engine, receipt.case_id)
    assert [(i.original_name, i.is_image, i.available) for i in shown] == [
        ("door.jpg", True, True),
        ("invoice.pdf", False, True),
    ]
    assert shown[0].thumbnail and shown[1].thumbnail is None
    assert evidence.pending(store.engine, draft.submission_key) == []
    assert not evidence.remove(store.engine, draft.submission_key, shown[0].id)  # sent: no longer the customer's
    assert len(evidence.for_case(store.engine, receipt.case_id)) == 2


def test_the_worker_deletes_files_of_stories_never_sent_after_a_day(store, evidence_folder):
    settings = get_settings()
    sent = ready_draft()
    evidence.store(store.engine, sent.submission_key, "sent.jpg", photo(colour="red"))
    case_id = _submit(store.engine, sent).case_id
    evidence.store(store.engine, "abandoned", "old.jpg", photo(colour="blue"), now=utcnow() - timedelta(hours=25))
    evidence.store(store.engine, "abandoned", "old.pdf", PLAIN_PDF, now=utcnow() - timedelta(hours=25))
    evidence.store(store.engine, "still typing", "new.jpg", photo(colour="green"))
    assert len(files_in(evidence_folder)) == 2 + 3 + 2

    report = worker.run_once(store.engine, settings)

    assert report.evidence_removed == 2 and "unsent attachments deleted: 2" in report.summary()
    assert sorted(r.original_name for r in rows(store.engine)) == ["new.jpg", "sent.jpg"]
    assert len(files_in(evidence_folder)) == 4  # two photos, two thumbnails: the old ones' files are gone
    assert all(i.available for i in evidence.for_case(store.engine, case_id))
    assert worker.run_once(store.engine, settings).evidence_removed == 0


def test_erasing_a_case_deletes_its_files_once_the_transaction_commits(store, evidence_folder):
    draft = ready_draft()
    evidence.store(store.engine, draft.submission_key, "door.jpg", photo())
    case_id = _submit(store.engine, draft).case_id

    with pytest.raises(RuntimeError), write_session(store.engine) as session:
        assert evidence.delete_for_case(session, case_id) == 1
        raise RuntimeError("the erasure failed halfway")
    assert len(files_in(evidence_folder)) == 2 and len(rows(store.engine)) == 1  # rolled back: nothing lost

    with write_session(store.engine) as session:
        assert evidence.delete_for_case(session, case_id) == 1
    assert files_in(evidence_folder) == [] and rows(store.engine) == []
