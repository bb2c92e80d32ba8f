"""What we never say back in our voice: shouting, insults, profanity, self-insults, sarcasm and noise.

The customer's facts stay; only the heat goes. Each rule is general (a lexicon of words, a shape of phrase), and
none looks into a protected span (quoted speech, e-mail and web addresses, code, HTML), which is kept byte for byte.

- Shouting ("he LIED", "WHY DOES NOBODY ANSWER") is brought to normal case; acronyms (UPS, TV, XL) stay.
- Profanity ("bloody", "f***ing", "wtf") is dropped; a masked word counts as one.
- Insults aimed at someone: a vocative ("you bunch of clowns lost it") leaves plain "you"; an insult before a noun
  ("your idiot driver") is dropped; as a predicate it becomes a neutral fact ("was useless" → "was no help", "was
  a cowboy" → "was not up to the job"), so that what happened survives in words we can say.
- Self-insults ("like an idiot", "stupid me") are dropped: they are about the customer, and not ours to repeat.
- Sarcastic openers ("great job guys,"), evaluative fragments ("absolutely disgusting service,", "Unacceptable.")
  and repeated words ("nobody nobody NOBODY") are dropped; apostrophes left out of contractions ("didnt") and a few
  very common misspellings ("recieved") are put right.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from portal.conversation.english_words import (
    ACRONYMS,
    ADVERBS,
    AUXILIARIES,
    CLAUSE_BREAK_CHARS,
    CLAUSE_VERBS,
    COMMON_VERBS,
    COMMON_WORDS,
    CONJUNCTIONS,
    OBJECT_VERBS,
    PAST_IRREGULAR,
    PRONOUNS,
    PROTECTED_RE,
    SUBJECT_VERBS,
    TRUE_PREPOSITIONS,
    Token,
    TokenKind,
    gerund_past,
    norm_word,
    past_tense,
)
from portal.conversation.screening import screened

# --- lexicons ----------------------------------------------------------------------------------------------------

PROFANITY = frozenset(
    """
    fucking fuckin fking fkn effing freaking frigging friggin bloody damn damned goddamn goddamned sodding feckin
    fecking shitty crappy wtf ffs omg smh lol lmao fml jeez fuck fucks bullshit
""".split()
)
"""Words that only swear: dropped wherever they are ("the bloody engineer" → "the engineer")."""

INSULT_ADJECTIVES = frozenset(
    """
    useless hopeless clueless incompetent pathetic stupid idiotic moronic brainless dumb thick braindead inept gormless
    crap crappy shit shite rubbish garbage trash lazy
""".split()
)
INSULT_NOUNS = frozenset(
    """
    idiot idiots moron morons clown clowns muppet muppets imbecile imbeciles cowboy cowboys amateur amateurs joker
    jokers numpty numpties prat prats pillock pillocks plonker plonkers twat twats wanker wankers dickhead dickheads
    asshole assholes arsehole arseholes bastard bastards tosser tossers cretin cretins loser losers liar liars crook
    crooks thief thieves scammer scammers fraudster fraudsters cowboys charlatans charlatan scum halfwit halfwits
    imbeciles dimwit dimwits buffoon buffoons prick pricks git gits knobhead knobheads bellend bellends wazzock
    wazzocks nitwit nitwits cow cows mob pigs
""".split()
)
INSULT_THINGS = frozenset("joke disgrace shambles farce scam con rip-off ripoff bullshit".split())
"""Nouns that judge a thing, not a person: "the service was a joke" → "the service was very poor"."""

TONE_INSULTS = (
    (PROFANITY - {"omg", "lol", "lmao", "smh", "jeez"})
    | INSULT_NOUNS
    | frozenset(
        """
    useless hopeless clueless pathetic stupid idiotic moronic brainless inept gormless braindead lazy crap shit shite
    fuck fucked fucks fk bullshit wankers arse piss pissed sucks scum
""".split()
    )
)
"""Words whose mere presence tells an angry customer (ambiguous ones such as "thick", "rubbish" left out)."""

_DISHONEST = frozenset(
    "liar liars crook crooks thief thieves scammer scammers fraudster fraudsters charlatan charlatans".split()
)
_POOR = frozenset("crap crappy shit shite rubbish garbage trash pathetic".split())
_LITERAL_WASTE = frozenset("rubbish garbage trash".split())
"""Insults that are also things ("they left rubbish in the garden"): said as "waste" where they are a thing."""

EVALUATIVES = frozenset(
    """
    disgusting disgraceful disgrace shocking appalling terrible awful horrendous atrocious pathetic ridiculous
    unacceptable unbelievable outrageous joke shambles nightmare rubbish useless abysmal dreadful woeful crap shit
    shite lousy amateur amateurish scandalous laughable farce incompetent hopeless poor bad worst embarrassing
    diabolical shameful insulting unreal beyond belief clowns idiots morons cowboys muppets jokers amateurs pointless
    rip-off ripoff scam seriously really wow ugh sigh typical classic honestly unreal classy arrogant
""".split()
)
"""Words that judge without telling what happened; a fragment made only of them (and fillers) is dropped."""

VERDICTS = frozenset(
    """
    disgusting disgraceful shocking appalling terrible awful horrendous atrocious ridiculous unacceptable unbelievable
    outrageous abysmal dreadful woeful lousy scandalous laughable poor bad embarrassing diabolical shameful insulting
    pointless
""".split()
)
"""The judgements among ``EVALUATIVES`` that we can say back about what happened ("it was unacceptable")."""

_FRAGMENT_FILLERS = frozenset(
    """
    a an what such this that it is was it's that's this's just so absolutely totally utterly completely really very
    truly honestly seriously frankly quite pretty as usual again guys you lot are were you're all of bunch customer
    service experience company firm shop business outfit operation place mate how lads total complete absolute utter real
    beyond belief
""".split()
)

_INTENSIFIERS = frozenset(
    """
    so too totally completely absolutely utterly frankly just really quite pretty such complete total absolute utter
    right proper a an bunch lot load pack shower of bunches
""".split()
)
_COPULAS = frozenset(
    "is was are were be been being 's 're seem seems seemed looked looks isn't wasn't aren't "
    "weren't it's that's this's you're they're he's she's we're".split()
)
_COORDINATORS = frozenset({"and", "or", "but", ","})
_PERSON_DETERMINERS = frozenset("the that this your our his her their my".split())

RESPELLINGS: dict[str, str] = {
    # contractions typed without their apostrophe
    "didnt": "didn't",
    "dont": "don't",
    "doesnt": "doesn't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "isnt": "isn't",
    "arent": "aren't",
    "cant": "can't",
    "couldnt": "couldn't",
    "wouldnt": "wouldn't",
    "shouldnt": "shouldn't",
    "hasnt": "hasn't",
    "havent": "haven't",
    "hadnt": "hadn't",
    "wont": "won't",
    "im": "I'm",
    "ive": "I've",
    "youre": "you're",
    "theyre": "they're",
    "thats": "that's",
    "theres": "there's",
    "whats": "what's",
    "hes": "he's",
    "shes": "she's",
    "u": "you",
    "ya": "you",
    "cos": "because",
    # misspellings common enough to have names
    "recieved": "received",
    "recieve": "receive",
    "recieving": "receiving",
    "reciept": "receipt",
    "untill": "until",
    "tommorow": "tomorrow",
    "tommorrow": "tomorrow",
    "definately": "definitely",
    "seperate": "separate",
    "seperately": "separately",
    "wierd": "weird",
    "apparantly": "apparently",
    "accomodation": "accommodation",
    "occured": "occurred",
    "begining": "beginning",
    "beleive": "believe",
    "becuase": "because",
    "becasue": "because",
    "thier": "their",
    "alot": "a lot",
    "apointment": "appointment",
    "appointmnet": "appointment",
    "delivary": "delivery",
    "refering": "referring",
    "wich": "which",
    "goverment": "government",
    "adress": "address",
    "buisness": "business",
    "proffesional": "professional",
    "unproffesional": "unprofessional",
    "garentee": "guarantee",
    "gaurantee": "guarantee",
    "cancelation": "cancellation",
}
_SUCKS = {"sucks": "is very poor", "suck": "are very poor", "sucked": "was very poor"}
"""A verb that only insults, said as what it means."""
_ABSORBED = {"managed": True, "bothered": True, "bother": False, "bothering": False}
"""Verbs dropped with their "to"; True when the verb after them takes the past tense ("managed to lose" → "lost")."""
_ITS_IS_IT_IS = frozenset(
    """
    been not a an the so too very just still now always never only like all ok okay about going gone taken over
    really absolutely completely totally ridiculous unacceptable impossible my your our his her their
""".split()
)
_REPEATABLE = frozenset({"had", "that", "is", "very", "to"})
"""Words that are grammatical twice in a row ("he had had enough", "that that was"); "very very" is kept as said; "talk to to get" is grammatical too."""

_KNOWN = (
    COMMON_WORDS
    | AUXILIARIES
    | ADVERBS
    | PAST_IRREGULAR
    | OBJECT_VERBS
    | CLAUSE_VERBS
    | SUBJECT_VERBS
    | PRONOUNS
    | PROFANITY
    | INSULT_ADJECTIVES
    | INSULT_NOUNS
    | EVALUATIVES
    | frozenset(RESPELLINGS)
)
_VOWELS = frozenset("AEIOUY")

# --- phrases, on the raw text ------------------------------------------------------------------------------------

_INSULT_NOUN_ALTERNATION = "|".join(sorted(INSULT_NOUNS, key=len, reverse=True))
_INTENSIFIER_RUN = (
    r"(?:(?:absolute|complete|total|utter|bunch\s+of|lot\s+of|load\s+of|pack\s+of|shower\s+of|useless"
    r"|incompetent|stupid|lazy|clueless)\s+)*"
)
_SELF_WORDS = r"idiot|fool|mug|muppet|moron|lemon|numpty|doormat|sucker|clown|plonker|prat|pillock|twat|dummy|eejit"

_MASKED_SWEARING = re.compile(
    r"(?i)(?:\b(?:absolute|complete|total|utter|pure|such)\s+)?(?<![\w*])[a-z]+\*+[a-z]*(?![\w*])\s*"
)
"""f***ing, s**t, b*llocks: only looked for in a text with an asterisk."""
_VOW = (
    r"(?:[,;]\s*|\b(?:and|or|so)\s+)?(?<![\w'])(?:(?:never\s+again|never\s+(?:coming|going|using|ordering|shopping"
    r"|booking|eating|staying|buying)\s+(?:back|here|there|again|with\s+(?:you|u)|from\s+(?:you|u)|(?:you|u)\s+(?:lot|guys"
    r"|people)\s+again|(?:you|u)\s+again)(?:\s+again)?"
    r"|see\s+(?:you|u)\s+(?:in|at)\s+(?:the\s+)?(?:small\s+claims\s+)?(?:court|tribunal)(?:\s+(?:mate|pal|guys|lot))?"
    r"|(?:(?:my|a|the|this)\s+)?complaint\s+(?:is\s+)?(?:going|goes|gone|sent)\s+(?:in\s+)?(?:straight\s+)?to\s+(?:the\s+)?"
    r"\w+(?:\s+(?:today|tomorrow|now|next\s+week|this\s+week))?)(?=\s*(?:[.!?]|$))"
)
"""A vow closing a sentence ("…, never again", "see you in small claims court"), the start of the group of closing
phrases in ``_DROPPED_PHRASES``."""
_VOW_LEFT = re.compile("(?i)" + _VOW + ")")
"""The vow alone (``_VOW`` leaves the group of closing phrases open for the threats that follow it in
``_DROPPED_PHRASES``): once a threat after it is gone, it closes the sentence ("never coming back and I'll be telling
everyone")."""
_DROPPED_PHRASES = re.compile(
    r"(?i)"
    # a vocative at the end: "…, you idiots", "… you bunch of clowns!"
    rf"\b(?:you|ya)\s+{_INTENSIFIER_RUN}(?:{_INSULT_NOUN_ALTERNATION})\b(?=\s*(?:[.!?]|$))"
    # self-insults: "like an idiot", "stupid me", "more fool me", "I felt like a mug"
    rf"|\blike\s+(?:a|an|some)\s+(?:complete\s+|total\s+|absolute\s+|utter\s+|right\s+|proper\s+)?(?:{_SELF_WORDS})\b"
    r"|\b(?:stupid|silly|idiot|dumb)\s+me\b|\bmore\s+fool\s+(?:me|us)\b"
    rf"|\b(?:i|we)\s+(?:felt|feel|looked|look)\s+(?:like\s+)?(?:such\s+)?(?:a\s+|an\s+)?"
    rf"(?:complete\s+|total\s+|absolute\s+|right\s+)?(?:{_SELF_WORDS}|stupid|silly|dumb)\b"
    # swearing phrases
    r"|\b(?:for\s+(?:fuck|god|christ|heaven|pete|crying\s+out\s+loud)(?:'?s)?\s+sake|what\s+the\s+(?:hell|fuck|heck)"
    r"(?=\s*[,.!?])|oh\s+my\s+god|jesus(?:\s+christ)?)\b[,!?.]*\s*"
    r"|\bthe\s+(?:hell|fuck|heck)\b|\b(?:bloody|oh|holy)\s+(?:hell|heck|christ|god)\b[,!?.]*\s*|\bdamn\s+it\b[,!?.]*\s*"
    # sarcasm that would read as ours
    r"|\bso[- ]called\s+"
    # a threat or a vow closing a sentence, with no number in it: no part of what happened, and odd in our voice
    # ("…, never again", "see you in small claims court", "im going to my bank for a chargeback")
    rf"|{_VOW}"
    r"|(?:(?:(?:i|we)(?:'ll|\s+will|'m|\s+am|'re|\s+are)?|ill|im)\s+(?:be\s+)?(?:going\s+to\s+|gonna\s+)?"
    r"(?:report(?:ing)?\s+(?:you|u|this)|(?:leav|writ|post)(?:e|ing)\s+(?:a\s+)?(?:\w+\s+)?reviews?"
    r"|tak(?:e|ing)\s+(?:you|u|this|it|them)\s+to\s+(?:\w+\s+){0,2}(?:court|claims|tribunal)|su(?:e|ing)\s+(?:you|u)"
    r"|tell(?:ing)?\s+every(?:one|body)|(?:contact|call|ring|instruct|consult|involv|see)(?:e|ing)?\s+(?:my|a|our)\s+"
    r"(?:solicitor|lawyer|attorney)s?|(?:go(?:ing)?|tak(?:e|ing)\s+(?:this|it))\s+to\s+(?:the\s+)?(?:press|papers|media"
    r"|small\s+claims|trading\s+standards|ombudsman|citizens\s+advice|bbb|better\s+business\s+bureau)"
    r"|(?:complain(?:ing)?|escalat(?:e|ing)(?:\s+(?:this|it))?|report(?:ing)?\s+(?:you|u|this|it))\s+to\s+(?:the\s+)?"
    r"(?:trading\s+standards|ombudsman|regulator|ofcom|ofgem|ofwat|cfpb|ftc|fca|bbb|better\s+business\s+bureau"
    r"|citizens\s+advice))"
    r"|(?:trading\s+standards|the\s+ombudsman|my\s+(?:solicitor|lawyer))\s+will\s+be"
    r"\s+hearing|(?:going|off)\s+to\s+(?:my|the)\s+bank\s+for\s+a\s+charge-?back|(?:(?:i|we)(?:'m|\s+am|'re|\s+are)?\s+|im\s+)?"
    r"(?:doing|filing|raising|requesting)\s+a\s+charge-?back|disputing\s+(?:it|this|the\s+\w+)\s+with\s+(?:my|our|the)\s+"
    r"(?:bank|card\s+(?:company|provider|issuer)|credit\s+card))[^.!?\d\n]*(?=[.!?]|\s*$))"
    r"|\bshame\s+on\s+(?:you|u)(?:\s+(?:all|guys|people|lot))?\b[.!?]*"
    # a challenge with no fact in it, its question mark often left off: "u having a laugh or what", "r u serious"
    r"|(?:,\s*)?\b(?:(?:are|r)\s+)?(?:you|u|ya)\s+(?:having\s+a\s+laugh|(?:kidding|joking|taking\s+the\s+\w+)(?:\s+me)?"
    r"|serious|for\s+real)(?:\s+or\s+what)?\b[?!]*"
)
_CALLED_NAMES = re.compile(
    r"(?i)\b(call(?:ed|ing|s)?)\s+(me|us|him|her|them|my\s+\w+|our\s+\w+)\s+(?:a\s+|an\s+)?"
    + _INTENSIFIER_RUN
    + "(?:"
    + "|".join(sorted(INSULT_NOUNS | INSULT_ADJECTIVES, key=len, reverse=True))
    + r")\b"
)
"""Name-calling reported ("he called me stupid"): the fact stays ("he called you names"), the word goes."""
_LIKE_A_SUSPECT = re.compile(r"(?i)\blike\s+(?:a|an|some)\s+(?:common\s+)?(?:thief|crook)\b")
"""Being treated as a thief ("treated me like a thief"): the fact stays ("with suspicion"), the insult goes ("like a
criminal", which a careful reader approved in our voice, stays)."""
_THANKS_FOR_DOING = re.compile(
    r"(?i)(?:^|(?<=[.!?]\s))\s*(?:(?:wow|oh|so)[,\s]+)?(?:thanks|thank\s+you|cheers)\s+(?:(?:so|very)\s+much\s+|a\s+lot\s+)?"
    r"for\s+([a-z]+ing)\b"
)
"""Thanks in sarcasm for what we did ("Wow thanks for sending my laptop back with a dent"): said as what we did ("you
sent my laptop back …", which the restatement turns into "we sent your laptop back …")."""


def _done_by_us(found: re.Match[str]) -> str:
    past = gerund_past(found.group(1).lower())
    return f"you {past}" if past else found.group()


_WH_INTENSIFIER = re.compile(
    r"(?i)\b(why|how|what|who|where|when)\s+(?:on\s+earth|in\s+the\s+world|in\s+god'?s\s+name)\b"
)
"""A question word's intensifier ("why on earth did …"): heat, not part of the question we restate."""
_VOCATIVE_SUBJECT = re.compile(rf"(?i)\b(you|ya)\s+{_INTENSIFIER_RUN}(?:{_INSULT_NOUN_ALTERNATION})\b")
_SARCASTIC_OPENER = re.compile(
    r"(?i)(?:^|(?<=[.!?]\s))\s*(?:(?:great|good|nice|brilliant|fantastic|excellent|lovely|stellar|amazing|wonderful)"
    r"\s+(?:job|work|one|service|stuff|communication|customer\s+service)(?:\s+as\s+(?:always|usual|ever))?"
    r"|(?:(?:i\s+)?love|gotta\s+love)\s+how(?=\s)|well\s+done|thanks\s+(?:a\s+lot|a\s+bunch|for\s+nothing|very\s+much)"
    r"|thank\s+you\s+(?:so\s+much|very\s+much)|cheers\s+for\s+(?:that|nothing)|way\s+to\s+go|bravo)"
    r"(?:\s+(?:guys|everyone|team|folks|lads|mate|people))?(?:\s*[,.!:;\-–—]+\s*|(?<=how)\s+)"
)


_WISH_FOR_WHAT_WE_OWE = re.compile(
    r"(?i)\b(i|we)\s*(?:(?:would|'d)\s+like|want|need)(?=\s+(?:my|our|a|an|the|some)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:refund|money|deposit|apology|replacement|explanation|answer|response|reply|call\s*back|compensation|credit"
    r"|receipt|invoice)\b)"
)
"""A wish for what we owe them ("I would like my refund for order 5521"): the grievance is that it has not come, and
"We are sorry that you would like your refund" reads as if the wish were the trouble; said as "still waiting for"."""


_ANSWERED_WHO = re.compile(
    r"(?i)\bwho\s+([a-z]{3,}s)\s+([^?.!\n]{1,80}?)\s*\?+\s*"
    r"((?:the|your|our|my|his|her|their|that)\s+[a-z]+(?:\s+[a-z]+)?)\s+did\b"
)
"""A question the customer answers at once: "who drills through a water pipe? the electrician did"."""
_HOW_IS_IT_FAIR = re.compile(
    r"(?i)\bhow\s+(is|was)\s+it\s+(fair|ok|okay|right|acceptable|legal|reasonable)\s+(?=(?:to|that)\s)([^?]*)\?*"
)
"""A rhetorical "how is it fair to …" means "it is not fair to …"."""


def _answer_with_its_verb(found: re.Match[str]) -> str:
    """ "who drills through a water pipe? the electrician did" → "the electrician drilled through a water pipe"."""
    verb = found.group(1).lower()
    base = {"goes": "go", "does": "do", "has": "have"}.get(verb)
    if base is None:
        for ending, stem in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("sses", "ss"), ("s", "")):
            if verb.endswith(ending):
                base = verb[: len(verb) - len(ending)] + stem
                break
    return f"{found.group(3)} {past_tense(base or verb)} {found.group(2)}"


def _still_waiting(found: re.Match[str]) -> str:
    return f"{found.group(1)} {'am' if found.group(1).lower() == 'i' else 'are'} still waiting for"


def tidy_text(text: str) -> str:
    """The text without the phrases we never repeat (see the module docstring); protected spans untouched."""
    protected = [match.span() for match in PROTECTED_RE.finditer(text)] if _may_hold_protected(text) else []
    passes: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
        (_SARCASTIC_OPENER, ""),
        (_DROPPED_PHRASES, ""),
        (_VOCATIVE_SUBJECT, r"\1"),
        (_WH_INTENSIFIER, r"\1"),
        (_CALLED_NAMES, r"\1 \2 names"),
        (_LIKE_A_SUSPECT, "with suspicion"),
        (_THANKS_FOR_DOING, _done_by_us),
        (_WISH_FOR_WHAT_WE_OWE, _still_waiting),
        (_ANSWERED_WHO, _answer_with_its_verb),
        (_HOW_IS_IT_FAIR, r"it \1 not \2 \3"),
    ]
    if "*" in text:
        passes.insert(0, (_MASKED_SWEARING, ""))
    for pattern, replacement in passes:
        tidied = _substitute_outside(screened(pattern).for_text(text), replacement, text, protected)
        if pattern is _DROPPED_PHRASES and tidied != text:
            passes.append((_VOW_LEFT, ""))  # a vow left at the end once a threat after it is gone
        if protected and tidied != text:
            protected = [match.span() for match in PROTECTED_RE.finditer(tidied)]
        text = tidied
    return text


def _may_hold_protected(text: str) -> bool:
    return any(char in text for char in '"“«„`@<') or "http" in text or "www." in text


def _substitute_outside(
    pattern: re.Pattern[str],
    replacement: str | Callable[[re.Match[str]], str],
    text: str,
    protected: list[tuple[int, int]],
) -> str:
    def replace(match: re.Match[str]) -> str:
        start, end = match.span()
        if any(start < p_end and p_start < end for p_start, p_end in protected):
            return match.group()
        return replacement(match) if callable(replacement) else match.expand(replacement)

    return pattern.sub(replace, text)


# --- words, on the tokens ----------------------------------------------------------------------------------------


def is_shouted(word: str, neighbours_shouted: bool) -> bool:
    """A word in capitals that is shouting rather than an acronym (UPS, TV) or a size (XL)."""
    if word == "A":  # the article, in a shouted run: "I HAVE A PRAM"
        return neighbours_shouted
    if len(word) < 2 or not word.isupper():
        return False
    lowered = word.lower()
    if word in ACRONYMS:
        return neighbours_shouted and lowered in _KNOWN
    if lowered in _KNOWN or neighbours_shouted:
        return True
    if len(word) == 3:  # "the VAN never came" is shouting, "ITV" or "DHL" is a name
        return word[0] not in _VOWELS and word[1] in _VOWELS and word[2] not in _VOWELS
    return len(word) >= 4 and any(char in _VOWELS for char in word)


def tidy_words(tokens: list[Token]) -> list[Token]:
    """Shouting brought to normal case, contractions and common misspellings put right, swearing and repeated
    words dropped; "managed to lose" (sarcasm, in our voice) is said as "lost", "didn't bother to call" as "didn't
    call" (and "bother" is the frame's own verb)."""
    capitals = [token.kind is TokenKind.WORD and len(token.text) > 1 and token.text.isupper() for token in tokens]
    words = sum(1 for token in tokens if token.kind is TokenKind.WORD)
    all_shouted = words >= 3 and sum(capitals) >= 0.6 * words  # "YOU STILL SEND ME 3 EMAILS A DAY": every word
    kept: list[Token] = []
    previous_word = ""
    to_past = False
    for index, token in enumerate(tokens):
        if token.kind is not TokenKind.WORD:
            kept.append(_unit_in_normal_case(token) if all_shouted else token)
            previous_word = ""
            continue
        text = token.text
        shouting_near = (
            all_shouted or (index > 0 and capitals[index - 1]) or (index + 1 < len(tokens) and capitals[index + 1])
        )
        if is_shouted(text, shouting_near):
            text = text.lower()
        norm = norm_word(text)
        if norm in PROFANITY:
            continue
        if norm == previous_word and norm not in _REPEATABLE:
            continue
        if norm == "to" and previous_word in _ABSORBED and _next_word(tokens, index) is not None:
            kept.pop()
            to_past = _ABSORBED[previous_word]
            continue
        if to_past:
            to_past = False
            text = past_tense(norm)
            norm = text
        if norm in _SUCKS:
            kept.extend(
                Token(TokenKind.WORD, word, token.space if number == 0 else " ")
                for number, word in enumerate(_SUCKS[norm].split())
            )
            previous_word = norm
            continue
        respelt = RESPELLINGS.get(norm)
        if norm == "its" and _next_word(tokens, index) in _ITS_IS_IT_IS:
            respelt = "it's"
        elif norm == "ur":  # SMS: "ur engineer" is "your engineer", "ur joking" and "ur not" are "you're"
            following = _next_word(tokens, index) or ""
            respelt = "you're" if following in _ITS_IS_IT_IS or following.endswith("ing") else "your"
        if respelt is not None:
            text = respelt if text[:1].islower() or respelt[:1].isupper() else respelt[:1].upper() + respelt[1:]
        kept.append(token if text == token.text else Token(token.kind, text, token.space))
        previous_word = norm
    return kept


_SHOUTED_UNIT_RE = re.compile(r"^(\d[\d.,]*\s*)([A-Z]{2,})$")


def _unit_in_normal_case(token: Token) -> Token:
    """ "230 DOLLARS", "5 DAYS" in a shouted answer: the number stays as typed, its unit in normal case (an acronym,
    "30 GB", stays)."""
    found = _SHOUTED_UNIT_RE.match(token.text) if token.kind is not TokenKind.OTHER else None
    if found is None or found.group(2) in ACRONYMS or found.group(2) in ("GB", "MB", "TB", "KG", "KM", "AM", "PM"):
        return token
    return Token(token.kind, found.group(1) + found.group(2).lower(), token.space)


def _next_word(tokens: list[Token], index: int) -> str | None:
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return norm_word(following.text) if following is not None and following.kind is TokenKind.WORD else None


def is_evaluative_fragment(tokens: list[Token]) -> bool:
    """Tokens that only judge ("absolutely disgusting service", "what a joke", "you lot are clowns")."""
    words = [token for token in tokens if token.kind is not TokenKind.OTHER and token.kind is not TokenKind.TAG]
    if not words or any(token.kind is not TokenKind.WORD for token in words):
        return False
    norms = [norm_word(token.text) for token in words]
    judging = EVALUATIVES | INSULT_NOUNS | _FEELINGS
    return all(norm in judging or norm in _FRAGMENT_FILLERS or norm == "not" for norm in norms) and any(
        norm in judging for norm in norms
    )


_FEELINGS = frozenset(
    """
    disappointed disappointing annoyed annoying frustrated frustrating unhappy upset happy fair impressed
    gutted livid furious fuming
""".split()
)
"""How the customer felt, said alone ("Not happy.", "very disappointed"): theirs to say, not ours to say back."""


def neutralise_insults(tokens: list[Token]) -> list[Token]:
    """Insults leave the facts they were about: dropped before a noun ("your idiot driver" → "your driver"), said
    neutrally as a predicate ("was frankly useless" → "was no help"), dropped where they stand alone."""
    out = list(tokens)
    index = 0
    while index < len(out):
        token = out[index]
        norm = norm_word(token.text) if token.kind is TokenKind.WORD else ""
        if norm not in INSULT_ADJECTIVES and norm not in INSULT_NOUNS and norm not in INSULT_THINGS:
            index += 1
            continue
        start = index
        while start > 0 and out[start - 1].kind is TokenKind.WORD and norm_word(out[start - 1].text) in _INTENSIFIERS:
            start -= 1
        before = _word_or_comma(out[start - 1]) if start > 0 else None
        after = out[index + 1] if index + 1 < len(out) else None
        attributive = (
            after is not None
            and after.kind is TokenKind.WORD
            and bool(after.space)
            and _may_be_noun(norm_word(after.text))
        )
        tail = _quantifier_tail(out, index + 1)
        if tail:
            # "cowboys the lot of them": the count goes with the people it counted
            del out[index + 1 : index + 1 + tail]
            after, attributive = None, False
            if before not in _COPULAS:
                out[start : index + 1] = []
                index = start
                continue
        if attributive and before in _COPULAS and start > 0 and _is_run_on_verb(out, index + 1):
            # "the router is rubbish keeps restarting": the copula only carried the insult
            out[start - 1 : index + 1] = []
            index = start - 1
            continue
        if norm in INSULT_THINGS and before not in _COPULAS and before != "like":
            index += 1  # "a scam" in "they sent a scam email": a thing, not an insult
            continue
        if norm in _LITERAL_WASTE and before not in _COPULAS and not attributive:
            out[index] = Token(TokenKind.WORD, "waste", token.space)
            index += 1
            continue
        person = [Token(TokenKind.WORD, "people" if norm.endswith("s") else "person", " ")]
        relative = after is not None and after.kind is TokenKind.WORD and norm_word(after.text) in _RELATIVES
        if norm in INSULT_NOUNS and relative:
            # "was an arrogant prick who argued": the clause needs its noun, said neutrally
            if before in _COPULAS:
                replacement = person if norm.endswith("s") else [Token(TokenKind.WORD, "a", " "), *person]
            else:
                replacement, start = person, index
        elif before in _PERSON_DETERMINERS and norm in INSULT_NOUNS and not attributive:
            replacement = person
            start = index
        elif attributive and after is not None and norm not in INSULT_THINGS:  # attributive: a word follows
            keep_article = [t for t in out[start:index] if norm_word(t.text) in ("a", "an", "the")][:1]
            replacement = [_article_for(keep_article[0], after)] if keep_article else []
        elif before == "like" and norm in INSULT_THINGS:
            start -= 1  # "treated us like a joke": said as what it means
            replacement = [Token(TokenKind.WORD, word, " ") for word in ("with", "no", "respect")]
        elif before in _COPULAS or before in _COORDINATORS:
            replacement = [Token(TokenKind.WORD, word, " ") for word in _neutral(norm).split()]
        else:
            replacement = []
        if replacement and not out[start].space and start > 0:
            replacement[0] = Token(replacement[0].kind, replacement[0].text, "")
        elif replacement:
            replacement[0] = Token(replacement[0].kind, replacement[0].text, out[start].space)
        out[start : index + 1] = replacement
        index = start + len(replacement)
    return out


_QUANTIFIER_TAILS = (
    ("the", "lot", "of", "them"),
    ("the", "lot", "of", "you"),
    ("all", "of", "them"),
    ("all", "of", "you"),
    ("the", "pair", "of", "them"),
    ("the", "pair", "of", "you"),
    ("every", "one", "of", "them"),
    ("every", "one", "of", "you"),
    ("every", "single", "one", "of", "them"),
    ("the", "whole", "lot", "of", "them"),
    ("the", "whole", "lot"),
    ("the", "lot"),
)
"""What counts the people an insult named ("clowns the lot of them", "idiots all of them"), longest first."""
_VERB_STEMS = SUBJECT_VERBS | COMMON_VERBS | OBJECT_VERBS | CLAUSE_VERBS


def _quantifier_tail(tokens: list[Token], start: int) -> int:
    """How many tokens from ``start`` only count the people just insulted (0 if none)."""
    words = [norm_word(token.text) if token.kind is TokenKind.WORD else "" for token in tokens[start : start + 5]]
    for tail in _QUANTIFIER_TAILS:
        if tuple(words[: len(tail)]) == tail:
            return len(tail)
    return 0


def _is_run_on_verb(tokens: list[Token], index: int) -> bool:
    """Is the word at ``index`` a verb that carries on the subject ("keeps restarting", "leaks all over", "took
    three weeks"), not a noun an insult was attached to?"""
    if index >= len(tokens) or tokens[index].kind is not TokenKind.WORD:
        return False
    word = norm_word(tokens[index].text)
    following = norm_word(tokens[index + 1].text) if index + 1 < len(tokens) else ""
    if word in PAST_IRREGULAR:
        return True
    if len(word) < 4 or not word.endswith("s") or word.endswith("ss"):
        return False
    stem = word[:-2] if word.endswith("es") and word[:-2] in _VERB_STEMS else word[:-1]
    return (
        stem in _VERB_STEMS
        or following.endswith("ing")
        or following in ADVERBS
        or following in ("all", "every", "everywhere")
    )


_RELATIVES = frozenset({"who", "that", "which", "whom", "whose"})
_NOT_NOUNS = frozenset("everywhere behind all around here there anywhere somewhere again".split()) | _RELATIVES


def _word_or_comma(token: Token) -> str | None:
    if token.kind is TokenKind.WORD:
        return norm_word(token.text)
    return "," if token.kind is TokenKind.OTHER and token.text == "," else None


def _may_be_noun(word: str) -> bool:
    return not (
        word in _NOT_NOUNS
        or word in CONJUNCTIONS
        or word in TRUE_PREPOSITIONS
        or word in AUXILIARIES
        or word in ADVERBS
        or word in PAST_IRREGULAR
        or word in _COPULAS
    )


def _article_for(article: Token, noun: Token) -> Token:
    word = norm_word(article.text)
    if word in ("a", "an"):
        word = "an" if noun.text[:1].lower() in "aeiou" else "a"
    return Token(TokenKind.WORD, word if article.text[:1].islower() else word.capitalize(), article.space)


def _neutral(insult: str) -> str:
    if insult in _DISHONEST:
        return "dishonest with me"  # the customer's voice, like the rest of the tidied text: restated as "with you"
    if insult in _POOR or insult in INSULT_THINGS:
        return "very poor"
    if insult in INSULT_NOUNS:
        return "not up to the job"
    return "no help"


def is_clause_break(token: Token) -> bool:
    return token.kind is TokenKind.OTHER and token.text in CLAUSE_BREAK_CHARS
