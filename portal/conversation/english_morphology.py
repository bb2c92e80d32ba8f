"""English verb inflection for cue families: one verb written once stands for every form a customer types.

"scuff" is also "scuffs", "scuffed" and "scuffing"; "split" is also "splitting"; "tear" is also "tore" and "torn".
Regular forms follow the spelling rules of English (``-es`` after sibilants, ``-ied`` after a consonant and "y",
a final "e" dropped before "-ing", the last consonant doubled after one stressed short vowel, a final "l" doubled
in British spelling and not in American); irregular forms are given beside the verb. The cue tables then say
``verbs("scuff", "gouge", ("tear", "tore", "torn"))`` instead of listing forms by hand, which is where forms were
forgotten ("splitting", "gouges").
"""

from __future__ import annotations

from functools import cache

_VOWELS = frozenset("aeiou")
_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")
_NEVER_DOUBLED = frozenset("wxy")

Verb = str | tuple[str, ...]
"""A regular verb ("scratch"), or a verb and its irregular forms (("tear", "tore", "torn"))."""


def _syllables(word: str) -> int:
    """Vowel groups, a rough syllable count ("y" after a consonant counts as a vowel)."""
    count, previous_vowel = 0, False
    for index, char in enumerate(word):
        vowel = char in _VOWELS or (char == "y" and index > 0 and word[index - 1] not in _VOWELS)
        count += vowel and not previous_vowel
        previous_vowel = vowel
    return count


def _doubles_final_consonant(word: str) -> bool:
    """One syllable ending consonant-vowel-consonant ("snap", "rip", "chip"): "snapped", "ripping"."""
    return (
        len(word) >= 3
        and _syllables(word) == 1
        and word[-1] not in _VOWELS | _NEVER_DOUBLED
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def regular_forms(verb: str) -> tuple[str, ...]:
    """The verb, its third person, past (also the participle) and gerund, by the regular spelling rules."""
    if verb.endswith(_SIBILANT_ENDINGS):
        third = verb + "es"
    elif verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        third = verb[:-1] + "ies"
    else:
        third = verb + "s"
    if verb.endswith("e"):
        past = verb + "d"
    elif verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        past = verb[:-1] + "ied"
    elif _doubles_final_consonant(verb):
        past = verb + verb[-1] + "ed"
    else:
        past = verb + "ed"
    if verb.endswith("ie"):
        gerund = verb[:-2] + "ying"
    elif verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        gerund = verb[:-1] + "ing"
    elif _doubles_final_consonant(verb):
        gerund = verb + verb[-1] + "ing"
    else:
        gerund = verb + "ing"
    forms = [verb, third, past, gerund]
    if verb.endswith("l") and verb[-2:-1] in _VOWELS and _syllables(verb) > 1:
        forms += [verb + "led", verb + "ling"]  # British "cancelled", "labelling" beside American "canceled"
    return tuple(dict.fromkeys(forms))


@cache
def verb_forms(verb: Verb) -> tuple[str, ...]:
    """Every form of one verb: the regular ones and any irregular forms given with it."""
    if isinstance(verb, str):
        return regular_forms(verb)
    base, *irregular = verb
    return tuple(dict.fromkeys([*regular_forms(base), *irregular]))


def verbs(*family: Verb) -> str:
    """A regular expression alternation of every form of every verb in ``family``, longest first (so that "scuffed"
    is tried before "scuff"); for use inside ``\\b(?:…)\\b``."""
    forms = {form for verb in family for form in verb_forms(verb)}
    return "|".join(sorted(forms, key=lambda form: (-len(form), form)))
