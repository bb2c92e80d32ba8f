"""Spanish verb forms: what a word is ("pagué" is the first person singular preterite of "pagar") and how the same
verb reads in another person ("pagó").

The table is generated (``scripts/spanish_verbs.py``) from verbecc's Spanish conjugation templates: of the
candidates the issue named, verbecc was the best on every count but size and speed, which the generated table
fixes.
- Correctness, on 350 hand-checked forms of 50 common and irregular verbs (present, preterite, 1st/3rd person,
  singular/plural): verbecc 0 wrong (it writes "rió" where the RAE now prefers "rio"); spanishconjugator 137
  wrong (no stem changes: "dormo", "elego"; its accented forms come out as mojibake); mlconjug3 carries an older
  copy of the same Verbiste tables behind a scikit-learn model that no longer loads with current scikit-learn.
- Speed and size: verbecc takes 10 s to import and 90 MB (scikit-learn), trains a model on first use (about 50 s)
  and conjugates one verb in 0.2 s; spanishconjugator is fast and 160 KB; simplemma (lemmas only, no person or
  tense) needs 1.7 s to load its Spanish dictionary. None of them is imported at run time: the script keeps the
  templates' endings and the 3,300 verbs customers use (chosen by wordfreq), a 118 KiB text file read in about
  10 ms of CPU when this module is imported; a word is analysed in microseconds (cached). simplemma serves the
  script only, to mark forms more often read as nouns ("pago", "cobro").
- Licence: verbecc's code is LGPL-3.0, its data Verbiste's (GPL-2.0-or-later), and so is the table derived from
  it; wordfreq's data is CC BY-SA 4.0 (used only to choose verbs), simplemma and spanishconjugator MIT. Amends
  runs as a service; whoever distributes it must mind the GPL of the table.

A verb is a template (``p:edir``: the infinitive's radical "p" takes the endings "ido", "ides", "ide" …);
``analyse`` looks a word's endings up in an index of all templates' endings and keeps the readings whose radical
and template make a known verb.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("spanish_verbs.txt")


class Tense(IntEnum):
    """The simple tenses in the table's order; each has six persons (``Person``)."""

    PRESENT = 0
    IMPERFECT = 1
    PRETERITE = 2
    FUTURE = 3
    CONDITIONAL = 4
    SUBJUNCTIVE = 5
    SUBJUNCTIVE_PAST = 6  # -ra
    SUBJUNCTIVE_PAST_SE = 7  # -se
    IMPERATIVE = 8  # persons tú, usted, nosotros, vosotros, ustedes (no first singular)
    INFINITIVE = 9
    GERUND = 10
    PARTICIPLE = 11


class Person(IntEnum):
    SINGULAR_1 = 0
    SINGULAR_2 = 1
    SINGULAR_3 = 2
    PLURAL_1 = 3
    PLURAL_2 = 4
    PLURAL_3 = 5


_FINITE = 6 * 8
_IMPERATIVE_PERSONS = (Person.SINGULAR_2, Person.SINGULAR_3, Person.PLURAL_1, Person.PLURAL_2, Person.PLURAL_3)


def _slot(tense: Tense, person: Person = Person.SINGULAR_1) -> int:
    if tense < Tense.IMPERATIVE:
        return tense * 6 + person
    if tense is Tense.IMPERATIVE:
        return _FINITE + _IMPERATIVE_PERSONS.index(person)
    return _FINITE + 5 + (tense - Tense.INFINITIVE)


def _reading(slot: int) -> tuple[Tense, Person]:
    if slot < _FINITE:
        return Tense(slot // 6), Person(slot % 6)
    if slot < _FINITE + 5:
        return Tense.IMPERATIVE, _IMPERATIVE_PERSONS[slot - _FINITE]
    return Tense(Tense.INFINITIVE + slot - _FINITE - 5), Person.SINGULAR_3


@dataclass(frozen=True, slots=True)
class Form:
    """One reading of a word: a verb (its infinitive), a tense and a person."""

    infinitive: str
    tense: Tense
    person: Person

    @property
    def finite(self) -> bool:
        return self.tense < Tense.INFINITIVE


@dataclass(frozen=True, slots=True)
class _Template:
    suffix: str
    """What the template replaces at the end of the infinitive: "edir" for p:edir."""
    endings: tuple[str, ...]
    """The first spelling of each slot's ending ("" where the verb has no such form)."""


_Tables = tuple[
    list["_Template"], dict[str, int], dict[str, dict[str, list[tuple[int, int]]]], frozenset[str], dict[str, int]
]


def _load() -> _Tables:
    templates: list[_Template] = []
    index: dict[str, dict[str, list[tuple[int, int]]]] = {}
    verbs: dict[str, int] = {}
    nounlike: frozenset[str] = frozenset()
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "T":
            name, _, endings = rest.partition(" ")
            suffix, number, slots = name.partition(":")[2], len(templates), endings.split(",")
            templates.append(_Template(suffix, tuple(slot.partition("/")[0] for slot in slots)))
            for slot, spellings in enumerate(slots):
                for spelling in spellings.split("/") if spellings else ():
                    index.setdefault(spelling, {}).setdefault(suffix, []).append((number, slot))
        elif kind == "V":
            entries = (entry.partition("=") for entry in rest.split())
            verbs = {infinitive: int(number) for infinitive, _, number in entries}
        elif kind == "N":
            nounlike = frozenset(rest.split())
    return templates, verbs, index, nounlike, {infinitive: rank for rank, infinitive in enumerate(verbs)}


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """The table, read once (about 10 ms of CPU) when the module is imported: the first customer to write in
    Spanish should not wait for it."""
    return _load()


_tables()


_LONGEST_ENDING = 12
"""No template ending is longer (``subjuntivo`` -iésemos plus a stem change is 10)."""


@lru_cache(maxsize=8192)
def analyse(word: str) -> tuple[Form, ...]:
    """Every reading of a lower-case word as a form of a known verb; empty if it is none."""
    _, verbs, index, _, _ = _tables()
    readings: list[Form] = []
    for cut in range(max(0, len(word) - _LONGEST_ENDING), len(word) + 1):
        by_suffix = index.get(word[cut:])
        if not by_suffix:
            continue
        radical = word[:cut]
        for suffix, entries in by_suffix.items():
            template = verbs.get(radical + suffix)
            if template is None:
                continue
            readings.extend(Form(radical + suffix, *_reading(slot)) for number, slot in entries if number == template)
    if word == "ha":  # the table's third person of haber is impersonal "hay"; "ha" is the auxiliary ("ha roto")
        readings.append(Form("haber", Tense.PRESENT, Person.SINGULAR_3))
    if not readings:
        readings.extend(_voseo(word))
    found = dict.fromkeys(form.infinitive for form in readings)
    rank = {infinitive: position for position, infinitive in enumerate(found)}
    if len(rank) > 1:  # the commonest verb's reading first ("siento": sentir, not sentar)
        readings.sort(key=lambda form: _rank(form.infinitive, rank))
    return tuple(dict.fromkeys(readings))


_VOSEO_ENDINGS = {"ás": "ar", "és": "er", "ís": "ir"}
_VOSEO_VERBS = 1500
"""How many of the commonest verbs (of the table's 3,300) are read in their vos forms."""


def _voseo(word: str) -> list[Form]:
    """The vos present (Río de la Plata, Central America): the infinitive's vowel stressed plus "s", with no stem
    change ("tenés", "podés", "pagás", "venís"), and "sos"; verbecc's tables have only tú. Only for the
    ``_VOSEO_VERBS`` commonest verbs: "además" is no "ademar"."""
    if word == "sos":
        return [Form("ser", Tense.PRESENT, Person.SINGULAR_2)]
    ending = _VOSEO_ENDINGS.get(word[-2:])
    infinitive = word[:-2] + ending if ending and len(word) > 4 else ""
    rank = _tables()[4].get(infinitive)
    return [Form(infinitive, Tense.PRESENT, Person.SINGULAR_2)] if rank is not None and rank < _VOSEO_VERBS else []


_ACCENTED_VOWELS = {"a": "á", "e": "é", "i": "í", "o": "ó"}


@lru_cache(maxsize=8192)
def analyse_typed(word: str) -> tuple[Form, ...]:
    """``analyse``, and for a word that reads as no verb, the reading of the same word with one of its last vowels
    accented: customers type "rompio", "partia", "enviaria" for "rompió", "partía", "enviaría"."""
    readings = analyse(word)
    for index in range(len(word) - 1, max(len(word) - 5, 0), -1):
        if readings:
            break
        accented = _ACCENTED_VOWELS.get(word[index])
        if accented:
            readings = analyse(word[:index] + accented + word[index + 1 :])
    return readings


def _rank(infinitive: str, fallback: dict[str, int]) -> int:
    return _tables()[4].get(infinitive, len(_tables()[4]) + fallback[infinitive])


def conjugate(infinitive: str, tense: Tense, person: Person = Person.SINGULAR_3) -> str | None:
    """The verb's form in that tense and person, or None for an unknown verb or a form it lacks."""
    templates, verbs, _, _, _ = _tables()
    number = verbs.get(infinitive)
    if number is None:
        return None
    template = templates[number]
    ending = template.endings[_slot(tense, person)]
    return infinitive[: len(infinitive) - len(template.suffix)] + ending if ending else None


def is_verb(infinitive: str) -> bool:
    return infinitive in _tables()[1]


def is_nounlike(word: str) -> bool:
    """Is this verb form more often a noun or an adjective ("pago", "cobro", "espera")?"""
    return word in _tables()[3]
