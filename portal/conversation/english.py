"""English: restating what the customer said from our point of view, apologising for it, and its cues.

English is rewritten from the customer's point of view to ours, token by token:
the customer's "I/me/my/we/our" become "you/your", and the business's
"you/your" become "we/us/our". Nothing else changes: numbers, amounts, times,
dates, order references, names, e-mail addresses, quoted speech, HTML tags and
Markdown all pass through byte for byte, because the tokenizer treats them as
opaque "protected" tokens or leaves them as untouched words and punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from portal.conversation.language import Language
from portal.conversation.scoring import Cue, CueScanner, ToneWords, cue
from portal.conversation.vocabulary import Category, Kind, require_text

# ---------------------------------------------------------------------------
# Facts: the patterns are shared by the tokenizer (which keeps them intact) and
# by extract_facts (which lists them so tests can check they survive).
# ---------------------------------------------------------------------------

_CURRENCY = r"[$€£¥₪]"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)")
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_URL = r"\b(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]]"
_AMOUNT = (rf"(?:US)?{_CURRENCY} ?\d[\d,]*(?:\.\d+)?"
           r"|\b(?:USD|EUR|GBP|NIS|ILS) ?\d[\d,]*(?:\.\d+)?"
           rf"|\b\d[\d,]*(?:\.\d+)? ?(?:{_CURRENCY}|(?i:dollars?|euros?|pounds?|bucks|quid|cents?|pence|shekels?)\b"
           r"|(?:USD|EUR|GBP|NIS|ILS)\b)")
_TIME = (r"\b\d{1,2}:\d{2}(?::\d{2})?(?: ?(?i:[ap]\.m\.|[ap]m)(?!\w))?"
         r"|\b\d{1,2}(?:\.\d{2})? ?(?i:[ap]\.m\.|[ap]m)(?!\w)")
_DATE = (r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"
         rf"|\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH}\b(?:,? \d{{4}}\b)?"
         rf"|\b{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?\b(?:,? \d{{4}}\b)?")
_REF = r"#[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?|\b[A-Z]{1,6}-?\d(?:[A-Z0-9-]*[A-Z0-9])?\b"
_NUMBER_WITH_UNIT = (r"\b\d[\d,]*(?:\.\d+)? ?-?(?i:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?"
                     r"|seconds?|secs?|times|items?|pieces?|boxes|bags?|miles?|km|kg|lbs?|kilos?|metres?|meters?"
                     r"|feet|ft|inches|percent|calls?|e-?mails?|messages?|visits?|attempts?|people|nights?"
                     r"|floors?|rooms?)\b|\b\d[\d,]*(?:\.\d+)? ?%")
_NUMBER = r"\b\d[\d,]*(?:\.\d+)?\b"
_QUOTED = r'"[^"\n]{1,400}"|“[^”\n]{1,400}”|«[^»\n]{1,400}»|„[^“”\n]{1,400}[“”]'
_CODE = r"`[^`\n]{1,400}`"
_TAG = r"<(?P<element>(?i:script|style))\b[^>]{0,400}>.*?</(?P=element)\s*>|</?[A-Za-z][^<>\n]{0,400}>"

_FACT_RE = re.compile("|".join((_EMAIL, _URL, _AMOUNT, _DATE, _TIME, _REF, _NUMBER_WITH_UNIT, _NUMBER)))
_NAME_RE = re.compile(r"(?<![\w@.'’#/-])[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’][A-Z][^\W\d_]+)?")

# ---------------------------------------------------------------------------
# Word lists
# ---------------------------------------------------------------------------

_FIRST_PERSON: dict[str, str] = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
    "i'm": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll",
    "we": "you", "us": "you", "our": "your", "ours": "yours", "ourselves": "yourselves",
    "we're": "you're", "we've": "you've", "we'd": "you'd", "we'll": "you'll",
}
_BUSINESS: dict[str, str] = {
    "your": "our", "yours": "ours", "yourself": "ourselves", "yourselves": "ourselves",
    "you're": "we're", "you've": "we've", "you'd": "we'd", "you'll": "we'll",
}
_PRONOUNS = frozenset(_FIRST_PERSON) | frozenset(_BUSINESS) | {"you", "we", "our", "us"}
_PRONOUN_INITIALS = frozenset("".join(word[0] + word[0].upper() for word in _PRONOUNS))
_SUBJECTS_NEEDING_AGREEMENT = frozenset({"i", "we"})
_AGREEMENT: dict[str, str] = {
    "am": "are", "was": "were", "wasn't": "weren't", "is": "are", "isn't": "aren't",
}
_GROUP_NOUNS = frozenset({"guys", "people", "lot", "folks", "all"})

_TRUE_PREPOSITIONS = frozenset("""
    to for with at from by about of on in into onto toward towards without against upon through around among
    amongst behind beside besides near via within per off over under beyond except inside outside between
    regarding concerning beneath above below across along throughout unlike
""".split())
_CONJUNCTIONS = frozenset("""
    like than as but before after until till since because cause cos when whenever if that so and or while
    whereas though although unless once where whether how why what which who whom then
""".split())
_AUXILIARIES = frozenset("""
    am is are was were be been have has had do does did can could will would shall should may might must
    isn't aren't wasn't weren't haven't hasn't hadn't don't doesn't didn't can't cannot couldn't won't
    wouldn't shan't shouldn't mightn't mustn't ain't
""".split())
_STRONG_AUXILIARIES = _AUXILIARIES - {"be", "been", "being"}
_ADVERBS = frozenset("""
    never always also just still even only then really clearly obviously already simply completely totally
    probably seriously literally actually apparently ever often sometimes usually basically certainly
    definitely specifically explicitly repeatedly promptly immediately finally eventually initially
    originally personally supposedly
""".split())
_PAST_IRREGULAR = frozenset("""
    said told sent took made gave came went left kept broke forgot lost put got brought bought paid ran set
    let hit cut found thought knew saw heard sold spent wrote spoke stole tore threw hung held meant led shut
    stood sat built dealt drove ate fell began became did had was were overcharged
""".split())
_OBJECT_VERBS = frozenset("""
    call tell ask pay trust contact email phone ring text message thank hire use choose book recommend give
    send show let help expect want need remind warn chase blame forgive believe hate love see hear sue visit
    reach inform notify beg urge assure follow rate review report owe paying calling telling asking trusting
    emailing chasing contacting giving sending
""".split())
_CLAUSE_VERBS = frozenset("""
    think thought know knew said say hope guess feel felt realise realised realize realized notice noticed
    believe believed assume assumed suppose supposed understand understood wish figured found saw heard sure
    seems seemed claimed claim promised hoped glad surprised shocked learned learnt discovered mean meant
    means hear see
""".split())
_SUBJECT_VERBS = frozenset("""
    charge take say tell send promise keep make give come go know think need want expect claim ignore call
    advertise offer sell provide get put leave let treat ask do pay owe lie try seem care use guarantee quote
    refuse fail forget lose show answer respond reply cancel deliver fix install repair bill damage scratch
""".split())
_ED_NON_VERBS = frozenset("""
    need bed red shed hundred speed feed seed indeed breed greed bleed embed sacred naked wicked beloved
    ragged rugged jagged crooked wretched kindred
""".split())
_RELATIVE_PRONOUNS = frozenset({"who", "which", "whom", "whose"})
_CLAUSE_OPENERS = frozenset("""
    nobody nothing someone somebody everyone everybody everything anyone anybody they he she it we you i
    there no-one noone
""".split())
_SUBJECT_CONTRACTIONS = frozenset("""
    it's that's there's he's she's what's who's here's everything's nothing's nobody's someone's
""".split())
_DETERMINERS = frozenset("the a an my your our his her their its this that these those very so some no".split())
_ING_NOUNS = frozenset("""
    thing nothing something anything everything morning evening ceiling building ring king spring string
    wedding meeting wing sibling pudding darling
""".split())
_IMPERATIVES = frozenset("""
    let see look please tell thank give fix call stop explain refund send check read imagine try get come make
    do don't sort answer
""".split())
_NAMES_LOOKING_LIKE_VERBS = frozenset("fred reed alfred mildred manfred winifred".split())
_ABBREVIATIONS = frozenset("mr mrs ms dr st no vs etc ltd inc co jr sr approx dept".split())

_COMMON_WORDS = frozenset("""
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
    order
    being having getting waiting paying calling trying
    what's let's
""".split())

# ---------------------------------------------------------------------------
# Tokenizer
# ---------------------------------------------------------------------------


class _Kind(StrEnum):
    """What a token is. PROTECTED spans (quotes, code, e-mail, URLs, amounts, times, dates,
    order references) and TAGs are never looked into; NUMBER and PROTECTED count as words
    for grammar ("#" to the rewriter), TAGs are invisible to it."""

    WORD = "word"
    NUMBER = "number"
    PROTECTED = "protected"
    TAG = "tag"
    OTHER = "other"


@dataclass(slots=True)
class _Token:
    """One word, number, protected span or punctuation mark, with the whitespace before it.

    Whitespace is not a token of its own: that halves the number of tokens every pass
    walks through. Rendering turns any ``space`` into a single blank.
    """

    kind: _Kind
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
_WORDISH = frozenset({_Kind.WORD, _Kind.NUMBER, _Kind.PROTECTED})
_SENTENCE_END_CHARS = frozenset(".!?…")
_CLAUSE_BREAK_CHARS = frozenset(".!?…,;:()[]{}—–-\"“”«»")
_TRAILING_NOISE_CHARS = frozenset(".!…,;:")
_MARKUP_CHARS = frozenset("*_~`[(\"'“‘«„<>#")


_KIND_OF_GROUP: dict[str, _Kind] = {kind.value: kind for kind in _Kind} | {
    "plain_word": _Kind.WORD, "plain_other": _Kind.OTHER,
}
"""The first two token branches of ``_TOKEN_RE`` are shortcuts for the commonest tokens: an ordinary
word that nothing protected could start at (not a month name, which may open a date; not
followed by what would make it an e-mail address, a URL or an order reference), and
punctuation that opens nothing protected. They give exactly the tokens the full alternation
would, only sooner."""


def _tokenize(text: str) -> list[_Token]:
    """Tokens of ``text``; whitespace after the last token is dropped."""
    return [_Token(_KIND_OF_GROUP[match.lastgroup], match.group(match.lastindex), match.group(1))
            for match in _TOKEN_RE.finditer(text)]


def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


def _is_ed_verb(word: str) -> bool:
    return len(word) >= 4 and word.endswith("ed") and word not in _ED_NON_VERBS


def _is_verbish(word: str | None) -> bool:
    """Does this word look like the verb (or an adverb before the verb) right after a subject?"""
    if word is None:
        return False
    return (word in _AUXILIARIES or word in _ADVERBS or word in _PAST_IRREGULAR or word in _SUBJECT_VERBS
            or _is_ed_verb(word))


def _is_verb_taking_object(word: str) -> bool:
    return word in _OBJECT_VERBS or word in _PAST_IRREGULAR or _is_ed_verb(word)


def _business_you_is_object(prev: str | None, nxt: str | None) -> bool:
    """Is the business's "you" an object ("I called you" -> "us") rather than a subject ("you charged" -> "we")?

    ``prev``/``nxt`` are the neighbouring words in the same clause (lowercased, None at a
    clause break). The rules run from the most to the least reliable evidence.
    """
    if prev in _TRUE_PREPOSITIONS or nxt in ("who", "whom"):
        return True
    if nxt in _STRONG_AUXILIARIES:
        return False
    if prev is None:
        return False
    if prev in _AUXILIARIES or prev in _CONJUNCTIONS:
        return nxt is None
    if prev in _CLAUSE_VERBS:
        return not _is_verbish(nxt)
    if _is_verb_taking_object(prev):
        return True
    if prev.endswith("ing") and len(prev) >= 5 and prev not in _ING_NOUNS:
        return True
    return nxt is None


def _match_case(replacement: str, original: str, at_sentence_start: bool, shouting: bool) -> str:
    if "’" in original:
        replacement = replacement.replace("'", "’")
    if (len(original) > 1 and original.isupper()) or (original == "I" and shouting):
        return replacement.upper()
    if at_sentence_start and original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


@dataclass(slots=True)
class _Context:
    """Where the word-like tokens of a sentence are, and how each relates to the one before.

    Lists are indexed by a word's position among the word-like tokens (``pos``);
    ``wordish[pos]`` is its index in the token list.
    """

    wordish: list[int]
    linked_to_previous: list[bool]
    """No clause break (comma, dash, bracket, sentence end …) since the previous word."""
    adjacent_to_previous: list[bool]
    """No punctuation at all since the previous word: "you guys", "was I"."""
    sentence_start: set[int]
    """Token indices of words that open a sentence."""


def _context(tokens: list[_Token]) -> _Context:
    wordish: list[int] = []
    linked: list[bool] = []
    adjacent: list[bool] = []
    starts: set[int] = set()
    broken, joined, at_start = True, False, True
    previous: _Token | None = None
    for index, token in enumerate(tokens):
        if token.kind in _WORDISH:
            wordish.append(index)
            linked.append(not broken)
            adjacent.append(not broken and joined)
            if at_start:
                starts.add(index)
            broken, joined, at_start = False, True, False
            previous = token
        elif token.kind is _Kind.OTHER:
            joined = False
            if token.text in _CLAUSE_BREAK_CHARS:
                broken = True
            if _ends_sentence(token, previous):
                at_start = True
    return _Context(wordish, linked, adjacent, starts)


class _Rewriter:
    """One left-to-right pass over a sentence's tokens, writing replacements into ``out``.

    Methods take ``pos``, a word's position among the word-like tokens (see ``_Context``);
    neighbours come back lower-cased, "#" for a number or protected span, None past a
    clause break or the end.
    """

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.ctx = _context(tokens)
        self.out = [token.text for token in tokens]

    def word(self, pos: int) -> str | None:
        if 0 <= pos < len(self.ctx.wordish):
            token = self.tokens[self.ctx.wordish[pos]]
            return _norm(token.text) if token.kind is _Kind.WORD else "#"
        return None

    def previous(self, pos: int) -> str | None:
        return self.word(pos - 1) if self.ctx.linked_to_previous[pos] else None

    def following(self, pos: int) -> str | None:
        nxt = pos + 1
        return self.word(nxt) if nxt < len(self.ctx.wordish) and self.ctx.linked_to_previous[nxt] else None

    def adjacent_following(self, pos: int) -> str | None:
        nxt = pos + 1
        return self.word(nxt) if nxt < len(self.ctx.wordish) and self.ctx.adjacent_to_previous[nxt] else None

    def shouting(self, pos: int) -> bool:
        """Are the words around this one in capitals (so "I" -> "YOU"), not just an acronym nearby?"""
        words = [self.tokens[self.ctx.wordish[near]].text for near in (pos - 2, pos - 1, pos + 1, pos + 2)
                 if 0 <= near < len(self.ctx.wordish) and self.tokens[self.ctx.wordish[near]].kind is _Kind.WORD]
        capitals = sum(1 for word in words if len(word) > 1 and word.isupper())
        return capitals >= 2 or (capitals == 1 and len(words) == 1)

    def put(self, pos: int, replacement: str) -> None:
        index = self.ctx.wordish[pos]
        original = self.tokens[index].text
        self.out[index] = _match_case(replacement, original, index in self.ctx.sentence_start, self.shouting(pos))

    def drop_group_word(self, pos: int) -> bool:
        """Remove "guys" from "you guys"/"your guys'" (with the space before it); True if it was possessive."""
        index = self.ctx.wordish[pos + 1]
        possessive = _norm(self.tokens[index].text).endswith("'s")
        self.out[index] = ""
        after = self.tokens[index + 1] if index + 1 < len(self.tokens) else None
        if after is not None and after.text in ("'", "’") and not after.space:
            self.out[index + 1] = ""
            possessive = True
        return possessive

    def agree_after(self, pos: int) -> None:
        """Make the verb after a new plural subject agree: "I was" -> "you were", "you was" -> "we were"."""
        for verb_pos in (pos + 1, pos + 2):
            if verb_pos >= len(self.ctx.wordish) or not self.ctx.linked_to_previous[verb_pos]:
                return
            verb = self.word(verb_pos)
            if verb in _AGREEMENT:
                self.put(verb_pos, _AGREEMENT[verb])
                return
            if verb not in _ADVERBS:
                return

    def agree_before(self, pos: int) -> None:
        """Questions put the verb first: "was I" -> "were you", "am I" -> "are you"."""
        verb = self.previous(pos)
        if verb in _AGREEMENT and self.ctx.adjacent_to_previous[pos]:
            self.put(pos - 1, _AGREEMENT[verb])

    def business_you(self, pos: int) -> None:
        """The business's "you": "we" as a subject, "us" as an object, "our" for "you guys'"."""
        group = self.adjacent_following(pos)
        last = pos
        if group is not None and group.removesuffix("'s") in _GROUP_NOUNS:
            if self.drop_group_word(pos):
                self.put(pos, "our")
                return
            last = pos + 1
        is_object = _business_you_is_object(self.previous(pos), self.following(last))
        self.put(pos, "us" if is_object else "we")
        if not is_object:
            self.agree_after(last)

    def business_your(self, pos: int, norm: str) -> None:
        self.put(pos, _BUSINESS[norm])
        group = self.adjacent_following(pos)
        if norm == "your" and group is not None and group.removesuffix("'s") == "guys":
            self.drop_group_word(pos)

    def run(self) -> list[_Token]:
        """The tokens with pronouns swapped and verbs agreeing; dropped words ("guys") are gone."""
        for pos, index in enumerate(self.ctx.wordish):
            token = self.tokens[index]
            if token.kind is not _Kind.WORD or token.text[0] not in _PRONOUN_INITIALS or self.out[index] == "":
                continue
            norm = _norm(token.text)
            if norm == "us" and token.text == "US" and not self.shouting(pos):
                continue
            if norm in _FIRST_PERSON:
                self.put(pos, _FIRST_PERSON[norm])
                if norm in _SUBJECTS_NEEDING_AGREEMENT:
                    self.agree_after(pos)
                    self.agree_before(pos)
            elif norm == "you":
                self.business_you(pos)
            elif norm in _BUSINESS:
                self.business_your(pos, norm)
        return [token if text is token.text else _Token(token.kind, text, token.space)
                for token, text in zip(self.tokens, self.out) if text]


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------


def _split_sentences(tokens: list[_Token]) -> list[list[_Token]]:
    """Split at . ! ? … followed by whitespace (not after "Mr." or "etc.") and at line breaks."""
    sentences: list[list[_Token]] = [[]]
    previous: _Token | None = None
    for token in tokens:
        current = sentences[-1]
        if current and token.space and (_breaks_line(token) or _ends_sentence(current[-1], previous)):
            sentences.append([token])
        else:
            current.append(token)
        if token.kind in _WORDISH:
            previous = token
    return _merge_fragments(sentences)


def _breaks_line(token: _Token) -> bool:
    """Does the whitespace before ``token`` end a sentence?

    A blank line always does; a single line break only before a capital, a digit or a
    list marker (otherwise it is taken for a line wrapped in the middle of a sentence).
    """
    if "\n" not in token.space:
        return False
    first = token.text[:1]
    return token.space.count("\n") > 1 or first.isupper() or first.isdigit() or first in "-*•#>"


def _ends_sentence(token: _Token, previous: _Token | None) -> bool:
    """Is ``token`` a . ! ? or … that ends a sentence (a full stop after "Mr" or "etc" does not)?"""
    if token.kind is not _Kind.OTHER or token.text not in _SENTENCE_END_CHARS:
        return False
    if token.text != "." or previous is None or previous.kind is not _Kind.WORD:
        return True
    return _norm(previous.text) not in _ABBREVIATIONS


def _merge_fragments(sentences: list[list[_Token]]) -> list[list[_Token]]:
    """A "sentence" with no words at all (say, ":(") stays attached to the one before it."""
    merged: list[list[_Token]] = []
    for sentence in sentences:
        if merged and not any(token.kind in _WORDISH for token in sentence):
            merged[-1] = merged[-1] + sentence
        else:
            merged.append(sentence)
    return merged


class Shape(StrEnum):
    """How a restated sentence fits after "What bothered you most is …"."""

    CLAUSE = "clause"        # "our mechanic was late" -> "… is that our mechanic was late."
    PHRASE = "phrase"        # "the rude receptionist" -> "… is the rude receptionist."
    QUESTION = "question"    # "why did we charge you twice" -> "… is: why did we charge you twice?"
    REQUEST = "request"      # "fix your boiler properly" -> "… is: fix your boiler properly."


@dataclass(frozen=True, slots=True)
class Restatement:
    """The customer's text in second person, ready to be framed.

    ``first`` has no final punctuation and starts in lower case where that is safe;
    ``rest`` holds any further sentences, each capitalised and punctuated.
    """

    first: str
    shape: Shape
    rest: tuple[str, ...]

    def framed(self, clause: str, phrase: str, direct: str) -> str:
        """Fill the frame that suits ``shape`` and append the other sentences.

        Each frame has a ``{text}`` slot; ``direct`` frames a question or a request
        ("…: {text}") and gets the question mark back when the customer asked one.
        """
        frame = {Shape.CLAUSE: clause, Shape.PHRASE: phrase}.get(self.shape, direct)
        lead = frame.format(text=self.first) + ("?" if self.shape is Shape.QUESTION else "")
        if self.shape is not Shape.QUESTION and not lead.endswith("."):
            lead += "."
        return " ".join((lead, *self.rest))


def _strip_trailing_noise(tokens: list[_Token]) -> tuple[list[_Token], bool]:
    """Drop final . ! … , ; : (never a protected token's own dot); report whether a "?" ended it."""
    question = False
    end = len(tokens)
    while end and tokens[end - 1].kind is _Kind.OTHER:
        text = tokens[end - 1].text
        if text == "?":
            question = True
        elif text not in _TRAILING_NOISE_CHARS:
            break
        end -= 1
    return tokens[:end], question


def _first_word_index(tokens: list[_Token]) -> int | None:
    """Index of the first word if nothing but markup (``**``, ``<b>``, quotes) comes before it."""
    for index, token in enumerate(tokens):
        if token.kind is _Kind.WORD:
            return index
        if token.kind is _Kind.TAG or (token.kind is _Kind.OTHER and token.text in _MARKUP_CHARS):
            continue
        return None
    return None


def _is_common(word: str) -> bool:
    """A word that is capitalised only because it opens a sentence (never a name)."""
    norm = _norm(word)
    if norm in _COMMON_WORDS or norm in _PAST_IRREGULAR:
        return True
    if _is_ed_verb(norm):
        return norm not in _NAMES_LOOKING_LIKE_VERBS
    return len(norm) >= 5 and norm.endswith("ing") and norm not in _ING_NOUNS


def _lowercase_first_word(tokens: list[_Token]) -> list[_Token]:
    index = _first_word_index(tokens)
    if index is None:
        return tokens
    word = tokens[index].text
    if (len(word) > 1 and word.isupper()) or not _is_common(word):
        return tokens
    return [*tokens[:index], _Token(_Kind.WORD, word[:1].lower() + word[1:], tokens[index].space), *tokens[index + 1:]]


def _capitalise_first_word(tokens: list[_Token]) -> list[_Token]:
    index = _first_word_index(tokens)
    if index is None or not tokens[index].text.islower():
        return tokens
    word = tokens[index].text
    return [*tokens[:index], _Token(_Kind.WORD, word[:1].upper() + word[1:], tokens[index].space), *tokens[index + 1:]]


def _shape(tokens: list[_Token], question: bool) -> Shape:
    if question:
        return Shape.QUESTION
    words = [_norm(token.text) if token.kind is _Kind.WORD else "#" for token in tokens if token.kind in _WORDISH]
    if not words or words[0] == "#" and len(words) == 1:
        return Shape.PHRASE
    if words[0] in _IMPERATIVES:
        return Shape.REQUEST
    if words[0] == "#":
        return Shape.CLAUSE if _has_finite_verb(words) else Shape.PHRASE
    if _is_gerund_opening(words):
        return Shape.PHRASE
    return Shape.CLAUSE if words[0] in _CLAUSE_OPENERS or _has_finite_verb(words) else Shape.PHRASE


def _is_gerund_opening(words: list[str]) -> bool:
    """ "Being kept waiting …", "Waiting 90 minutes …" (but not "Nothing was fixed", "Waiting was …")."""
    first = words[0]
    if len(first) < 5 or not first.endswith("ing") or first in _ING_NOUNS:
        return False
    return len(words) == 1 or words[1] not in _AUXILIARIES


def _has_finite_verb(words: list[str]) -> bool:
    """Rough test for a clause: an auxiliary, a contraction, a past tense not used as an adjective.

    The first verb after "who/which" belongs to a relative clause and does not count,
    so "the technician who never called back" stays a noun phrase.
    """
    in_relative = False
    previous = ""
    for word in words:
        if word in _RELATIVE_PRONOUNS:
            in_relative = True
        elif _is_finite(word, previous):
            if not in_relative:
                return True
            in_relative = False
        previous = word
    return False


def _is_finite(word: str, previous: str) -> bool:
    if word in _AUXILIARIES or word in _SUBJECT_CONTRACTIONS:
        return True
    if word.endswith(("'re", "'ve", "'d", "'ll", "n't", "'m")):
        return True
    if word in _PAST_IRREGULAR or _is_ed_verb(word):
        return previous not in _DETERMINERS and previous != "#"
    return False


_MAIN_PREFIX_RE = re.compile(
    r"""^\s*(?:
        (?:what\s+|the\s+(?:thing|part)\s+(?:that\s+|which\s+)?|the\s+(?:main\s+|biggest\s+|real\s+)?
           (?:thing|issue|problem)\s+(?:that\s+)?)
        (?:really\s+|honestly\s+)?
        (?:bothered|bothers|annoyed|annoys|upset|upsets|bugged|bugs|frustrated|frustrates|angered|angers
           |irritated|irritates|hurt|hurts|got\s+to|gets\s+to|disappointed|disappoints)
        \s+(?:me|us)\s+(?:the\s+)?most(?:\s+of\s+all)?(?:\s+(?:is|was|were|are|has\s+been))?
      | it\s+(?:really\s+)?(?:bothered|bothers|annoyed|upset|bugged|frustrated)\s+(?:me|us)\s+(?:the\s+)?most
      | (?:mostly|most\s+of\s+all|above\s+all|mainly)\b
    )\s*[:,\-–—?.]?\s*""",
    re.IGNORECASE | re.VERBOSE,
)
_MORE_PREFIX_RE = re.compile(
    r"""^\s*(?:(?:yes|yeah|yep|yup|also|and|plus|oh|one\s+more\s+thing|another\s+thing|the\s+other\s+thing
        |on\s+top\s+of\s+(?:that|this|all\s+that)|besides\s+(?:that|this)|additionally|in\s+addition|as\s+well)
        (?:\s+(?:is|was))?\b[\s,:;.!\-–—]*)+""",
    re.IGNORECASE | re.VERBOSE,
)
_FACT_THAT_RE = re.compile(r"^the\s+fact\s+that\s+", re.IGNORECASE)
_LEADING_THAT_RE = re.compile(
    r"^that\s+(?=(?:the|a|an|our|your|my|you|i|we|they|he|she|it|nobody|no|nothing|someone|there|this"
    r"|his|her|their|after|when|even|instead)\b)",
    re.IGNORECASE,
)


def _strip_lead_in(text: str, kind: Kind) -> str:
    """Remove words the frame already says: "What bothered me most was that …", "Also, …"."""
    prefix_re = _MAIN_PREFIX_RE if kind == "main" else _MORE_PREFIX_RE
    stripped = prefix_re.sub("", text, count=1)
    stripped = _FACT_THAT_RE.sub("", stripped, count=1)
    stripped = _LEADING_THAT_RE.sub("", stripped, count=1)
    return stripped if stripped.strip() else text


def _render(tokens: list[_Token]) -> str:
    """The tokens as text, each run of whitespace as one blank, none at the start."""
    return "".join(f" {token.text}" if token.space else token.text for token in tokens).lstrip()


def _terminated(tokens: list[_Token]) -> str:
    body, question = _strip_trailing_noise(tokens)
    text = _render(_capitalise_first_word(body))
    if question:
        return text + "?"
    return text if text.endswith(tuple(_SENTENCE_END_CHARS)) else text + "."


def restate(text: str, kind: Kind = "main") -> Restatement:
    """The customer's English text in second person, split into a frameable first sentence and the rest."""
    cleaned = require_text(text)
    sentences = _split_sentences(_tokenize(_strip_lead_in(cleaned, kind)))
    rewritten = [_Rewriter(sentence).run() for sentence in sentences]
    first, question = _strip_trailing_noise(rewritten[0])
    first = _lowercase_first_word(first)
    rest = tuple(_terminated(sentence) for sentence in rewritten[1:])
    return Restatement(_render(first), _shape(first, question), rest)


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def second_person(text: str) -> str:
    """The customer's words from our point of view: "Your mechanic was late for me" -> "Our mechanic was late for you".

    Whitespace is collapsed, the ends are stripped, and a final full stop is dropped
    (unless it belongs to a fact such as "9 a.m."). Everything except pronouns and the
    verbs that must agree with them ("I was" -> "you were") is kept byte for byte.
    """
    if not text or not text.strip():
        return ""
    rewritten = _Rewriter(_tokenize(text.strip())).run()
    return _render(rewritten[:_without_final_full_stop(rewritten)])


def _without_final_full_stop(tokens: list[_Token]) -> int:
    """How many tokens remain once a final run of dots ("." or "...") is dropped, unless it ends "etc."."""
    end = len(tokens)
    while end and tokens[end - 1].kind is _Kind.OTHER and tokens[end - 1].text in ".…":
        end -= 1
        if tokens[end].space:
            break
    last_word = tokens[end - 1] if 0 < end < len(tokens) else None
    if last_word is not None and last_word.kind is _Kind.WORD and _norm(last_word.text) in _ABBREVIATIONS:
        return len(tokens)
    return end


def statement(text: str, kind: Kind = "main") -> str:
    """What bothered the customer most (``kind="main"``), or what else they told us (``"more"``), in our voice."""
    restatement = restate(require_text(text), kind)
    if kind == "main":
        return restatement.framed(
            "What bothered you most is that {text}", "What bothered you most is {text}",
            "What bothered you most is: {text}",
        )
    return restatement.framed(
        "You'd also like us to know that {text}", "You'd also like us to know about {text}",
        "You'd also like us to know: {text}",
    )


def extract_facts(text: str) -> list[str]:
    """The facts a restatement must keep verbatim, in order of appearance, without repeats.

    Numbers (with their unit when they have one), times, amounts with currency, dates,
    order references, e-mail addresses, web addresses and capitalised names. A
    capitalised word counts as a name unless it is a pronoun or a common word that is
    only capitalised because it opens a sentence ("The", "Nobody", "Yesterday").
    """
    facts: list[str] = []
    taken: list[tuple[int, int]] = []
    for match in _FACT_RE.finditer(text):
        facts.append(match.group())
        taken.append(match.span())
    for match in _NAME_RE.finditer(text):
        start, end = match.span()
        if any(start < taken_end and taken_start < end for taken_start, taken_end in taken):
            continue
        if _is_name(match.group()):
            facts.append(match.group())
            taken.append(match.span())
    ordered = sorted(zip(taken, facts), key=lambda pair: pair[0][0])
    return list(dict.fromkeys(fact for _, fact in ordered))


def _is_name(word: str) -> bool:
    norm = _norm(word)
    if norm in _PRONOUNS or norm in _AGREEMENT:
        return False
    return (len(word) > 1 and word.isupper()) or not _is_common(word)


# ---------------------------------------------------------------------------
# Apology
# ---------------------------------------------------------------------------

_OWNERSHIP: dict[Category, str] = {
    Category.LATENESS: "Your time matters, and you should not have been kept waiting.",
    Category.BILLING: "You should have been able to trust the price we gave you.",
    Category.QUALITY: "You trusted us to do the job properly the first time, and we did not.",
    Category.DAMAGE: "You trusted us with your property, and we should have treated it with the care it deserved.",
    Category.STAFF: "You deserved to be treated with courtesy and respect, and we fell short of that.",
    Category.MISSING_ITEM: "You should have received everything you ordered, exactly as you ordered it.",
    Category.DELIVERY: "You were counting on us to get your order to you, and we let you down.",
    Category.COMMUNICATION: "You should not have had to chase us for answers; keeping you informed was our job.",
    Category.OTHER: "This is not the experience you should have had with us, and we take responsibility for it.",
}


def apology(category: Category, text: str) -> str:
    """We are sorry for what bothered them most, restated, and one sentence that owns it."""
    sorry = restate(require_text(text), "main").framed(
        "We are sorry that {text}", "We are sorry about {text}", "We are sorry that you had to ask: {text}",
    )
    return f"{sorry} {_OWNERSHIP[category]}"


def apology_more(text: str) -> str:
    """We are sorry for one more thing they told us under "anything else?"."""
    return restate(require_text(text), "more").framed(
        "We are also sorry that {text}", "We are also sorry about {text}", "We are also sorry that you had to ask: {text}",
    )


JUSTIFICATION_WORDS: frozenset[str] = frozenset({
    "but", "however", "although", "though", "even though", "policy", "policies", "unfortunately", "actually",
    "just", "busy", "understaffed", "short-staffed", "usually", "normally", "typically", "generally",
    "regrettably", "nevertheless", "nonetheless", "anyway", "technically", "sadly", "admittedly",
    "to be fair", "beyond our control", "circumstances",
})
"""Excuses an apology of ours never contains."""


# ---------------------------------------------------------------------------
# Category and tone
# ---------------------------------------------------------------------------

_L, _B, _Q, _D = Category.LATENESS, Category.BILLING, Category.QUALITY, Category.DAMAGE
_S, _M, _V, _C = Category.STAFF, Category.MISSING_ITEM, Category.DELIVERY, Category.COMMUNICATION

_SERVICE_PEOPLE = (r"technicians?|engineers?|plumbers?|electricians?|mechanics?|fitters?|installers?|contractors?"
                   r"|builders?|cleaners?|handym[ae]n|inspectors?|tradesm[ae]n|workm[ae]n|crew|movers?|painters?")
_PARCEL_WORDS = (r"parcels?|packages?|couriers?|shipments?|shipping|postm[ae]n|postal|tracking|dispatched"
                 r"|deliver(?:y|ies)")
_CONTACT = (r"call(?:ed)?|r[ai]ng|phoned|got\s+back|replied|responded|answered|contacted|emailed|wrote|returned"
            r"|followed\s+up")

_CUES: tuple[Cue, ...] = (
    # Lateness
    cue(r"\brunning\s+(?:late|behind)\b", (_L, 3)),
    cue(r"\blate\b(?!\s+(?:fees?|charges?|payments?|penalt(?:y|ies)))", (_L, 2)),
    cue(r"\bno[- ]?shows?\b", (_L, 3)),
    cue(r"\b(?:didn'?t|did\s+not|never)\s+(?:show(?:ed)?|turn(?:ed)?)\s+up\b", (_L, 3)),
    cue(r"\bstood\s+(?:me|us)\s+up\b", (_L, 3)),
    cue(r"\b(?:nobody|no\s+one|no-one)\s+(?:ever\s+)?(?:showed\s+up|turned\s+up|came|arrived)\b", (_L, 3)),
    cue(r"\bkept\s+(?:me|us|my\s+\w+|our\s+\w+)\s+waiting\b", (_L, 3)),
    cue(r"\bwait(?:ed|ing)\b", (_L, 1.5)),
    cue(r"\bdelay(?:ed|s)?\b", (_L, 1.5)),
    cue(r"\b(?:missed|cancell?ed|rescheduled)\s+(?:the|my|our)\s+appointment\b", (_L, 2.5)),
    cue(r"\b(?:wasn'?t|weren'?t|not|never)\s+on\s+time\b", (_L, 2.5)),
    cue(r"\b(?:arrival|time)\s+(?:window|slot)\b", (_L, 1)),
    cue(r"\bappointments?\b", (_L, 0.5)),
    cue(rf"\b(?:{_SERVICE_PEOPLE})\b", (_L, 0.5)),
    cue(r"\bnever\s+(?:arrived|came)\b", (_L, 1.5), (_V, 1.5)),
    cue(r"\b(?:still\s+)?(?:hasn'?t|has\s+not|haven'?t|have\s+not)\s+(?:yet\s+)?(?:arrived|come|been\s+delivered)\b",
         (_V, 2.5), (_L, 1)),
    # Billing
    cue(r"\bover-?charg\w*", (_B, 3)),
    cue(r"\bdouble[- ]?charg\w*", (_B, 3)),
    cue(r"\bcharged\s+(?:me\s+|us\s+)?(?:twice|double|two\s+times|again)\b", (_B, 3)),
    cue(r"\bhidden\s+(?:fees?|charges?|costs?)\b", (_B, 3)),
    cue(r"\blate\s+(?:fees?|charges?|payments?|penalt(?:y|ies))\b", (_B, 3)),
    cue(r"\bbill(?:s|ed|ing)?\b", (_B, 2), lowercase_only=True),
    cue(r"\binvoic\w*", (_B, 2)),
    cue(r"\bsurcharg\w*", (_B, 2.5)),
    cue(r"\bcharg(?:e|es|ed|ing)\b", (_B, 2)),
    cue(r"\bfees?\b", (_B, 1.5)),
    cue(r"\bpric(?:e|es|ed|ing)\b", (_B, 1.5)),
    cue(r"\bquot(?:e|es|ed|ation)\b", (_B, 1.5)),
    cue(r"\bestimate[ds]?\b", (_B, 1.5)),
    cue(r"\bexpensive\b", (_B, 1.5)),
    cue(r"\b(?:higher|more)\s+than\s+(?:what|quoted|agreed|expected|estimated|planned)\b", (_B, 1)),
    cue(r"\b(?:refund\w*|paid|pay|paying|payment|costs?|receipt|deposit|budget(?:ed)?|afford)\b", (_B, 1)),
    cue(r"(?:[$€£₪]\s?\d|\b\d+\s?(?:dollars|euros|pounds|bucks|shekels)\b)", (_B, 1)),
    # Quality
    cue(r"\b(?:poor|bad|terrible|shoddy|sloppy|awful|lousy|careless|botched|rushed)\s+"
         r"(?:work\w*|job|quality|repairs?|finish|installation)\b", (_Q, 3)),
    cue(r"\b(?:shoddy|sloppy|botched|slapdash|amateurish|sub-?standard|faulty|defective|workmanship)\b", (_Q, 2.5)),
    cue(r"\b(?:still|again)\s+(?:broken|leaking|dripping|faulty|not\s+working|doesn'?t\s+work|does\s+not\s+work)\b",
         (_Q, 3)),
    cue(r"\b(?:broke|broken|failed|leaking|leaks|stopped\s+working)\s+(?:down\s+)?again\b", (_Q, 3)),
    cue(r"\b(?:didn'?t|did\s+not|never|failed\s+to)\s+(?:even\s+)?(?:fix|repair|solve)\b", (_Q, 3)),
    cue(r"\b(?:not|wasn'?t|isn'?t|never|hasn'?t)\s+(?:been\s+)?(?:fixed|repaired)\b", (_Q, 3)),
    cue(r"\bstopped\s+working\b", (_Q, 2.5)),
    cue(r"\b(?:doesn'?t|does\s+not|didn'?t|did\s+not|don'?t|won'?t)\s+work\b", (_Q, 1.5)),
    cue(r"\b(?:fell\s+apart|falling\s+apart|re-?do(?:ne)?|unfinished|half[- ]done|worse\s+than\s+before)\b",
         (_Q, 2.5)),
    cue(r"\bhad\s+to\s+(?:call|get|hire|pay)\s+(?:someone|somebody|another)\b", (_Q, 2.5)),
    cue(r"\b(?:undercooked|overcooked|raw|burnt|stale|soggy|cold|inedible|tasteless|mou?ldy|peeling)\b", (_Q, 1.5)),
    cue(r"\bquality\b", (_Q, 1.5)),
    cue(r"\bleft\s+(?:a|such\s+a)\s+mess\b", (_Q, 1.5), (_D, 1)),
    cue(r"\bbroken\b", (_Q, 1), (_D, 1)),
    # Damage
    cue(r"\bdamag(?:e|ed|es|ing)\b", (_D, 3)),
    cue(r"\b(?:broke|dropped|smashed|knocked\s+over)\s+(?:my|our)\b", (_D, 3)),
    cue(r"\b(?:broke|dropped|knocked\s+over)\s+(?:the|a|an)\b", (_D, 1.5)),
    cue(r"\b(?:scratch(?:ed|es)?|dent(?:ed|s)?|gouged?|chipped|cracked|smashed|shattered|stained|scuff(?:ed|s)?"
         r"|torn|ripped|flooded|crushed|dented)\b", (_D, 2.5)),
    cue(r"\bruined\b", (_D, 1.5)),
    cue(r"\bleft\s+(?:a\s+)?(?:holes?|marks?|stains?|scratches|mud)\b", (_D, 2.5)),
    # Staff
    cue(r"\b(?:rude(?:ly|ness)?|impolite|disrespectful|condescending|patroni[sz]ing|dismissive|arrogant|hostile"
         r"|aggressive|sarcastic|snarky|unprofessional|unhelpful|unfriendly|obnoxious|belittl\w+|insult\w*"
         r"|mock(?:ed|ing))\b", (_S, 3)),
    cue(r"\b(?:yelled|shouted|screamed|swore|snapped)\b", (_S, 3)),
    cue(r"\b(?:laughed\s+at|talked\s+down|rolled\s+(?:his|her|their)\s+eyes|couldn'?t\s+care\s+less)\b", (_S, 3)),
    cue(r"\b(?:bad|poor|terrible|awful)\s+(?:attitude|manners|customer\s+service)\b", (_S, 3)),
    cue(r"\battitude\b", (_S, 2)),
    cue(r"\b(?:didn'?t|did\s+not|don'?t|doesn'?t)\s+(?:seem\s+to\s+)?care\b", (_S, 2)),
    cue(r"\b(?:hung\s+up\s+on|treated|blamed)\s+(?:me|us)\b", (_S, 2.5)),
    cue(r"\b(?:refused\s+to\s+help|told\s+(?:me|us)\s+to\s+calm\s+down|made\s+(?:me|us)\s+feel)\b", (_S, 2.5)),
    cue(r"\b(?:staff|employees?|receptionist|cashier|manager|agent|clerk|waiter|waitress|salesm[ae]n"
         r"|saleswom[ae]n|representative)\b", (_S, 0.5)),
    # Missing or wrong item
    cue(r"\bmissing\b", (_M, 3)),
    cue(r"\b(?:wrong|incorrect)\s+(?:items?|orders?|sizes?|colou?rs?|products?|dish(?:es)?|meals?|models?|drinks?"
         r"|pizzas?|books?|things?|flavou?rs?)\b", (_M, 3)),
    cue(r"\b(?:sent|gave|received|got|delivered|brought)\s+(?:me\s+|us\s+)?(?:the\s+|a\s+)?wrong\b", (_M, 3)),
    cue(r"\b(?:left\s+out|forgot(?:ten)?\s+(?:to\s+(?:include|pack|add|put)|the|my|our))\b", (_M, 2.5)),
    cue(r"\b(?:not|wasn'?t|weren'?t)\s+(?:in\s+the\s+(?:bag|box|package|parcel|order)|included)\b", (_M, 2.5)),
    cue(r"\b(?:came|arrived)\s+without\b", (_M, 2.5)),
    cue(r"\bonly\s+(?:got|received|had|came\s+with)\s+(?:\d+|one|two|three|four|five|half)\b", (_M, 2.5)),
    cue(r"\b(?:incomplete\s+order|half\s+(?:of\s+)?(?:the|my|our)\s+order)\b", (_M, 3)),
    cue(r"\bi\s+ordered\b", (_M, 1)),
    cue(r"\borders?\b", (_M, 0.5), (_V, 0.5)),
    # Delivery
    cue(rf"\b(?:{_PARCEL_WORDS})\b", (_V, 2.5)),
    cue(r"\bdelivered\b", (_V, 1)),
    cue(r"\b(?:not|never|wasn'?t|weren'?t)\s+(?:been\s+)?delivered\b", (_V, 3)),
    cue(r"\blost\s+(?:in\s+(?:the\s+)?(?:post|mail|transit)|my\s+(?:parcel|package|order))\b", (_V, 3)),
    cue(r"\b(?:wrong\s+address|marked\s+as\s+delivered|out\s+for\s+delivery)\b", (_V, 3)),
    cue(r"\b(?:left|delivered|dropped\s+off)\s+(?:it\s+)?(?:at|to|with)\s+(?:the\s+)?"
         r"(?:wrong|another|a\s+neighbou?r)\b", (_V, 3)),
    # Communication
    cue(rf"\b(?:nobody|no\s+one|no-one|noone)\s+(?:ever\s+)?"
         rf"(?:{_CONTACT}|told|informed|bothered|let\s+(?:me|us)\s+know)\b", (_C, 3)),
    cue(rf"\bnever\s+(?:{_CONTACT}|heard\s+back|told|informed|let\s+(?:me|us)\s+know)\b", (_C, 3)),
    cue(r"\b(?:didn'?t|did\s+not|don'?t|doesn'?t|won'?t|wouldn'?t|couldn'?t)\s+(?:bother\s+to\s+|even\s+)?"
         r"(?:call|ring|phone|reply|respond|answer|get\s+back|let\s+(?:me|us)\s+know|tell\s+(?:me|us)|inform"
         r"|update|contact|return\s+(?:my|our))\b", (_C, 3)),
    cue(r"\bno\s+(?:updates?|response|reply|replies|answer|call(?:\s*back)?|callback|word|communication|contact"
         r"|notice|warning|explanation|follow[- ]?up)\b", (_C, 3)),
    cue(r"\bignored\s+(?:my|our|all\s+(?:my|our))\s+(?:emails?|calls?|messages?|complaints?|texts?|voicemails?"
         r"|requests?|letters?)\b", (_C, 3)),
    cue(r"\b(?:ignored|ignoring|unanswered)\b", (_C, 2)),
    cue(r"\b(?:kept\s+(?:me|us)\s+)?in\s+the\s+dark\b", (_C, 3)),
    cue(r"\b(?:on\s+hold|heard\s+nothing|radio\s+silence)\b", (_C, 3)),
    cue(r"\b(?:nobody|no\s+one|no-one)\s+(?:could|would|was\s+able\s+to)\s+(?:help|tell|explain)\b", (_C, 2.5)),
    cue(r"\b(?:on\s+the\s+phone|call\s+cent(?:re|er)|helpline|hotline)\b", (_C, 1.5)),
    cue(r"\bwithout\s+(?:telling|warning|informing|notifying|letting)\b", (_C, 2.5)),
    cue(r"\bkeep\s+(?:me|us)\s+(?:informed|updated|posted)\b", (_C, 2.5)),
    cue(r"\bleft\s+(?:\w+\s+)?(?:messages|voicemails)\b", (_C, 2.5)),
    cue(r"\b(?:call(?:ed)?\s+back|callback|chas(?:e|ed|ing))\b", (_C, 2)),
    cue(r"\bcommunicat\w*", (_C, 2)),
    cue(r"\b(?:updates?|informed|notified)\b", (_C, 1.5)),
    cue(r"\b(?:emails?|messages?|voicemails?|texts?)\b", (_C, 1)),
)



_NEGATION_RE = re.compile(
    r"(?:\b(?:not|never|without|didnt|wasnt|werent|isnt|dont|doesnt|hasnt|havent)|n['’]t)\s+"
    r"(?:(?!only\b|just\b)\w+\s+)?$"
)

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
_ACRONYMS = frozenset({
    "UPS", "DHL", "DPD", "TNT", "USPS", "ATM", "CEO", "USA", "VAT", "GPS", "SMS", "PDF", "FAQ", "HVAC", "DIY",
    "BBC", "NHS", "IRS", "DMV", "HMRC", "USD", "EUR", "GBP", "NIS", "ILS", "API", "URL", "PIN", "SIM", "LED",
    "ETA", "RSVP", "FYI", "LLC", "LTD", "INC", "BMW", "IKEA", "CCTV", "WIFI", "HTML", "NYC", "PST", "EST", "GMT",
})

LANGUAGE = Language(
    code="en",
    restate=statement,
    confirm_question="Is that correct?",
    apology=apology,
    apology_more=apology_more,
    anything_else_question="Is there anything else that didn't work out?",
    cues=CueScanner(_CUES, _NEGATION_RE),
    tone_words=ToneWords(_STRONG_WORDS_RE, _FRUSTRATED_WORDS_RE, _ACRONYMS),
    justification_words=JUSTIFICATION_WORDS,
)
