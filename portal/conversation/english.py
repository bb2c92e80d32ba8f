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

from portal.conversation.english_cues import (
    ACRONYMS, CUES, FRUSTRATED_WORDS_RE, NEGATION_RE, STRONG_WORDS_RE,
)
from portal.conversation.english_words import (
    ABBREVIATIONS, ADVERBS, AGREEMENT, AUXILIARIES, BUSINESS, CLAUSE_BREAK_CHARS, CLAUSE_OPENERS, CLAUSE_VERBS,
    COMMON_WORDS, CONJUNCTIONS, DETERMINERS, FACT_RE, FIRST_PERSON, GROUP_NOUNS, IMPERATIVES, ING_NOUNS, MARKUP_CHARS,
    NAMES_LOOKING_LIKE_VERBS, NAME_RE, OBJECT_VERBS, PAST_IRREGULAR, PRONOUNS, PRONOUN_INITIALS, RELATIVE_PRONOUNS,
    SENTENCE_END_CHARS, STRONG_AUXILIARIES, SUBJECTS_NEEDING_AGREEMENT, SUBJECT_CONTRACTIONS, SUBJECT_VERBS,
    TRAILING_NOISE_CHARS, TRUE_PREPOSITIONS, Token, TokenKind, WORDISH, is_ed_verb, norm_word, tokenize,
)
from portal.conversation.language import Language
from portal.conversation.scoring import CueScanner, ToneWords
from portal.conversation.vocabulary import Category, Kind, require_text

def _is_verbish(word: str | None) -> bool:
    """Does this word look like the verb (or an adverb before the verb) right after a subject?"""
    if word is None:
        return False
    return (word in AUXILIARIES or word in ADVERBS or word in PAST_IRREGULAR or word in SUBJECT_VERBS
            or is_ed_verb(word))


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
        words = [self.tokens[self.ctx.wordish[near]].text for near in (pos - 2, pos - 1, pos + 1, pos + 2)
                 if 0 <= near < len(self.ctx.wordish) and self.tokens[self.ctx.wordish[near]].kind is TokenKind.WORD]
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
            self.drop_group_word(pos)

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
        return [token if text is token.text else Token(token.kind, text, token.space)
                for token, text in zip(self.tokens, self.out) if text]


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
    if norm in COMMON_WORDS or norm in PAST_IRREGULAR:
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
    return [*tokens[:index], Token(TokenKind.WORD, word[:1].lower() + word[1:], tokens[index].space), *tokens[index + 1:]]


def _capitalise_first_word(tokens: list[Token]) -> list[Token]:
    index = _first_word_index(tokens)
    if index is None or not tokens[index].text.islower():
        return tokens
    word = tokens[index].text
    return [*tokens[:index], Token(TokenKind.WORD, word[:1].upper() + word[1:], tokens[index].space), *tokens[index + 1:]]


def _shape(tokens: list[Token], question: bool) -> Shape:
    if question:
        return Shape.QUESTION
    words = [norm_word(token.text) if token.kind is TokenKind.WORD else "#" for token in tokens if token.kind in WORDISH]
    if not words or words[0] == "#" and len(words) == 1:
        return Shape.PHRASE
    if words[0] in IMPERATIVES:
        return Shape.REQUEST
    if words[0] == "#":
        return Shape.CLAUSE if _has_finite_verb(words) else Shape.PHRASE
    if _is_gerund_opening(words):
        return Shape.PHRASE
    return Shape.CLAUSE if words[0] in CLAUSE_OPENERS or _has_finite_verb(words) else Shape.PHRASE


def _is_gerund_opening(words: list[str]) -> bool:
    """ "Being kept waiting …", "Waiting 90 minutes …" (but not "Nothing was fixed", "Waiting was …")."""
    first = words[0]
    if len(first) < 5 or not first.endswith("ing") or first in ING_NOUNS:
        return False
    return len(words) == 1 or words[1] not in AUXILIARIES


def _has_finite_verb(words: list[str]) -> bool:
    """Rough test for a clause: an auxiliary, a contraction, a past tense not used as an adjective.

    The first verb after "who/which" belongs to a relative clause and does not count,
    so "the technician who never called back" stays a noun phrase.
    """
    in_relative = False
    previous = ""
    for word in words:
        if word in RELATIVE_PRONOUNS:
            in_relative = True
        elif _is_finite(word, previous):
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


def _render(tokens: list[Token]) -> str:
    """The tokens as text, each run of whitespace as one blank, none at the start."""
    return "".join(f" {token.text}" if token.space else token.text for token in tokens).lstrip()


def _terminated(tokens: list[Token]) -> str:
    body, question = _strip_trailing_noise(tokens)
    text = _render(_capitalise_first_word(body))
    if question:
        return text + "?"
    return text if text.endswith(tuple(SENTENCE_END_CHARS)) else text + "."


def restate(text: str, kind: Kind = "main") -> Restatement:
    """The customer's English text in second person, split into a frameable first sentence and the rest."""
    cleaned = require_text(text)
    sentences = _split_sentences(tokenize(_strip_lead_in(cleaned, kind)))
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
    rewritten = _Rewriter(tokenize(text.strip())).run()
    return _render(rewritten[:_without_final_full_stop(rewritten)])


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
LANGUAGE = Language(
    code="en",
    restate=statement,
    confirm_question="Is that correct?",
    apology=apology,
    apology_more=apology_more,
    anything_else_question="Is there anything else that didn't work out?",
    cues=CueScanner(CUES, NEGATION_RE),
    tone_words=ToneWords(STRONG_WORDS_RE, FRUSTRATED_WORDS_RE, ACRONYMS),
    justification_words=JUSTIFICATION_WORDS,
)
