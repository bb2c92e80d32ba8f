"""Hebrew morphology for the conversation: attached prefixes, person, and the customer's own gender marking.

Hebrew writes its conjunction, article, prepositions and relative pronoun as one-letter prefixes (ו ה ב ל מ ש כ,
chained as in וכשהגעתי = ו+כש+הגעתי) and its possessive and object pronouns as suffixes (שלי, אותי, אליי). Turning
the customer's words into ours means swapping persons inside words: the customer's first person becomes our
second person (שלי→שלך, שילמתי→שילמת, חיכינו→חיכיתם) and their "you" for the business becomes our "we"
(שלכם→שלנו, שלחתם→שלחנו, תחזירו→נחזיר), each keeping its prefixes.

Why rules and not a morphological dictionary: the maintained Hebrew analyser is hspell (Debian's ``hspell``
1.4; hspellpy on PyPI only wraps its C library, and nothing else on PyPI analyses person). It analyses the person
and tense of past-tense verbs exactly and tells nouns with a possessive suffix from verbs (הזמנתי is both), but
(1) it is AGPL-3, and a table generated from its dictionary would carry that licence into the portal; (2) it
follows the Academy's spelling, so it rejects common customer spellings (אמיתי, חכיתי, אמא, פראייר) that the
rules read; (3) it is a native program, not pure Python. ``benchmarks/hebrew_hspell.py`` runs it beside the rules
(by hand, never shipped): on the 805 words of the corpus the rules agree with it on 788 of the 795 it knows, and
the 7 others are choices made on purpose (נתנו and עדכנו read as "they", "we agreed" kept as "we").

In Hebrew the person of a past-tense verb is a regular suffix (־תי, ־נו, ־תם), so the rules below need only
short, hand-written lists of the words that look like verbs and are not (מתי, שתי, אמיתי, סתם, אותם...), of
the verbs whose root ends in נ (whose third person plural reads like a first person plural: עדכנו, תיקנו),
and of the verbs that mean the customer together with us (סגרנו, סיכמנו: "as we agreed" stays "we").

Gender: the portal does not know the customer's gender, and Hebrew shows it in the present tense, the future,
adjectives and את/אתה. We restate only in forms that are spelled alike for both in unpointed text: past-tense
second person singular (שילמת), the suffixes ־ך (לך, שלך, אותך, אליך) and the second person plural (אתם,
חיכיתם). Where the customer's "אני" stands before a past-tense verb it is dropped, since the verb carries the
person (אני שילמתי → שילמת). Where it stands before a present-tense verb, an adjective or a noun, the customer's
own word shows their gender (אני מרגישה, אני לקוח), and we answer with the pronoun that agrees with it (את
מרגישה, אתה לקוח), reading the same marking anywhere in their answer when that word does not show it (מחכה,
מרוצה, בהלם); when nothing in their words shows it, we write את/ה, the inclusive form Israeli official
writing uses.
"""

from __future__ import annotations

import functools
import re

HEBREW_WORD_RE = re.compile(r"[א-ת]+(?:[\"״'׳][א-ת]+)*")
"""A Hebrew word, gershayim and geresh inside it included (ש"ח, צה"ל, צ'אט): they are not quotation marks."""

PREFIX_CHAINS: tuple[str, ...] = (
    "ו",
    "ה",
    "ב",
    "ל",
    "מ",
    "ש",
    "כ",
    "וה",
    "וב",
    "ול",
    "ומ",
    "וש",
    "וכ",
    "שה",
    "שב",
    "של",
    "כש",
    "מה",
    "מש",
    "כשה",
    "כשב",
    "כשל",
    "וכש",
    "ושה",
    "ושב",
    "ושל",
    "ומה",
    "ומש",
    "וכשה",
)
"""The chains of one-letter prefixes a word can carry, shortest first (ו before ש/כש/מש before ה ב ל מ כ)."""

CONJUNCTION_CHAINS = frozenset({"ו", "ש", "וש", "כש", "וכש", "מש", "ומש"})
"""Prefixes that attach to a whole pronoun (ולי, שאני, כשאני); ב ל מ כ ה would make another word of it (כלי)."""


_CHAINS_BY_LETTER: dict[str, tuple[str, ...]] = {
    letter: tuple(chain for chain in PREFIX_CHAINS if chain[0] == letter) for letter in "והבלמשכ"
}


@functools.lru_cache(maxsize=16384)
def prefix_splits(word: str, min_rest: int = 2) -> tuple[tuple[str, str], ...]:
    """``(prefixes, rest)`` for every prefix chain the word could carry, the bare word first."""
    return (
        ("", word),
        *(
            (chain, word[len(chain) :])
            for chain in _CHAINS_BY_LETTER.get(word[:1], ())
            if word.startswith(chain) and len(word) - len(chain) >= min_rest
        ),
    )


# --- Pronouns -----------------------------------------------------------------------------------------------

_CUSTOMER_SINGULAR: dict[str, str] = {
    "שלי": "שלך",
    "לי": "לך",
    "אותי": "אותך",
    "אליי": "אליך",
    "אלי": "אליך",
    "עליי": "עליך",
    "עלי": "עליך",
    "איתי": "איתך",
    "אתי": "איתך",
    "ממני": "ממך",
    "בשבילי": "בשבילך",
    "בי": "בך",
    "אצלי": "אצלך",
    "כמוני": "כמוך",
    "עצמי": "עצמך",
    "מולי": "מולך",
    "בגללי": "בגללך",
    "במקומי": "במקומך",
    "אחריי": "אחריך",
    "לפניי": "לפניך",
    "בלעדיי": "בלעדיך",
    "כלפיי": "כלפיך",
    "נגדי": "נגדך",
    "עבורי": "עבורך",
    # Nouns with the possessive suffix that customers use (the rest write של: הבן שלי).
    "אשתי": "אשתך",
    "אישתי": "אשתך",
    "בעלי": "בעלך",
    "אמי": "אמך",
    "אבי": "אביך",
    "דעתי": "דעתך",
    "משפחתי": "משפחתך",
    "טעותי": "טעותך",
    "סבלנותי": "סבלנותך",
    "כספי": "כספך",
    "פנייתי": "פנייתך",
    "תלונתי": "תלונתך",
    "כתובתי": "כתובתך",
    "רכבי": "רכבך",
    "עבודתי": "עבודתך",
    "דירתי": "דירתך",
}
_CUSTOMER_PLURAL: dict[str, str] = {
    "שלנו": "שלכם",
    "לנו": "לכם",
    "אותנו": "אתכם",
    "אלינו": "אליכם",
    "עלינו": "עליכם",
    "איתנו": "איתכם",
    "מאיתנו": "מכם",
    "בשבילנו": "בשבילכם",
    "אצלנו": "אצלכם",
    "כמונו": "כמוכם",
    "עצמנו": "עצמכם",
    "מולנו": "מולכם",
    "בגללנו": "בגללכם",
    "כולנו": "כולכם",
    "שנינו": "שניכם",
    "אנחנו": "אתם",
    "אנו": "אתם",
    "נגדנו": "נגדכם",
    "עבורנו": "עבורכם",
    "לידנו": "לידכם",
}
_BUSINESS: dict[str, str] = {
    "אתם": "אנחנו",
    "שלכם": "שלנו",
    "לכם": "לנו",
    "אתכם": "אותנו",
    "אותכם": "אותנו",
    "אליכם": "אלינו",
    "עליכם": "עלינו",
    "איתכם": "איתנו",
    "מכם": "מאיתנו",
    "בשבילכם": "בשבילנו",
    "בכם": "בנו",
    "אצלכם": "אצלנו",
    "כמוכם": "כמונו",
    "מולכם": "מולנו",
    "בגללכם": "בגללנו",
    "כולכם": "כולנו",
    "עצמכם": "עצמנו",
    "נגדכם": "נגדנו",
    "עבורכם": "עבורנו",
    "לידכם": "לידנו",
}
PRONOUNS: dict[str, str] = {**_CUSTOMER_SINGULAR, **_CUSTOMER_PLURAL, **_BUSINESS}
"""Every pronoun (or suffixed word) whose person changes, customer's and business's at once."""

FIRST_PERSON_SINGULAR = frozenset(_CUSTOMER_SINGULAR) | {"אני"}

# --- Verbs --------------------------------------------------------------------------------------------------

_NOT_VERBS_TI = frozenset(
    {
        "מתי",
        "שתי",
        "בלתי",
        "אמיתי",
        "אמתי",
        "בעייתי",
        "דתי",
        "ביתי",
        "שנתי",
        "עונתי",
        "כמותי",
        "כיתתי",
        "שכונתי",
        "ממשלתי",
        "ממלכתי",
        "תעשייתי",
        "מהותי",
        "עתי",
        "חברתי",
        "משפחתי",
        "דעתי",
        "טעותי",
        "פנייתי",
        "כתובתי",
        "תלונתי",
        "אשתי",
        "אישתי",
        "סבלנותי",
    }
)
"""Words that end in ־תי and are not first-person past verbs (the possessive nouns are turned by PRONOUNS)."""

_NOT_VERBS_NU = frozenset(
    {
        "אנחנו",
        "ממנו",
        "עכשיו",
        "בנו",
        "שנו",
        # Root ending in נ: the third person plural (they updated, they fixed) is spelled like the first person.
        "עדכנו",
        "תיקנו",
        "תכננו",
        "ארגנו",
        "זימנו",
        "סיכנו",
        "טענו",
        "נתנו",
        "התלוננו",
        "התקינו",
        "הבינו",
        "הכינו",
        "הזמינו",
        "שיכנו",
        "נענו",
        "התכוננו",
        "הטעינו",
        "חיסנו",
        "ישנו",
        "סימנו",
    }
)
_ROOT_FINAL_NUN_FIRST_PLURAL: dict[str, str] = {
    "הזמנו": "הזמנתם",
    "הבנו": "הבנתם",
    "התקנו": "התקנתם",
    "הכנו": "הכנתם",
    "נתנו": "נתתם",
}
_WE_TOGETHER = frozenset(
    {
        "סגרנו",
        "סיכמנו",
        "קבענו",
        "הסכמנו",
        "דיברנו",
        "התכתבנו",
        "נפגשנו",
        "התחלנו",
    }
)
"""Verbs whose "we" is the customer together with us ("as we agreed"): from our side it is still "we"."""

_NOT_VERBS_TEM = frozenset({"סתם", "אותם", "איתם", "אתם", "כתם", "חותם", "ביתם", "יתם", "תם", "עבודתם", "תשובתם"})
_IRREGULAR_SECOND_PLURAL: dict[str, str] = {"נתתם": "נתנו"}
_NOT_FUTURE_PLURAL = frozenset({"תודו", "תוכו", "תורו", "תחנו", "תינו"})  # ושתינו is "and we drank"
_HIFIL_FUTURE_PLURAL_RE = re.compile(r"ת[א-ת]{1,2}ינו")
_FIRST_SINGULAR_FUTURE_RE = re.compile(r"א[^י](?:[א-ת]|[א-ת][יו])[^והתינ]")
"""After ש, "I will" (שאביא, שאשלם, שאחזור): א, a root, no suffix; not a past verb of an א root (שאישר, שאמרו)."""
_NOT_I_WILL = frozenset(
    {
        "אפשר",
        "אחרי",
        "אולי",
        "אפילו",
        "אצלם",
        "אצלו",
        "אצלה",
        "אתמול",
        "אותו",
        "אותה",
        "אותם",
        "אחד",
        "אחת",
        "אחר",
        "אחרת",
        "אמור",
        "אמורה",
        "אבל",
        "אנשים",
        "איפה",
        "אמרה",
        "אמרת",
        "אכלה",
        "אספה",
        "אסור",
        "אפור",
        "אפורה",
        "ארוך",
        "ארוכה",
        "אדום",
        "אדומה",
        "אמיתי",
        "אוכל",
        "אופן",
        "אוטו",
        "אוטובוס",
        "אנחנו",
        "אתכם",
        "אתם",
        "אתה",
        "אלה",
        "אלו",
        "אליו",
        "אליה",
        "אליהם",
        "אלינו",
        "אצלנו",
        "אצלכם",
        "אחרים",
        "אחרות",
        "אחרון",
        "אחרונה",
        "אותנו",
        "אמא",
        "אבא",
        "אשתו",
        "אשתי",
        "אחותי",
        "אחיו",
        "אישור",
        "איחור",
        "אינטרנט",
        "אפליקציה",
        "אתר",
        "אחריות",
        "אלף",
        "אלפים",
        "ארגז",
        "ארון",
        "ארוחה",
        "אריזה",
        "אבטחה",
        "אחראי",
        "אחראית",
    }
)
_GUTTURALS = frozenset("אהחע")


def _first_singular_past(word: str) -> str | None:
    """שילמתי → שילמת; None unless the word reads as a first-person singular past verb."""
    if len(word) >= 4 and word.endswith("תי") and not word.endswith("ותי"):
        return word[:-1]
    return None


def _first_plural_past(word: str) -> str | None:
    """חיכינו → חיכיתם; None unless the word reads as a first-person plural past verb."""
    stem = word[:-2]
    if _HIFIL_FUTURE_PLURAL_RE.fullmatch(word):
        return None  # תבינו, תזמינו: "you will (understand)", a root ending in נ, not "we …"
    return stem + "תם" if word.endswith("נו") and len(stem) >= 3 else None


def _second_plural_past(word: str) -> str | None:
    """שלחתם → שלחנו, תיקנתם → תיקנו; None unless the word reads as a second-person plural past verb."""
    if len(word) < 4 or not word.endswith("תם") or word.endswith("ותם"):
        return None
    stem = word[:-2]
    return stem + "ו" if stem.endswith("נ") else stem + "נו"


def _second_plural_future(core: str) -> str | None:
    """שתחזירו → שנחזיר, שתענו → שנענה, שתבדקו → שנבדוק: what the customer asks us to do, as our "we will".

    Only after ש (ביקשתי שתחזירו): a bare ת…ו word is as often a past verb whose root starts with ת (תפסו).
    """
    if not (4 <= len(core) <= 7 and core[0] == "ת" and core[-1] == "ו") or core in _NOT_FUTURE_PLURAL:
        return None
    stem = core[1:-1]
    if core.endswith("נו") and len(stem) != 2:
        return None
    if len(stem) == 2:
        return "נ" + stem + "ה"
    if len(stem) == 3 and not set(stem) & {"י", "ו"} and stem[1] not in _GUTTURALS and stem[2] not in "חעא":
        return "נ" + stem[:2] + "ו" + stem[2]
    return "נ" + stem


_NOT_VERBS = _NOT_VERBS_TI | _NOT_VERBS_NU | _WE_TOGETHER | _NOT_VERBS_TEM
_VERB_EXCEPTIONS = {**_ROOT_FINAL_NUN_FIRST_PLURAL, **_IRREGULAR_SECOND_PLURAL}
_SUBORDINATING_CHAINS = frozenset({"ש", "וש", "כש", "וכש"})


def _is_listed_non_verb(word: str) -> bool:
    return any(core in _NOT_VERBS for _, core in prefix_splits(word))


def is_first_singular_past(word: str) -> bool:
    """Does the word (prefixes and all) read as a first-person singular past verb (שילמתי, כשהגעתי)?"""
    return _first_singular_past(word) is not None and not _is_listed_non_verb(word) and swap_pronoun(word) is None


def swap_pronoun(word: str) -> str | None:
    """The pronoun (or suffixed noun) in our voice, prefixes kept (ושלי → ושלך, שאתם → שאנחנו), or None."""
    for chain, core in prefix_splits(word):
        swapped = PRONOUNS.get(core)
        if swapped is not None and (not chain or len(core) > 2 or chain in CONJUNCTION_CHAINS):
            return chain + swapped
    return None


def demand_as_our_promise(word: str) -> str | None:
    """תחזירו → נחזיר: a demand that opens a sentence, as what we are asked to do; None for anything else."""
    if _is_listed_non_verb(word) or swap_pronoun(word) is not None:
        return None
    return _second_plural_future(word)


@functools.lru_cache(maxsize=16384)
def swap_person(word: str) -> str | None:
    """The word in our voice, prefixes kept, or None when its person does not change.

    Pronouns first, then verbs by their person suffix (the suffix rules work on the whole word, so its prefixes
    stay). אני is left to the caller: what it becomes depends on the word after it (see module docstring).
    """
    if (pronoun := swap_pronoun(word)) is not None:
        return pronoun
    for chain, core in prefix_splits(word):
        if core in _NOT_VERBS:
            return None
        if core in _VERB_EXCEPTIONS:
            return chain + _VERB_EXCEPTIONS[core]
    for chain, core in prefix_splits(word, min_rest=4):
        if chain in _SUBORDINATING_CHAINS and (future := _second_plural_future(core)) is not None:
            return chain + future
        if chain in _SUBORDINATING_CHAINS and _FIRST_SINGULAR_FUTURE_RE.fullmatch(core) and core not in _NOT_I_WILL:
            return chain + "ת" + core[1:]  # (הוא רוצה) שאשלם → שתשלם
    for converter in (_first_singular_past, _first_plural_past, _second_plural_past):
        if (swapped := converter(word)) is not None:
            return swapped
    return None


# --- The customer's own gender marking ----------------------------------------------------------------------

SUBJECT_ADVERBS = frozenset(
    {
        "לא",
        "ממש",
        "מאוד",
        "מאד",
        "כל",
        "כך",
        'כ"כ',
        "כבר",
        "עדיין",
        "גם",
        "פשוט",
        "באמת",
        "עוד",
        "רק",
        "סתם",
        "בכלל",
        "לגמרי",
        "די",
        "קצת",
        "נורא",
        "תמיד",
        "אף",
        "פעם",
        "שוב",
        "כן",
        "בטח",
        "כמובן",
        "עכשיו",
    }
)
_SAME_FOR_BOTH = frozenset({"מרוצה", "מקווה", "נראה", "מודה", "שונה", "רזה", "יפה", "קשה", "חולה", "בריא"})
_SAME_SPELLING_PARTICIPLE = re.compile(r".ו.ה|מ..ה")
"""Present tense of ל"ה verbs (רוצה, מחכה, מקווה): one spelling for both genders."""
_UNGENDERED_PREDICATES = re.compile(r"^ב(?!טוח|ודאי|ודד|ן$|ת$)|^(?:פה|שם|כאן|לבד)$")
_GENDER_CUES_BEFORE = frozenset({"אני", "הייתי", "נשארתי", "הרגשתי", "יצאתי", "נהייתי"})


def word_gender(word: str) -> str | None:
    """ "f" or "m" for a present-tense verb, adjective or noun that shows its gender, else None.

    ל"ה verbs (מחכה, רוצה, מנסה) and a few adjectives (מרוצה) are spelled alike for both; prepositional
    predicates (בהלם, לבד) have no gender; plurals say nothing about one person.
    """
    if word in _SAME_FOR_BOTH or _UNGENDERED_PREDICATES.search(word) or len(word) < 2:
        return None
    if _SAME_SPELLING_PARTICIPLE.fullmatch(word):
        return None
    if word.endswith(("ים", "ות")):
        return None
    if word.endswith(("ת", "ה")):
        return "f"
    return "m"


def customer_gender(words: list[str]) -> str | None:
    """The gender the customer's own words show for themselves (אני מרגישה, הייתי בטוח, כמו פראיירית)."""
    for index, word in enumerate(words):
        if not any(core in _GENDER_CUES_BEFORE for _, core in prefix_splits(word)):
            continue
        following = next((w for w in words[index + 1 :] if w not in SUBJECT_ADVERBS), None)
        if following is None or is_first_singular_past(following):
            continue
        if (gender := word_gender(following)) is not None:
            return gender
    return None


def second_person_pronoun(gender: str | None) -> str:
    """אתה, את, or the inclusive את/ה when the customer's words do not show their gender."""
    return {"m": "אתה", "f": "את"}.get(gender or "", "את/ה")
