"""English words and tokens: the facts a restatement keeps, the word lists its grammar knows, and the tokenizer.

Facts (numbers, amounts, times, dates, references, e-mail and web addresses) are matched by the same patterns
here for the tokenizer (which keeps them as opaque "protected" tokens) and for ``english.extract_facts``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

# ---------------------------------------------------------------------------
# Facts: the patterns are shared by the tokenizer (which keeps them intact) and
# by extract_facts (which lists them so tests can check they survive).
# ---------------------------------------------------------------------------

_CURRENCY = r"[$€£¥₪]"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
)
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_URL = r"\b(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]]"
_AMOUNT = (
    rf"(?:US)?{_CURRENCY} ?\d[\d,]*(?:\.\d+)?"
    r"|\b(?:USD|EUR|GBP|NIS|ILS) ?\d[\d,]*(?:\.\d+)?"
    rf"|\b\d[\d,]*(?:\.\d+)? ?(?:{_CURRENCY}|(?i:dollars?|euros?|pounds?|bucks|quid|cents?|pence|shekels?)\b"
    r"|(?:USD|EUR|GBP|NIS|ILS)\b)"
)
_TIME = (
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?: ?(?i:[ap]\.m\.|[ap]m)(?!\w))?"
    r"|\b\d{1,2}(?:\.\d{2})? ?(?i:[ap]\.m\.|[ap]m)(?!\w)"
)
_DATE = (
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH}\b(?:,? \d{{4}}\b)?"
    rf"|\b{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?\b(?:,? \d{{4}}\b)?"
)
_REF = r"#[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?|\b[A-Z]{1,6}-?\d(?:[A-Z0-9-]*[A-Z0-9])?\b"
_NUMBER_WITH_UNIT = (
    r"\b\d[\d,]*(?:\.\d+)? ?-?(?i:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?"
    r"|seconds?|secs?|times|items?|pieces?|boxes|bags?|miles?|km|kg|lbs?|kilos?|metres?|meters?"
    r"|feet|ft|inches|percent|calls?|e-?mails?|messages?|visits?|attempts?|people|nights?"
    r"|floors?|rooms?)\b|\b\d[\d,]*(?:\.\d+)? ?%"
)
_NUMBER = r"\b\d[\d,]*(?:\.\d+)?\b"
_QUOTED = r'"[^"\n]{1,400}"|“[^”\n]{1,400}”|«[^»\n]{1,400}»|„[^“”\n]{1,400}[“”]'
_CODE = r"`[^`\n]{1,400}`"
_TAG = r"<(?P<element>(?i:script|style))\b[^>]{0,400}>.*?</(?P=element)\s*>|</?[A-Za-z][^<>\n]{0,400}>"

FACT_RE = re.compile("|".join((_EMAIL, _URL, _AMOUNT, _DATE, _TIME, _REF, _NUMBER_WITH_UNIT, _NUMBER)))
PROTECTED_RE = re.compile("|".join((_QUOTED, _CODE, _EMAIL, _URL, _TAG)))
"""Spans whose inside is never edited, not even to drop a swear word: quoted speech, code, addresses, HTML."""
NAME_RE = re.compile(r"(?<![\w@.'’#/-])[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’][A-Z][^\W\d_]+)?")

# ---------------------------------------------------------------------------
# Word lists
# ---------------------------------------------------------------------------

FIRST_PERSON: dict[str, str] = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "we": "you",
    "us": "you",
    "our": "your",
    "ours": "yours",
    "ourselves": "yourselves",
    "we're": "you're",
    "we've": "you've",
    "we'd": "you'd",
    "we'll": "you'll",
}
BUSINESS: dict[str, str] = {
    "your": "our",
    "yours": "ours",
    "yourself": "ourselves",
    "yourselves": "ourselves",
    "you're": "we're",
    "you've": "we've",
    "you'd": "we'd",
    "you'll": "we'll",
}
PRONOUNS = frozenset(FIRST_PERSON) | frozenset(BUSINESS) | {"you", "we", "our", "us"}
PRONOUN_INITIALS = frozenset("".join(word[0] + word[0].upper() for word in PRONOUNS))
SUBJECTS_NEEDING_AGREEMENT = frozenset({"i", "we"})
AGREEMENT: dict[str, str] = {
    "am": "are",
    "was": "were",
    "wasn't": "weren't",
    "is": "are",
    "isn't": "aren't",
}
GROUP_NOUNS = frozenset({"guys", "people", "lot", "folks", "all"})

TRUE_PREPOSITIONS = frozenset(
    """
    to for with at from by about of on in into onto toward towards without against upon through around among
    amongst behind beside besides near via within per off over under beyond except inside outside between
    regarding concerning beneath above below across along throughout unlike
""".split()
)
CONJUNCTIONS = frozenset(
    """
    like than as but before after until till since because cause cos when whenever if that so and or while
    whereas though although unless once where whether how why what which who whom then
""".split()
)
AUXILIARIES = frozenset(
    """
    am is are was were be been have has had do does did can could will would shall should may might must
    isn't aren't wasn't weren't haven't hasn't hadn't don't doesn't didn't can't cannot couldn't won't
    wouldn't shan't shouldn't mightn't mustn't ain't
""".split()
)
STRONG_AUXILIARIES = AUXILIARIES - {"be", "been", "being"}
ADVERBS = frozenset(
    """
    never always also just still even only then really clearly obviously already simply completely totally
    probably seriously literally actually apparently ever often sometimes usually basically certainly
    definitely specifically explicitly repeatedly promptly immediately finally eventually initially
    originally personally supposedly
""".split()
)
PAST_IRREGULAR = frozenset(
    """
    said told sent took made gave came went left kept broke forgot lost put got brought bought paid ran set
    let hit cut found thought knew saw heard sold spent wrote spoke stole tore threw hung held meant led shut
    stood sat built dealt drove ate fell began became did had was were overcharged rang shrank shrunk sank stank
    swung spun bent dug stuck struck woke wore froze hid slid rode flew drew grew sang won hung chose caught taught
    fought threw bit
""".split()
)
OBJECT_VERBS = frozenset(
    """
    call tell ask pay trust contact email phone ring text message thank hire use choose book recommend give
    send show let help expect want need remind warn chase blame forgive believe hate love see hear sue visit
    reach inform notify beg urge assure follow rate review report owe paying calling telling asking trusting
    emailing chasing contacting giving sending
""".split()
)
CLAUSE_VERBS = frozenset(
    """
    think thought know knew said say hope guess feel felt realise realised realize realized notice noticed
    believe believed assume assumed suppose supposed understand understood wish figured found saw heard sure
    seems seemed claimed claim promised hoped glad surprised shocked learned learnt discovered mean meant
    means hear see
""".split()
)
SUBJECT_VERBS = frozenset(
    """
    charge take say tell send promise keep make give come go know think need want expect claim ignore call
    advertise offer sell provide get put leave let treat ask do pay owe lie try seem care use guarantee quote
    refuse fail forget lose show answer respond reply cancel deliver fix install repair bill damage scratch
""".split()
)
_ED_NON_VERBS = frozenset(
    """
    need bed red shed hundred speed feed seed indeed breed greed bleed embed sacred naked wicked beloved
    ragged rugged jagged crooked wretched kindred
""".split()
)
SUBORDINATORS = frozenset(
    "when whenever because cause cos if after before since until till while whereas although though unless once".split()
)
RELATIVE_PRONOUNS = frozenset({"who", "which", "whom", "whose"})
CLAUSE_OPENERS = frozenset(
    """
    nobody nothing someone somebody everyone everybody everything anyone anybody they he she it we you i
    there no-one noone whoever
""".split()
)
SUBJECT_CONTRACTIONS = frozenset(
    """
    it's that's there's he's she's what's who's here's everything's nothing's nobody's someone's
""".split()
)
DETERMINERS = frozenset("the a an my your our his her their its this that these those very so some no".split())
ING_NOUNS = frozenset(
    """
    thing nothing something anything everything morning evening ceiling building ring king spring string
    wedding meeting wing sibling pudding darling
""".split()
)
IMPERATIVES = frozenset(
    """
    let see look please tell thank give fix call stop explain refund send check read imagine try get come make
    do don't sort answer
""".split()
)
PREDICATE_ADJECTIVES = frozenset(
    """
    late early rude cold dirty filthy broken wrong slow missing faulty overpriced unhelpful noisy empty closed
    incomplete raw burnt stale soggy wet dead loud dangerous unsafe unprofessional careless dismissive hostile
    mouldy moldy smelly sticky greasy undercooked overcooked expensive useless pointless impossible short small
    cracked chipped bent lost
""".split()
)
"""Adjectives a customer says on their own, the subject left out ("Late again.", "Broken. Again."): the
restatement gives them "it was"; capitalised at the start of an answer they are no names."""
PAST_PARTICIPLES = frozenset(
    """
    broken stolen taken given done gone torn thrown eaten forgotten written shown hidden chosen driven worn
    beaten bitten frozen spoken woken shaken ridden fallen mistaken
""".split()
)
"""Irregular past participles that differ from the past tense ("broken", not "broke")."""
COMMON_VERBS = frozenset(
    """
    shout yell scream swear laugh lie speak talk ignore refuse hang cancel lose forget treat insult accuse close
    open turn switch install replace deliver throw damage break scratch crack smash dent stain spill flood burn rip
    tear ruin overcharge ship collect manage allow assume decide explain apologise apologize serve notice realise
    realize carry bring leave walk
""".split()
)
"""Verbs customers use in questions ("why did the instructor shout at me"): the verb after "did" is found
among these and the other verb lists; English verbs are too many to list, these are the ones complaints use. Words
as often nouns ("clean", "check", "order") are left out: "why does your 'deep clean' leave …" has its verb later."""
NAMES_LOOKING_LIKE_VERBS = frozenset("fred reed alfred mildred manfred winifred".split())
ABBREVIATIONS = frozenset("mr mrs ms dr st no vs etc ltd inc co jr sr approx dept".split())

COMMON_WORDS = frozenset(
    """
    a an the this that these those some any each every all both either neither no not none
    i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his she her hers
    it its they them their theirs who whom whose which what whatever when where why how whether
    and or but so yet nor for because since although though while whereas if unless until till once then
    than as like also too even just only still already again always never ever often sometimes usually
    to of in on at by with from about into onto over under after before during without within through
    across around between among against toward towards upon up down out off near
    am is are was were be been being have has had do does did can could will would shall should may might
    must isn't aren't wasn't weren't haven't hasn't hadn't don't doesn't didn't can't couldn't won't
    wouldn't shouldn't it's that's there's i'm i've i'd i'll you're you've you'd you'll we're we've we'd
    we'll they're they've they'd they'll he's she's what's
    there here nobody nothing someone somebody everyone everybody everything anyone anybody anything something
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred half
    first second third last next another other others more most much many few several such same own
    yesterday today tonight tomorrow now later soon recently instead meanwhile anyway otherwise overall
    honestly basically obviously seriously frankly actually unfortunately luckily sadly clearly really
    literally eventually initially originally apparently finally personally mostly mainly especially
    yes yeah yep yup ok okay well oh please thanks thank sorry hi hello dear not plus besides additionally
    above top addition fact thing part main biggest real issue problem bothered bothers annoyed upset
    let see look tell give fix call stop explain refund send check read imagine try get come make sort answer
    order whoever whatever
    being having getting waiting paying calling trying
    what's let's
""".split()
)

# ---------------------------------------------------------------------------
# Tokenizer
# ---------------------------------------------------------------------------


class TokenKind(StrEnum):
    """What a token is. PROTECTED spans (quotes, code, e-mail, URLs, amounts, times, dates,
    order references) and TAGs are never looked into; NUMBER and PROTECTED count as words
    for grammar ("#" to the rewriter), TAGs are invisible to it."""

    WORD = "word"
    NUMBER = "number"
    PROTECTED = "protected"
    TAG = "tag"
    OTHER = "other"


@dataclass(slots=True)
class Token:
    """One word, number, protected span or punctuation mark, with the whitespace before it.

    Whitespace is not a token of its own: that halves the number of tokens every pass
    walks through. Rendering turns any ``space`` into a single blank.
    """

    kind: TokenKind
    text: str
    space: str = ""


_TOKEN_RE = re.compile(
    r"(?P<space>\s*)(?:"
    r"(?P<plain_word>(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))[A-Za-z][a-z]*(?:['’][a-z]+)*)"
    r"(?![\w@+:'’-]|\.\S)"
    r"|(?P<plain_other>[,;:!?()])"
    rf"|(?P<tag>{_TAG})"
    rf"|(?P<protected>{_QUOTED}|{_CODE}|{_EMAIL}|{_URL}|{_AMOUNT}|{_DATE}|{_TIME}|{_REF})"
    r"|(?P<number>\d(?:[\d,.:/]*\d)?)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<other>\S))",
    re.DOTALL,
)
WORDISH = frozenset({TokenKind.WORD, TokenKind.NUMBER, TokenKind.PROTECTED})
SENTENCE_END_CHARS = frozenset(".!?…")
SEGMENT_BREAK_CHARS = frozenset(",;:—–")
CLAUSE_BREAK_CHARS = frozenset('.!?…,;:()[]{}—–-"“”«»')
TRAILING_NOISE_CHARS = frozenset(".!…,;:")
MARKUP_CHARS = frozenset("*_~`[(\"'“‘«„<>#")


_KIND_OF_GROUP: dict[str, TokenKind] = {kind.value: kind for kind in TokenKind} | {
    "plain_word": TokenKind.WORD,
    "plain_other": TokenKind.OTHER,
}
"""The first two token branches of ``_TOKEN_RE`` are shortcuts for the commonest tokens: an ordinary
word that nothing protected could start at (not a month name, which may open a date; not
followed by what would make it an e-mail address, a URL or an order reference), and
punctuation that opens nothing protected. They give exactly the tokens the full alternation
would, only sooner."""


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text``; whitespace after the last token is dropped."""
    return [
        Token(_KIND_OF_GROUP[match.lastgroup], match.group(match.lastindex), match.group(1))  # type: ignore[index,arg-type]  # every alternative of _TOKEN_RE is a named group, so a match has both
        for match in _TOKEN_RE.finditer(text)
    ]


@lru_cache(maxsize=16384)  # asked some 1,300 times for a long story's words, most of them the same few
def norm_word(word: str) -> str:
    return word.lower().replace("’", "'")


def is_ed_verb(word: str) -> bool:
    return len(word) >= 4 and word.endswith("ed") and word not in _ED_NON_VERBS


ACRONYMS = frozenset(
    {
        "UPS",
        "DHL",
        "DPD",
        "TNT",
        "USPS",
        "ATM",
        "CEO",
        "USA",
        "VAT",
        "GPS",
        "SMS",
        "PDF",
        "FAQ",
        "HVAC",
        "DIY",
        "BBC",
        "NHS",
        "IRS",
        "DMV",
        "HMRC",
        "USD",
        "EUR",
        "GBP",
        "NIS",
        "ILS",
        "API",
        "URL",
        "PIN",
        "SIM",
        "LED",
        "ETA",
        "RSVP",
        "FYI",
        "LLC",
        "LTD",
        "INC",
        "BMW",
        "IKEA",
        "CCTV",
        "WIFI",
        "HTML",
        "NYC",
        "PST",
        "EST",
        "GMT",
        "UK",
        "US",
        "EU",
        "TV",
        "PC",
        "ID",
        "GP",
        "MOT",
        "SUV",
        "VIP",
        "HQ",
        "HR",
        "IT",
        "DVD",
        "CD",
        "USB",
        "HDMI",
        "AC",
        "KFC",
        "HSBC",
        "TSB",
        "RBS",
        "BT",
        "EE",
        "DVLA",
        "AA",
        "RAC",
        "ASOS",
        "ASDA",
        "EDF",
        "EON",
        "NASA",
        "UEFA",
        "FIFA",
        "XL",
        "XXL",
        "XS",
        "IVF",
        "MRI",
        "A&E",
        "ICU",
        "PPI",
        "APR",
        "ISA",
        "IBAN",
        "BIC",
        "QR",
        "AI",
        "OK",
    }
)
"""Capitals that are names, not shouting."""


# ---------------------------------------------------------------------------
# Verb forms
# ---------------------------------------------------------------------------

IRREGULAR_PAST: dict[str, str] = dict(
    pair.split(":")
    for pair in """
    be:was have:had do:did go:went get:got take:took make:made come:came give:gave leave:left lose:lost pay:paid
    say:said tell:told send:sent spend:spent sit:sat stand:stood keep:kept find:found hear:heard hold:held
    bring:brought buy:bought think:thought catch:caught teach:taught fight:fought see:saw know:knew throw:threw
    grow:grew draw:drew fly:flew drive:drove ride:rode write:wrote speak:spoke break:broke choose:chose wake:woke
    steal:stole forget:forgot eat:ate fall:fell feel:felt meet:met lead:led read:read put:put cut:cut hit:hit
    let:let set:set shut:shut hurt:hurt cost:cost quit:quit run:ran begin:began drink:drank ring:rang sing:sang
    win:won hang:hung dig:dug stick:stuck sell:sold tear:tore wear:wore swear:swore sleep:slept lend:lent
    bend:bent build:built deal:dealt mean:meant shake:shook understand:understood become:became forgive:forgave
    hide:hid bite:bit light:lit shoot:shot slide:slid spin:spun split:split spread:spread strike:struck
""".split()
)
"""English's irregular verbs are a closed class; these are the ones customers use. A maintained inflection
library (lemminflect, pyinflect) would bring tens of megabytes of data for the few hundred forms needed here."""
_IRREGULAR_THIRD = {"be": "is", "have": "has", "do": "does", "go": "goes"}
_VOWEL_LETTERS = frozenset("aeiou")


def past_tense(base: str) -> str:
    """The simple past of a verb's base form: "take" → "took", "charge" → "charged", "stop" → "stopped"."""
    if base in IRREGULAR_PAST:
        return IRREGULAR_PAST[base]
    if base.endswith("e"):
        return base + "d"
    if len(base) > 3 and base[-1] == "l" and base[-2] in _VOWEL_LETTERS and base[-3] not in _VOWEL_LETTERS:
        return base + "led"  # British spelling: "cancelled", "travelled", "labelled"
    if len(base) > 2 and base.endswith("y") and base[-2] not in _VOWEL_LETTERS:
        return base[:-1] + "ied"
    vowel_groups = len(re.findall(r"[aeiou]+", base))
    if (
        vowel_groups == 1
        and len(base) >= 3
        and base[-1] not in _VOWEL_LETTERS
        and base[-1] not in "wxy"
        and base[-2] in _VOWEL_LETTERS
        and base[-3] not in _VOWEL_LETTERS
    ):
        return base + base[-1] + "ed"
    return base + "ed"


def third_person(base: str) -> str:
    """The present tense after he/she/it/nobody: "answer" → "answers", "fix" → "fixes", "try" → "tries"."""
    if base in _IRREGULAR_THIRD:
        return _IRREGULAR_THIRD[base]
    if base.endswith(("s", "x", "z", "ch", "sh", "o")):
        return base + "es"
    if len(base) > 2 and base.endswith("y") and base[-2] not in _VOWEL_LETTERS:
        return base[:-1] + "ies"
    return base + "s"


def gerund_past(gerund: str) -> str | None:
    """The simple past of an -ing form: "waiting" → "waited", "sitting" → "sat", "chasing" → "chased".

    Without a dictionary the base form of a regular -ing word is ambiguous ("chas-ing" is "chase", "open-ing" is
    "open"), but its past is not: the stem plus "ed" is right for both. None for what is not an -ing verb form.
    """
    if len(gerund) < 5 or not gerund.endswith("ing") or gerund in ING_NOUNS:
        return None
    stem = gerund[:-3]
    for base in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else None):
        if base is not None and base in IRREGULAR_PAST:
            return IRREGULAR_PAST[base]
    if stem in ("ly", "dy", "ty"):
        return None
    if stem.endswith("y") and len(stem) > 1 and stem[-2] not in _VOWEL_LETTERS:
        return stem[:-1] + "ied"
    return stem + "ed"
