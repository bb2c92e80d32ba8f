"""What kind of complaint is this, and how heated is it: the machinery every language's cues run on.

Classification is a weighted cue count, not a model: every cue is a small regular expression that adds points to one
or more categories. A language lists its cues (``cue(...)``) and builds a ``CueScanner`` once; all its cues are
compiled into one regex that dispatches on their leading characters, so a story is scanned once however many cues
there are. A cue preceded closely by a negation ("wasn't late", "no llegó tarde", "לא איחר") scores nothing: each
language gives its own negation pattern.

What bothered the customer most is scored ``BOTHERED_MOST_WEIGHT`` times as heavily as the story, so it decides
whenever it says anything at all; the story breaks ties and covers an answer that names no category ("it was
awful").

OTHER wins when no category reaches ``MIN_SCORE``, and also when cues for something outside every category (a
website, a car park, a lift, marketing e-mails) score more than the best category: "the lift was broken"
is about the building, not about our work. Where no cue at all reaches ``MIN_SCORE``, ``portal.conversation.classify``
asks a small learned model instead (``category_model``), which knows words no cue list has yet.

Tone reads strong words ("furious", "never again"), milder ones, insults, shouting in capitals, repeated words and
exclamation marks, from word lists each language gives (``ToneWords``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from portal.conversation.vocabulary import Category, Tone

BOTHERED_MOST_WEIGHT = 3.0
MIN_SCORE = 2.0
FOCUS_WEIGHT = 3
"""How many times the part of what bothered them most after a ``CueScanner.focus`` lead-in counts."""
"""A category needs at least this many (weighted) points to beat OTHER."""

TIE_ORDER: tuple[Category, ...] = (
    Category.DAMAGE,
    Category.MISSING_ITEM,
    Category.BILLING,
    Category.DELIVERY,
    Category.LATENESS,
    Category.QUALITY,
    Category.STAFF,
    Category.COMMUNICATION,
)
"""On equal scores the more specific category wins (earlier in this tuple)."""


@dataclass(frozen=True, slots=True)
class Cue:
    pattern: str
    scores: tuple[tuple[Category, float], ...]
    lowercase_only: bool = False
    """Ignore a capitalised match in mid-sentence: "Bill" the husband is not a bill."""


def cue(pattern: str, *scores: tuple[Category, float], lowercase_only: bool = False) -> Cue:
    """A cue: ``pattern`` (matched against the lower-cased text) adds each ``(category, points)``."""
    return Cue(pattern, scores, lowercase_only)


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
    return [pattern[start + 1 : end] for start, end in zip([-1, *cuts], [*cuts, len(pattern)])]


def _expand(pattern: str) -> list[tuple[bool, str]]:
    """The pattern as ``(starts at a word boundary, alternative)`` pairs, leading groups multiplied out.

    ``(?:did\\s+not|never)\\s+fix`` becomes ``did\\s+not\\s+fix`` and ``never\\s+fix``, so
    that as many alternatives as possible start with a plain literal character. Top-level alternatives are split
    first, so that ``a\\s+x|\\by`` neither copies ``\\by`` into every branch of a leading group nor leaves it,
    starting with ``\\b``, to be tried at every position of the text.
    """
    return [pair for alternative in _top_level_alternatives(pattern) for pair in _expand_alternative(alternative)]


def _expand_alternative(pattern: str, bounded: bool = False, guards: tuple[str, ...] = ()) -> list[tuple[bool, str]]:
    """``_expand`` for a pattern without top-level ``|``; ``guards`` are the look-behinds read before it."""
    if pattern.startswith(r"\b"):
        return _expand_alternative(pattern[2:], True, guards)
    if pattern.startswith(("(?<!", "(?<=")):
        close = _closing_parenthesis(pattern)
        return _expand_alternative(pattern[close + 1 :], bounded, (*guards, pattern[: close + 1]))
    if bounded and (heads := _leading_choice(pattern)) is not None:
        return [pair for head, rest in heads for pair in _expand_alternative(head + rest, bounded, guards)]
    if not pattern.startswith("(?:"):
        return [(bounded, _guarded(guards, pattern))]
    close = _closing_parenthesis(pattern)
    inner, rest = pattern[3:close], pattern[close + 1 :]
    optional = rest.startswith("?") and not rest.startswith("??")
    if optional:
        rest = rest[1:]
    elif rest[:1] in ("*", "+", "{", "?"):
        return [(bounded, _guarded(guards, pattern))]
    expanded = [
        pair
        for branch in _top_level_alternatives(inner)
        for pair in _expand_alternative(branch + rest, bounded, guards)
    ]
    return expanded + (_expand_alternative(rest, bounded, guards) if optional else [])


def _leading_choice(pattern: str) -> list[tuple[str, str]] | None:
    """A pattern that opens with a choice of plain characters (``[uúü]ltima``, ``ה?גרוע``) as ``(head, rest)``
    pairs that each open with one of them (or none, for an optional one), in the order the regex engine tries them;
    None for any other opening. The pairs can only match at different positions' characters, so their order among
    the other alternatives keeps the leftmost-first choice; each joins the trie instead of being tried at every
    position of the text (``[uúü]ltima\\s+vez`` alone cost 85 µs over a long Spanish story)."""
    if any(
        char == "(" and pattern[index + 1 : index + 2] != "?" or pattern.startswith("(?P", index)
        for index, char, _ in _structure(pattern)
    ):
        return None  # a copy of a group would number (or name) it twice
    if pattern.startswith("[") and not pattern.startswith(("[^", "[]")):
        close = pattern.find("]")
        chars, rest = pattern[1:close], pattern[close + 1 :]
        if close < 0 or any(char in "\\-[" for char in chars) or rest[:1] in ("?", "*", "+", "{"):
            return None
        return [(char, rest) for char in dict.fromkeys(chars)]
    if len(pattern) > 2 and pattern[1] == "?" and pattern[2] not in "?+" and _starts_with_literal(pattern[0] + "x"):
        return [(pattern[0], pattern[2:]), ("", pattern[2:])]
    return None


def _guarded(guards: tuple[str, ...], alternative: str) -> str:
    """``alternative`` behind the look-behinds ``guards``. Where it starts with literal characters, they are read
    after them, those characters added to each ("(?<!like\\sa\\s)idiot\\b" is "idiot(?<!(?:like\\sa\\s)idiot)\\b"),
    so that the alternative joins the trie instead of being tried at every position ("like a …" kept the English
    insults out of it: 0.5 ms over a long story), and the look-behinds are only read where its letters are."""
    if not guards:
        return alternative
    if not _starts_with_literal(alternative):
        return "".join(guards) + alternative
    length = 0
    while _literal_head(alternative[length:]) is not None:
        length += 1
    prefix = alternative[:length]
    return prefix + "".join(f"{guard[:4]}(?:{guard[4:-1]}){prefix})" for guard in guards) + alternative[length:]


def _starts_with_digit(alternative: str) -> bool:
    """Must every match of ``alternative`` begin with a digit ("\\d+ hours", "1 star")?"""
    head, after = (
        (alternative[:2], alternative[2:3]) if alternative.startswith("\\d") else (alternative[:1], alternative[1:2])
    )
    return (head == "\\d" or head.isdigit()) and after not in ("?", "*", "{")


def _starts_with_literal(alternative: str) -> bool:
    """Must every match of ``alternative`` begin with its first character (a plain, lower-case one)?"""
    return (
        len(alternative) > 1
        and alternative[0] not in "\\[(.^$|?*+{"
        and alternative[1] not in "?*+{"
        and not alternative[0].isupper()
    )


@dataclass(frozen=True, slots=True)
class _Trie:
    """All cues as one regex that dispatches character by character, like a trie.

    Python's regex engine skips an alternative cheaply only when it starts with a literal, and even then it tests
    every alternative in turn: a flat alternation of ~100 cues is tried one by one at every character (about 10 ms
    for a 1,000-character story), and one that only groups the cues under their first character still tests the
    hundred-odd cues of "t" or "s" at every word that starts with it (about 1 ms over a 5,000-character story).
    ``scan`` nests them under their leading literal characters (``_nested``, up to ``_TRIE_DEPTH`` deep) and has
    no capturing groups. Only where it matches does ``matches`` find out which cue it was, with a small regex of
    named groups (``c<cue>_<n>``) holding only the alternatives that can start with the two characters found there
    (``identifiers``, by those two characters, or by the first alone for a second character no alternative names),
    nested the same way, or ``rest`` for the few alternatives that start with a character class. One regex of all
    the named groups instead cost some 15 µs a match, and trying every alternative of the first character (a few
    hundred in Hebrew) some 5 µs. The nesting keeps the table order of the alternatives that can match at a
    position, and so the leftmost-first choice among them: at each level only alternatives whose next character is
    a different literal are set apart.

    Alternatives that start with a digit ("\\d+ hours late", "\\d+ a night", "1 star") share one bucket behind a
    ``(?=\\d)`` look-ahead, so that, like a literal's bucket, they cost one test at a position that is no digit;
    tried one by one in ``rest`` they cost one test each at every position.

    Each of those costs some 100 µs over a long story, matches or not; ``scan_for`` leaves out of the scan those
    whose required characters (``_required_text``) a text does not hold, which cannot match in it.
    """

    scan: re.Pattern[str]
    identifiers: dict[str, re.Pattern[str] | None]
    rest: re.Pattern[str]
    numbers: dict[str, int]
    """The cue number of each named alternative."""
    parts: tuple[str, ...] = ()
    """The scan's alternatives: the trie, then each of ``rest``'s."""
    needs: tuple[str, ...] = ()
    """For each of ``parts``, characters every match of it holds ("" when none is known)."""
    variants: dict[tuple[bool, ...], re.Pattern[str]] = field(default_factory=dict, compare=False)
    """The scan without the parts a text cannot match, by which parts are kept."""

    def scan_for(self, text: str) -> re.Pattern[str]:
        """``scan`` without the alternatives that cannot match in ``text``: it finds the same matches."""
        kept = tuple(need in text for need in self.needs)
        if all(kept):
            return self.scan
        found = self.variants.get(kept)
        if found is None:
            found = re.compile(_joined([part for part, keep in zip(self.parts, kept) if keep]))
            self.variants[kept] = found
        return found

    @classmethod
    def build(cls, cues: tuple[Cue, ...]) -> _Trie:
        literal: list[tuple[str, str]] = []
        digits: list[tuple[str, str]] = []
        rest: list[tuple[str, str]] = []
        needs: list[str] = []
        numbers: dict[str, int] = {}
        for number, entry in enumerate(cues):
            for n, (bounded, alternative) in enumerate(_expand(entry.pattern)):
                name = f"c{number}_{n}"
                numbers[name] = number
                if bounded and _starts_with_digit(alternative):
                    digits.append((name, alternative))
                elif bounded and _starts_with_literal(alternative):
                    literal.append((name, alternative))
                else:
                    rest.append((name, (r"\b" if bounded else "") + f"(?:{alternative})"))
                    needs.append(_required_text(alternative))

        trie = "|".join(part for part in (_nested(literal, False), *_digit_bucket(digits, False)) if part)
        branches = [rf"\b(?:{trie})"] if trie else []
        parts = (*branches, *(body for _, body in rest))
        return cls(
            scan=re.compile(_joined(parts)),
            identifiers=_identifiers(literal, digits),
            rest=re.compile("|".join(_group(name, body, True) for name, body in rest) or "(?!)"),
            numbers=numbers,
            parts=parts,
            needs=(*([""] if branches else []), *needs),
        )

    def matches(self, lowered: str) -> list[tuple[int, int]]:
        """``(start, cue number)`` for every non-overlapping cue match, left to right."""
        found: list[tuple[int, int]] = []
        identifiers, rest, numbers = self.identifiers, self.rest.match, self.numbers
        for match in self.scan_for(lowered).finditer(lowered):
            start = match.start()
            identifier = identifiers.get(lowered[start : start + 2]) or identifiers.get(lowered[start])
            which = (identifier and identifier.match(lowered, start)) or rest(lowered, start)
            assert which is not None and which.lastgroup is not None  # the scan matched here, so one of them does
            found.append((start, numbers[which.lastgroup]))
        return found


def _required_text(alternative: str) -> str:
    """The longest run of plain characters outside any group, class or quantifier of ``alternative``, which every
    match of it holds ("veces" in "\\w+\\s+veces\\s+al\\s+d[ií]a", "*" in "[a-z]+\\*+"); "" when there is none.
    Every match of an alternative a text does not hold it in would have to hold it: there is none."""
    best = run = ""
    index, depth, in_class = 0, 0, False
    while index < len(alternative):
        char = alternative[index]
        literal: str | None = None
        index += 1
        if char == "\\":
            escaped = alternative[index : index + 1]
            literal = escaped if escaped and not escaped.isalnum() and not in_class else None
            index += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "|" and depth == 0:
            return ""  # alternatives of its own: none need hold anything
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "{":
            index = alternative.index("}", index) + 1
        elif char not in ".^$|?*+":
            literal = char
        quantifier = alternative[index : index + 1]
        if literal is not None and depth == 0 and quantifier not in ("?", "*", "{"):
            run += literal
            best = max(best, run, key=len)
        if literal is None or depth != 0 or quantifier in ("?", "*", "+", "{"):
            run = ""  # "x+" holds one x, and nothing known after it
    return best


_BOUNDED = "\\b(?:"


def _joined(parts: Sequence[str]) -> str:
    """The scan of ``parts``, in order, those that each open with a word boundary (``\\b(?:…)``) behind one: each
    test of a boundary at every position of a long story cost some 50 µs."""
    out: list[str] = []
    run: list[str] = []
    for part in parts:
        if part.startswith(_BOUNDED):
            run.append(part[len(_BOUNDED) : -1])
            continue
        if run:
            out.append(_BOUNDED + "|".join(run) + ")")
            run = []
        out.append(part)
    if run:
        out.append(_BOUNDED + "|".join(run) + ")")
    return "|".join(out) or "(?!)"


_TRIE_DEPTH = 8
"""How many leading literal characters ``_nested`` dispatches on; past them the alternatives are tried in turn."""


def _literal_head(body: str) -> str | None:
    """The character every match of ``body`` must begin with, when it is a plain one; None when it may vary."""
    if not body or body[0] in "\\[(.^$|?*+{" or body[1:2] in ("?", "*", "+", "{"):
        return None
    return body[0]


def _identifiers(literal: list[tuple[str, str]], digits: list[tuple[str, str]]) -> dict[str, re.Pattern[str] | None]:
    """For each first character and each second character its alternatives name, and for any other second
    character (key: the first alone), the regex of the alternatives that can match there: those whose second
    character is a different literal are left out, the order of the rest kept; every digit shares the bucket of
    the alternatives that start with one."""
    by_first: dict[str, list[tuple[str, str]]] = {}
    for name, alternative in literal:
        by_first.setdefault(alternative[0], []).append((name, alternative[1:]))
    identifiers: dict[str, re.Pattern[str] | None] = {}
    for first, bodies in by_first.items():
        seconds = {head for _, body in bodies if (head := _literal_head(body)) is not None}
        for second in (*seconds, ""):
            fitting = [(name, body) for name, body in bodies if _literal_head(body) in (None, second or None)]
            identifiers[first + second] = (
                re.compile(rf"\b{re.escape(first)}(?:{_nested(fitting, True)})") if fitting else None
            )
    if digits:
        named_digits = re.compile(r"\b" + _digit_bucket(digits, named=True)[0])
        identifiers |= {digit: named_digits for digit in "0123456789"}
    return identifiers


def _nested(bodies: list[tuple[str, str]], named: bool, depth: int = 0) -> str:
    """The alternation of ``bodies`` (in order) as a trie on their leading literal characters.

    A run of alternatives that each start with a literal is split by that character, each part keeping its order
    ("t(?:he…|o…)|s(?:…)"): at a position only the part of the character found there can match, so leftmost-first
    picks the same alternative. An alternative whose next character may vary (or that has ended) stays where it
    is, between the runs before and after it, so that it is tried exactly when it was before.
    """
    if depth == _TRIE_DEPTH or len(bodies) < 2:
        return "|".join(_group(name, body, named) for name, body in bodies)
    pieces: list[str] = []
    run: dict[str, list[tuple[str, str]]] = {}
    for name, body in bodies:
        head = _literal_head(body)
        if head is None:
            pieces.extend(_split_run(run, named, depth))
            run = {}
            pieces.append(_group(name, body, named))
        else:
            run.setdefault(head, []).append((name, body[1:]))
    pieces.extend(_split_run(run, named, depth))
    return "|".join(pieces)


def _split_run(run: dict[str, list[tuple[str, str]]], named: bool, depth: int) -> list[str]:
    return [re.escape(head) + "(?:" + _nested(bodies, named, depth + 1) + ")" for head, bodies in run.items()]


def _digit_bucket(digits: list[tuple[str, str]], named: bool) -> list[str]:
    """The alternatives that start with a digit, behind one look-ahead (none: no bucket)."""
    return [r"(?=\d)(?:" + "|".join(_group(name, body, named) for name, body in digits) + ")"] if digits else []


def _group(name: str, body: str, named: bool) -> str:
    """``body`` as a group of its own; named, by an empty group after it, which the regex engine reaches only once
    ``body`` has matched: a named group around ``body`` was marked as each alternative was tried, and every later
    one saved and restored all those marks (133 µs to name the cue after one Hebrew "לא")."""
    return f"(?:{body})(?P<{name}>)" if named else f"(?:{body})"


_NEGATION_WINDOW = 30


@dataclass(frozen=True, slots=True)
class CueScanner:
    """A language's cues, ready to score a text, and what negates them in that language.

    ``negation`` is searched in the ``_NEGATION_WINDOW`` characters before a cue (lower-cased, typographic
    apostrophes made plain) and must be anchored at the end (``$``), like English's "(?:not|never|n't) (\\w+ )?$".
    ``normalise`` rewrites the lowered text before cues and negation are matched, keeping every character at its
    offset: Hebrew blanks the prefixes attached to a word (ו ה ב ל מ ש כ) so that one cue serves every form.
    """

    cues: tuple[Cue, ...]
    negation: re.Pattern[str]
    normalise: Callable[[str], str] = str
    negation_words: tuple[str, ...] = ()
    """Words one of which every negation holds (Hebrew: לא, אין, בלי; English: not, never, n't …): where none is
    near a cue, the negation pattern is not searched (a search for each of the 300 cues of a long story cost about
    1 ms in Hebrew, 2 ms in English). Where they are in a text is found once for all its cues (``_near_a_negation``)."""
    focus: re.Pattern[str] | None = None
    """A lead-in that puts what bothered them most after it ("what really got me was …", "worst of all …"): where
    it is found past the start of what bothered them most, the part after it counts ``FOCUS_WEIGHT`` times."""
    _trie: _Trie | None = field(init=False, default=None, repr=False, compare=False)
    _screen: re.Pattern[str] | None = field(init=False, default=None, repr=False, compare=False)
    _negation_words_in: tuple[str, list[int], list[int]] | None = field(
        init=False, default=None, repr=False, compare=False
    )

    @property
    def trie(self) -> _Trie:
        """The cues as one regex, compiled on first use: compiling takes about 0.1 s a language, which importing
        the conversation (every page does) should not pay."""
        if self._trie is None:
            object.__setattr__(self, "_trie", _Trie.build(self.cues))
        assert self._trie is not None
        return self._trie

    def is_negated(self, lowered: str, start: int) -> bool:
        window = max(0, start - _NEGATION_WINDOW)
        if self.negation_words and not self._near_a_negation(lowered, window, start):
            return False
        return self.negation.search(lowered, window, start) is not None

    def _near_a_negation(self, lowered: str, window: int, start: int) -> bool:
        """Is one of ``negation_words`` wholly inside ``lowered[window:start]``?

        Where the words are in ``lowered`` is found once and kept for the next question about the same text (every
        cue of a text asks in turn): a search of the window for each cue cost 1.3 µs, some 0.5 ms for the 380 cues
        of a long Hebrew story. Occurrences are found at every position, overlapping ones too, the shortest word
        first, so that each starting position has its earliest end. The kept text is read once into a local, so
        that a thread that reads another text meanwhile only makes this one find its words again."""
        found = self._negation_words_in
        if found is None or found[0] is not lowered:
            found = (lowered, *self._negation_words_of(lowered))
            object.__setattr__(self, "_negation_words_in", found)
        _, starts, ends = found
        index = bisect_left(starts, window)
        while index < len(starts) and starts[index] < start:
            if ends[index] <= start:
                return True
            index += 1
        return False

    def _negation_words_of(self, lowered: str) -> tuple[list[int], list[int]]:
        """Where each of ``negation_words`` starts and ends in ``lowered``, by start."""
        if self._screen is None:
            words = sorted(self.negation_words, key=len)
            object.__setattr__(self, "_screen", re.compile("|".join(map(re.escape, words))))
        assert self._screen is not None
        starts: list[int] = []
        ends: list[int] = []
        found = self._screen.search(lowered)
        while found is not None:
            starts.append(found.start())
            ends.append(found.end())
            found = self._screen.search(lowered, found.start() + 1)
        return starts, ends

    def scores(self, text: str) -> dict[Category, float]:
        """Points per category for one text; negated cues and mid-sentence names score nothing."""
        totals: dict[Category, float] = {}
        lowered = self.normalise(lower_keeping_offsets(text))
        for start, number in self.trie.matches(lowered):
            found = self.cues[number]
            if found.lowercase_only and _is_name_in_mid_sentence(text, start):
                continue
            if self.is_negated(lowered, start):
                continue
            for category, points in found.scores:
                totals[category] = totals.get(category, 0.0) + points
        return totals

    def totals(self, story: str, bothered_most: str = "") -> dict[Category, float]:
        """Points per category for the story and what bothered the customer most, which counts
        ``BOTHERED_MOST_WEIGHT`` times."""
        totals = self.scores(story or "")
        found = self.focus.search(bothered_most) if self.focus is not None and bothered_most else None
        if found is not None and found.start() > 0:
            bothered_most = " ".join([bothered_most, *[bothered_most[found.end() :]] * (FOCUS_WEIGHT - 1)])
        for category, points in self.scores(bothered_most or "").items():
            totals[category] = totals.get(category, 0.0) + BOTHERED_MOST_WEIGHT * points
        return totals

    def classify(self, story: str, bothered_most: str = "") -> Category:
        """The complaint's category, from the cues alone."""
        return decide(self.totals(story, bothered_most))


def decide(totals: dict[Category, float]) -> Category:
    """The category the points make: the best one (``TIE_ORDER`` on a tie) if it reaches ``MIN_SCORE`` and the
    points for something outside every category, else OTHER."""
    best = max(TIE_ORDER, key=lambda category: (totals.get(category, 0.0), -TIE_ORDER.index(category)))
    score = totals.get(best, 0.0)
    return best if score >= MIN_SCORE and score >= totals.get(Category.OTHER, 0.0) else Category.OTHER


def _is_name_in_mid_sentence(text: str, start: int) -> bool:
    """A capitalised word that does not open a sentence (or the text) is taken for a name."""
    if not text[start].isupper():
        return False
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in ".!?"


def lower_keeping_offsets(text: str) -> str:
    """``text.lower()`` with typographic apostrophes made plain, every character at its original offset.

    The rare characters whose lower case is longer (such as "İ") are left as they are.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(low if len(low := char.lower()) == 1 else char for char in text)
    return lowered.replace("’", "'")


ANGRY_POINTS = 4
_MAX_EXCLAMATION_POINTS = 3
_CAPS_WORD_RE = re.compile(r"[A-Z](?<!\w[A-Z])(?:[A-Z]{2,}|(?<=N)O|(?<=S)O|(?<=M)[EY])(?!\w)")
"""A whole word in ASCII capitals, of three letters or more, or NO, SO, ME, MY. It opens with the capital rather
than ``\\b``, so that the regex engine skips from capital to capital instead of trying every character."""
REPETITION_POINTS = 2
_MAX_REPEATS = 2
_REPEATED_WORD_RE = re.compile(r"\b(\w{3,}+)\W++(?:(?:and|or|y|o|ו)\W++)?\1\b")
"""A word of three letters or more said again at once, or after "and"/"or". Possessive: only the whole word can be
followed by what follows it, so shorter parts of it are not tried."""
_QUESTION_RUN_RE = re.compile(r"\?[?!]+|!\?")


Lexicon = re.Pattern[str] | str
"""A tone lexicon: a compiled pattern, or its source, which ``scanning`` compiles on first use."""


@dataclass(frozen=True, slots=True)
class ToneWords:
    """What a language's customers say when they are angry (``strong``) or frustrated (``frustrated``).

    Both are matched against the lowered text (``lower_keeping_offsets``): with re.IGNORECASE instead, each scan
    of a long story took three times as long. ``acronyms`` are capitals that are not shouting (UPS, DHL).
    """

    strong: Lexicon
    frustrated: Lexicon
    acronyms: frozenset[str] = frozenset()
    insults: Lexicon | None = None
    """Insults and swearing (matched against the lowered text): any one makes the tone ANGRY, negated or not."""
    repetition: bool = False
    """Count how people write when they are angry as shouting: a word said twice ("nobody nobody", "pushed and
    pushed") and runs of question marks ("??", "?!") add ``REPETITION_POINTS`` each (two of each at most)."""
    shouting: re.Pattern[str] | None = None
    """Words in capitals, matched against the text as typed; None for the English pattern (ASCII capitals, which
    miss "GRITÓ" and "MAÑANA")."""
    reported: re.Pattern[str] | None = None
    """What puts the insult after it in someone else's mouth, or makes it the customer's word for themselves:
    searched like ``CueScanner.negation`` (anchored at the end, ``$``) in the ``_NEGATION_WINDOW`` characters of
    the read text before an insult, which then does not count. LABELS.md: swearing the customer quotes from our
    staff is not theirs, and "like an idiot" said of themselves is frustration."""


def scanning(pattern: Lexicon, text: str | None = None) -> re.Pattern[str]:
    """``pattern`` (a lexicon: "\\b(?:furious|fuming|…)\\b") as the cues' one-level trie (``_Trie``), which finds the
    same words: a flat alternation of a few hundred words is tried word by word at every character, several
    milliseconds over a 5,000-character story. Given the ``text`` it will scan, without the alternatives that
    cannot match in it (``_Trie.scan_for``). A compiled pattern with flags of its own is left as it is."""
    found = _lexicon_trie(pattern)
    if isinstance(found, re.Pattern):
        return found
    return found.scan if text is None else found.scan_for(text)


@lru_cache(maxsize=64)
def _lexicon_trie(pattern: Lexicon) -> _Trie | re.Pattern[str]:
    """The trie of a lexicon: a pattern string is only ever compiled here, the first time a tone is read."""
    if isinstance(pattern, str):
        return _Trie.build((Cue(pattern, ()),))
    if pattern.flags & ~re.UNICODE:
        return pattern
    return _Trie.build((Cue(pattern.pattern, ()),))


def _is_reported(read: str, start: int, reported: re.Pattern[str] | None) -> bool:
    """Is the insult at ``start`` someone else's, or the customer's word for themselves (``ToneWords.reported``)?"""
    return reported is not None and reported.search(read, max(0, start - _NEGATION_WINDOW), start) is not None


def read_tone(text: str, words: ToneWords, scanner: CueScanner) -> Tone:
    """ANGRY on any strong word ("furious", "never again"), any insult (when the language gives ``insults``) or
    lots of shouting; FRUSTRATED on milder cues.

    Shouting is scored as 2 points per ALL-CAPS word (known acronyms excluded; ``words.shouting`` says what a
    word in capitals is where ASCII is not enough), 1 per exclamation mark (at most 3) and 1 per frustrated word;
    4 points make ANGRY. A negated strong word ("not furious") counts as a frustrated word; negation is the
    language's own (``scanner.negation``). With ``words.repetition``, repeated words and runs of question marks
    count too.
    """
    lowered = lower_keeping_offsets(text)
    read = scanner.normalise(lowered)  # the words as the cues read them (Hebrew: prefixes detached)
    negated_strong = 0
    for match in scanning(words.strong, read).finditer(read):
        if not scanner.is_negated(read, match.start()):
            return Tone.ANGRY
        negated_strong += 1
    if words.insults is not None and any(
        not _is_reported(read, match.start(), words.reported) for match in scanning(words.insults, read).finditer(read)
    ):
        return Tone.ANGRY
    shouted = sum(1 for word in (words.shouting or _CAPS_WORD_RE).findall(text) if word not in words.acronyms)
    points = 2 * shouted + min(text.count("!"), _MAX_EXCLAMATION_POINTS) + negated_strong
    if words.repetition:
        repeats = min(len(_REPEATED_WORD_RE.findall(lowered)), _MAX_REPEATS)
        question_runs = min(len(_QUESTION_RUN_RE.findall(text)), _MAX_REPEATS)
        points += REPETITION_POINTS * (repeats + question_runs)
    # Frustrated words last, counted only until they make the tone angry: a long story reaches that early.
    frustrated = scanning(words.frustrated, read).finditer(read)
    while points < ANGRY_POINTS and next(frustrated, None) is not None:
        points += 1
    if points >= ANGRY_POINTS:
        return Tone.ANGRY
    return Tone.FRUSTRATED if points >= 1 else Tone.CALM
