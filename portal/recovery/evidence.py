"""Evidence: the photos and PDFs a customer attaches to their story.

What arrives is judged by its content, never by its name or the type the browser claims: the first bytes
must be a JPEG, PNG or WebP photo or a PDF, and a photo must really decode. Photos are then drawn afresh
(turned upright, at most ``MAX_SIDE`` pixels a side) and saved without any of the original's metadata:
no EXIF (camera, time, GPS position), no XMP, no comments; only the colour profile stays, so colours look
right. A small JPEG thumbnail is made at the same time for the staff case page. PDFs are stored byte for
byte (their own metadata is not rewritten: that needs a PDF library, and a receipt's PDF metadata says
little), after a check that they are complete and carry no scripts, launch actions or embedded files.

Files live outside the database under ``Settings.evidence_dir``, in one folder per day, named by a random
id (never the customer's file name, which is kept as text only). A file is written to a temporary name and
renamed into place, so a reader never sees half a file. The store keeps the relative paths.

Files are stored as the customer uploads them, before the case exists: rows carry the draft's
``submission_key`` and no case. ``attach`` (called by ``portal.recovery.cases.submit_case`` in the transaction that
creates the case) gives them their case; the worker deletes what was never attached (``delete_orphans``).
Files are deleted only once the transaction that deletes their rows has committed.

One crash window remains: a process killed between writing a file and committing its row leaves a file
that no row names (a rename, not a partial file). It is never shown; sweep it by hand if that ever happens.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import secrets
import tempfile
import threading
import unicodedata
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps
from sqlalchemy import Engine, event, func, text, update
from sqlmodel import Session, col, delete, select

from db.engine import is_postgres, read_session, write_session
from db.models import ConversationDraft, Evidence, utcnow
from portal.config import Settings, get_settings
from portal.recovery import pdf_scan
from portal.stored import stored_id

MAX_SIDE = 4000  # longest side of a stored photo; larger ones are scaled down
THUMB_SIDE = 320
# The most pixels a photo may decode into, checked from its header before anything is decoded: a PNG of 8900 x 8900
# pixels (79 million, in 308 KB) took the server from 346 MB to 1.7 GB. Redrawing a PNG of 25 million (5000 x 5000)
# takes 230-330 MB above the process's own memory for a moment (2026-12-07). A JPEG decodes at 1/2, 1/4 or 1/8 of its
# size when that still gives MAX_SIDE, so what counts for it is that smaller size (a 48-megapixel phone photo: 12).
MAX_PIXELS = 25_000_000
JPEG_QUALITY = 90
ORPHAN_AGE = timedelta(days=1)
MB = 1024 * 1024


class Kind(StrEnum):
    JPEG = "jpeg"
    PNG = "png"
    WEBP = "webp"
    PDF = "pdf"


class Reason(StrEnum):
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    TOO_MANY = "too_many"
    NOT_ALLOWED = "not_allowed"  # not a photo or PDF; ``looks_like`` says what it is when we can tell
    DAMAGED = "damaged"  # starts like a photo or PDF but does not open
    TOO_MANY_PIXELS = "too_many_pixels"
    ACTIVE_PDF = "active_pdf"  # a PDF with scripts, launch actions or embedded files


@dataclass(frozen=True)
class Rejection:
    """Why a file was refused, with what the message needs (the page words it in the customer's language)."""

    reason: Reason
    looks_like: str | None = None  # a code from KNOWN_SIGNATURES, or "text"
    size_bytes: int = 0
    limit_bytes: int = 0
    limit_files: int = 0


class EvidenceRejected(ValueError):
    def __init__(self, rejection: Rejection) -> None:
        super().__init__(rejection.reason.value)
        self.rejection = rejection


# What a refused file really is, from its first bytes: (offset, magic, code). Checked in order.
KNOWN_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"MZ", "windows_program"),
    (0, b"\x7fELF", "program"),
    (0, b"\xca\xfe\xba\xbe", "program"),
    (0, b"\xcf\xfa\xed\xfe", "program"),
    (0, b"#!", "program"),
    (0, b"PK\x03\x04", "archive"),  # also .docx/.xlsx: both "a ZIP archive or Office document" to a customer
    (0, b"Rar!", "archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "archive"),
    (0, b"\x1f\x8b", "archive"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "office_document"),
    (0, b"{\\rtf", "office_document"),
    (0, b"GIF87a", "gif"),
    (0, b"GIF89a", "gif"),
    (0, b"II*\x00", "tiff"),
    (0, b"MM\x00*", "tiff"),
    (0, b"BM", "bmp"),
    (4, b"ftypheic", "heic"),
    (4, b"ftypheix", "heic"),
    (4, b"ftypmif1", "heic"),
    (4, b"ftypavif", "heic"),
    (4, b"ftyp", "video"),
    (0, b"\x1a\x45\xdf\xa3", "video"),
    (0, b"ID3", "audio"),
    (0, b"OggS", "audio"),
)
_MARKUP = re.compile(rb"^\s*<(!doctype html|html|head|body|script|iframe|svg|\?xml)", re.IGNORECASE)

_CONTENT_TYPES = {Kind.JPEG: "image/jpeg", Kind.PNG: "image/png", Kind.PDF: "application/pdf"}
_PIL_FORMATS = {Kind.JPEG: "JPEG", Kind.PNG: "PNG", Kind.WEBP: "WEBP"}


def sniff(data: bytes) -> Kind | None:
    """The accepted kind these bytes really are, from their signature; None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return Kind.JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return Kind.PNG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return Kind.WEBP
    if data.startswith(b"%PDF-"):
        return Kind.PDF
    return None


def looks_like(data: bytes) -> str | None:
    """What a refused file is, when its first bytes tell us (for a clearer message); None when unknown."""
    for offset, magic, code in KNOWN_SIGNATURES:
        if data[offset : offset + len(magic)] == magic:
            return code
    head = data[:512].lstrip(b"\xef\xbb\xbf")
    if _MARKUP.match(head):
        return "svg" if b"<svg" in data[:4096].lower() else "web_page"
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text"


@dataclass(frozen=True)
class Prepared:
    """A file ready to store: the bytes to keep (a photo re-encoded), and its thumbnail."""

    kind: Kind
    data: bytes
    content_type: str
    extension: str
    width: int | None = None
    height: int | None = None
    thumbnail: bytes | None = None


def examine(data: bytes, max_bytes: int) -> Prepared:
    """Check one upload and prepare what is stored; raise ``EvidenceRejected`` saying why not."""
    if not data:
        raise EvidenceRejected(Rejection(Reason.EMPTY))
    if len(data) > max_bytes:
        raise EvidenceRejected(Rejection(Reason.TOO_LARGE, size_bytes=len(data), limit_bytes=max_bytes))
    kind = sniff(data)
    if kind is None:
        raise EvidenceRejected(Rejection(Reason.NOT_ALLOWED, looks_like=looks_like(data)))
    if kind is Kind.PDF:
        _check_pdf(data)
        return Prepared(kind, data, _CONTENT_TYPES[kind], "pdf")
    return _redraw(data, kind)


# --- photos ---------------------------------------------------------------------------------------------------


def _decode(data: bytes, kind: Kind) -> Image.Image:
    """Open with the one decoder the signature names (no other parser sees hostile bytes) and decode fully, unless
    it would decode into more than ``MAX_PIXELS`` (known from the header: nothing is decoded then)."""
    formats = [_PIL_FORMATS[kind]]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data), formats=formats)
            probe.verify()
            image = Image.open(io.BytesIO(data), formats=formats)
            scale = MAX_SIDE / max(image.size)
            if kind is Kind.JPEG and scale < 1:  # it decodes at 1/2, 1/4 or 1/8 of its size, if still this big
                image.draft(None, (math.ceil(image.width * scale), math.ceil(image.height * scale)))
            if image.width * image.height > MAX_PIXELS:
                raise EvidenceRejected(Rejection(Reason.TOO_MANY_PIXELS))
            image.load()
            return image
    except EvidenceRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise EvidenceRejected(Rejection(Reason.TOO_MANY_PIXELS)) from error
    except Exception as error:  # decoders raise many kinds of error on damaged or hostile input
        raise EvidenceRejected(Rejection(Reason.DAMAGED)) from error


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)


# One photo is decoded and redrawn at a time in this process: each may hold a few hundred megabytes meanwhile (see
# MAX_PIXELS), so five customers' uploads at once must not hold five times that.
_ONE_AT_A_TIME = threading.Lock()


def _redraw(data: bytes, kind: Kind) -> Prepared:
    """Scale the photo down if huge, turn it upright, and save it afresh with no metadata but its colours. Every
    step works on the one decoded image in place (a copy of a 25-megapixel photo is 75-100 MB more), and the
    scaling comes first, so the rest works on at most ``MAX_SIDE`` pixels a side."""
    with _ONE_AT_A_TIME:
        return _redraw_now(data, kind)


def _redraw_now(data: bytes, kind: Kind) -> Prepared:
    clean = _decode(data, kind)
    icc = clean.info.get("icc_profile") if clean.mode in ("RGB", "RGBA", "L", "LA") else None
    alpha = _has_alpha(clean)
    if clean.mode not in ("RGB", "RGBA", "L"):  # palette, CMYK, 16-bit...: scaled smoothly only once converted
        clean = clean.convert("RGBA" if alpha else "RGB")
    clean.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    try:
        ImageOps.exif_transpose(clean, in_place=True)
    except Exception:  # noqa: BLE001 - a broken orientation tag is no reason to refuse the photo
        pass
    as_png = kind is Kind.PNG or (kind is Kind.WEBP and alpha)
    if as_png:
        mode = "RGBA" if alpha else ("L" if clean.mode == "L" else "RGB")
    else:
        mode = "L" if clean.mode == "L" else "RGB"
    if clean.mode != mode:
        clean = clean.convert(mode)
    clean.info = {}  # nothing of the original's metadata travels on
    out = io.BytesIO()
    extras = {"icc_profile": icc} if icc else {}
    if as_png:
        clean.save(out, format="PNG", optimize=True, **extras)
    else:
        clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True, **extras)
    content_type, extension = ("image/png", "png") if as_png else ("image/jpeg", "jpg")
    return Prepared(kind, out.getvalue(), content_type, extension, clean.width, clean.height, _thumbnail(clean))


def _thumbnail(image: Image.Image) -> bytes:
    small = image.copy()
    small.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    if small.mode in ("RGBA", "LA"):  # JPEG has no transparency: lay it on white, as a page would show it
        background = Image.new("RGB", small.size, "white")
        background.paste(small, mask=small.getchannel("A"))
        small = background
    out = io.BytesIO()
    small.convert("RGB").save(out, format="JPEG", quality=80, optimize=True)
    return out.getvalue()


# --- PDFs -----------------------------------------------------------------------------------------------------


def _check_pdf(data: bytes) -> None:
    """Complete, and doing nothing when opened or clicked (portal.recovery.pdf_scan); one we cannot check reads as damaged."""
    if b"%%EOF" not in data[-1024:]:  # a PDF ends with %%EOF (readers tolerate a little trailing junk)
        raise EvidenceRejected(Rejection(Reason.DAMAGED))
    found = pdf_scan.verdict(data)
    if found is pdf_scan.Verdict.ACTIVE:
        raise EvidenceRejected(Rejection(Reason.ACTIVE_PDF))
    if found is pdf_scan.Verdict.UNCHECKABLE:
        raise EvidenceRejected(Rejection(Reason.DAMAGED))


# --- names ----------------------------------------------------------------------------------------------------

NAME_LIMIT = 200


def clean_name(name: str) -> str:
    """The customer's file name as we keep it: no folders, no control or direction characters, not too long."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    if len(name) > NAME_LIMIT:
        stem, dot, extension = name.rpartition(".")
        keep = f"{dot}{extension}" if dot and len(extension) <= 10 else ""
        name = (stem if keep else name)[: NAME_LIMIT - len(keep)] + keep
    return name or "file"


# --- storing --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceItem:
    """One stored file as pages show it; ``thumbnail`` is loaded for photos, None for PDFs or a missing file."""

    id: int
    original_name: str
    content_type: str
    size_bytes: int
    width: int | None
    height: int | None
    created_at: datetime
    path: str
    thumbnail: bytes | None
    available: bool  # False when the file is missing from evidence_dir (restored store without its files)

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def download_name(self) -> str:
        """The customer's name with the stored file's extension (a WebP photo is kept as JPEG or PNG)."""
        extension = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}.get(self.content_type, "")
        return PurePosixPath(self.original_name).stem + extension


@dataclass(frozen=True)
class Stored:
    item: EvidenceItem
    duplicate: bool  # the same file was already attached to this story: nothing new was stored


def max_bytes(settings: Settings) -> int:
    return int(settings.evidence_max_mb * MB)


def _file(settings: Settings, relative: str) -> Path:
    """The absolute path of a stored file; refuses any path that would leave evidence_dir."""
    root = settings.evidence_dir.resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root):
        raise ValueError(f"evidence path outside the evidence folder: {relative!r}")
    return path


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove_files(settings: Settings, relatives: Iterable[str | None]) -> None:
    for relative in relatives:
        if relative:
            _file(settings, relative).unlink(missing_ok=True)


def _remove_after_commit(session: Session, settings: Settings, relatives: Sequence[str | None]) -> None:
    """Delete these files once the session's transaction commits; keep them if it rolls back."""
    pending: list[str | None] | None = session.info.get("evidence_trash")
    if pending is None:
        pending = session.info["evidence_trash"] = []

        def committed(_session: Session) -> None:
            _remove_files(settings, session.info.pop("evidence_trash", []))

        def rolled_back(_session: Session) -> None:
            session.info.pop("evidence_trash", None)

        event.listen(session, "after_commit", committed, once=True)
        event.listen(session, "after_rollback", rolled_back, once=True)
    pending.extend(relatives)


def _lock_submission(session: Session, submission_key: str) -> None:
    """Serialise uploads to one story, so two at once cannot both take the last free place.
    SQLite's write transaction (BEGIN IMMEDIATE) already does; PostgreSQL takes a transaction lock."""
    if is_postgres(session.get_bind()):  # type: ignore[arg-type]  # get_bind() may be a Connection; is_postgres reads the dialect either has
        session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": submission_key})


def _count(session: Session, submission_key: str) -> int:
    return session.exec(
        select(func.count()).select_from(Evidence).where(Evidence.submission_key == submission_key)
    ).one()


def store(
    engine: Engine,
    submission_key: str,
    filename: str,
    data: bytes,
    *,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> Stored:
    """Check one upload for the story ``submission_key`` and keep it; raise ``EvidenceRejected`` saying why not.

    The same file twice (a rerun, or the customer picking it again) is kept once.
    """
    settings = settings or get_settings()
    limit = settings.evidence_max_files
    too_many = EvidenceRejected(Rejection(Reason.TOO_MANY, limit_files=limit))
    with read_session(engine) as session:  # a full story refuses at once, before the work of redrawing
        if _count(session, submission_key) >= limit:
            raise too_many
    prepared = examine(data, max_bytes(settings))
    digest = hashlib.sha256(prepared.data).hexdigest()
    now = now or utcnow()
    name = f"{now:%Y/%m/%d}/{secrets.token_hex(16)}"
    path = f"{name}.{prepared.extension}"
    thumb_path = f"{name}.thumb.jpg" if prepared.thumbnail else None
    written: list[str | None] = []
    try:
        with write_session(engine) as session:
            _lock_submission(session, submission_key)
            same = session.exec(
                select(Evidence).where(Evidence.submission_key == submission_key, Evidence.sha256 == digest)
            ).first()
            if same is not None:
                return Stored(_item(settings, same), duplicate=True)
            if _count(session, submission_key) >= limit:
                raise too_many
            _write_atomic(_file(settings, path), prepared.data)
            written.append(path)
            if thumb_path and prepared.thumbnail:
                _write_atomic(_file(settings, thumb_path), prepared.thumbnail)
                written.append(thumb_path)
            row = Evidence(
                submission_key=submission_key,
                original_name=clean_name(filename),
                content_type=prepared.content_type,
                size_bytes=len(prepared.data),
                sha256=digest,
                width=prepared.width,
                height=prepared.height,
                path=path,
                thumb_path=thumb_path,
                created_at=now,
            )
            session.add(row)
            session.flush()
    except BaseException:
        _remove_files(settings, written)  # no row names them: they must not stay behind
        raise
    return Stored(_item(settings, row, thumbnail=prepared.thumbnail), duplicate=False)


def _item(settings: Settings, row: Evidence, *, thumbnail: bytes | None = None) -> EvidenceItem:
    original = _file(settings, row.path)
    available = original.is_file()
    if thumbnail is None and row.thumb_path and available:
        try:
            thumbnail = _file(settings, row.thumb_path).read_bytes()
        except FileNotFoundError:
            thumbnail = None
    return EvidenceItem(
        id=stored_id(row),
        original_name=row.original_name,
        content_type=row.content_type,
        size_bytes=row.size_bytes,
        width=row.width,
        height=row.height,
        created_at=row.created_at,
        path=row.path,
        thumbnail=thumbnail,
        available=available,
    )


def pending(engine: Engine, submission_key: str, *, settings: Settings | None = None) -> list[EvidenceItem]:
    """What the customer has attached to the story they are still telling, oldest first."""
    settings = settings or get_settings()
    with read_session(engine) as session:
        rows = session.exec(
            select(Evidence)
            .where(Evidence.submission_key == submission_key, col(Evidence.case_id).is_(None))
            .order_by(col(Evidence.id))
        ).all()
    return [_item(settings, row) for row in rows]


def for_case(engine: Engine, case_id: int, *, settings: Settings | None = None) -> list[EvidenceItem]:
    """The files on a case, oldest first, with their thumbnails (for the staff case page)."""
    settings = settings or get_settings()
    with read_session(engine) as session:
        rows = session.exec(select(Evidence).where(col(Evidence.case_id) == case_id).order_by(col(Evidence.id))).all()
    return [_item(settings, row) for row in rows]


def original(item: EvidenceItem, *, settings: Settings | None = None) -> bytes:
    """The stored file itself (for a download button)."""
    return _file(settings or get_settings(), item.path).read_bytes()


def remove(engine: Engine, submission_key: str, evidence_id: int, *, settings: Settings | None = None) -> bool:
    """The customer takes a file back before sending their story. Only their own, only before the case exists."""
    settings = settings or get_settings()
    with write_session(engine) as session:
        row = session.exec(
            select(Evidence).where(
                Evidence.id == evidence_id, Evidence.submission_key == submission_key, col(Evidence.case_id).is_(None)
            )
        ).first()
        if row is None:
            return False
        _remove_after_commit(session, settings, [row.path, row.thumb_path])
        session.delete(row)
    return True


def attach(session: Session, submission_key: str, case_id: int) -> int:
    """Give the story's files their case (inside the transaction that creates it); how many there were."""
    result = session.execute(
        update(Evidence)
        .where(col(Evidence.submission_key) == submission_key, col(Evidence.case_id).is_(None))
        .values(case_id=case_id)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]  # rowcount is CursorResult's; execute() is typed as returning Result


def _delete_rows(session: Session, settings: Settings, rows: Sequence[Evidence]) -> int:
    if not rows:
        return 0
    _remove_after_commit(session, settings, [p for row in rows for p in (row.path, row.thumb_path)])
    session.execute(
        delete(Evidence)
        .where(col(Evidence.id).in_([row.id for row in rows]))
        .execution_options(synchronize_session=False)
    )
    return len(rows)


def delete_for_case(session: Session, case_id: int, *, settings: Settings | None = None) -> int:
    """Erase a case's files and their rows, in the caller's transaction (the files go once it commits)."""
    return delete_for_cases(session, [case_id], settings=settings)


def delete_for_cases(session: Session, case_ids: Sequence[int], *, settings: Settings | None = None) -> int:
    """``delete_for_case`` for several cases at once (one query to find their files)."""
    if not case_ids:
        return 0
    rows = session.exec(select(Evidence).where(col(Evidence.case_id).in_(case_ids))).all()
    return _delete_rows(session, settings or get_settings(), rows)


def delete_orphans(
    engine: Engine,
    *,
    now: datetime | None = None,
    older_than: timedelta = ORPHAN_AGE,
    settings: Settings | None = None,
    batch: int = 500,
) -> int:
    """Delete files uploaded to stories that never became a case (abandoned: no conversation kept for them,
    portal.recovery.drafts, and at least ``older_than`` old)."""
    now = now or utcnow()
    kept = (
        select(ConversationDraft.id)
        .where(ConversationDraft.submission_key == Evidence.submission_key, col(ConversationDraft.expires_at) > now)
        .exists()
    )
    with write_session(engine) as session:
        rows = session.exec(
            select(Evidence)
            .where(col(Evidence.case_id).is_(None), Evidence.created_at < now - older_than, ~kept)
            .order_by(col(Evidence.id))
            .limit(batch)
        ).all()
        return _delete_rows(session, settings or get_settings(), rows)


def megabytes(size_bytes: int) -> float:
    """A size in MB rounded up to one decimal, so a file just over the limit never reads as the limit."""
    return math.ceil(size_bytes * 10 / MB) / 10
