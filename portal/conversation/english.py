"""English: restating what the customer said from our point of view, and apologising for it.

A restatement is made in steps, each a pure function of the one before:

1. ``english_tidy`` takes out what we never say back in our voice: shouting (in normal case again, acronyms kept),
   insults and swearing (the fact stays: "was frankly useless" → "was no help"), self-insults ("like an idiot"),
   sarcasm ("great job guys,"), judgements that tell nothing ("absolutely disgusting service,") and repeated words;
   it puts back apostrophes left out of contractions ("didnt") and a few common misspellings.
2. Lead-ins the frame already says go ("What really got me was that …", "Honestly, …", "the thing is, …"), and so
   do sentences that only judge, rhetorical questions without facts and one-word echoes ("TWICE.").
3. Token by token, the customer's "I/me/my/we/our" become "you/your" and the business's "you/your" become
   "we/us/our", verbs agreeing ("I was" → "you were", "I called and was told" → "… and were told"). Numbers,
   amounts, times, dates, references, names, e-mail addresses, quoted speech, HTML and Markdown pass through byte
   for byte: the tokenizer (``english_words``) keeps them as opaque "protected" tokens.
4. The first sentence gets the frame that fits its shape (``Shape``): a clause takes "that" ("What bothered you most
   is that our mechanic was late"); a noun phrase or "the way …" and a wh-clause take none ("… is how he spoke to
   your mother"); "why"-clauses and why-questions become clauses ("why did you charge me twice" → "that we charged
   you twice"); other questions become indirect ones ("where is my refund?" → "where your refund is", "is anyone
   there?" → "whether anyone is there"), requests say what they want of us ("… is that you want us to refund your
   money"). No frame ends in a colon: that would read as a quote. An answer that opens with its verb gets the subject
   it implies ("Charged me twice" → "we charged you twice", "Was told …" → "you were told …").

The apology frames the same restatement ("We are sorry that …", "We are sorry about how …", a gerund said as what
happened to the customer: "We are sorry that you were charged twice") and adds one sentence that owns it, chosen
among several per category by cues in the customer's words (``english_cues.owning_sentence``).

Verb forms: questions with "did/does" and gerunds need a past or third-person form ("did you take" → "we took").
English's irregular verbs are a closed class; ``english_words.IRREGULAR_PAST`` lists the ones customers use and
regular forms follow the spelling rules. A maintained inflection library (lemminflect, pyinflect) was considered
and not taken: it brings tens of megabytes of data (or spaCy) for the few hundred forms needed here, and the page
imports this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from portal.conversation.english_cues import (
    ALL_CUES,
    FOCUS_RE,
    FRUSTRATED_WORDS,
    INSULTS,
    NEGATION_RE,
    NEGATION_WORDS,
    STRONG_WORDS,
    THINGS_AND_PEOPLE_RE,
    owning_sentence,
)
from portal.conversation.english_tidy import (
    RESPELLINGS,
    VERDICTS,
    is_evaluative_fragment,
    neutralise_insults,
    tidy_text,
    tidy_words,
)
from portal.conversation.english_words import (
    ABBREVIATIONS,
    ACRONYMS,
    ADVERBS,
    AGREEMENT,
    AUXILIARIES,
    BUSINESS,
    CLAUSE_BREAK_CHARS,
    CLAUSE_OPENERS,
    CLAUSE_VERBS,
    COMMON_VERBS,
    COMMON_WORDS,
    CONJUNCTIONS,
    DETERMINERS,
    FACT_RE,
    FIRST_PERSON,
    GROUP_NOUNS,
    IMPERATIVES,
    ING_NOUNS,
    IRREGULAR_PAST,
    MARKUP_CHARS,
    NAME_RE,
    NAMES_LOOKING_LIKE_VERBS,
    OBJECT_VERBS,
    PAST_IRREGULAR,
    PAST_PARTICIPLES,
    PREDICATE_ADJECTIVES,
    PRONOUN_INITIALS,
    PRONOUNS,
    RELATIVE_PRONOUNS,
    SEGMENT_BREAK_CHARS,
    SENTENCE_END_CHARS,
    STRONG_AUXILIARIES,
    SUBJECT_CONTRACTIONS,
    SUBJECT_VERBS,
    SUBJECTS_NEEDING_AGREEMENT,
    SUBORDINATORS,
    TRAILING_NOISE_CHARS,
    TRUE_PREPOSITIONS,
    WORDISH,
    Token,
    TokenKind,
    gerund_past,
    is_ed_verb,
    norm_word,
    past_tense,
    third_person,
    tokenize,
)
from portal.conversation.language import Language
from portal.conversation.scoring import CueScanner, ToneWords
from portal.conversation.vocabulary import Category, Kind, require_text


def _is_verbish(word: str | None) -> bool:
    """Does this word look like the verb (or an adverb before the verb) right after a subject?"""
    if word is None:
        return False
    return word in AUXILIARIES or word in ADVERBS or word in PAST_IRREGULAR or word in SUBJECT_VERBS or is_ed_verb(word)


def _is_verb_taking_object(word: str) -> bool:
    return word in OBJECT_VERBS or word in PAST_IRREGULAR or is_ed_verb(word)


def _business_you_is_object(prev: str | None, nxt: str | None) -> bool:
    """Is the business's "you" an object ("I called you" -> "us") rather than a subject ("you charged" -> "we")?

    ``prev``/``nxt`` are the neighbouring words in the same clause (lowercased, None at a
    clause break). The rules run from the most to the least reliable evidence.
    """
    if prev in TRUE_PREPOSITIONS or nxt in ("who", "whom"):
        return True
    if nxt in STRONG_AUXILIARIES:
        return False
    if prev is None:
        return False
    if prev in AUXILIARIES or prev in CONJUNCTIONS:
        return nxt is None
    if prev in CLAUSE_VERBS:
        return not _is_verbish(nxt)
    if _is_verb_taking_object(prev):
        return True
    if prev.endswith("ing") and len(prev) >= 5 and prev not in ING_NOUNS:
        # "the training you give": a verb's base form after "you" has it as subject, unless the -ing verb takes a
        # bare infinitive ("watching you leave", "letting you down")
        return not (nxt in SUBJECT_VERBS and prev not in _BARE_INFINITIVE_GERUNDS)
    return nxt is None


_BARE_INFINITIVE_GERUNDS = frozenset("letting making having helping watching seeing hearing".split())


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


def _context(tokens: list[Token]) -> _Context:
    wordish: list[int] = []
    linked: list[bool] = []
    adjacent: list[bool] = []
    starts: set[int] = set()
    broken, joined, at_start = True, False, True
    previous: Token | None = None
    for index, token in enumerate(tokens):
        if token.kind in WORDISH:
            wordish.append(index)
            linked.append(not broken)
            adjacent.append(not broken and joined)
            if at_start:
                starts.add(index)
            broken, joined, at_start = False, True, False
            previous = token
        elif token.kind is TokenKind.OTHER:
            joined = False
            if token.text in CLAUSE_BREAK_CHARS:
                broken = True
            if _ends_sentence(token, previous):
                at_start = True
    return _Context(wordish, linked, adjacent, starts)


_COORDINATING = frozenset({"and", "but", "then", "or"})
_OTHER_SUBJECTS = frozenset(
    "he she it they you there nobody someone somebody everyone anyone who which that this".split()
)


class _Rewriter:
    """One left-to-right pass over a sentence's tokens, writing replacements into ``out``.

    Methods take ``pos``, a word's position among the word-like tokens (see ``_Context``);
    neighbours come back lower-cased, "#" for a number or protected span, None past a
    clause break or the end.
    """

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.ctx = _context(tokens)
        self.out = [token.text for token in tokens]

    def word(self, pos: int) -> str | None:
        if 0 <= pos < len(self.ctx.wordish):
            token = self.tokens[self.ctx.wordish[pos]]
            return norm_word(token.text) if token.kind is TokenKind.WORD else "#"
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
        words = [
            self.tokens[self.ctx.wordish[near]].text
            for near in (pos - 2, pos - 1, pos + 1, pos + 2)
            if 0 <= near < len(self.ctx.wordish) and self.tokens[self.ctx.wordish[near]].kind is TokenKind.WORD
        ]
        capitals = sum(1 for word in words if len(word) > 1 and word.isupper())
        return capitals >= 2 or (capitals == 1 and len(words) == 1)

    def put(self, pos: int, replacement: str) -> None:
        index = self.ctx.wordish[pos]
        original = self.tokens[index].text
        self.out[index] = _match_case(replacement, original, index in self.ctx.sentence_start, self.shouting(pos))

    def drop_group_word(self, pos: int) -> bool:
        """Remove "guys" from "you guys"/"your guys'" (with the space before it); True if it was possessive."""
        index = self.ctx.wordish[pos + 1]
        possessive = norm_word(self.tokens[index].text).endswith("'s")
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
            if verb in AGREEMENT:
                self.put(verb_pos, AGREEMENT[verb])
                return
            if verb not in ADVERBS:
                return

    def agree_before(self, pos: int) -> None:
        """Questions put the verb first: "was I" -> "were you", "am I" -> "are you"."""
        verb = self.previous(pos)
        if verb in AGREEMENT and self.ctx.adjacent_to_previous[pos]:
            self.put(pos - 1, AGREEMENT[verb])

    def business_you(self, pos: int) -> None:
        """The business's "you": "we" as a subject, "us" as an object, "our" for "you guys'"."""
        group = self.adjacent_following(pos)
        last = pos
        if group is not None and group.removesuffix("'s") in GROUP_NOUNS:
            if self.drop_group_word(pos):
                self.put(pos, "our")
                return
            last = pos + 1
        is_object = _business_you_is_object(self.previous(pos), self.following(last))
        self.put(pos, "us" if is_object else "we")
        if not is_object:
            self.agree_after(last)

    def business_your(self, pos: int, norm: str) -> None:
        self.put(pos, BUSINESS[norm])
        group = self.adjacent_following(pos)
        if norm == "your" and group is not None and group.removesuffix("'s") == "guys":
            after_group = self.following(pos + 1)
            if group == "guys" and (after_group is None or _is_verbish(after_group)):
                self.out[self.ctx.wordish[pos + 1]] = "staff"  # "your guys are amateurs": our staff, not "our are"
            else:
                self.drop_group_word(pos)

    def customer_subject(self, pos: int) -> bool:
        """Is the nearest subject pronoun before ``pos`` the customer's "I"/"we" ("I called and was told …")?"""
        for back in range(pos - 1, -1, -1):
            word = self.word(back)
            if word in SUBJECTS_NEEDING_AGREEMENT:
                return True
            if word in _OTHER_SUBJECTS:
                return False
        return False

    def run(self) -> list[Token]:
        """The tokens with pronouns swapped and verbs agreeing; dropped words ("guys") are gone."""
        for pos, index in enumerate(self.ctx.wordish):
            token = self.tokens[index]
            if token.kind is not TokenKind.WORD or token.text[0] not in PRONOUN_INITIALS or self.out[index] == "":
                continue
            norm = norm_word(token.text)
            if norm == "us" and token.text == "US" and not self.shouting(pos):
                continue
            if norm in FIRST_PERSON:
                self.put(pos, FIRST_PERSON[norm])
                if norm in SUBJECTS_NEEDING_AGREEMENT:
                    self.agree_after(pos)
                    self.agree_before(pos)
            elif norm == "you":
                self.business_you(pos)
            elif norm in BUSINESS:
                self.business_your(pos, norm)
            elif norm in ("was", "wasn't") and self.previous(pos) in _COORDINATING and self.customer_subject(pos):
                self.put(pos, AGREEMENT[norm])
        return [
            token if text is token.text else Token(token.kind, text, token.space)
            for token, text in zip(self.tokens, self.out)
            if text
        ]


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------


def _split_sentences(tokens: list[Token]) -> list[list[Token]]:
    """Split at . ! ? … followed by whitespace (not after "Mr." or "etc.") and at line breaks."""
    sentences: list[list[Token]] = [[]]
    previous: Token | None = None
    for token in tokens:
        current = sentences[-1]
        if current and token.space and (_breaks_line(token) or _ends_sentence(current[-1], previous)):
            sentences.append([token])
        else:
            current.append(token)
        if token.kind in WORDISH:
            previous = token
    return _merge_fragments(sentences)


def _breaks_line(token: Token) -> bool:
    """Does the whitespace before ``token`` end a sentence?

    A blank line always does; a single line break only before a capital, a digit or a
    list marker (otherwise it is taken for a line wrapped in the middle of a sentence).
    """
    if "\n" not in token.space:
        return False
    first = token.text[:1]
    return token.space.count("\n") > 1 or first.isupper() or first.isdigit() or first in "-*•#>"


def _ends_sentence(token: Token, previous: Token | None) -> bool:
    """Is ``token`` a . ! ? or … that ends a sentence (a full stop after "Mr" or "etc" does not)?"""
    if token.kind is not TokenKind.OTHER or token.text not in SENTENCE_END_CHARS:
        return False
    if token.text != "." or previous is None or previous.kind is not TokenKind.WORD:
        return True
    return norm_word(previous.text) not in ABBREVIATIONS


def _merge_fragments(sentences: list[list[Token]]) -> list[list[Token]]:
    """A "sentence" with no words at all (say, ":(") stays attached to the one before it."""
    merged: list[list[Token]] = []
    for sentence in sentences:
        if merged and not any(token.kind in WORDISH for token in sentence):
            merged[-1] = merged[-1] + sentence
        else:
            merged.append(sentence)
    return merged


class Shape(StrEnum):
    """How a restated sentence fits after "What bothered you most is …"."""

    CLAUSE = "clause"  # "our mechanic was late" -> "… is that our mechanic was late."
    PHRASE = "phrase"  # "the rude receptionist", "the way he spoke" -> "… is the rude receptionist."
    WH = "wh"  # "how he spoke to your mother" -> "… is how he spoke to your mother."
    ASKED = "asked"  # "where is my refund?" -> "… is where your refund is."; "sorry that you had to ask …"
    GERUND = "gerund"  # "being charged twice" -> "… is being charged twice."
    REQUEST = "request"  # "fix your boiler properly" -> "… is that you want us to fix your boiler properly."


@dataclass(frozen=True, slots=True)
class Frame:
    """One of our sentences that takes the customer's words in: a template per shape, ``{text}`` the slot."""

    that: str
    about: str
    wh: str
    asked: str
    request: str
    gerund_as_clause: bool = False
    """Say a gerund as a clause: "We are sorry that you were charged twice", not "… about being charged twice"
    (which reads as if we had been)."""

    def template(self, shape: Shape) -> str:
        return {
            Shape.CLAUSE: self.that,
            Shape.PHRASE: self.about,
            Shape.GERUND: self.about,
            Shape.WH: self.wh,
            Shape.ASKED: self.asked,
            Shape.REQUEST: self.request,
        }[shape]


MAIN_FRAME = Frame(
    "What bothered you most is that {text}",
    "What bothered you most is {text}",
    "What bothered you most is {text}",
    "What bothered you most is {text}",
    "What bothered you most is that you want us to {text}",
)
UPSET_FRAME = Frame(
    "What upset you most is that {text}",
    "What upset you most is {text}",
    "What upset you most is {text}",
    "What upset you most is {text}",
    "What upset you most is that you want us to {text}",
)
"""The main frame for words that say "bother" themselves ("he never bothered turning up"): the frame's own verb
twice in one sentence reads as if the frame had swallowed a lead-in."""
_BOTHER_RE = re.compile(r"\bbother", re.IGNORECASE)
MORE_FRAME = Frame(
    "You'd also like us to know that {text}",
    "You'd also like us to know about {text}",
    "You'd also like us to know {text}",
    "You'd also like us to know {text}",
    "You'd also like us to {text}",
)
SORRY_FRAME = Frame(
    "We are sorry that {text}",
    "We are sorry about {text}",
    "We are sorry about {text}",
    "We are sorry that you had to ask {text}",
    "We are sorry that you had to ask us to {text}",
    gerund_as_clause=True,
)
ALSO_SORRY_FRAME = Frame(
    "We are also sorry that {text}",
    "We are also sorry about {text}",
    "We are also sorry about {text}",
    "We are also sorry that you had to ask {text}",
    "We are also sorry that you had to ask us to {text}",
    gerund_as_clause=True,
)


@dataclass(frozen=True, slots=True)
class Restatement:
    """The customer's text in second person, ready to be framed.

    ``first`` has no final punctuation and starts in lower case where that is safe;
    ``rest`` holds any further sentences, each capitalised and punctuated. ``as_clause`` says a gerund's
    ``first`` as a clause ("being charged twice" → "you were charged twice") when it can.
    """

    first: str
    shape: Shape
    rest: tuple[str, ...]
    as_clause: str | None = None

    def framed(self, frame: Frame) -> str:
        """Fill the frame's template for ``shape`` and append the other sentences."""
        shape, text = self.shape, self.first
        if shape is Shape.GERUND and frame.gerund_as_clause and self.as_clause:
            shape, text = Shape.CLAUSE, self.as_clause
        lead = frame.template(shape).format(text=text)
        return " ".join((lead if lead.endswith(".") else lead + ".", *self.rest))


def _strip_trailing_noise(tokens: list[Token]) -> tuple[list[Token], bool]:
    """Drop final . ! … , ; : (never a protected token's own dot); report whether a "?" ended it."""
    question = False
    end = len(tokens)
    while end and tokens[end - 1].kind is TokenKind.OTHER:
        text = tokens[end - 1].text
        if text == "?":
            question = True
        elif text not in TRAILING_NOISE_CHARS:
            break
        end -= 1
    return tokens[:end], question


def _first_word_index(tokens: list[Token]) -> int | None:
    """Index of the first word if nothing but markup (``**``, ``<b>``, quotes) comes before it."""
    for index, token in enumerate(tokens):
        if token.kind is TokenKind.WORD:
            return index
        if token.kind is TokenKind.TAG or (token.kind is TokenKind.OTHER and token.text in MARKUP_CHARS):
            continue
        return None
    return None


def _is_common(word: str) -> bool:
    """A word that is capitalised only because it opens a sentence (never a name)."""
    norm = norm_word(word)
    if (
        norm in COMMON_WORDS
        or norm in PAST_IRREGULAR
        or norm in PREDICATE_ADJECTIVES
        or norm in PAST_PARTICIPLES
        or THINGS_AND_PEOPLE_RE.fullmatch(norm)
    ):
        return True
    if is_ed_verb(norm):
        return norm not in NAMES_LOOKING_LIKE_VERBS
    return len(norm) >= 5 and norm.endswith("ing") and norm not in ING_NOUNS


def _lowercase_first_word(tokens: list[Token]) -> list[Token]:
    index = _first_word_index(tokens)
    if index is None:
        return tokens
    word = tokens[index].text
    if (len(word) > 1 and word.isupper()) or not _is_common(word):
        return tokens
    return [
        *tokens[:index],
        Token(TokenKind.WORD, word[:1].lower() + word[1:], tokens[index].space),
        *tokens[index + 1 :],
    ]


def _capitalise_first_word(tokens: list[Token]) -> list[Token]:
    index = _first_word_index(tokens)
    if index is None or not tokens[index].text[:1].islower():
        return tokens
    word = tokens[index].text
    return [
        *tokens[:index],
        Token(TokenKind.WORD, word[:1].upper() + word[1:], tokens[index].space),
        *tokens[index + 1 :],
    ]


def _words(tokens: list[Token]) -> list[str]:
    """The word-like tokens lower-cased, "#" for a number or protected span."""
    return [norm_word(token.text) if token.kind is TokenKind.WORD else "#" for token in tokens if token.kind in WORDISH]


_SOFTENERS = frozenset({"please", "just", "kindly", "pls", "plz", "simply"})
"""Words before an imperative that soften or stress it: "just refund me", "please fix it"."""
_WH_OPENERS = frozenset({"how", "what", "what's", "who", "whether", "whatever"})


def _shape(tokens: list[Token]) -> Shape:
    words = _words(tokens)
    if not words or words[0] == "#" and len(words) == 1:
        return Shape.PHRASE
    if words[:2] == ["the", "way"]:  # "the way he spoke" is a phrase, "the way he spoke was rude" a clause
        return Shape.CLAUSE if _the_way_is_subject(_segments_words(tokens)[0]) else Shape.PHRASE
    if words[0] in _WH_OPENERS:
        return Shape.WH
    if words[0] in ("where", "when", "whenever"):  # "when you called, nobody answered" is a clause
        return Shape.CLAUSE if _main_clause_first(tokens) is not tokens else Shape.WH
    if words[0] in IMPERATIVES or (words[0] in _SOFTENERS and len(words) > 1 and words[1] in IMPERATIVES):
        return Shape.REQUEST
    if len(words) == 1 and words[0] in CLAUSE_OPENERS or words[0] == "missing":
        return Shape.PHRASE
    if _is_gerund_opening(words):
        return Shape.GERUND
    if words[0] in CLAUSE_OPENERS:
        return Shape.CLAUSE
    if _is_reported_saying(words):
        return Shape.PHRASE
    return Shape.CLAUSE if _has_main_verb(tokens) else Shape.PHRASE


_REPORTING_GERUNDS = frozenset("saying telling claiming insisting promising swearing assuring".split())
_SUBJECT_DETERMINERS = frozenset("the a an your our my his her their this that".split())


def _is_reported_saying(words: list[str]) -> bool:
    """ "the mechanic saying the car would be ready by Friday": a short subject and a reporting gerund name what
    someone said, a noun phrase; the verbs after it are the reported words' own, not the sentence's."""
    if len(words) < 3 or words[0] not in _SUBJECT_DETERMINERS:
        return False
    for index in range(1, min(len(words), 4)):
        if words[index] in _REPORTING_GERUNDS:
            return True
        if _is_finite(words[index], words[index - 1]):
            return False
    return False


def _is_gerund_opening(words: list[str]) -> bool:
    """ "Being kept waiting …", "Waiting 90 minutes …", "Not being told …" (but not "Nothing was fixed",
    "Waiting was …")."""
    if words[0] in ("not", "never") and len(words) > 1:
        words = words[1:]
    first = words[0]
    if len(first) < 5 or not first.endswith("ing") or first in ING_NOUNS:
        return False
    return len(words) == 1 or words[1] not in AUXILIARIES


def _segments(tokens: list[Token]) -> list[list[Token]]:
    """The tokens cut at commas, semicolons, colons and dashes (the delimiters are left out)."""
    segments: list[list[Token]] = [[]]
    for token in tokens:
        if token.kind is TokenKind.OTHER and token.text in SEGMENT_BREAK_CHARS:
            segments.append([])
        else:
            segments[-1].append(token)
    return segments


def _has_main_verb(tokens: list[Token]) -> bool:
    """Is this a clause ("the bill was higher", "the technician, who was late, was rude") rather than a noun
    phrase ("the smell, the whole room stank", "the attitude of the manager, Karen, when you asked")?

    A noun phrase whose first segment has no verb of its own is only a clause if a later segment carries on
    with the verb.
    """
    segments = _segments_words(tokens)
    while len(segments) > 1 and segments[0] and segments[0][0] in SUBORDINATORS:
        segments = segments[1:]  # "when you called, nobody answered": the clause after the comma decides
    if _has_finite_verb(segments[0]) or (segments[0] and segments[0][0] in CLAUSE_OPENERS):
        return True
    return any(words and _is_finite(words[0], "") and _carries_on(words) for words in segments[1:])


def _carries_on(words: list[str]) -> bool:
    """Does a segment that opens with a verb carry on a clause ("…, was rude", "…, left without a word") rather
    than name a thing ("…, damaged box", a participle before its noun)?"""
    if words[0] in AUXILIARIES or words[0] in SUBJECT_CONTRACTIONS or len(words) == 1:
        return True
    after = words[1]
    return (
        after in _NOUN_DETERMINERS
        or after in TRUE_PREPOSITIONS
        or after in PRONOUNS
        or after in ADVERBS
        or after in CONJUNCTIONS
        or after == "#"
    )


_COPULAS = frozenset("is was are were isn't wasn't made makes".split())


def _the_way_is_subject(words: list[str]) -> bool:
    """Is "the way …" the subject of a copula after its own clause ("the way he spoke to us was rude"), rather
    than a phrase ("the way they dragged the wardrobe and left gouges")?"""
    seen_verb = False
    for previous, word in zip(words[2:], words[3:]):
        if seen_verb and word in _COPULAS and previous not in _COORDINATING:
            return True
        seen_verb = seen_verb or _is_finite(word, previous)
    return False


def _segments_words(tokens: list[Token]) -> list[list[str]]:
    return [_words(segment) for segment in _segments(tokens)]


_PERSONAL_SUBJECTS = frozenset("i you we they he she".split())


def _has_finite_verb(words: list[str], in_relative: bool = False) -> bool:
    """Rough test for a clause: an auxiliary, a contraction, a past tense not used as an adjective.

    The first verb after "who/which/that" belongs to a relative clause and does not count, so "the technician
    who never called back" stays a noun phrase, and so does the first verb after a pronoun that follows a noun
    ("the service you gave me", a relative clause without its "that"); after "when/because/if …" nothing in the
    segment counts.
    """
    previous = ""
    for position, word in enumerate(words):
        if word in SUBORDINATORS:
            return False
        if (
            word in RELATIVE_PRONOUNS
            or (word == "that" and previous not in ("", "so", "such"))
            or (
                word in _PERSONAL_SUBJECTS
                and position >= 2
                and (words[0] in DETERMINERS or words[0] == "#")
                and previous not in TRUE_PREPOSITIONS
                and previous not in CONJUNCTIONS
            )
        ):
            in_relative = True
        elif in_relative and previous in _PERSONAL_SUBJECTS and word in _BASE_VERBS:
            in_relative = False  # "the training you give …": the relative clause's own verb, in the present
        elif _is_finite(word, previous) or _present_after_subject(words, position):
            if not in_relative:
                return True
            in_relative = False
        previous = word
    return False


def _is_finite(word: str, previous: str) -> bool:
    if word in AUXILIARIES or word in SUBJECT_CONTRACTIONS:
        return True
    if word.endswith(("'re", "'ve", "'d", "'ll", "n't", "'m")):
        return True
    if word in PAST_IRREGULAR or is_ed_verb(word):
        return previous not in DETERMINERS and previous != "#"
    # "the boiler still leaks", "the app never works": a present tense after an adverb of frequency
    return previous in _FREQUENCY and len(word) > 3 and word.endswith("s") and not word.endswith("ss")


_FREQUENCY = frozenset("still never always often constantly sometimes keeps regularly usually".split())
_THIRD_PERSON_ENDINGS = (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("sses", "ss"), ("s", ""))


def _present_after_subject(words: list[str], position: int) -> bool:
    """A present tense right after a short subject, with its object after it: "the landlord ignores every message",
    "the app crashes every time" (a plural noun is never followed by a determiner: "the delivery charges" stays a
    phrase)."""
    if not 2 <= position <= 3 or position + 1 >= len(words) or words[0] not in _NOUN_DETERMINERS:
        return False
    if any(word in TRUE_PREPOSITIONS or word in CONJUNCTIONS or word in AUXILIARIES for word in words[1:position]):
        return False
    word, following = words[position], words[position + 1]
    if len(word) <= 3 or word.endswith(("ss", "'s", "us", "is")):
        return False
    gerund = len(following) > 4 and following.endswith("ing") and following not in ING_NOUNS
    if (
        following not in _NOUN_DETERMINERS
        and following not in PRONOUNS
        and following != "#"
        and not gerund
        and following not in ADVERBS
        and following not in ("all", "everywhere")
    ):
        return False  # "the router keeps restarting", "the tap leaks all over the floor" carry on
    return any(
        word.endswith(ending) and word[: len(word) - len(ending)] + stem in _BASE_VERBS
        for ending, stem in _THIRD_PERSON_ENDINGS
    )


# --- questions become statements ----------------------------------------------------------------------------------

_INVERTING = STRONG_AUXILIARIES
_DO_SUPPORT = frozenset({"do", "does", "did"})
_SUBJECT_WORDS = frozenset(
    """
    i you we they he she it there nobody anyone anybody someone somebody everyone everybody nothing noone no-one
    this that something everything
""".split()
)
_NOUN_DETERMINERS = frozenset("the a an my your our his her their this that these those any no some every".split())
_BASE_VERBS = (
    frozenset(IRREGULAR_PAST)
    | SUBJECT_VERBS
    | OBJECT_VERBS
    | IMPERATIVES
    | COMMON_VERBS
    | frozenset("wait arrive happen bother care listen work leak crash drip restart freeze".split())
    | CLAUSE_VERBS
)
_POSITIVE_OF = {
    "doesn't": "does",
    "don't": "do",
    "didn't": "did",
    "isn't": "is",
    "aren't": "are",
    "wasn't": "was",
    "weren't": "were",
    "can't": "can",
    "couldn't": "could",
    "won't": "will",
    "wouldn't": "would",
    "hasn't": "has",
    "haven't": "have",
}
"""Why doesn't anyone call back → nobody calls back."""
_PREDICATE_STARTS = frozenset("not to so too very still even never always already being getting".split())


def _declarative(body: list[Token], question: bool, wh_question: bool = True) -> tuple[list[Token], Shape] | None:
    """A wh-question as a statement we can frame: "why did we take the money twice" → "we took the money twice"
    (a clause: "why" goes), "how hard is it to answer an email" → "how hard it is to answer an email" (an indirect
    question). None when the question's subject or verb cannot be told apart."""
    positions = [index for index, token in enumerate(body) if token.kind in WORDISH]
    words = _words(body)
    if wh_question and question and len(words) >= 2 and words[0] in _INVERTING:
        return _whether(body, positions, words)
    if len(words) < 2 or words[0] not in ("why", "how", "what", "where", "when", "who", "whether"):
        return None
    if words[:2] == ["how", "dare"]:
        return _dared(body, positions, words)
    drop = 2 if words[:2] == ["how", "come"] else 1 if words[0] == "why" else 0
    if drop:
        head = 0
    else:
        head = 1
        if words[0] == "how" and words[1] not in _INVERTING:
            head = 3 if words[1] in ("much", "many") and len(words) > 2 and words[2] not in _INVERTING else 2
    aux = head if not drop else drop
    if aux >= len(words):
        return None
    if words[aux] not in _INVERTING:
        if not drop:  # the wh-word is the subject: "what kind of company charges …", "who trains your staff"
            return (body, Shape.ASKED) if words[0] in ("what", "who") and question else None
        return _respaced(body[positions[drop] :]), Shape.CLAUSE
    end = _subject_end(words, aux + 1, words[aux] in _DO_SUPPORT, words[0] in ("where", "what", "who", "whether"))
    if end is None:
        return None
    subject = body[positions[aux + 1] : positions[end] if end < len(words) else len(body)]
    rest = body[positions[end] :] if end < len(words) else []
    auxiliary = words[aux]
    if words[aux + 1] in ("anyone", "anybody") and auxiliary in _POSITIVE_OF:
        subject = [Token(TokenKind.WORD, "nobody", "")]
        auxiliary = _POSITIVE_OF[auxiliary]
    if auxiliary in _DO_SUPPORT:
        verb_at = next((k for k in range(end, len(words)) if words[k] not in ADVERBS), None)
        if verb_at is None or words[verb_at] not in _BASE_VERBS or body[positions[verb_at]].kind is not TokenKind.WORD:
            return None
        verb = words[verb_at]
        form = past_tense(verb) if auxiliary == "did" else third_person(verb) if auxiliary == "does" else verb
        at = positions[verb_at] - positions[end]
        rest = [*rest[:at], Token(TokenKind.WORD, form, " "), *rest[at + 1 :]]
        moved: list[Token] = []
    else:
        moved = [Token(TokenKind.WORD, auxiliary, " ")]
    head_tokens = [] if drop else body[: positions[aux]]
    if not rest and words[0] == "where" and auxiliary in ("is", "are"):
        # "where is my refund" → "where your refund has got to", not a sentence that ends on "is"
        moved = [Token(TokenKind.WORD, word, " ") for word in ("has" if auxiliary == "is" else "have", "got", "to")]
    if not rest:
        reordered = [*head_tokens, *subject, *moved]
    else:
        reordered = [*head_tokens, *subject, *moved, *rest]
    return _respaced(reordered), (Shape.CLAUSE if drop else Shape.ASKED if question else Shape.WH)


_ASKED_SUBJECTS = frozenset("i you we they he she it anyone anybody nobody someone somebody there".split())


def _asks_without_question_mark(body: list[Token]) -> bool:
    """ "Does anyone actually read emails", "why does nobody answer the phone": a question whose question mark was
    left off (or shouted away), told by its inverted auxiliary before a subject pronoun."""
    words = _words(body[:8])
    if words[:1] == ["why"] or words[:2] == ["how", "come"]:
        words = words[1:] if words[0] == "why" else words[2:]
    return len(words) > 2 and words[0] in _INVERTING and words[1] in _ASKED_SUBJECTS


def _dared(body: list[Token], positions: list[int], words: list[str]) -> tuple[list[Token], Shape] | None:
    """ "how dare we cancel without telling you" → "we cancelled without telling you": what was dared, said as done."""
    if len(words) < 4 or words[2] not in _SUBJECT_WORDS or words[3] not in _BASE_VERBS:
        return None
    verb = body[positions[3]]
    past = Token(TokenKind.WORD, past_tense(words[3]), verb.space)
    return _respaced([*body[positions[2] : positions[3]], past, *body[positions[3] + 1 :]]), Shape.CLAUSE


def _whether(body: list[Token], positions: list[int], words: list[str]) -> tuple[list[Token], Shape] | None:
    """A yes/no question as an indirect one: "is anyone there" → "whether anyone is there"."""
    whether = [Token(TokenKind.WORD, "whether", ""), *body]
    converted = _declarative(whether, True, wh_question=False)
    return None if converted is None else (converted[0], Shape.ASKED)


def _subject_end(words: list[str], start: int, do_support: bool, subject_may_run_on: bool) -> int | None:
    """Where the subject that follows an inverted auxiliary ends (exclusive), or None."""
    if start >= len(words):
        return None
    first = words[start]
    if first in _SUBJECT_WORDS:
        return start + 2 if words[start : start + 2] == ["no", "one"] else start + 1
    if first not in _NOUN_DETERMINERS and not first.endswith("'s"):
        return None
    for k in range(start + 1, min(len(words), start + 5)):
        word = words[k]
        if do_support:
            if word in _BASE_VERBS or word in ADVERBS:
                return k
        elif (
            word in _PREDICATE_STARTS
            or word in ADVERBS
            or word in TRUE_PREPOSITIONS
            or word.endswith("ing")
            or is_ed_verb(word)
            or word in PAST_IRREGULAR
        ):
            return k
    if do_support:
        return None
    if subject_may_run_on or len(words) - start < 3:
        return len(words)
    return len(words) - 1


def _respaced(tokens: list[Token]) -> list[Token]:
    """Tokens moved about or cut: the first without a space before it."""
    if not tokens or not tokens[0].space:
        return tokens
    return [Token(tokens[0].kind, tokens[0].text, ""), *tokens[1:]]


# --- what the customer said, then our words for it ---------------------------------------------------------------

_MAIN_PREFIX_RE = re.compile(
    r"""^\s*(?:(?:
        (?:what|the\s+(?:thing|part|bit)(?:\s+(?:that|which))?
           |the\s+(?:main|biggest|real|worst|only)\s+(?:thing|issue|problem|part|bit)(?:\s+(?:that|which))?)
        \s+(?:really\s+|honestly\s+|actually\s+|truly\s+|most\s+|just\s+)*
        (?:bothered|bothers|annoyed|annoys|upset|upsets|bugged|bugs|frustrated|frustrates|angered|angers
           |irritated|irritates|hurt|hurts|got\s+to|gets\s+to|got|gets|disappointed|disappoints|shocked|shocks
           |infuriated|infuriates|pissed\s+(?:me|us)\s+off|wound\s+(?:me|us)\s+up
           |made\s+(?:me|us)\s+(?:so\s+)?(?:angry|mad))
        (?:\s+(?:me|us))?(?:\s+(?:the\s+)?most)?(?:\s+of\s+all)?(?:\s+(?:is|was|were|are|has\s+been))?
      | the\s+(?:main|biggest|real|worst|only|whole)\s+(?:thing|issue|problem|part|bit)(?:\s+of\s+it(?:\s+all)?)?
        \s+(?:is|was)
      | the\s+thing\s+is
      | (?:the|my|our)\s+(?:main\s+|biggest\s+|real\s+|only\s+)?(?:problem|issue|complaint|gripe|concern)\s+(?:is|was)
        (?:\s+(?:about|with|regarding|concerning|over))?
      | what\s+(?:i|we)\s+(?:really\s+|still\s+|just\s+)?(?:can'?t|cannot|can\s+not|couldn'?t|don'?t|didn'?t)
        \s+(?:believe|understand|get\s+over|accept|stand)\s+(?:is|was)
      | it\s+(?:really\s+)?(?:bothered|bothers|annoyed|annoys|upset|upsets|bugged|bugs|frustrated|frustrates)
        \s+(?:me|us)(?:\s+(?:the\s+)?most|\s+so\s+much|\s+a\s+lot)?(?=\s+(?:that|how|when|the\s+way)\b|\s*$)
      | (?:i|we)\s+(?:was|were|am|are|'m|'re|felt|feel)\s+(?:most\s+|really\s+|so\s+|very\s+)*
        (?:bothered|annoyed|upset|frustrated|irritated)(?:\s+most)?\s+(?:by|about|that)(?=\s+(?:how|the\s+way|what
        |when|that|the|your|you|my|our|it|they|he|she|nobody|no\s+one)\b)
      # a letter's opening: "Dear Sir/Madam", "To whom it may concern", "I am writing to complain about …"
      | (?:dear\s+)?(?:sir\s*/\s*madam|sir\s+or\s+madam|sirs?|madam)\b
      | to\s+whom\s+it\s+may\s+concern
      | (?:i|we)(?:\s+am|'m|\s+are|'re)?\s+writing(?:\s+to\s+(?:you\s+)?(?:complain|raise\s+a\s+complaint|let\s+you\s+know))?
        (?:\s+(?:about|regarding|because|as|since|that|over|with\s+regard\s+to))?
      | (?:i|we)(?:\s+would|'d|\s+want|\s+wish|\s+need)(?:\s+like)?\s+to\s+(?:make\s+a\s+)?complain(?:t)?
        (?:\s+(?:about|regarding|that|over))?
      | (?:i|we)\s+(?:want|would\s+like|'d\s+like|wish)\s+to\s+(?:complain|raise)\s+(?:about|that|regarding)
      # a topic named before what is said about it: "my complaint is about …", "It's about …", "Re: …"
      | it(?:'s|\s+is|\s+was)(?=\s+(?:that|how|the\s+way)\b)
      | it(?:'s|\s+is|\s+was)\s+(?:all\s+|mainly\s+|mostly\s+|just\s+)?about
      | (?:re|regarding|concerning|with\s+regard\s+to|in\s+regards?\s+to)\s*:
      | re(?=\s+(?:my|your|the|order|booking|invoice|ref)\b)
      | i\s+mean\s*,
      | (?:why|how)\s+(?:is|was)\s+it\s+that
      | (?:so\s+)?(?:yeah|yea|yep)\b
      # an exclamation before the answer proper: "What a joke. What bothered me most was …"
      | (?:what\s+an?\s+(?:joke|nightmare|shambles|farce|disgrace|mess|waste\s+of\s+time|experience)|wow|ugh|sigh|jeez
         |omg|unbelievable|ridiculous|unreal|incredible|seriously)(?=\s*[.!?,])
      | (?:just|only|simply|merely)(?=\s+that\b)
      | (?:mostly|most\s+of\s+all|above\s+all|mainly|honestly|frankly|seriously|basically|to\s+be\s+honest|tbh|tbf
         |to\s+be\s+fair|quite\s+frankly|in\s+short|simply\s+put)\b
      | (?:look|listen|well|ok|okay|so|um|erm|hi|hello|right)\s*[,.]
      | (?:kindly|please)\s+(?:note|be\s+informed)(?:\s+that)?
      | (?:dear\s+)?mate\b
      | so(?=\s+(?:i|we|my|our)\b)
      | (?:is|was)(?=\s+that\b)
    )\s*[:,\-–—?.!]*\s*)+""",
    re.IGNORECASE | re.VERBOSE,
)
_MORE_PREFIX_RE = re.compile(
    r"""^\s*(?:(?:yes|yeah|yep|yup|also|and|plus|oh|one\s+more\s+thing|another\s+thing|the\s+other\s+thing
        |on\s+top\s+of\s+(?:that|this|all\s+that)|besides\s+(?:that|this)|additionally|in\s+addition|as\s+well)
        (?:\s+(?:is|was))?\b[\s,:;.!\-–—]*)+""",
    re.IGNORECASE | re.VERBOSE,
)
_FACT_THAT_RE = re.compile(
    r"^the\s+fact\s+(?:that\b[\s,]*|(?=(?:you|i|we|they|he|she|it|nobody|no\s+one|the|my|your|our|there)\b))",
    re.IGNORECASE,
)
_LEADING_THAT_RE = re.compile(
    r"^that\s+(?=(?:that|the|a|an|our|your|my|you|i|we|they|he|she|it|nobody|no|nothing|someone|there|this"
    r"|his|her|their|after|when|even|instead|how|what|why|who|whether|where)\b)",
    re.IGNORECASE,
)


_LATE_FOCUS_RE = re.compile(
    r"""(?:[,;.!?]|\bbut\b)\s+(?:(?:but|whatever|anyway|honestly)\b[\s,]*)*
        (?:what\s+(?:really\s+|actually\s+)?(?:got|gets|bothered|bothers|annoyed|annoys|upset|upsets|bugged|bugs)
           \s+(?:me|us)(?:\s+(?:the\s+)?most)?
         | what\s+(?:wasn'?t|was\s+not|isn'?t|is\s+not)\s+(?:fine|ok|okay|acceptable|alright)
         | the\s+thing\s+(?:i|we)\s+(?:can'?t|cannot|couldn'?t)\s+(?:let\s+go(?:\s+of)?|get\s+over|stand|forgive|accept)
         | the\s+(?:real|main|biggest)\s+(?:problem|issue|thing))
        \s+(?:is|was|were|are)\s+(?:that\s+)?(?=\S)""",
    re.IGNORECASE | re.VERBOSE,
)
"""A focus lead-in later in the answer ("the room was small but whatever, the thing I can't let go is …", "…, what
wasn't fine was …"): what follows it is what bothered the customer most, and the run-up is not."""


def _strip_lead_in(text: str, kind: Kind) -> str:
    """Remove words the frame already says: "What bothered me most was that …", "Honestly, …", "Also, …"; in the
    main restatement, a run-up before a later focus lead-in goes with the lead-in."""
    prefix_re = _MAIN_PREFIX_RE if kind == "main" else _MORE_PREFIX_RE
    late_focus = _LATE_FOCUS_RE.search(text) if kind == "main" else None
    stripped = text[late_focus.end() :] if late_focus else text
    for _ in range(3):  # "It's that what bothered me most is that …": a lead-in can follow another
        before = stripped
        stripped = prefix_re.sub("", stripped, count=1)
        stripped = _FACT_THAT_RE.sub("", stripped, count=1)
        stripped = _LEADING_THAT_RE.sub("", stripped, count=1)
        stripped = _conjunction_that_stripped(stripped)
        if stripped == before:
            break
    return stripped if stripped.strip() else text


_OPENING_THAT_RE = re.compile(r"^that\s+([\w']+)", re.IGNORECASE)


def _conjunction_that_stripped(text: str) -> str:
    """ "that waited 55 mins", "that on hold for an hour": a "that" left by a lead-in before a clause whose subject
    the customer left out is the frame's own; one before a noun ("that man") or a verb ("that was rude") stays."""
    found = _OPENING_THAT_RE.match(text)
    if found is None:
        return text
    following = RESPELLINGS.get(norm_word(found.group(1)), norm_word(found.group(1))).lower()
    if following in _THAT_AS_SUBJECT_BEFORE or (
        _is_noun_after_that(following)
        and not following[:1].isdigit()
        and following not in RESPELLINGS.values()
        and following not in ("ur", "u")
    ):
        return text
    return text[found.start(1) :]


def _render(tokens: list[Token]) -> str:
    """The tokens as text, each run of whitespace as one blank, none at the start."""
    return "".join(f" {token.text}" if token.space else token.text for token in tokens).lstrip()


def _terminated(tokens: list[Token]) -> str:
    body, question = _strip_trailing_noise(tokens)
    text = _render(_capitalise_first_word(body))
    if question:
        return text + "?"
    return text if text.endswith(tuple(SENTENCE_END_CHARS)) else text + "."


def _without_judgements(sentence: list[Token]) -> list[Token]:
    """The sentence without its segments that only judge ("absolutely disgusting service,", "you lot are a joke")
    and, after "the way …" or "how …", without a final verdict ("… was disgusting")."""
    segments, delimiters = [], []
    current: list[Token] = []
    for token in sentence:
        if token.kind is TokenKind.OTHER and token.text in SEGMENT_BREAK_CHARS:
            segments.append(current)
            delimiters.append(token)
            current = []
        else:
            current.append(token)
    segments.append(current)
    kept: list[Token] = []
    for index, segment in enumerate(segments):
        body, _ = _strip_trailing_noise(segment)
        if is_evaluative_fragment(body) or (index and _asks_about_that(_words(body))):
            if index == len(segments) - 1 and kept and kept[-1].kind is TokenKind.OTHER:
                kept[-1:] = [token for token in segment if token.kind is TokenKind.OTHER and token.text in "?!."]
            continue
        kept.extend(segment)
        if index < len(delimiters):
            kept.append(delimiters[index])
    kept = _respaced(kept) if kept else kept
    words = _words(kept)
    if words[:2] == ["the", "way"] or words[:1] == ["how"]:
        kept = _without_final_verdict(kept)
    return kept


def _without_dangling_conjunction(sentence: list[Token]) -> list[Token]:
    """ "… 2 hours and" once "and I felt like an idiot" is gone: the sentence ends where what is said ends."""
    body, _ = _strip_trailing_noise(sentence)
    end = len(body)
    while end and body[end - 1].kind is TokenKind.WORD and norm_word(body[end - 1].text) in _DANGLING:
        end -= 1
    return sentence if end == len(body) else body[:end] + sentence[len(body) :]


_DANGLING = frozenset({"and", "but", "or", "so", "then"})


def _without_final_verdict(tokens: list[Token]) -> list[Token]:
    body, _ = _strip_trailing_noise(tokens)
    for index in range(len(body) - 1, 1, -1):
        token = body[index]
        if token.kind is TokenKind.WORD and norm_word(token.text) in ("was", "is", "were", "are"):
            if is_evaluative_fragment(body[index + 1 :]):
                return body[:index]
            break
    return tokens


def _is_rhetorical(sentence: list[Token]) -> bool:
    """A question that asks nothing we could restate ("seriously??", "who trains your staff?", "are you kidding
    me?"): no fact in it, and no wh-word that ``_declarative`` could turn into a statement."""
    body, question = _strip_trailing_noise(sentence)
    if not question or any(token.kind is not TokenKind.WORD and token.kind in WORDISH for token in body):
        return False
    first = _first_word_index(body)
    if any(
        token.kind is TokenKind.WORD and token.text[:1].isupper() and token.text != "I" and index != first
        for index, token in enumerate(body)
    ):
        return False  # a name or a day in it ("It's Friday?") is a fact, and facts are said back
    words = _words(body)
    return not words or words[0] not in ("why", "how", "what", "where", "when")


_RHETORICAL_FILLERS = frozenset("honestly seriously like even ever just really actually i mean so and but".split())
_RHETORICAL_AUXILIARIES = frozenset("does did do is was would could can will".split())
_RHETORICAL_SUBJECTS = frozenset("that this you anyone anybody someone they".split())
_RHETORICAL_TAIL = frozenset(
    """
    ok okay acceptable fair right legal allowed possible normal happen happening do that this it mean about
""".split()
)


def _asks_about_that(words: list[str]) -> bool:
    """ "who does that", "how is that fair", "how does that even happen", "why would you do that": a question
    about the matter itself asks nothing we could say back, with a question mark or without."""
    content = [word for word in words if word not in _RHETORICAL_FILLERS]
    return (
        len(content) >= 3
        and content[0] in ("who", "how", "why", "what")
        and content[1] in _RHETORICAL_AUXILIARIES
        and content[2] in _RHETORICAL_SUBJECTS
        and set(content[3:]) <= _RHETORICAL_TAIL
    )


_ECHO_FILLERS = frozenset(
    """
    just so really very completely totally absolutely literally utterly simply plain quite now all it
""".split()
)
"""Words that only stress an echo: "Rude. Just rude.", "Ignored. Completely ignored.", "Fix it. Just fix it."."""


def _echoes(sentence: list[Token], before: list[Token]) -> bool:
    """A short sentence that the one before already said, stressed or not ("TWICE now. TWICE.", "Rude. Just
    rude.")."""
    words = [word for word in _words(sentence) if word not in _ECHO_FILLERS]
    return 0 < len(words) <= 3 and "#" not in words and set(words) <= set(_words(before))


_BULLET_RE = re.compile(r"(?m)^[ \t]*[-*•–—][ \t]+(?=\S)")
_LIST_HEADING_RE = re.compile(
    r"(?i)^\s*(?:(?:the|my|our|a\s+few|some|several|two|three|four|five|\d+)\s+)?(?:main\s+)?(?:things|problems"
    r"|issues|complaints|points|reasons|problem|issue)\s*:\s*"
)


_LIST_ITEM_SUBJECTS = (CLAUSE_OPENERS | DETERMINERS | PRONOUNS) - {"no"}


def _unlisted(text: str) -> str:
    """An answer written as a list said as sentences: bullets go; items without a verb of their own ("- late",
    "- rude") become one run ("late, rude and overcharged"); a heading ("Problems:", "three things:") goes."""
    text = _LIST_HEADING_RE.sub("", text, count=1)
    if len(_BULLET_RE.findall(text)) < 2:
        return _BULLET_RE.sub("", text, count=1) if _BULLET_RE.match(text) else text
    items = [item.strip().rstrip(".;,") for item in _BULLET_RE.sub("", text).splitlines() if item.strip()]
    if all(len(item.split()) <= 3 and norm_word(item.split()[0]) not in _LIST_ITEM_SUBJECTS for item in items):
        return ", ".join(items[:-1]) + " and " + items[-1]
    return " ".join(item if item.endswith(tuple(SENTENCE_END_CHARS)) else item + "." for item in items)


def _said_sentences(text: str, kind: Kind) -> list[list[Token]]:
    """The customer's sentences with what we never repeat taken out (``english_tidy``), still in their words.

    Sentences that are only a judgement, a rhetorical question or an echo go, as long as something is left.
    """
    tidied = _strip_lead_in(_unlisted(tidy_text(text)), kind)
    sentences = _split_sentences(tidy_words(tokenize(tidied)))
    judged = [_without_dangling_conjunction(_without_judgements(sentence)) for sentence in sentences]
    kept = [sentence for sentence in judged if _words(sentence)]
    if not kept:
        return [_verdict(sentences)]
    answered = [
        sentence
        for index, sentence in enumerate(kept)
        if not _is_rhetorical(sentence)
        and not (index and _echoes(sentence, kept[index - 1]))
        and not (index and _asks_about_that(_words(sentence)))
    ]
    return answered or kept


def _verdict(sentences: list[list[Token]]) -> list[Token]:
    """An answer that only judges ("Unacceptable!!!", "absolutely disgusting service") said back as the verdict
    ("it was unacceptable"), or, when nothing in it can be said back (only swearing), as "what happened"."""
    verdicts = list(dict.fromkeys(word for sentence in sentences for word in _words(sentence) if word in VERDICTS))
    said = f"it was {' and '.join(verdicts[:2])}" if verdicts else "what happened"
    return tokenize(said)


def _this_for_final_that(tokens: list[Token]) -> list[Token]:
    """ "nobody told me that." → "nobody told you this.": in our voice the matter at hand is "this", and a "that"
    left before a full stop reads as a frame cut short."""
    out = list(tokens)
    for index, token in enumerate(out[:-1]):
        following = out[index + 1]
        if (
            token.kind is TokenKind.WORD
            and norm_word(token.text) == "that"
            and following.kind is TokenKind.OTHER
            and following.text in ".,;:!?"
        ):
            out[index] = Token(TokenKind.WORD, "This" if token.text[0] == "T" else "this", token.space)
    if out and out[-1].kind is TokenKind.WORD and norm_word(out[-1].text) == "that":
        out[-1] = Token(TokenKind.WORD, "this", out[-1].space)
    return out


def _this_for_that(tokens: list[Token]) -> list[Token]:
    """ "that's very poor" → "this is very poor": after our "… is that", a clause that opens with "that" reads as
    a stammer ("that that's")."""
    index = _first_word_index(tokens)
    if index is None:
        return tokens
    word = norm_word(tokens[index].text)
    replacement = {"that": "this", "that's": "this is", "thats": "this is"}.get(word)
    if replacement is None:
        return tokens
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if word == "that" and following is not None and norm_word(following.text) not in _THAT_AS_SUBJECT_BEFORE:
        if following.kind is not TokenKind.WORD or not _is_noun_after_that(norm_word(following.text)):
            return tokens
        replacement = "the"  # "that man lied to me" → "… is that the man lied to you"
    return [*tokens[:index], *tokenize(replacement), *tokens[index + 1 :]]


def _is_noun_after_that(word: str) -> bool:
    """Does ``word`` after an opening "that" make it a demonstrative ("that man", "that parcel"), not a pronoun
    or a conjunction ("that is", "that he", "that never")?"""
    return not (
        word in AUXILIARIES
        or word in PRONOUNS
        or word in CLAUSE_OPENERS
        or word in ADVERBS
        or word in _SUBJECT_WORDS
        or word in CONJUNCTIONS
        or word in TRUE_PREPOSITIONS
        or is_ed_verb(word)
        or word in PAST_IRREGULAR
    )


_THAT_AS_SUBJECT_BEFORE = frozenset("is was has had made makes cost costs took takes meant means".split())


def _main_clause_first(tokens: list[Token]) -> list[Token]:
    """ "when you called, nobody answered" → "nobody answered when you called": the main clause first, so our
    "… is that" does not run into "when"."""
    index = _first_word_index(tokens)
    if index is None or norm_word(tokens[index].text) not in ("when", "where", "whenever"):
        return tokens
    comma = next((at for at, token in enumerate(tokens) if token.kind is TokenKind.OTHER and token.text == ","), None)
    if comma is None or comma + 1 >= len(tokens) or not _has_main_verb(tokens[comma + 1 :]):
        return tokens
    main = _respaced(tokens[comma + 1 :])
    subordinate = tokens[index:comma]
    return [*main, Token(subordinate[0].kind, subordinate[0].text, " "), *subordinate[1:]]


def _as_request(tokens: list[Token]) -> list[Token]:
    """An imperative said as what the customer wants us to do: "please refund me" → "refund you", "don't call
    me again" → "not call you again" (the frame says "… you want us to")."""
    index = _first_word_index(tokens)
    if index is None:
        return tokens
    word = norm_word(tokens[index].text)
    if word in _SOFTENERS:
        return _as_request(_respaced(tokens[index + 1 :]))
    if word in ("don't", "dont"):
        return [*tokens[:index], Token(TokenKind.WORD, "not", tokens[index].space), *tokens[index + 1 :]]
    return tokens


def _gerund_as_clause(tokens: list[Token]) -> str | None:
    """ "being charged twice" → "you were charged twice", "having to explain" → "you had to explain",
    "waiting 40 minutes" → "you waited 40 minutes"; None when it cannot be said so."""
    index = _first_word_index(tokens)
    if index is None:
        return None
    negation = ""
    if norm_word(tokens[index].text) in ("not", "never"):
        negation = norm_word(tokens[index].text)
        index += 1
        if index >= len(tokens) or tokens[index].kind is not TokenKind.WORD:
            return None
    gerund = norm_word(tokens[index].text)
    if gerund == "being":
        verb = "were"
    elif negation:
        return None
    else:
        verb = gerund_past(gerund) or ""
        if not verb:
            return None
    said = " ".join(word for word in ("you", verb, negation) if word)
    rest = _render(tokens[index + 1 :])
    return f"{said} {rest}" if rest else said


_CUSTOMER_VERBS = frozenset(
    """
    waited called rang phoned emailed paid ordered booked spent tried asked sat took went came bought returned
    complained received got had kept stayed drove walked chased contacted messaged wrote queued travelled
    arrived followed checked reported rebooked cancelled canceled found learned learnt discovered noticed realised
    realized
""".split()
)
_PASSIVE_VERBS = frozenset(
    """
    charged billed overcharged sent given told promised quoted left kept ignored refused denied offered treated made
    forced put cut fobbed
""".split()
)


_DONE_TO_THINGS = frozenset("left kept put made cut ignored".split())
"""Verbs of ``_PASSIVE_VERBS`` that take a thing as their object: with one, the subject left out is ours."""
_LEFT_OUT_I = {"was": "I", "wasn't": "I", "been": "I've", "still": "I'm", "spent": "I"}
"""Words that open an answer whose "I" was left out: "Was told …", "Been waiting 3 weeks", "Still waiting …"."""


_UNABLE = frozenset("can't cannot couldn't".split())
_THINGS_A_CUSTOMER_TRIES = frozenset(
    """
    book log sign get find reach speak talk pay contact order use access cancel see sleep call track return collect
    download install open change update reset claim park
""".split()
)
"""What a customer says they could not do, their "I" left out: "Can't log in", "Couldn't get through"; "can't be
fixed", "couldn't care less" are someone else's."""


def _with_implied_subject(sentence: list[Token]) -> list[Token]:
    """An answer that starts with the verb, its subject left out, gets the subject it implies: "Charged me twice"
    → "you charged me" (we charged you), "Told I'd get a refund" → "I was told …" (you were told), "Waited 2
    hours" → "I waited …" (you waited)."""
    index = _first_word_index(sentence)
    if index is None or index + 1 >= len(sentence):
        return sentence
    verb = norm_word(sentence[index].text)
    if verb == "on" and norm_word(sentence[index + 1].text) == "hold":  # "On hold for an hour": the customer was
        said = [Token(TokenKind.WORD, "I", sentence[index].space), Token(TokenKind.WORD, "was", " ")]
        return [
            *sentence[:index],
            *said,
            Token(TokenKind.WORD, sentence[index].text.lower(), " "),
            *sentence[index + 1 :],
        ]
    if verb in _UNABLE and norm_word(sentence[index + 1].text) in _THINGS_A_CUSTOMER_TRIES:
        lowered = Token(TokenKind.WORD, sentence[index].text.lower(), " ")
        return [*sentence[:index], Token(TokenKind.WORD, "I", sentence[index].space), lowered, *sentence[index + 1 :]]
    if verb in _LEFT_OUT_I and norm_word(sentence[index + 1].text) not in _SUBJECT_WORDS:
        subject = [_LEFT_OUT_I[verb]]
        space = sentence[index].space
        lowered = Token(TokenKind.WORD, sentence[index].text[:1].lower() + sentence[index].text[1:], " ")
        return [*sentence[:index], Token(TokenKind.WORD, subject[0], space), lowered, *sentence[index + 1 :]]
    if verb not in PAST_IRREGULAR and not is_ed_verb(verb):
        return sentence
    following = sentence[index + 1]
    after = norm_word(following.text) if following.kind is TokenKind.WORD else "#"
    if after in ("me", "us") or (after in ("my", "our") and verb not in _CUSTOMER_VERBS):
        subject = ["you"]
    elif verb in _DONE_TO_THINGS and (after in _NOUN_DETERMINERS or (verb == "ignored" and after == "#")):
        subject = ["you"]  # "left the job half done": we left it; "left in the rain" is said of the customer
    elif verb in _PASSIVE_VERBS and after != "being":
        subject = ["I", "was"]
    elif verb in _CUSTOMER_VERBS:
        subject = ["I"]
    else:
        return sentence
    space = sentence[index].space
    lowered = Token(TokenKind.WORD, sentence[index].text[:1].lower() + sentence[index].text[1:], " ")
    added = [Token(TokenKind.WORD, word, space if number == 0 else " ") for number, word in enumerate(subject)]
    return [*sentence[:index], *added, lowered, *sentence[index + 1 :]]


def _without_insult_leftover(sentence: list[Token]) -> list[Token]:
    """The sentence without its insults (``english_tidy.neutralise_insults``); a word left alone once they are gone
    ("pathetic airline" → "airline", "Arrogant prick" → "arrogant") goes too: it says nothing on its own."""
    neutral = neutralise_insults(sentence)
    if len(neutral) == len(sentence) or len(_words(neutral)) > 1 or "#" in _words(neutral):
        return neutral
    return []


def _with_it_was(sentence: list[Token]) -> list[Token]:
    """A bare predicate gets the subject and verb it leaves out: "Late again." → "it was late again", "Broken."
    → "it was broken", "Delivered to the wrong house" → "it was delivered to the wrong house"; not an adjective
    before its noun ("Late delivery, rude driver" stays a noun phrase)."""
    index = _first_word_index(sentence)
    if index is None:
        return sentence
    word = norm_word(sentence[index].text)
    if (
        word not in PREDICATE_ADJECTIVES
        and word not in PAST_PARTICIPLES
        and not (is_ed_verb(word) and word not in _CUSTOMER_VERBS and word not in _PASSIVE_VERBS)
    ):
        return sentence
    following = next((token for token in sentence[index + 1 :] if token.kind is not TokenKind.TAG), None)
    if following is not None and following.kind is TokenKind.WORD:
        after = norm_word(following.text)
        if not (after in ADVERBS or after in TRUE_PREPOSITIONS or after in CONJUNCTIONS or after in _AFTER_PREDICATE):
            return sentence
    elif following is not None and following.kind is not TokenKind.OTHER:
        return sentence
    lowered = Token(TokenKind.WORD, sentence[index].text.lower(), " ")
    said = [Token(TokenKind.WORD, "it", sentence[index].space), Token(TokenKind.WORD, "was", " "), lowered]
    return [*sentence[:index], *said, *sentence[index + 1 :]]


_AFTER_PREDICATE = frozenset("again twice anyway too as every yet".split())


def _missing_as_phrase(tokens: list[Token]) -> list[Token]:
    """ "missing the screws" → "the missing screws", "missing 2 bags" → "the 2 missing bags": "missing" is what
    is not there, not something the customer did (never "you missed the screws")."""
    index = _first_word_index(tokens)
    if index is None or norm_word(tokens[index].text) != "missing" or index + 1 >= len(tokens):
        return tokens
    following = tokens[index + 1]
    missing = Token(TokenKind.WORD, "missing", " ")
    if following.kind is TokenKind.WORD and norm_word(following.text) in _NOUN_DETERMINERS:
        determiner = Token(TokenKind.WORD, norm_word(following.text), tokens[index].space)
        return [*tokens[:index], determiner, missing, *tokens[index + 2 :]]
    if following.kind is TokenKind.WORD and not following.text.isalpha():
        return tokens
    the = Token(TokenKind.WORD, "the", tokens[index].space)
    if following.kind in WORDISH and following.kind is not TokenKind.WORD:
        return [*tokens[:index], the, following, missing, *tokens[index + 2 :]]
    return [*tokens[:index], the, missing, *tokens[index + 1 :]]


def _where_it_got_to(tokens: list[Token]) -> list[Token]:
    """ "… can't tell you where your claim is" → "… where your claim has got to": a sentence left ending on "is"
    reads as cut short, and "got to" is what the customer is asking."""
    body, _ = _strip_trailing_noise(tokens)
    if not body or body[-1].kind is not TokenKind.WORD or norm_word(body[-1].text) not in ("is", "are"):
        return tokens  # the cheap test first: every sentence of a long story comes here
    words = _words(body)
    if len(words) < 3 or "where" not in words[-6:-2]:
        return tokens
    if any(word in AUXILIARIES for word in words[len(words) - 1 - words[::-1][1:].index("where") : -1]):
        return tokens
    last = body[-1]
    said = ("has" if words[-1] == "is" else "have", "got", "to")
    return [
        *body[:-1],
        *(Token(TokenKind.WORD, word, last.space if n == 0 else " ") for n, word in enumerate(said)),
        *tokens[len(body) :],
    ]


def _as_wanted(sentence: list[Token]) -> list[Token]:
    """A later sentence that orders us ("Sort it out.") said as what the customer wants: "You want us to sort it
    out." (an order in our own voice would read as ours)."""
    index = _first_word_index(sentence)
    if index is None or norm_word(sentence[index].text) not in IMPERATIVES | _SOFTENERS:
        return sentence  # the cheap test first: a long story has hundreds of sentences
    body, question = _strip_trailing_noise(sentence)
    if question or _shape(body) is not Shape.REQUEST:
        return sentence
    request = _lowercase_first_word(_as_request(body))
    return [*tokenize("You want us to"), *_spaced(request), *sentence[len(body) :]]


def _spaced(tokens: list[Token]) -> list[Token]:
    """Tokens moved after a word: the first with a space before it."""
    if not tokens or tokens[0].space:
        return tokens
    return [Token(tokens[0].kind, tokens[0].text, " "), *tokens[1:]]


@lru_cache(maxsize=256)  # the page restates an answer, then apologises for it: one pass serves both
def restate(text: str, kind: Kind = "main") -> Restatement:
    """The customer's English text in second person, split into a frameable first sentence and the rest."""
    sentences = _said_sentences(require_text(text), kind)
    sentences[0] = _with_it_was(_with_implied_subject(sentences[0]))
    sentences = [_this_for_final_that(sentence) for sentence in sentences]
    rewritten = [_Rewriter(_without_insult_leftover(sentence)).run() for sentence in sentences]
    # a sentence that was only an insult ("Stupid. The plumber …") is empty now: left, it framed a bare full stop
    rewritten = [sentence for sentence in rewritten if _words(sentence)] or [_verdict(sentences)]
    shapes: list[Shape | None] = []
    for index, sentence in enumerate(rewritten):
        body, question = _strip_trailing_noise(sentence)
        question = question or _asks_without_question_mark(body)
        converted = _declarative(body, question) if question or index == 0 else None
        if converted is not None:
            rewritten[index], shape = converted
            shapes.append(shape)
        else:
            if index:
                rewritten[index] = _as_wanted(sentence)
            shapes.append(None)
    first, _ = _strip_trailing_noise(rewritten[0])
    first = _missing_as_phrase(_lowercase_first_word(first))
    shape = shapes[0] or _shape(first)
    if shape is Shape.REQUEST:
        first = _as_request(first)
    if shape is Shape.CLAUSE:
        first = _main_clause_first(_this_for_that(first))
    first = _where_it_got_to(first)
    rest = tuple(_terminated(_where_it_got_to(sentence)) for sentence in rewritten[1:])
    as_clause = _gerund_as_clause(first) if shape is Shape.GERUND else None
    return Restatement(_render(first), shape, rest, as_clause)


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
    rewritten = _Rewriter(tokenize(text.strip())).run()
    return _render(rewritten[: _without_final_full_stop(rewritten)])


def _without_final_full_stop(tokens: list[Token]) -> int:
    """How many tokens remain once a final run of dots ("." or "...") is dropped, unless it ends "etc."."""
    end = len(tokens)
    while end and tokens[end - 1].kind is TokenKind.OTHER and tokens[end - 1].text in ".…":
        end -= 1
        if tokens[end].space:
            break
    last_word = tokens[end - 1] if 0 < end < len(tokens) else None
    if last_word is not None and last_word.kind is TokenKind.WORD and norm_word(last_word.text) in ABBREVIATIONS:
        return len(tokens)
    return end


def statement(text: str, kind: Kind = "main") -> str:
    """What bothered the customer most (``kind="main"``), or what else they told us (``"more"``), in our voice."""
    restated = restate(require_text(text), kind)
    if kind != "main":
        return restated.framed(MORE_FRAME)
    return restated.framed(UPSET_FRAME if _BOTHER_RE.search(restated.first) else MAIN_FRAME)


def extract_facts(text: str) -> list[str]:
    """The facts a restatement must keep verbatim, in order of appearance, without repeats.

    Numbers (with their unit when they have one), times, amounts with currency, dates,
    order references, e-mail addresses, web addresses and capitalised names. A
    capitalised word counts as a name unless it is a pronoun or a common word that is
    only capitalised because it opens a sentence ("The", "Nobody", "Yesterday").
    """
    facts: list[str] = []
    taken: list[tuple[int, int]] = []
    for match in FACT_RE.finditer(text):
        facts.append(match.group())
        taken.append(match.span())
    for match in NAME_RE.finditer(text):
        start, end = match.span()
        if any(start < taken_end and taken_start < end for taken_start, taken_end in taken):
            continue
        if _is_name(match.group()):
            facts.append(match.group())
            taken.append(match.span())
    ordered = sorted(zip(taken, facts), key=lambda pair: pair[0][0])
    return list(dict.fromkeys(fact for _, fact in ordered))


def _is_name(word: str) -> bool:
    norm = norm_word(word)
    if norm in PRONOUNS or norm in AGREEMENT:
        return False
    return (len(word) > 1 and word.isupper()) or not _is_common(word)


# ---------------------------------------------------------------------------
# Apology
# ---------------------------------------------------------------------------


def apology(category: Category, text: str) -> str:
    """We are sorry for what bothered them most, restated, and one sentence that owns it: the one of its
    category's sentences whose cues their words match (``english_cues.owning_sentence``)."""
    sorry = restate(require_text(text), "main").framed(SORRY_FRAME)
    return f"{sorry} {owning_sentence(category, text)}"


def apology_more(text: str) -> str:
    """We are sorry for one more thing they told us under "anything else?"."""
    return restate(require_text(text), "more").framed(ALSO_SORRY_FRAME)


JUSTIFICATION_WORDS: frozenset[str] = frozenset(
    {
        "but",
        "however",
        "although",
        "though",
        "even though",
        "policy",
        "policies",
        "unfortunately",
        "actually",
        "just",
        "busy",
        "understaffed",
        "short-staffed",
        "usually",
        "normally",
        "typically",
        "generally",
        "regrettably",
        "nevertheless",
        "nonetheless",
        "anyway",
        "technically",
        "sadly",
        "admittedly",
        "to be fair",
        "beyond our control",
        "circumstances",
    }
)
"""Excuses an apology of ours never contains."""


# ---------------------------------------------------------------------------
# Category and tone
# ---------------------------------------------------------------------------
LANGUAGE = Language(
    code="en",
    restate=statement,
    confirm_question="Is that correct?",
    apology=apology,
    apology_more=apology_more,
    anything_else_question="Is there anything else that didn't work out?",
    cues=CueScanner(ALL_CUES, NEGATION_RE, focus=FOCUS_RE, negation_words=NEGATION_WORDS),
    tone_words=ToneWords(STRONG_WORDS, FRUSTRATED_WORDS, ACRONYMS, INSULTS, repetition=True),
    justification_words=JUSTIFICATION_WORDS,
)
