"""What kind of complaint is this, and how heated is it?

Classification is a weighted cue count, not a model: every cue is a small regular
expression that adds points to one or more categories. All cues are compiled into one
regex that dispatches on the first character (see ``_CueScanner``), so a story is
scanned once however many cues there are. A cue preceded closely by a negation
("wasn't late", "never rude") scores nothing.

What bothered the customer most is scored ``BOTHERED_MOST_WEIGHT`` times as heavily
as the story, so it decides whenever it says anything at all; the story breaks ties
and covers an answer that names no category ("it was awful").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    LATENESS = "lateness"
    BILLING = "billing"
    QUALITY = "quality"
    DAMAGE = "damage"
    STAFF = "staff"
    MISSING_ITEM = "missing_item"
    DELIVERY = "delivery"
    COMMUNICATION = "communication"
    OTHER = "other"


class Tone(StrEnum):
    CALM = "calm"
    FRUSTRATED = "frustrated"
    ANGRY = "angry"


BOTHERED_MOST_WEIGHT = 3.0
MIN_SCORE = 2.0
"""A category needs at least this many (weighted) points to beat OTHER."""

_TIE_ORDER: tuple[Category, ...] = (
    Category.DAMAGE, Category.MISSING_ITEM, Category.BILLING, Category.DELIVERY,
    Category.LATENESS, Category.QUALITY, Category.STAFF, Category.COMMUNICATION,
)
"""On equal scores the more specific category wins (earlier in this tuple)."""

_L, _B, _Q, _D = Category.LATENESS, Category.BILLING, Category.QUALITY, Category.DAMAGE
_S, _M, _V, _C = Category.STAFF, Category.MISSING_ITEM, Category.DELIVERY, Category.COMMUNICATION


@dataclass(frozen=True, slots=True)
class _Cue:
    pattern: str
    scores: tuple[tuple[Category, float], ...]
    lowercase_only: bool = False
    """Ignore a capitalised match in mid-sentence: "Bill" the husband is not a bill."""


def _cue(pattern: str, *scores: tuple[Category, float], lowercase_only: bool = False) -> _Cue:
    return _Cue(pattern, scores, lowercase_only)


_SERVICE_PEOPLE = (r"technicians?|engineers?|plumbers?|electricians?|mechanics?|fitters?|installers?|contractors?"
                   r"|builders?|cleaners?|handym[ae]n|inspectors?|tradesm[ae]n|workm[ae]n|crew|movers?|painters?")
_PARCEL_WORDS = (r"parcels?|packages?|couriers?|shipments?|shipping|postm[ae]n|postal|tracking|dispatched"
                 r"|deliver(?:y|ies)")
_CONTACT = (r"call(?:ed)?|r[ai]ng|phoned|got\s+back|replied|responded|answered|contacted|emailed|wrote|returned"
            r"|followed\s+up")

_CUES: tuple[_Cue, ...] = (
    # Lateness
    _cue(r"\brunning\s+(?:late|behind)\b", (_L, 3)),
    _cue(r"\blate\b(?!\s+(?:fees?|charges?|payments?|penalt(?:y|ies)))", (_L, 2)),
    _cue(r"\bno[- ]?shows?\b", (_L, 3)),
    _cue(r"\b(?:didn'?t|did\s+not|never)\s+(?:show(?:ed)?|turn(?:ed)?)\s+up\b", (_L, 3)),
    _cue(r"\bstood\s+(?:me|us)\s+up\b", (_L, 3)),
    _cue(r"\b(?:nobody|no\s+one|no-one)\s+(?:ever\s+)?(?:showed\s+up|turned\s+up|came|arrived)\b", (_L, 3)),
    _cue(r"\bkept\s+(?:me|us|my\s+\w+|our\s+\w+)\s+waiting\b", (_L, 3)),
    _cue(r"\bwait(?:ed|ing)\b", (_L, 1.5)),
    _cue(r"\bdelay(?:ed|s)?\b", (_L, 1.5)),
    _cue(r"\b(?:missed|cancell?ed|rescheduled)\s+(?:the|my|our)\s+appointment\b", (_L, 2.5)),
    _cue(r"\b(?:wasn'?t|weren'?t|not|never)\s+on\s+time\b", (_L, 2.5)),
    _cue(r"\b(?:arrival|time)\s+(?:window|slot)\b", (_L, 1)),
    _cue(r"\bappointments?\b", (_L, 0.5)),
    _cue(rf"\b(?:{_SERVICE_PEOPLE})\b", (_L, 0.5)),
    _cue(r"\bnever\s+(?:arrived|came)\b", (_L, 1.5), (_V, 1.5)),
    _cue(r"\b(?:still\s+)?(?:hasn'?t|has\s+not|haven'?t|have\s+not)\s+(?:yet\s+)?(?:arrived|come|been\s+delivered)\b",
         (_V, 2.5), (_L, 1)),
    # Billing
    _cue(r"\bover-?charg\w*", (_B, 3)),
    _cue(r"\bdouble[- ]?charg\w*", (_B, 3)),
    _cue(r"\bcharged\s+(?:me\s+|us\s+)?(?:twice|double|two\s+times|again)\b", (_B, 3)),
    _cue(r"\bhidden\s+(?:fees?|charges?|costs?)\b", (_B, 3)),
    _cue(r"\blate\s+(?:fees?|charges?|payments?|penalt(?:y|ies))\b", (_B, 3)),
    _cue(r"\bbill(?:s|ed|ing)?\b", (_B, 2), lowercase_only=True),
    _cue(r"\binvoic\w*", (_B, 2)),
    _cue(r"\bsurcharg\w*", (_B, 2.5)),
    _cue(r"\bcharg(?:e|es|ed|ing)\b", (_B, 2)),
    _cue(r"\bfees?\b", (_B, 1.5)),
    _cue(r"\bpric(?:e|es|ed|ing)\b", (_B, 1.5)),
    _cue(r"\bquot(?:e|es|ed|ation)\b", (_B, 1.5)),
    _cue(r"\bestimate[ds]?\b", (_B, 1.5)),
    _cue(r"\bexpensive\b", (_B, 1.5)),
    _cue(r"\b(?:higher|more)\s+than\s+(?:what|quoted|agreed|expected|estimated|planned)\b", (_B, 1)),
    _cue(r"\b(?:refund\w*|paid|pay|paying|payment|costs?|receipt|deposit|budget(?:ed)?|afford)\b", (_B, 1)),
    _cue(r"(?:[$€£₪]\s?\d|\b\d+\s?(?:dollars|euros|pounds|bucks|shekels)\b)", (_B, 1)),
    # Quality
    _cue(r"\b(?:poor|bad|terrible|shoddy|sloppy|awful|lousy|careless|botched|rushed)\s+"
         r"(?:work\w*|job|quality|repairs?|finish|installation)\b", (_Q, 3)),
    _cue(r"\b(?:shoddy|sloppy|botched|slapdash|amateurish|sub-?standard|faulty|defective|workmanship)\b", (_Q, 2.5)),
    _cue(r"\b(?:still|again)\s+(?:broken|leaking|dripping|faulty|not\s+working|doesn'?t\s+work|does\s+not\s+work)\b",
         (_Q, 3)),
    _cue(r"\b(?:broke|broken|failed|leaking|leaks|stopped\s+working)\s+(?:down\s+)?again\b", (_Q, 3)),
    _cue(r"\b(?:didn'?t|did\s+not|never|failed\s+to)\s+(?:even\s+)?(?:fix|repair|solve)\b", (_Q, 3)),
    _cue(r"\b(?:not|wasn'?t|isn'?t|never|hasn'?t)\s+(?:been\s+)?(?:fixed|repaired)\b", (_Q, 3)),
    _cue(r"\bstopped\s+working\b", (_Q, 2.5)),
    _cue(r"\b(?:doesn'?t|does\s+not|didn'?t|did\s+not|don'?t|won'?t)\s+work\b", (_Q, 1.5)),
    _cue(r"\b(?:fell\s+apart|falling\s+apart|re-?do(?:ne)?|unfinished|half[- ]done|worse\s+than\s+before)\b",
         (_Q, 2.5)),
    _cue(r"\bhad\s+to\s+(?:call|get|hire|pay)\s+(?:someone|somebody|another)\b", (_Q, 2.5)),
    _cue(r"\b(?:undercooked|overcooked|raw|burnt|stale|soggy|cold|inedible|tasteless|mou?ldy|peeling)\b", (_Q, 1.5)),
    _cue(r"\bquality\b", (_Q, 1.5)),
    _cue(r"\bleft\s+(?:a|such\s+a)\s+mess\b", (_Q, 1.5), (_D, 1)),
    _cue(r"\bbroken\b", (_Q, 1), (_D, 1)),
    # Damage
    _cue(r"\bdamag(?:e|ed|es|ing)\b", (_D, 3)),
    _cue(r"\b(?:broke|dropped|smashed|knocked\s+over)\s+(?:my|our)\b", (_D, 3)),
    _cue(r"\b(?:broke|dropped|knocked\s+over)\s+(?:the|a|an)\b", (_D, 1.5)),
    _cue(r"\b(?:scratch(?:ed|es)?|dent(?:ed|s)?|gouged?|chipped|cracked|smashed|shattered|stained|scuff(?:ed|s)?"
         r"|torn|ripped|flooded|crushed|dented)\b", (_D, 2.5)),
    _cue(r"\bruined\b", (_D, 1.5)),
    _cue(r"\bleft\s+(?:a\s+)?(?:holes?|marks?|stains?|scratches|mud)\b", (_D, 2.5)),
    # Staff
    _cue(r"\b(?:rude(?:ly|ness)?|impolite|disrespectful|condescending|patroni[sz]ing|dismissive|arrogant|hostile"
         r"|aggressive|sarcastic|snarky|unprofessional|unhelpful|unfriendly|obnoxious|belittl\w+|insult\w*"
         r"|mock(?:ed|ing))\b", (_S, 3)),
    _cue(r"\b(?:yelled|shouted|screamed|swore|snapped)\b", (_S, 3)),
    _cue(r"\b(?:laughed\s+at|talked\s+down|rolled\s+(?:his|her|their)\s+eyes|couldn'?t\s+care\s+less)\b", (_S, 3)),
    _cue(r"\b(?:bad|poor|terrible|awful)\s+(?:attitude|manners|customer\s+service)\b", (_S, 3)),
    _cue(r"\battitude\b", (_S, 2)),
    _cue(r"\b(?:didn'?t|did\s+not|don'?t|doesn'?t)\s+(?:seem\s+to\s+)?care\b", (_S, 2)),
    _cue(r"\b(?:hung\s+up\s+on|treated|blamed)\s+(?:me|us)\b", (_S, 2.5)),
    _cue(r"\b(?:refused\s+to\s+help|told\s+(?:me|us)\s+to\s+calm\s+down|made\s+(?:me|us)\s+feel)\b", (_S, 2.5)),
    _cue(r"\b(?:staff|employees?|receptionist|cashier|manager|agent|clerk|waiter|waitress|salesm[ae]n"
         r"|saleswom[ae]n|representative)\b", (_S, 0.5)),
    # Missing or wrong item
    _cue(r"\bmissing\b", (_M, 3)),
    _cue(r"\b(?:wrong|incorrect)\s+(?:items?|orders?|sizes?|colou?rs?|products?|dish(?:es)?|meals?|models?|drinks?"
         r"|pizzas?|books?|things?|flavou?rs?)\b", (_M, 3)),
    _cue(r"\b(?:sent|gave|received|got|delivered|brought)\s+(?:me\s+|us\s+)?(?:the\s+|a\s+)?wrong\b", (_M, 3)),
    _cue(r"\b(?:left\s+out|forgot(?:ten)?\s+(?:to\s+(?:include|pack|add|put)|the|my|our))\b", (_M, 2.5)),
    _cue(r"\b(?:not|wasn'?t|weren'?t)\s+(?:in\s+the\s+(?:bag|box|package|parcel|order)|included)\b", (_M, 2.5)),
    _cue(r"\b(?:came|arrived)\s+without\b", (_M, 2.5)),
    _cue(r"\bonly\s+(?:got|received|had|came\s+with)\s+(?:\d+|one|two|three|four|five|half)\b", (_M, 2.5)),
    _cue(r"\b(?:incomplete\s+order|half\s+(?:of\s+)?(?:the|my|our)\s+order)\b", (_M, 3)),
    _cue(r"\bi\s+ordered\b", (_M, 1)),
    _cue(r"\borders?\b", (_M, 0.5), (_V, 0.5)),
    # Delivery
    _cue(rf"\b(?:{_PARCEL_WORDS})\b", (_V, 2.5)),
    _cue(r"\bdelivered\b", (_V, 1)),
    _cue(r"\b(?:not|never|wasn'?t|weren'?t)\s+(?:been\s+)?delivered\b", (_V, 3)),
    _cue(r"\blost\s+(?:in\s+(?:the\s+)?(?:post|mail|transit)|my\s+(?:parcel|package|order))\b", (_V, 3)),
    _cue(r"\b(?:wrong\s+address|marked\s+as\s+delivered|out\s+for\s+delivery)\b", (_V, 3)),
    _cue(r"\b(?:left|delivered|dropped\s+off)\s+(?:it\s+)?(?:at|to|with)\s+(?:the\s+)?"
         r"(?:wrong|another|a\s+neighbou?r)\b", (_V, 3)),
    # Communication
    _cue(rf"\b(?:nobody|no\s+one|no-one|noone)\s+(?:ever\s+)?"
         rf"(?:{_CONTACT}|told|informed|bothered|let\s+(?:me|us)\s+know)\b", (_C, 3)),
    _cue(rf"\bnever\s+(?:{_CONTACT}|heard\s+back|told|informed|let\s+(?:me|us)\s+know)\b", (_C, 3)),
    _cue(r"\b(?:didn'?t|did\s+not|don'?t|doesn'?t|won'?t|wouldn'?t|couldn'?t)\s+(?:bother\s+to\s+|even\s+)?"
         r"(?:call|ring|phone|reply|respond|answer|get\s+back|let\s+(?:me|us)\s+know|tell\s+(?:me|us)|inform"
         r"|update|contact|return\s+(?:my|our))\b", (_C, 3)),
    _cue(r"\bno\s+(?:updates?|response|reply|replies|answer|call(?:\s*back)?|callback|word|communication|contact"
         r"|notice|warning|explanation|follow[- ]?up)\b", (_C, 3)),
    _cue(r"\bignored\s+(?:my|our|all\s+(?:my|our))\s+(?:emails?|calls?|messages?|complaints?|texts?|voicemails?"
         r"|requests?|letters?)\b", (_C, 3)),
    _cue(r"\b(?:ignored|ignoring|unanswered)\b", (_C, 2)),
    _cue(r"\b(?:kept\s+(?:me|us)\s+)?in\s+the\s+dark\b", (_C, 3)),
    _cue(r"\b(?:on\s+hold|heard\s+nothing|radio\s+silence)\b", (_C, 3)),
    _cue(r"\b(?:nobody|no\s+one|no-one)\s+(?:could|would|was\s+able\s+to)\s+(?:help|tell|explain)\b", (_C, 2.5)),
    _cue(r"\b(?:on\s+the\s+phone|call\s+cent(?:re|er)|helpline|hotline)\b", (_C, 1.5)),
    _cue(r"\bwithout\s+(?:telling|warning|informing|notifying|letting)\b", (_C, 2.5)),
    _cue(r"\bkeep\s+(?:me|us)\s+(?:informed|updated|posted)\b", (_C, 2.5)),
    _cue(r"\bleft\s+(?:\w+\s+)?(?:messages|voicemails)\b", (_C, 2.5)),
    _cue(r"\b(?:call(?:ed)?\s+back|callback|chas(?:e|ed|ing))\b", (_C, 2)),
    _cue(r"\bcommunicat\w*", (_C, 2)),
    _cue(r"\b(?:updates?|informed|notified)\b", (_C, 1.5)),
    _cue(r"\b(?:emails?|messages?|voicemails?|texts?)\b", (_C, 1)),
)


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """``(index, character, group depth after it)`` for each character outside escapes and ``[...]``."""
    depth, index, in_class = 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        else:
            depth += (char == "(") - (char == ")")
            yield index, char, depth
        index += 1


def _closing_parenthesis(pattern: str) -> int:
    """Index of the ``)`` that closes the group the pattern opens with."""
    for index, char, depth in _structure(pattern):
        if char == ")" and depth == 0:
            return index
    raise ValueError(f"Unbalanced parenthesis in cue {pattern!r}")


def _top_level_alternatives(pattern: str) -> list[str]:
    """Split a regular expression at the ``|`` that are outside any group or character class."""
    cuts = [index for index, char, depth in _structure(pattern) if char == "|" and depth == 0]
    return [pattern[start + 1:end] for start, end in zip([-1, *cuts], [*cuts, len(pattern)])]


def _expand(pattern: str, bounded: bool = False) -> list[tuple[bool, str]]:
    """The pattern as ``(starts at a word boundary, alternative)`` pairs, leading groups multiplied out.

    ``(?:did\\s+not|never)\\s+fix`` becomes ``did\\s+not\\s+fix`` and ``never\\s+fix``, so
    that as many alternatives as possible start with a plain literal character.
    """
    if pattern.startswith(r"\b"):
        return _expand(pattern[2:], True)
    if not pattern.startswith("(?:"):
        return [(bounded, alternative) for alternative in _top_level_alternatives(pattern)]
    close = _closing_parenthesis(pattern)
    inner, rest = pattern[3:close], pattern[close + 1:]
    optional = rest.startswith("?") and not rest.startswith("??")
    if optional:
        rest = rest[1:]
    elif rest[:1] in ("*", "+", "{", "?"):
        return [(bounded, pattern)]
    expanded = [pair for branch in _top_level_alternatives(inner) for pair in _expand(branch + rest, bounded)]
    return expanded + (_expand(rest, bounded) if optional else [])


def _starts_with_literal(alternative: str) -> bool:
    """Must every match of ``alternative`` begin with its first character (a plain, lower-case one)?"""
    return (len(alternative) > 1 and alternative[0] not in "\\[(.^$|?*+{" and alternative[1] not in "?*+{"
            and not alternative[0].isupper())


@dataclass(frozen=True, slots=True)
class _CueScanner:
    """All cues as one regex that dispatches on the first character, like a one-level trie.

    Python's regex engine skips an alternative cheaply only when it starts with a
    literal, so a flat alternation of ~100 cues (or of named groups) is tried one by
    one at every character: about 10 ms for a 1,000-character story. ``scan`` groups the
    alternatives under their first character and has no capturing groups, which makes it
    some 30 times faster. Only where it matches does ``matches`` find out which cue it
    was, with the small regex of named groups (``c<cue>_<n>``) in ``by_first`` for that
    character, or ``rest`` for the few alternatives that start with a character class.
    Within a first character the table order, and so the leftmost-first choice, is kept.
    """

    scan: re.Pattern[str]
    by_first: dict[str, re.Pattern[str]]
    rest: re.Pattern[str]

    @classmethod
    def build(cls, cues: tuple[_Cue, ...]) -> _CueScanner:
        by_first: dict[str, list[tuple[str, str]]] = {}
        rest: list[tuple[str, str]] = []
        for number, cue in enumerate(cues):
            for n, (bounded, alternative) in enumerate(_expand(cue.pattern)):
                name = f"c{number}_{n}"
                if bounded and _starts_with_literal(alternative):
                    by_first.setdefault(alternative[0], []).append((name, alternative[1:]))
                else:
                    rest.append((name, (r"\b" if bounded else "") + f"(?:{alternative})"))

        def bucket(first: str, bodies: list[tuple[str, str]], named: bool) -> str:
            return re.escape(first) + "(?:" + "|".join(_group(name, body, named) for name, body in bodies) + ")"

        def combined(named: bool) -> str:
            trie = "|".join(bucket(first, bodies, named) for first, bodies in by_first.items())
            return "|".join([rf"\b(?:{trie})", *(_group(name, body, named) for name, body in rest)])

        return cls(
            scan=re.compile(combined(named=False)),
            by_first={first: re.compile(r"\b" + bucket(first, bodies, True)) for first, bodies in by_first.items()},
            rest=re.compile("|".join(_group(name, body, True) for name, body in rest)),
        )

    def matches(self, lowered: str) -> list[tuple[int, int]]:
        """``(start, cue number)`` for every non-overlapping cue match, left to right."""
        found: list[tuple[int, int]] = []
        for match in self.scan.finditer(lowered):
            start = match.start()
            identifier = self.by_first.get(lowered[start])
            named = identifier.match(lowered, start) if identifier else None
            named = named or self.rest.match(lowered, start)
            found.append((start, int(named.lastgroup[1:].partition("_")[0])))
        return found


def _group(name: str, body: str, named: bool) -> str:
    return f"(?P<{name}>{body})" if named else f"(?:{body})"


_CUE_SCANNER = _CueScanner.build(_CUES)
_NEGATED_RE = re.compile(
    r"(?:\b(?:not|never|without|didnt|wasnt|werent|isnt|dont|doesnt|hasnt|havent)|n['’]t)\s+"
    r"(?:(?!only\b|just\b)\w+\s+)?$"
)
_NEGATION_WINDOW = 30


def _is_negated(text: str, start: int) -> bool:
    return _NEGATED_RE.search(text, max(0, start - _NEGATION_WINDOW), start) is not None


def _is_name_in_mid_sentence(text: str, start: int) -> bool:
    """A capitalised word that does not open a sentence (or the text) is taken for a name."""
    if not text[start].isupper():
        return False
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in ".!?"


def _lower_keeping_offsets(text: str) -> str:
    """``text.lower()`` with typographic apostrophes made plain, every character at its original offset.

    The rare characters whose lower case is longer (such as "İ") are left as they are.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(low if len(low := char.lower()) == 1 else char for char in text)
    return lowered.replace("’", "'")


def _scores(text: str) -> dict[Category, float]:
    """Points per category for one text; negated cues and mid-sentence names score nothing."""
    totals: dict[Category, float] = {}
    lowered = _lower_keeping_offsets(text)
    for start, number in _CUE_SCANNER.matches(lowered):
        cue = _CUES[number]
        if cue.lowercase_only and _is_name_in_mid_sentence(text, start):
            continue
        if _is_negated(lowered, start):
            continue
        for category, points in cue.scores:
            totals[category] = totals.get(category, 0.0) + points
    return totals


def classify(story: str, bothered_most: str = "") -> Category:
    """The complaint's category; what bothered the customer most counts ``BOTHERED_MOST_WEIGHT`` times."""
    totals = _scores(story or "")
    for category, points in _scores(bothered_most or "").items():
        totals[category] = totals.get(category, 0.0) + BOTHERED_MOST_WEIGHT * points
    best = max(_TIE_ORDER, key=lambda category: (totals.get(category, 0.0), -_TIE_ORDER.index(category)))
    return best if totals.get(best, 0.0) >= MIN_SCORE else Category.OTHER


# Both are matched against the lowered text (``_lower_keeping_offsets``): with re.IGNORECASE instead, each scan of a
# long story took three times as long (benchmarks/engine.py).
_STRONG_WORDS_RE = re.compile(
    r"\b(?:furious|fuming|livid|enraged|outraged|outrageous|angry|unacceptable|never\s+again|disgust(?:ing|ed)"
    r"|disgrace(?:ful)?|appall(?:ing|ed)|atrocious|horrendous|pathetic|scam(?:med)?|rip-?off|ripped\s+off"
    r"|incompetent|worst|shocking|shameful|how\s+dare|sue|lawyer)\b"
)
_FRUSTRATED_WORDS_RE = re.compile(
    r"\b(?:disappoint(?:ed|ing)|frustrat(?:ed|ing)|annoy(?:ed|ing)|irritat(?:ed|ing)|upset|unhappy|fed\s+up"
    r"|sick\s+of|tired\s+of|waste\s+of\s+time|ridiculous|terrible|awful|useless|hopeless|not\s+happy|let\s+down"
    r"|stress(?:ed|ful)|inconvenien(?:t|ce)|yet\s+again|for\s+the\s+\w+\s+time)\b"
)
_CAPS_WORD_RE = re.compile(r"\b(?:[A-Z]{3,}|NO|SO|ME|MY)\b")
_ACRONYMS = frozenset({
    "UPS", "DHL", "DPD", "TNT", "USPS", "ATM", "CEO", "USA", "VAT", "GPS", "SMS", "PDF", "FAQ", "HVAC", "DIY",
    "BBC", "NHS", "IRS", "DMV", "HMRC", "USD", "EUR", "GBP", "NIS", "ILS", "API", "URL", "PIN", "SIM", "LED",
    "ETA", "RSVP", "FYI", "LLC", "LTD", "INC", "BMW", "IKEA", "CCTV", "WIFI", "HTML", "NYC", "PST", "EST", "GMT",
})
ANGRY_POINTS = 4
_MAX_EXCLAMATION_POINTS = 3


def _tone_points(text: str, lowered: str) -> int:
    shouted = sum(1 for word in _CAPS_WORD_RE.findall(text) if word not in _ACRONYMS)
    exclamations = min(text.count("!"), _MAX_EXCLAMATION_POINTS)
    return 2 * shouted + exclamations + len(_FRUSTRATED_WORDS_RE.findall(lowered))


def detect_tone(text: str) -> Tone:
    """ANGRY on any strong word ("furious", "never again") or lots of shouting; FRUSTRATED on milder cues.

    Shouting is scored as 2 points per ALL-CAPS word (known acronyms such as UPS excluded),
    1 per exclamation mark (at most 3) and 1 per frustrated word; 4 points make ANGRY.
    A negated strong word ("not furious") counts as a frustrated word.
    """
    lowered = _lower_keeping_offsets(text)
    strong = [match.start() for match in _STRONG_WORDS_RE.finditer(lowered)]
    if any(not _is_negated(lowered, start) for start in strong):
        return Tone.ANGRY
    points = _tone_points(text, lowered) + len(strong)
    if points >= ANGRY_POINTS:
        return Tone.ANGRY
    return Tone.FRUSTRATED if points >= 1 else Tone.CALM
