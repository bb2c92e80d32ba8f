"""PDFs that would do something when opened or clicked are refused wherever the action hides: in the file as it is,
or in a compressed stream (a JavaScript OpenAction inside a compressed object stream was accepted, and so was an
OpenAction URI)."""

from __future__ import annotations

import base64
import binascii
import time
import tracemalloc
import zlib

import pytest

from portal.recovery import evidence
from portal.recovery.evidence import EvidenceRejected, Reason
from portal.recovery.pdf_scan import MAX_DECODED, Verdict, verdict

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [] /Count 0 >>"
OPEN_JAVASCRIPT = b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>"


def pdf(*objects: bytes) -> bytes:
    """A PDF whose objects 1, 2, ... are ``objects`` (each a dictionary, or a dictionary and its stream)."""
    body = b"".join(b"%d 0 obj\n%s\nendobj\n" % (number, content) for number, content in enumerate(objects, start=1))
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + body + b"trailer << /Root 1 0 R >>\n%%EOF\n"


def stream(data: bytes, dictionary: bytes = b"") -> bytes:
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (dictionary, len(data), data)


def object_stream(*objects: bytes, first: int = 3) -> bytes:
    """What an object stream holds once decoded: the numbers and offsets of its objects, then the objects."""
    offsets, parts, at = [], [], 0
    for number, content in enumerate(objects, start=first):
        offsets.append(b"%d %d" % (number, at))
        parts.append(content)
        at += len(content) + 1
    header = b" ".join(offsets) + b" "
    return header + b" ".join(parts)


def hidden(objects: bytes, filters: bytes = b"/FlateDecode", extra: bytes = b"") -> bytes:
    """A PDF whose catalog is plain and whose object stream holds ``objects``, encoded by ``filters``."""
    encoded = zlib.compress(objects) if filters in (b"/FlateDecode", b"/Fl") else objects
    return pdf(CATALOG, PAGES, stream(encoded, b"/Type /ObjStm /N 1 /First 4 /Filter %s %s" % (filters, extra)))


def png_up_rows(data: bytes, columns: int) -> bytes:
    """``data`` with the PNG "Up" predictor, as /DecodeParms << /Predictor 12 >> asks a reader to undo."""
    data += b"\x00" * (-len(data) % columns)
    rows = [data[i : i + columns] for i in range(0, len(data), columns)]
    previous, out = bytes(columns), b""
    for row in rows:
        out += b"\x02" + bytes((a - b) & 255 for a, b in zip(row, previous))
        previous = row
    return out


ACTIONS = [
    b"<< /S /JavaScript /JS (app.alert(1)) >>",
    b"<< /S /URI /URI (https://evil.example/) >>",
    b"<< /S /Launch /F (cmd.exe) >>",
    b"<< /O << /S /JavaScript /JS (x) >> >>",
]


def test_a_javascript_open_action_in_a_compressed_object_stream_is_refused():
    """The PDF that was accepted: the catalog in the file is harmless, the one in the object stream opens a script."""
    assert verdict(hidden(object_stream(OPEN_JAVASCRIPT))) is Verdict.ACTIVE


def test_an_open_action_that_opens_an_address_is_refused():
    assert (
        verdict(pdf(b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /URI /URI (https://evil.example) >> >>", PAGES))
        is Verdict.ACTIVE
    )


@pytest.mark.parametrize(
    "name",
    [
        b"OpenAction",
        b"AA",
        b"JavaScript",
        b"JS",
        b"Launch",
        b"URI",
        b"EmbeddedFile",
        b"EmbeddedFiles",
        b"J#61vaScript",
        b"Open#41ction",
        b"#55RI",
    ],
)
def test_every_active_name_is_refused_in_the_file_and_in_an_object_stream(name):
    entry = b"<< /Type /Annot /%s (x) >>" % name
    assert verdict(pdf(CATALOG, PAGES, entry)) is Verdict.ACTIVE
    assert verdict(hidden(object_stream(entry))) is Verdict.ACTIVE


@pytest.mark.parametrize(
    "filters, encode, extra",
    [
        (b"/Fl", zlib.compress, b""),
        (b"[/ASCIIHexDecode /FlateDecode]", lambda d: binascii.hexlify(zlib.compress(d)) + b">", b""),
        (b"[/A85 /Fl]", lambda d: base64.a85encode(zlib.compress(d)) + b"~>", b""),
        (b"/ASCIIHexDecode", lambda d: binascii.hexlify(d).upper() + b">", b""),
        (b"/FlateDecode", lambda d: zlib.compress(png_up_rows(d, 8)), b"/DecodeParms << /Predictor 12 /Columns 8 >>"),
        (b"/Fl#61teDecode", zlib.compress, b""),
    ],
)
def test_object_streams_are_decoded_however_they_are_encoded(filters, encode, extra):
    data = encode(object_stream(OPEN_JAVASCRIPT))
    assert (
        verdict(pdf(CATALOG, PAGES, stream(data, b"/Type /ObjStm /N 1 /First 4 /Filter %s %s" % (filters, extra))))
        is Verdict.ACTIVE
    )


def test_a_dictionary_cannot_hide_its_filter_behind_a_string():
    """A string holding "obj", ">>" or "stream" is part of the dictionary, not its end."""
    dictionary = b"/Type /ObjStm /Note (obj >> stream \\) endobj) /N 1 /First 4 /Filter /FlateDecode"
    assert (
        verdict(pdf(CATALOG, PAGES, stream(zlib.compress(object_stream(OPEN_JAVASCRIPT)), dictionary)))
        is Verdict.ACTIVE
    )


@pytest.mark.parametrize("action", ACTIONS)
def test_actions_in_a_compressed_stream_that_says_nothing_of_being_an_object_stream_are_refused(action):
    """Lenient readers take objects from a stream that an xref stream points to, whatever its /Type."""
    data = zlib.compress(object_stream(b"<< /Type /Annot /A %s >>" % action))
    assert verdict(pdf(CATALOG, PAGES, stream(data, b"/Filter /FlateDecode"))) is Verdict.ACTIVE


def test_an_object_stream_that_cannot_be_decoded_cannot_be_checked():
    """Encrypted, or encoded in a way we do not decode (LZW): it could hold anything."""
    garbage = bytes(range(256)) * 4
    assert (
        verdict(pdf(CATALOG, PAGES, stream(garbage, b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode")))
        is Verdict.UNCHECKABLE
    )
    assert (
        verdict(pdf(CATALOG, PAGES, stream(garbage, b"/Type /ObjStm /N 1 /First 4 /Filter /LZWDecode")))
        is Verdict.UNCHECKABLE
    )


def test_a_plain_pdf_with_compressed_pages_fonts_and_images_is_accepted():
    page = b"BT /F1 12 Tf 72 712 Td (Invoice 1042: 2 x boiler service, total $240.00) Tj ET"
    font = bytes(range(256)) * 64  # binary, as an embedded font program is
    picture = bytes((x * 7) % 256 for x in range(30_000))
    plain = pdf(
        CATALOG,
        PAGES,
        stream(zlib.compress(page), b"/Filter /FlateDecode"),
        stream(zlib.compress(font), b"/Filter /FlateDecode /Length1 16384"),
        stream(
            zlib.compress(picture),
            b"/Type /XObject /Subtype /Image /Width 100 /Height 100 "
            b"/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode",
        ),
        stream(b"\xff\xd8\xff" + bytes(200), b"/Subtype /Image /Filter /DCTDecode"),
        stream(
            zlib.compress(object_stream(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")),
            b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode",
        ),
    )
    assert verdict(plain) is Verdict.PLAIN
    assert evidence.examine(plain, evidence.MB).data == plain


def test_a_stream_that_unpacks_into_too_much_cannot_be_checked_and_is_never_unpacked_whole():
    bomb = zlib.compress(bytes(200 * 1024 * 1024), 9)  # 200 MB of zeros in 200 KB
    assert len(bomb) < 300_000
    tracemalloc.start()
    try:
        assert verdict(pdf(CATALOG, PAGES, stream(bomb, b"/Filter /FlateDecode"))) is Verdict.UNCHECKABLE
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * MAX_DECODED + 10 * 1024 * 1024


@pytest.mark.parametrize(
    "hostile, reason",
    [
        (hidden(object_stream(OPEN_JAVASCRIPT)), Reason.ACTIVE_PDF),
        (
            pdf(CATALOG, PAGES, stream(bytes(range(256)), b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode")),
            Reason.DAMAGED,
        ),
    ],
)
def test_the_upload_is_refused_with_its_reason(hostile, reason):
    with pytest.raises(EvidenceRejected) as refusal:
        evidence.examine(hostile, evidence.MB)
    assert refusal.value.rejection.reason is reason


@pytest.mark.parametrize(
    "crafted",
    [
        b"1 0 obj [ " * 200_000,  # objects inside objects that never close
        b"1 0 obj << /A (" * 130_000,
        b"1 0 obj << /Filter /FlateDecode >> stream\n" * 50_000,  # streams that never end
    ],
)
def test_a_file_crafted_to_be_read_over_and_over_is_refused_after_reading_it_about_once(crafted):
    """Each object is read from its own header, as readers do from the cross-reference table: a file whose headers
    sit inside other objects would make that quadratic (two megabytes took minutes)."""
    started = time.monotonic()
    assert verdict(b"%PDF-1.7\n" + crafted + b"\n%%EOF\n") is Verdict.UNCHECKABLE
    assert time.monotonic() - started < 10
