"""Every customer-facing string is translated, in every language, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from portal.i18n import LANGUAGES, catalog_path

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def source_strings() -> set[str | tuple[str, ...]]:
    """What `scripts/i18n` would extract right now: every _("...") and _.plural(...) in portal/ (the pages' code included: screens/ only calls it)."""
    method_map = [("portal/**.py", "python")]
    found: set[str | tuple[str, ...]] = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, keywords={"_": None, "plural": (1, 2)}
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def translations(entry: Message) -> tuple[str, ...]:
    """A catalog entry's translated text: one form, or one for each plural form ("" where there is none)."""
    if isinstance(entry.string, str) or entry.string is None:
        return (entry.string or "",)
    return tuple(entry.string)


@pytest.fixture(scope="module")
def strings() -> set[str | tuple[str, ...]]:
    found = source_strings()
    assert len(found) > 50  # the extraction itself works
    return found


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_every_source_string_is_translated(strings, language):
    with catalog_path(language).open("rb") as handle:
        catalog = {m.id: m for m in read_po(handle) if m.id}

    def translated(msgid) -> bool:
        entry = catalog.get(msgid)
        return entry is not None and all(translations(entry)) and not entry.fuzzy

    missing = sorted(map(str, (s for s in strings if not translated(s))))
    assert not missing, f"{len(missing)} strings lack a {language} translation (run scripts/i18n): {missing[:5]}"
    for msgid in strings:
        source = msgid if isinstance(msgid, str) else msgid[1]
        for form in translations(catalog[msgid]):
            assert sorted(set(PLACEHOLDER.findall(source))) == sorted(set(PLACEHOLDER.findall(form))), msgid
            words = PLACEHOLDER.sub("", source)  # "{size} MB" has no words of its own to translate
            assert form != source or not re.search("[a-z]{4}", words), f"untranslated copy: {msgid}"
