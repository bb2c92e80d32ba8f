"""The customer's photos and PDFs, on the step just before the remedies (``customer_conversation.evidence``):
attach, see what is attached, take one back.

Files are stored the moment they arrive (``portal.recovery.evidence.store`` does every check); the uploader is
then drawn afresh (a new key), so what it shows is only ever what is waiting, and the list below it is
what we really keep. A refused file gets its own message naming it and saying why; nothing else on the
page changes, so everything typed stays where it was.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol

import streamlit as st
from babel.numbers import format_decimal
from sqlalchemy import Engine
from streamlit.errors import StreamlitInvalidLayoutContextError

from portal.i18n import Translate
from portal.recovery import evidence
from portal.recovery.evidence import EvidenceRejected, Reason, Rejection
from portal.recovery.journey import Draft
from portal.ui import context
from portal.ui.tab import CustomerTab, customer_tab
from portal.ui.widgets import EVIDENCE_UPLOAD_KEY, escape_markdown, show_text


class Upload(Protocol):
    """What the handler needs of Streamlit's UploadedFile."""

    name: str

    def getvalue(self) -> bytes: ...


def _mb(value: float, _: Translate) -> str:
    return _megabytes(value, _.language)


@lru_cache(maxsize=64)  # the order and photos step says its limit on every rerun; Babel takes ~0.1 ms for each
def _megabytes(value: float, language: str) -> str:
    return format_decimal(value, format="#,##0.#", locale=language)


def looks_like_text(code: str | None, _: Translate) -> str | None:
    return {
        "windows_program": _("it looks like a Windows program"),
        "program": _("it looks like a program"),
        "archive": _("it looks like a ZIP archive or an Office document"),
        "office_document": _("it looks like an Office document"),
        "web_page": _("it looks like a web page"),
        "svg": _("it looks like an SVG drawing"),
        "gif": _("it is a GIF image"),
        "heic": _("it is an HEIC photo, which we cannot open; please send it as JPEG"),
        "tiff": _("it is a TIFF image"),
        "bmp": _("it is a BMP image"),
        "video": _("it looks like a video"),
        "audio": _("it looks like a sound recording"),
        "text": _("it looks like a text file"),
    }.get(code or "")


def refusal_text(name: str, rejection: Rejection, _: Translate) -> str:
    """One sentence naming the file and saying why it was not attached, in the customer's language."""
    reason = rejection.reason
    if reason is Reason.TOO_LARGE:
        return _("{name} is {size} MB; the limit is {limit} MB. Please send a smaller file.").format(
            name=name,
            size=_mb(evidence.megabytes(rejection.size_bytes), _),
            limit=_mb(rejection.limit_bytes / evidence.MB, _),
        )
    if reason is Reason.TOO_MANY:
        return _("{name} was not attached: you can attach up to {count} files. Remove one to make room.").format(
            name=name, count=_.number(rejection.limit_files)
        )
    if reason is Reason.NOT_ALLOWED:
        what = looks_like_text(rejection.looks_like, _)
        if what:
            return _("{name} is not a photo or PDF ({what}). Please attach JPEG, PNG or WebP photos, or PDFs.").format(
                name=name, what=what
            )
        return _("{name} is not a photo or PDF. Please attach JPEG, PNG or WebP photos, or PDFs.").format(name=name)
    if reason is Reason.EMPTY:
        return _("{name} is empty.").format(name=name)
    if reason is Reason.TOO_MANY_PIXELS:
        return _(
            "{name} has more than {limit} megapixels, too many for us to open. Please send a smaller photo, or "
            "a screenshot of it."
        ).format(name=name, limit=_.number(evidence.MAX_PIXELS // 1_000_000))
    if reason is Reason.ACTIVE_PDF:
        return _(
            "{name} contains links, scripts or embedded files, which we cannot accept. Please send a photo "
            "or a screenshot of it instead."
        ).format(name=name)
    return _("{name} could not be opened: it may be damaged. Please try saving it again.").format(name=name)


def receive(engine: Engine, draft: Draft, uploads: Iterable[Upload]) -> list[tuple[str, Rejection]]:
    """Store every upload for this story; return what was refused, each with its (cleaned) file name."""
    refused = []
    for upload in uploads:
        try:
            evidence.store(engine, draft.submission_key, upload.name, upload.getvalue())
        except EvidenceRejected as refusal:
            refused.append((evidence.clean_name(upload.name), refusal.rejection))
    return refused


def _remove(submission_key: str, evidence_id: int) -> None:
    evidence.remove(context.engine(), submission_key, evidence_id)
    tab = customer_tab()
    tab.evidence_refused = tab.evidence_attached = None


def _attached(tab: CustomerTab, engine: Engine, submission_key: str) -> list[evidence.EvidenceItem]:
    """What is attached to this story. Only this tab adds to or takes from its files, so the list is read once, and
    again only after an upload or a removal, not on every rerun."""
    held = tab.evidence_attached
    if held is None or held[0] != submission_key:
        held = tab.evidence_attached = (submission_key, evidence.pending(engine, submission_key))
    return held[1]


def _browser_limit_mb(limit_mb: float) -> int:
    """Where the browser itself stops a file (server.maxUploadSize, 50 MB, or twice our limit if higher).

    Deliberately above our limit, for the same reason as having no ``type=``: a file the browser stops gets
    only a red icon, while one that reaches portal.recovery.evidence gets a sentence naming it, its size and the
    limit, in the customer's language. The uploader's own hint ("50MB per file") is hidden: the caption
    above it states the real limit."""
    return max(int(st.get_option("server.maxUploadSize")), math.ceil(limit_mb * 2))


def _attached_file(item: evidence.EvidenceItem, submission_key: str, _: Translate) -> None:
    picture, about, action = st.columns([1, 4, 1], vertical_alignment="center")
    if item.thumbnail:
        picture.image(item.thumbnail, width=64)
    else:
        picture.markdown(":material/picture_as_pdf:" if not item.is_image else ":material/image:")
    with about:
        show_text(item.original_name)
        st.caption(escape_markdown(_("{size} MB").format(size=_mb(evidence.megabytes(item.size_bytes), _))))
    action.button(_("Remove"), key=f"evidence_remove_{item.id}", on_click=_remove, args=(submission_key, item.id))


def evidence_note(_: Translate) -> str:
    """What photos are for and what we take, in the customer's language (the step says it above its fields)."""
    settings = context.settings()
    return _(
        "A photo of the problem, a receipt or an invoice helps us understand. Up to {count} files, JPEG, PNG or "
        "WebP photos or PDFs, {size} MB each. We remove location and camera details from photos."
    ).format(count=_.number(settings.evidence_max_files), size=_mb(settings.evidence_max_mb, _))


def evidence_section(draft: Draft, tab: CustomerTab, _: Translate) -> None:
    """Photos or PDFs for the story: optional, up to the configured number and size (``evidence_note`` says so)."""
    settings = context.settings()
    engine = context.engine()
    attached = _attached(tab, engine, draft.submission_key)
    for item in attached:
        _attached_file(item, draft.submission_key, _)
    refused_for, refused = tab.evidence_refused or ("", [])
    for name, rejection in refused if refused_for == draft.submission_key else []:
        st.error(escape_markdown(refusal_text(name, rejection, _)))
    if len(attached) >= settings.evidence_max_files:
        st.info(
            _("You have attached {count} files, the most we can take. Remove one to attach another.").format(
                count=_.number(len(attached))
            )
        )
        return
    round_no = tab.evidence_round
    # Its own hint is hidden (portal/ui/widgets.set_direction): it would state the browser's ceiling, in English.
    # No ``type=``: Streamlit would refuse other names in the browser with only a red icon and an English
    # tooltip ("application/vnd... files are not allowed"). Every file reaches portal.recovery.evidence, which judges
    # it by content and says why in the customer's language.
    uploads = st.file_uploader(
        _("Photos or documents (optional)"),
        accept_multiple_files=True,
        key=f"{EVIDENCE_UPLOAD_KEY}{round_no}",
        max_upload_size=_browser_limit_mb(settings.evidence_max_mb),
    )
    if uploads:
        with st.spinner(_("Checking your files…")):  # about a second for each large photo
            tab.evidence_refused = (draft.submission_key, receive(engine, draft, uploads))
        tab.evidence_attached = None
        tab.evidence_round = round_no + 1  # a fresh, empty uploader: the list above shows what we keep
        _draw_again()


def _draw_again() -> None:
    """Draw the section again with what it now holds: the fragment around it alone where this run is that
    fragment's (a file attached on a step reruns the step, not the page around it), the whole page where a full
    run found the files (where Streamlit refuses a fragment's scope)."""
    try:
        st.rerun(scope="fragment")
    except StreamlitInvalidLayoutContextError:
        st.rerun()
