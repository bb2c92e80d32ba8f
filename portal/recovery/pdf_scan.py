"""Whether a PDF would do something when opened or clicked: run a script, open an address, launch a program, or
carry other files. Pure functions over the file's bytes, with the standard library's zlib, binascii and base64.

A PDF's dictionaries are either in the file as it is or, since PDF 1.5, compressed inside object streams, where a
scan of the file's bytes sees nothing (a JavaScript OpenAction hidden that way was accepted). So the file is
scanned as it is, and then every stream it holds is decoded (Flate, with its PNG or TIFF predictor, ASCIIHex,
ASCII85, RunLength, in the order its /Filter lists them) and scanned too: object streams, and any other stream a
lenient reader might take objects from, whatever its /Type says. Images and font programs, which no reader parses
as objects, are not decoded. An object stream that cannot be decoded (encrypted, LZW, damaged) cannot be checked;
nor can a file whose streams decode into more than ``MAX_DECODED`` bytes (a few kilobytes can inflate into
gigabytes): both are refused rather than trusted. It stops the ways known to hide an action; it is not a sandbox.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import re
import zlib
from enum import StrEnum

# What makes a PDF act: actions run when it opens (OpenAction) or on an event (AA: additional actions), scripts,
# addresses opened, programs launched, embedded files, rich media and XFA forms (which script themselves).
ACTIVE_NAMES = frozenset(
    {
        b"OpenAction",
        b"AA",
        b"JavaScript",
        b"JS",
        b"Launch",
        b"URI",
        b"EmbeddedFile",
        b"EmbeddedFiles",
        b"RichMedia",
        b"XFA",
    }
)
MAX_DECODED = 16 * 1024 * 1024  # all streams of one file together; a receipt's pages and objects take kilobytes
_SLACK = 1024 * 1024  # what reading objects may take beyond reading the file once (see ``verdict``)
# Predictors are undone byte by byte in Python (0.4 s a megabyte): a stream that needs more is not checked (an
# object stream then cannot be; readers use predictors on cross-reference streams, a few kilobytes).
MAX_PREDICTED = 4 * 1024 * 1024


class Verdict(StrEnum):
    PLAIN = "plain"
    ACTIVE = "active"
    UNCHECKABLE = "uncheckable"


def verdict(data: bytes, *, max_decoded: int = MAX_DECODED) -> Verdict:
    """What ``data`` (a whole PDF) would do: nothing (PLAIN), something (ACTIVE), or we cannot tell (UNCHECKABLE)."""
    if _names_active(data):
        return Verdict.ACTIVE
    budget = max_decoded
    ends = [match.start() for match in _ENDSTREAM.finditer(data)]
    # A sound file's objects and streams lie one after the other: reading them all reads the file once. A crafted
    # one starts objects inside others over and over (unclosed, or streams without an end) to make that quadratic.
    read = overlapping = furthest = 0
    for header in _OBJECT.finditer(data):
        found, reached = _stream_after(data, header.end(), ends)
        read += reached - header.end()
        if header.start() < furthest:
            overlapping += reached - header.end()
        furthest = max(furthest, reached)
        if read > len(data) + _SLACK or overlapping > _SLACK:
            return Verdict.UNCHECKABLE
        if found is None:
            continue
        dictionary, raw = found
        objects = _name(dictionary, b"Type") == b"ObjStm"
        if (not objects and _binary(dictionary)) or Name(b"Filter") not in dictionary:
            continue  # no filter: what it holds was scanned with the file
        try:
            decoded = _decode(raw, dictionary, budget)
        except _TooMuch:
            return Verdict.UNCHECKABLE
        except _Undecodable:
            if objects:
                return Verdict.UNCHECKABLE
            continue
        budget -= len(decoded)
        if _names_active(decoded):
            return Verdict.ACTIVE
    return Verdict.PLAIN


# --- names ------------------------------------------------------------------------------------------------------

_WHITE = b"\x00\t\n\x0c\r "
# A name token: "/" and every regular character after it; "#xx" escapes spell any byte, so /J#61vaScript is JavaScript.
_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]*)")
_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
_LONGEST_FIRST: list[bytes] = sorted(ACTIVE_NAMES, key=len, reverse=True)  # typed: join's context would make it Buffer
_ACTIVE = re.compile(rb"/(?:" + b"|".join(_LONGEST_FIRST) + rb")(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])")
_ESCAPED_NAME = re.compile(rb"/[^\x00\t\n\x0c\r ()<>\[\]{}/%#]*#[^\x00\t\n\x0c\r ()<>\[\]{}/%]*")


def _unescaped(name: bytes) -> bytes:
    return _HEX.sub(lambda m: bytes([int(m.group(1), 16)]), name) if b"#" in name else name


def _names_active(data: bytes) -> bool:
    """Whether an active name stands in ``data``: as it is (one search), or spelled with escapes."""
    return _ACTIVE.search(data) is not None or any(
        _unescaped(m.group()[1:]) in ACTIVE_NAMES for m in _ESCAPED_NAME.finditer(data)
    )


# --- objects and their streams ----------------------------------------------------------------------------------

# An object's header, "12 0 obj". Possessive, and starting where a number starts: each run of digits is read once
# (a plain pattern reads a megabyte of digits a million times over).
_OBJECT = re.compile(
    rb"(?<![0-9])[0-9]++[\x00\t\n\x0c\r ]++[0-9]++[\x00\t\n\x0c\r ]++obj(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])"
)
_ENDSTREAM = re.compile(rb"\r?\n?endstream")
_SKIPPED = re.compile(rb"(?:[\x00\t\n\x0c\r ]++|%[^\r\n]*+)*+")  # white space and comments
_IN_LITERAL = re.compile(rb"[()\\]")


class Name(bytes):
    """A PDF name, its escapes undone (a string is plain bytes)."""


class _Unparsable(Exception):
    """Not an object; ``at`` is how far reading it went."""

    def __init__(self, at: int) -> None:
        super().__init__(at)
        self.at = at


class _Undecodable(Exception):
    pass


class _TooMuch(Exception):
    pass


def _stream_after(data: bytes, at: int, ends: list[int]) -> tuple[tuple[dict[Name, object], bytes] | None, int]:
    """The dictionary and raw data of the stream of the object whose header ends at ``at`` (None if it has none,
    or it is not an object readers would read either), and how far reading it went (its stream's end included).
    ``ends``: where each "endstream" starts, in order."""
    try:
        dictionary, at = _parse(data, at)
    except _Unparsable as failure:
        return None, failure.at
    except IndexError:  # it ran to the end of the file
        return None, len(data)
    if not isinstance(dictionary, dict):
        return None, at
    at = _skip(data, at)
    if not data.startswith(b"stream", at):
        return None, at
    at += 6
    at += 2 if data.startswith(b"\r\n", at) else (1 if data[at : at + 1] in (b"\n", b"\r") else 0)
    length = dictionary.get(Name(b"Length"))
    if isinstance(length, int) and 0 <= length and data.startswith(b"endstream", _skip(data, at + length)):
        end = at + length
    else:
        following = bisect.bisect_left(ends, at)
        end = ends[following] if following < len(ends) else len(data)
    return (dictionary, data[at:end]), end


def _skip(data: bytes, at: int) -> int:
    """Past white space and comments."""
    match = _SKIPPED.match(data, at)
    return match.end() if match else at


def _parse(data: bytes, at: int, depth: int = 0) -> tuple[object, int]:
    """One PDF object from ``at``: a dict, list, Name, bytes (a string), int, float, or a bare keyword as bytes.
    A reference "12 0 R" reads as its object number (nothing here follows references)."""
    if depth > 32:
        raise _Unparsable(at)
    at = _skip(data, at)
    if data.startswith(b"<<", at):
        return _dictionary(data, at + 2, depth)
    first = data[at]
    if first == 0x5B:  # "["
        items: list[object] = []
        at += 1
        while not data.startswith(b"]", at := _skip(data, at)):
            item, at = _parse(data, at, depth + 1)
            items.append(item)
        return items, at + 1
    if first == 0x28:  # "(": a literal string, its parentheses balanced, "\" escaping the next character
        return _literal(data, at + 1)
    if first == 0x3C:  # "<": a hex string
        end = data.find(b">", at)
        if end < 0:
            raise _Unparsable(len(data))
        return bytes(data[at + 1 : end]), end + 1
    if first == 0x2F:  # "/"
        match = _NAME.match(data, at)
        assert match is not None
        return Name(_unescaped(match.group(1))), match.end()
    if data[at : at + 1] in (b")", b">", b"]", b"}", b"{"):
        raise _Unparsable(at)
    return _token(data, at)


def _dictionary(data: bytes, at: int, depth: int) -> tuple[dict[Name, object], int]:
    result: dict[Name, object] = {}
    while not data.startswith(b">>", at := _skip(data, at)):
        key, at = _parse(data, at, depth + 1)
        if not isinstance(key, Name):
            continue  # not a key: readers skip it too
        value, at = _parse(data, at, depth + 1)
        result[key] = value
    return result, at + 2


def _literal(data: bytes, at: int) -> tuple[bytes, int]:
    start, depth = at, 1
    while depth:
        special = _IN_LITERAL.search(data, at)
        if special is None:
            raise _Unparsable(len(data))
        byte, at = data[special.start()], special.end()
        if byte == 0x5C:  # "\": the next character stands for itself
            at += 1
        else:
            depth += 1 if byte == 0x28 else -1
    return bytes(data[start : at - 1]), at


_REGULAR = re.compile(rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]+")
_REFERENCE = re.compile(rb"[\x00\t\n\x0c\r ]+\d+[\x00\t\n\x0c\r ]+R(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])")


def _token(data: bytes, at: int) -> tuple[object, int]:
    match = _REGULAR.match(data, at)
    if match is None:
        raise _Unparsable(at)
    text = match.group()
    try:
        number: int | float = int(text)
    except ValueError:
        try:
            number = float(text)
        except ValueError:
            return text, match.end()
        return number, match.end()
    reference = _REFERENCE.match(data, match.end())
    return number, reference.end() if reference else match.end()


def _name(dictionary: dict[Name, object], key: bytes) -> bytes | None:
    value = dictionary.get(Name(key))
    return value if isinstance(value, Name) else None


_FONT_SUBTYPES = {b"Type1C", b"CIDFontType0C", b"OpenType"}


def _binary(dictionary: dict[Name, object]) -> bool:
    """An image or a font program: data no reader parses as objects (and large: it would spend the budget)."""
    if any(Name(key) in dictionary for key in (b"Length1", b"Length2", b"Length3")):
        return True
    return _name(dictionary, b"Subtype") in {b"Image", *_FONT_SUBTYPES}


# --- decoding ---------------------------------------------------------------------------------------------------

_IMAGE_FILTERS = {b"DCTDecode", b"DCT", b"JPXDecode", b"CCITTFaxDecode", b"CCF", b"JBIG2Decode"}


def _listed(value: object) -> list[object]:
    return value if isinstance(value, list) else ([] if value is None else [value])


def _decode(raw: bytes, dictionary: dict[Name, object], budget: int) -> bytes:
    """The stream's data with its filters undone, in order; an image filter ends it (b""): what follows is pixels."""
    filters = _listed(dictionary.get(Name(b"Filter")))
    parameters = _listed(dictionary.get(Name(b"DecodeParms")))
    data = raw
    for index, name in enumerate(filters):
        given = parameters[index] if index < len(parameters) else None
        options = given if isinstance(given, dict) else {}
        if name in (b"FlateDecode", b"Fl"):
            data = _unpredicted(_inflated(data, budget), options)
        elif name in (b"ASCIIHexDecode", b"AHx"):
            data = _from_hex(data)
        elif name in (b"ASCII85Decode", b"A85"):
            data = _from_ascii85(data)
        elif name in (b"RunLengthDecode", b"RL"):
            data = _run_length(data, budget)
        elif name in _IMAGE_FILTERS:
            return b""
        else:  # LZW, Crypt, anything unknown
            raise _Undecodable
        if len(data) > budget:
            raise _TooMuch
    return data


def _inflated(data: bytes, budget: int) -> bytes:
    """Inflated, never past ``budget`` + 1 bytes (more is _TooMuch), a damaged end tolerated as readers do."""
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, budget + 1)
    except zlib.error:
        raise _Undecodable from None
    if len(out) > budget or inflater.unconsumed_tail:
        raise _TooMuch
    return out


def _from_hex(data: bytes) -> bytes:
    digits = bytes(b for b in data.split(b">", 1)[0] if b not in _WHITE)
    try:
        return binascii.unhexlify(digits + b"0" * (len(digits) % 2))
    except binascii.Error:
        raise _Undecodable from None


def _from_ascii85(data: bytes) -> bytes:
    text = bytes(b for b in data.split(b"~>", 1)[0] if b not in _WHITE)
    try:
        return base64.a85decode(text.removeprefix(b"<~"))
    except ValueError:
        raise _Undecodable from None


def _run_length(data: bytes, budget: int) -> bytes:
    out, at = bytearray(), 0
    while at < len(data) and data[at] != 128 and len(out) <= budget:
        count = data[at]
        if count < 128:
            out += data[at + 1 : at + 2 + count]
            at += 2 + count
        else:
            out += data[at + 1 : at + 2] * (257 - count)
            at += 2
    return bytes(out)


def _unpredicted(data: bytes, options: dict[Name, object]) -> bytes:
    """The predictor's differences undone (/DecodeParms /Predictor): 1 none, 2 TIFF, 10-15 PNG (each row says)."""
    predictor = options.get(Name(b"Predictor"), 1)
    if predictor == 1:
        return data
    if len(data) > MAX_PREDICTED:
        raise _Undecodable

    def number(key: bytes, default: int) -> int:
        value = options.get(Name(key), default)
        return value if isinstance(value, int) and 0 < value < 1 << 16 else default

    colours, bits, columns = number(b"Colors", 1), number(b"BitsPerComponent", 8), number(b"Columns", 1)
    step = max(1, colours * bits // 8)  # bytes per pixel
    width = (colours * bits * columns + 7) // 8
    if predictor == 2 and bits == 8:
        rows = [bytearray(data[i : i + width]) for i in range(0, len(data), width)]
        for row in rows:
            for i in range(step, len(row)):
                row[i] = (row[i] + row[i - step]) & 255
        return b"".join(rows)
    if isinstance(predictor, int) and 10 <= predictor <= 15:
        return _png_rows(data, width, step)
    raise _Undecodable


def _png_rows(data: bytes, width: int, step: int) -> bytes:
    out, above = bytearray(), bytearray(width)
    for start in range(0, len(data), width + 1):
        kind, row = data[start], bytearray(data[start + 1 : start + 1 + width])
        for i in range(len(row)):
            left = row[i - step] if i >= step else 0
            up, corner = above[i], (above[i - step] if i >= step else 0)
            if kind == 1:
                row[i] = (row[i] + left) & 255
            elif kind == 2:
                row[i] = (row[i] + up) & 255
            elif kind == 3:
                row[i] = (row[i] + ((left + up) >> 1)) & 255
            elif kind == 4:
                guess = left + up - corner
                near = min((abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner))
                row[i] = (row[i] + near[2]) & 255
            elif kind != 0:
                raise _Undecodable
        out += row
        above = row + bytearray(width - len(row))
    return bytes(out)
