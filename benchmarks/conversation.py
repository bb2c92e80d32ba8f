"""How well the conversation speaks each language: restatement, apology, category and tone, on kept answers.

Run from anywhere: ``.venv/bin/python benchmarks/conversation.py`` (``--help`` for options). It reads the
corpus the project keeps (``benchmarks/corpus/<lang>.jsonl``: answers to "what bothered you most?" written the
way customers write, each labelled by hand with its category and tone, some with a restatement and an apology a
careful reader approved) and, apart, answers the engine's authors never saw (``benchmarks/corpus/unseen/``),
checked the same way. For every answer it restates, apologises, classifies and reads the tone as the customer
page does, then checks what it said with rules of its own, kept here and not shared with the engine, so that the
engine cannot pass by agreeing with itself:

- leftovers: the customer's first-person singular words left in our restatement or apology ("my", "pagué",
  "שלי", "שילמתי");
- quotes: quotation marks the customer did not type, or their words pasted after a colon;
- broken frames: a frame glued to a lead-in or a wh-word ("is that how", "es que lo que", "הוא שמה ש") or the
  frame's own verb said twice;
- echoes: shouting (capitals, "!!") or insults and profanity in our voice;
- facts kept: numbers, amounts, times, references, e-mail addresses and (English, Spanish) names found in the
  answer, present in the restatement; invented numbers: digits we said that the answer does not hold;
- category accuracy and the recall of angry answers, against the labels;
- p50 and p99 time per answer (restate, apologise, classify, read the tone).

Each figure is judged against the goals of issue 24 and printed "met" or "missed"; ``--show`` lists the answers
behind every miss. The script exits 0 whatever it finds: it measures, the tests pin behaviour.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal.conversation import SUPPORTED_LANGUAGES, apologise, classify, read_tone, restate

CORPUS = Path(__file__).resolve().parent / "corpus"
GOAL_MS = 5.0
GOAL_CATEGORY = 0.85
GOAL_ANGRY_RECALL = 0.85

# --- What a careful reader would flag, per language -------------------------------------------------------------

_HEBREW_PREFIXES = "והבלמשכ"

_FIRST_PERSON: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|(?i:me|my|mine|myself))\b"),
    "es": re.compile(
        r"\b(?i:yo|me|mi|mis|mí|conmigo|mío|mía|míos|mías|estoy|soy|voy|doy|tengo|hago|digo|pongo|salgo|vengo"
        r"|puedo|quiero|necesito|llevo|espero|creo|pienso|siento|entiendo|he"
        r"|(?:hab|ten|pod|quer|sab|deb|ven|hac|dec|pon|sal|segu|volv|ped|viv)iamos)\b"  # typed without the accent
        r"|\b(?!(?i:qu|porqu|caf|beb|jos|ol|aqu|all|ah|as|s|ti|rub|esqu|man|colibr|bistur|jabal|israel|marroqu"
        r"|iraqu|per|ma|pap|mam|sof|t|cli)[éí]\b)\w{2,}[éí]\b"
    ),
    "he": re.compile(
        rf"(?<![\w])[{_HEBREW_PREFIXES}]{{0,3}}(?:אני|שלי|אותי|אליי|עליי|איתי|אתי|ממני|בשבילי|בעצמי|כמוני|אצלי)(?![\w])"
        r"|(?<![\w])[וש]{0,2}לי(?![\w])"  # "לי", "ולי", not "בלי" (without) or "כלי" (a tool)
        rf"|(?<![\w])(?![{_HEBREW_PREFIXES}]{{0,3}}(?:מתי|שתי|אמיתי|בלתי)(?![\w]))[א-ת]{{2,}}(?<!ו)תי(?![\w])"
        # "I will" after ש: א, a root, no suffix (שאשלם, שאביא), not a word that only starts with א (שאפשר, שאחרי)
        r"|(?<![\w])ו?(?:ש|כש)(?=א[^י](?:[א-ת]|[א-ת][יו])[^\W\dוהתינ_](?![\w]))(?!אפשר|אחרי|אולי|אצל|אתמ|אות|אחד"
        r"|אחר|אמור|אבל|איפה|אסור|אפור|ארוך|אדום|אוכל|אופן|אוטו|אתכ|אלי|אחי|אנש|אמא|אבא|אלף|ארג|ארו|אתר)[א-ת]+"
    ),
}
"""First-person singular words: the customer's voice, never ours (Amends speaks as "we"). Plural first person
("we", "nosotros", "אנחנו") is ours too, so it is not counted."""

_QUOTE_MARKS = '«»„“”"'

_BROKEN: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(?:is|was|that|sorry|about) that (?:how|what|why|when|where|who|the way)\b|\bthat that\b"
        r"|\bis (?:is|was)\b|\b(?:that|about|is)\s*[.,;:!?]"
        # a copula whose predicate (an insult) went before the verb that follows: "our new router is keeps restarting"
        r"|\b(?:is|was|are|were) (?:keeps|gets|goes|does|says|takes|makes|wants|needs|seems|has)\b"
        # a rhetorical question said back as ours: "How that is ok.", "who does this."
        r"|\bhow (?:that|this|it) (?:is|was) (?:ok|okay|fair|right|allowed|legal|acceptable|possible)\b"
        r"|(?:^|[.,;!?]\s)\s*(?:honestly\s+)?(?:who|how) (?:does|did|is|would|could) (?:this|that|anyone)\b"
        # what was left of an insult: "…, the lot of them."; an answer left without its question: "that the
        # electrician did, now …"
        r"|,\s*the lot of (?:them|you)\s*[.!?]|\bthat (?:the|our|your) \w+ did\s*[,.;]"
        # our "us" as a subject: "the training us give our staff" (not "let us send", "help us do")
        r"|(?<!\blet )(?<!\bmake )(?<!\bmade )(?<!\bhelp )(?<!\bhelped )(?<!\bwatch )"
        r"\bus (?:give|provide|offer|sell|send|charge|say|tell)\b"
        # the frame before a verb whose subject is missing: "is that couldn't book online"
        r"|\b(?:is|sorry) that (?:can't|cannot|couldn't|didn't|haven't|hasn't|won't|wasn't)\b",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"\bque que\b|\b(?:es|fue) que lo que\b|\bde que que\b|\b(?:que|por)\s*[.,;:!?]"
        r"|\bmolest\w* (?:fue|fueron) (?:de|del|en|con|desde|hasta|para|por|sin)\b"  # "fue de los 4 cojines … venian"
        r"|\bmolest\w* (?:fue|fueron) \w+(?:ando|iendo)\b",  # "fue esperando un paquete"
        re.IGNORECASE,
    ),
    "he": re.compile(
        r"(?<![\w\"״'׳])ש\s|הוא ש-?מה ש|הוא ש-?זה ש|(?<![\w\"״'׳])ש[.,;:!?]"  # not סופ"ש.
        # the customer's own lead-in said back inside ours: "…הוא שבך זה ש…", "…הוא שהכי מתסכל זה ש…"
        r"|(?<![\w])ש(?:בך|לך|אותך)\s+זה\s+ש|(?<![\w])ש?הכי\s+(?!הפריע\s+לך\s+הוא|הטריד\s+אותך\s+הוא)\S+"
        r"(?:\s+(?:אותך|לך|בך))?\s+(?:זה|הוא)\s+ש"
        r"|מה\s+ש(?:באמת|ממש|בעיקר)\s+\S+\s+(?:אותך|לך|בך)\s+(?:זה|הוא)\s+ש"
        r"|(?<![\w])ו?ששל(?![\w])"  # "ש" + "של": what "של" belonged to went ("ששל עבודה")
        r"|(?<![\w])של(?:ה[א-ת]{3,4}|[א-ת]{3}ות)(?![\w])"  # "ש" + an infinitive: "שלחכות", "שלהחזיר"
        r"|(?<![\w])(['\"״׳])\1(?![\w])"  # the quotes an insult stood in, left empty: "קראה לך ''"
    ),
}
_BROKEN_APOLOGY: dict[str, re.Pattern[str]] = {
    "es": re.compile(
        r"\bdisculpas por (?:de|del|en|con|desde|hasta|para|por|sin|a|al|que)\b|\bdisculpas por \w+(?:ando|iendo)\b"
    ),
}
"""An apology "for" what is no noun: "Le pedimos disculpas por de los 4 cojines …", "por esperando un paquete"."""
_FRAME_VERB: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\bbother", re.IGNORECASE),
    "es": re.compile(r"\bmolest", re.IGNORECASE),
    "he": re.compile(r"הפריע"),
}
"""The verb of the restatement's frame: said twice in its first sentence, the frame swallowed a lead-in."""

_ACRONYMS = frozenset(
    """
    UPS DHL DPD TNT USPS ATM CEO USA VAT GPS SMS PDF FAQ HVAC DIY IVA DNI NIF NIE OK TV WIFI IKEA BMW FEDEX ETA HR
    USD EUR GBP NIS ILS MXN ARS COP CLP PIN SIM LED CCTV HTML URL API RSVP FYI LLC LTD INC NYC PST EST GMT AM PM
    SL SA CDMX ABS IKEA AVE RENFE SEUR MRW GLS CTT OTP BBQ XL XXL KG USB HDMI SSD GB MB TB MOT ICO NHS DVLA HMRC FCA
    ISP BBC ITV DGT PVP TPV IBAN ADSL SAT OCU OXXO CIF AEPD SERNAC
    AUD CAD NZD INR JPY CHF ZAR SGD HKD AED CQC CMA FTC CFPB BBB ACCC ASIC NHS GP A&E
""".split()
)
_SHOUTING = re.compile(r"\b[A-ZÁÉÍÓÚÑÜ]{3,}\b|!!")

_INSULTS: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(?i:idiots?|idiotic|stupid|morons?|moronic|dumb|useless|incompetent|clowns?|jokers?|crap|crappy|shit\w*"
        r"|bullshit|damn|goddamn|f+u+c+k\w*|fk|wtf|arse|ass|asshole|bastards?|scum|pathetic|losers?|muppets?|cowboys?"
        r"|thie(?:f|ves)|crooks?|liars?|rubbish|garbage|trash|lazy|imbeciles?|halfwits?|amateurs?|hopeless|a\s+joke"
        r"|sucks?)\b"
    ),  # "a bunch of idiots" is caught by its noun; "a bunch of charges" is no insult
    "es": re.compile(
        r"\b(?i:idiotas?|imb[eé]ciles?|est[uú]pid[oa]s?|in[uú]til(?:es)?|incompetentes?|mierda|maldit[oa]s?|payas[oa]s?"
        r"|ladr[oó]n(?:es)?|ladronas?|sinverg[uü]enzas?|ca[bv]rones?|pendejos?|gilipollas|tont[oa]s?|burros?|vag[oa]s?"
        r"|chapuc(?:er[oa]s?|as?)|basura|estafadores?|mentiros[oa]s?|joder|carajo|co[ñn]o|putos?|putas?|pat[eé]tic[oa]s?"
        r"|desastre|irresponsables?|una\s+verg[uü]enza|de\s+risa|una\s+broma"
        r"|manda\s+(?:huevos|narices|cojones)|a\s+qui[eé]n\s+se\s+le\s+ocurre)\b"  # exasperation, never ours
    ),
    "he": re.compile(
        rf"(?<![\w])(?![{_HEBREW_PREFIXES}]?מ?שקו(?:ף|פה|פים|פות)(?![\w]))"  # שקוף, משקוף: no monkey
        rf"[{_HEBREW_PREFIXES}]{{0,3}}(?:אידיוט\w*|מטומטמ\w*|מטומטם|דביל\w*|חרא|אפסים|אפס|חמור\w*|גנב\w*|נוכל\w*"
        r"|רמאי\w*|מפגר\w*|טמבל\w*|זבל|מזדיי\w*|מניאק\w*|סתומ\w*|סתום|עלוב\w*|חסר(?:י|ת)?\s+תועלת|חצופ\w*|חוצפ\w*"
        r"|בושה|פאתטי\w*|שקרנ\w*|שקרן|כלומניק\w*|בזיון|חארות|פראייר\w*|בהמה|בהמות|קוף|קופים|לוזר\w*|פושע\w*)(?![\w])"
        # a person called disgusting, and sarcastic praise said back in our voice ("איזה יופי", "כל הכבוד")
        r"|(?<![\w])(?:פקיד|מלצר|נהג|נציג|מוכר|שליח|טכנאי|עובד|מנהל|קופאי)(?:ה|ת|ים|ות)?\s+מגעיל\w*"
        r"|(?<![\w])(?:איזה\s+(?:יופי|כיף)|כל\s+הכבוד|(?:שירות|ממש)\s+(?:מעולה|מצוין)|תודה\s+(?:רבה|על\s+ה))"
        r"|(?:(?<=\. )|(?<=ש-))[a-z]+(?:\s+[a-z]+)*(?=[.!?])"  # an English outburst said back: "ש-shame on you."
    ),
}

_FACTS = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail
    r"|#?\b[A-Za-z]{1,6}-?\d[\w-]*"  # references: A-1234, #55120, ORD7781
    r"|\d+(?:[.,:/]\d+)*"  # numbers, amounts, times, dates
)
_NAME = re.compile(r"(?<=[a-záéíóúñü,;] )[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+")
_DIGITS = re.compile(r"\d+")


def _names(text: str, lang: str) -> list[str]:
    """Capitalised words in mid-sentence (after a lower-case word): names, in English and Spanish."""
    return _NAME.findall(text) if lang in ("en", "es") else []


_THREATS: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(?:report(?:ing)?\s+(?:you|this|it|them)|court|lawyers?|solicitors?|sue|suing|small\s+claims|reviews?"
        r"|chargeback|ombudsman|trading\s+standards|regulator|the\s+press|social\s+media)\b",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"\b(?:denunci\w*|demand(?:o|ar[eé]?|aremos)|abogad\w*|juzgad\w*|tribunal\w*|rese[nñ]\w*|queja\s+ante"
        r"|consumo|profeco|sernac|indecopi|ocu|facua|redes\s+sociales|contracargo)\b",
        re.IGNORECASE,
    ),
    "he": re.compile(r"עורך\s*דין|עו[\"״]ד|תביעה|בית\s+משפט|ביקורת|גוגל|פייסבוק|הרשות|הגנת\s+הצרכן|חיוב\s+חוזר"),
}
"""A clause the customer threatens in (a lawyer, a regulator, reviews): what they will do, not what bothered them."""
_CLAUSES = re.compile(r"(?<=[.!?;])\s+|,\s+|\s+(?:and|or|y|e|o|או)\s+")


def answer_facts(text: str, lang: str) -> list[str]:
    """The facts a restatement must keep: numbers, references, addresses and names, except those that stand only
    in a threat ("ante el Banco de España", "on Google"): the restatement leaves the threat out, so its names go."""
    complaint: list[str] = []
    threats: list[str] = []
    for clause in _CLAUSES.split(text):
        (threats if _THREATS[lang].search(clause) else complaint).append(clause)
    in_threats = set(_facts_in(" ".join(threats), lang)) - set(_facts_in(" ".join(complaint), lang))
    return list(dict.fromkeys(fact for fact in _facts_in(text, lang) if fact not in in_threats))


def _facts_in(text: str, lang: str) -> list[str]:
    return [*_FACTS.findall(text), *_names(text, lang)]


def _outside_typed_quotes(ours: str, answer: str) -> str:
    """Our text without the quoted speech the customer typed themselves (kept as they wrote it)."""
    for quoted in re.findall(r'"[^"\n]+"|“[^”\n]+”|«[^»\n]+»|„[^“”\n]+[“”]', answer):
        ours = ours.replace(quoted, " ")
    return ours


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]


@dataclass(frozen=True)
class Answer:
    id: str
    text: str
    category: str
    tone: str
    restatement: str | None = None
    apology: str | None = None


@dataclass
class Tally:
    """What one language's answers of one set came to."""

    answers: int = 0
    leftovers: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    echoes: list[str] = field(default_factory=list)
    facts: int = 0
    facts_kept: int = 0
    lost_facts: list[str] = field(default_factory=list)
    invented: list[str] = field(default_factory=list)
    categories_right: int = 0
    wrong_categories: list[str] = field(default_factory=list)
    angry: int = 0
    angry_read: int = 0
    missed_angry: list[str] = field(default_factory=list)
    goldens: int = 0
    goldens_matched: int = 0
    golden_misses: list[str] = field(default_factory=list)
    milliseconds: list[float] = field(default_factory=list)


def check(answer: Answer, lang: str, tally: Tally) -> None:
    """Run the engine on one answer as the page does, and tally what a careful reader would flag."""
    start = time.perf_counter()
    category = classify("", answer.text, lang)
    tone = read_tone(answer.text, lang)
    restated = restate(answer.text, lang, "main")
    apology = apologise.__wrapped__(category, answer.text, lang)  # uncached
    tally.milliseconds.append((time.perf_counter() - start) * 1000)
    tally.answers += 1
    label = f"{answer.id}: {answer.text!r}\n      restated: {restated!r}\n      apology:  {apology!r}"
    ours = _outside_typed_quotes(f"{restated} {apology}", answer.text)
    if _FIRST_PERSON[lang].search(ours):
        tally.leftovers.append(f"{label}\n      leftover: {_FIRST_PERSON[lang].findall(ours)}")
    if any(
        _outside_typed_quotes(said, answer.text).count(mark) > answer.text.count(mark)
        for said in (restated, apology)
        for mark in _QUOTE_MARKS
    ) or (len(answer.text) > 20 and f": {answer.text.strip()[:20]}" in ours):
        tally.quotes.append(label)
    if (
        _BROKEN[lang].search(restated)
        or len(_FRAME_VERB[lang].findall(_first_sentence(restated))) > 1
        or (lang in _BROKEN_APOLOGY and _BROKEN_APOLOGY[lang].search(apology))
    ):
        tally.broken.append(label)
    references = {word for fact in _FACTS.findall(answer.text) for word in re.findall(r"[A-Z]+", fact)}
    shouted = [word for word in _SHOUTING.findall(ours) if word not in _ACRONYMS and word not in references]
    insults = [match.group() for match in _INSULTS[lang].finditer(ours)]
    if shouted or insults:
        tally.echoes.append(f"{label}\n      echoed: {shouted + insults}")
    facts = answer_facts(answer.text, lang)
    lost = [fact for fact in facts if fact not in restated]
    tally.facts += len(facts)
    tally.facts_kept += len(facts) - len(lost)
    if lost:
        tally.lost_facts.append(f"{label}\n      lost: {lost}")
    invented = set(_DIGITS.findall(f"{restated} {apology}")) - set(_DIGITS.findall(answer.text))
    if invented:
        tally.invented.append(f"{label}\n      invented: {sorted(invented)}")
    if str(category) == answer.category:
        tally.categories_right += 1
    else:
        tally.wrong_categories.append(f"{answer.id}: {answer.text!r}: {category}, labelled {answer.category}")
    if answer.tone == "angry":
        tally.angry += 1
        if str(tone) == "angry":
            tally.angry_read += 1
        else:
            tally.missed_angry.append(f"{answer.id}: {answer.text!r}: read as {tone}")
    if answer.restatement is not None or answer.apology is not None:
        tally.goldens += 1
        if restated == answer.restatement and apology == answer.apology:
            tally.goldens_matched += 1
        else:
            tally.golden_misses.append(
                f"{label}\n      approved: {answer.restatement!r}\n                {answer.apology!r}"
            )


def load(path: Path) -> list[Answer]:
    if not path.exists():
        return []
    fields = Answer.__dataclass_fields__
    with path.open(encoding="utf-8") as lines:
        return [
            Answer(**{key: value for key, value in json.loads(line).items() if key in fields})
            for line in lines
            if line.strip()
        ]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


Goal = tuple[str, Callable[[Tally], str], Callable[[Tally], bool], Callable[[Tally], Iterable[str]]]
GOALS: tuple[Goal, ...] = (
    ("leftovers", lambda t: str(len(t.leftovers)), lambda t: not t.leftovers, lambda t: t.leftovers),
    ("quotes", lambda t: str(len(t.quotes)), lambda t: not t.quotes, lambda t: t.quotes),
    ("broken", lambda t: str(len(t.broken)), lambda t: not t.broken, lambda t: t.broken),
    ("echoes", lambda t: str(len(t.echoes)), lambda t: not t.echoes, lambda t: t.echoes),
    (
        "facts",
        lambda t: f"{_ratio(t.facts_kept, t.facts):.0%}",
        lambda t: t.facts_kept == t.facts,
        lambda t: t.lost_facts,
    ),
    ("invented", lambda t: str(len(t.invented)), lambda t: not t.invented, lambda t: t.invented),
    (
        "category",
        lambda t: f"{_ratio(t.categories_right, t.answers):.2f}",
        lambda t: _ratio(t.categories_right, t.answers) >= GOAL_CATEGORY,
        lambda t: t.wrong_categories,
    ),
    (
        "angry",
        lambda t: f"{_ratio(t.angry_read, t.angry):.2f}",
        lambda t: _ratio(t.angry_read, t.angry) >= GOAL_ANGRY_RECALL,
        lambda t: t.missed_angry,
    ),
    ("p50ms", lambda t: f"{statistics.median(t.milliseconds):.2f}", lambda t: True, lambda t: ()),
    (
        "p99ms",
        lambda t: f"{_percentile(t.milliseconds, 0.99):.2f}",
        lambda t: _percentile(t.milliseconds, 0.99) < GOAL_MS,
        lambda t: (),
    ),
)


def report(lang: str, name: str, tally: Tally, show: bool) -> bool:
    """One line of figures, one of goals; True when every goal is met."""
    cells = "  ".join(f"{title} {figure(tally):>5}" for title, figure, _, _ in GOALS)
    golden = f"  goldens {tally.goldens_matched}/{tally.goldens}" if tally.goldens else ""
    print(f"{lang} {name:<7} {tally.answers:>4} answers  {cells}{golden}")
    missed = [title for title, _, met, _ in GOALS if not met(tally)]
    print(f"{lang} {name:<7} goals: {'met' if not missed else 'missed: ' + ', '.join(missed)}")
    if show:
        for title, _, met, details in GOALS:
            for detail in details(tally) if not met(tally) else ():
                print(f"   [{title}] {detail}")
        for detail in tally.golden_misses:
            print(f"   [golden] {detail}")
    return not missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=SUPPORTED_LANGUAGES, action="append", help="only this language (repeatable)")
    parser.add_argument("--set", choices=("corpus", "unseen", "both"), default="both", dest="which")
    parser.add_argument("--show", action="store_true", help="list the answers behind every miss")
    parser.add_argument("--quick", type=int, default=0, metavar="N", help="only the first N answers of each file")
    parser.add_argument(
        "--ids",
        default="",
        metavar="PREFIX",
        help="only the answers whose id starts with PREFIX (one batch, e.g. en-w-)",
    )
    parser.add_argument(
        "--dir",
        type=Path,
        metavar="FOLDER",
        help="measure FOLDER/<lang>.jsonl instead, e.g. a blind set kept outside the repository",
    )
    args = parser.parse_args(argv)
    sets = {"corpus": CORPUS, "unseen": CORPUS / "unseen"}
    names = ("corpus", "unseen") if args.which == "both" else (args.which,)
    if args.dir:
        sets, names = {args.dir.name: args.dir}, (args.dir.name,)
    verdicts: list[bool] = []
    for lang in args.lang or SUPPORTED_LANGUAGES:
        for name in names:
            answers = load(sets[name] / f"{lang}.jsonl")
            answers = [answer for answer in answers if answer.id.startswith(args.ids)]
            if args.quick:
                answers = answers[: args.quick]
            if not answers:
                print(f"{lang} {name:<7} no answers ({sets[name] / f'{lang}.jsonl'} is missing)")
                verdicts.append(False)
                continue
            tally = Tally()
            check(answers[0], lang, Tally())  # a page's process compiles each language's cues once, before timing
            for answer in answers:
                check(answer, lang, tally)
            verdicts.append(report(lang, name, tally, args.show))
    print(f"conversation: {sum(verdicts)} of {len(verdicts)} language sets meet every goal")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
