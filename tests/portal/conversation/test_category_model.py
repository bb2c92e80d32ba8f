"""The learned category model: what it keeps, what it ranks first, and where classify listens to it."""

import subprocess
import sys
from pathlib import Path

import pytest

from portal.conversation import Category, _language, classify
from portal.conversation.category_model import (
    DATA,
    Model,
    Settings,
    count,
    cues_spoke,
    features,
    models,
    parse,
    weighed,
)
from portal.conversation.scoring import decide

ROOT = Path(__file__).resolve().parents[3]

# Written for this test, not taken from the corpus: one plain answer per category and language.
CLEAR = {
    "en": {
        Category.LATENESS: "the fitter turned up three hours after the slot we were given",
        Category.BILLING: "you took the payment twice from my card and the receipt shows a different price",
        Category.QUALITY: "the new tap drips constantly and the grout is already cracking, shoddy workmanship",
        Category.DAMAGE: "your men scratched the wooden floor and chipped the paint on the banister",
        Category.STAFF: "the woman at the desk was sarcastic and spoke to me as if I were stupid",
        Category.MISSING_ITEM: "the box came without the charger and one of the two lamps was not in it",
        Category.DELIVERY: "the courier left my parcel at the wrong address and tracking says delivered",
        Category.COMMUNICATION: "I emailed four times and phoned twice and nobody ever got back to me",
        Category.OTHER: "the car park next to your shop was full and the lift was out of order",
    },
    "es": {
        Category.LATENESS: "el técnico llegó tres horas tarde y estuve toda la mañana esperando",
        Category.BILLING: "me cobraron dos veces en la tarjeta y la factura tiene un importe distinto",
        Category.QUALITY: "el grifo nuevo gotea y la pintura ya se está cayendo, un trabajo muy mal hecho",
        Category.DAMAGE: "los operarios rayaron el suelo de madera y rompieron un jarrón",
        Category.STAFF: "la dependienta fue muy borde y me habló con desprecio delante de todos",
        Category.MISSING_ITEM: "en la caja faltaba el cargador y solo venía una de las dos lámparas",
        Category.DELIVERY: "el repartidor dejó el paquete en otra dirección y el seguimiento dice entregado",
        Category.COMMUNICATION: "mandé cuatro correos y llamé dos veces y nadie me contestó nunca",
        Category.OTHER: "el aparcamiento de al lado estaba lleno y el ascensor no funcionaba",
    },
    "he": {
        Category.LATENESS: "הטכנאי הגיע שלוש שעות אחרי השעה שקבענו וחיכיתי כל הבוקר",
        Category.BILLING: "חייבו אותי פעמיים בכרטיס האשראי והחשבונית עם סכום אחר",
        Category.QUALITY: "הברז החדש מטפטף והצבע כבר מתקלף, עבודה גרועה",
        Category.DAMAGE: "הפועלים שרטו את הפרקט ושברו לי אגרטל",
        Category.STAFF: "המוכרת הייתה חצופה ודיברה אליי בזלזול מול כולם",
        Category.MISSING_ITEM: "בקופסה היה חסר המטען והגיעה רק מנורה אחת מתוך שתיים",
        Category.DELIVERY: "השליח השאיר את החבילה בכתובת אחרת ובמעקב כתוב שנמסרה",
        Category.COMMUNICATION: "שלחתי ארבעה מיילים והתקשרתי פעמיים ואף אחד לא חזר אליי",
        Category.OTHER: "החניה ליד החנות הייתה מלאה והמעלית לא עבדה",
    },
}


def _best(probabilities: dict[Category, float]) -> Category:
    return max(probabilities, key=probabilities.__getitem__)


@pytest.mark.parametrize(
    "lang, category, text",
    [
        pytest.param(lang, category, text, id=f"{lang}-{category}")
        for lang, answers in CLEAR.items()
        for category, text in answers.items()
    ],
)
def test_a_clear_answer_ranks_its_category_first(lang: str, category: Category, text: str) -> None:
    assert _best(models()[lang].probabilities(text)) is category


def test_the_same_text_always_gets_the_same_probabilities() -> None:
    text = CLEAR["es"][Category.DAMAGE]
    fresh = Model.from_counts("es", parse(DATA.read_text(encoding="utf-8"))["es"])
    assert fresh.probabilities(text) == models()["es"].probabilities(text) == models()["es"].probabilities(text)


def test_a_feature_fewer_answers_hold_than_the_minimum_is_not_kept() -> None:
    answers = [
        ("zebra crossing", Category.DELIVERY),
        ("a zebra ate it", Category.OTHER),
        ("late late late", Category.LATENESS),
        ("so late", Category.LATENESS),
        ("late again", Category.LATENESS),
    ]
    _, kept = count(answers, "en", Settings(min_answers=3))
    assert "w:late" in kept and kept["w:late"][0] == 5  # three answers hold it: kept, every occurrence counted
    assert not any("zeb" in feature for feature in kept)  # two answers only: "zebra" and its pieces are gone
    _, looser = count(answers, "en", Settings(min_answers=2))
    assert "w:zebra" in looser


@pytest.mark.parametrize("lang", ["en", "es", "he"])
@pytest.mark.parametrize("text", ["", "qxzv kkwpt", "12345", "!!!"])
def test_words_the_model_never_saw_do_not_crash_it(lang: str, text: str) -> None:
    probabilities = models()[lang].probabilities(text)
    assert abs(sum(probabilities.values()) - 1) < 1e-9
    assert models()[lang].guess(text) is Category.OTHER


def test_features_follow_each_languages_normalisation() -> None:
    assert "w:llego" in features("LLEGÓ tarde", "es")  # accents folded, as customers often drop them
    assert "w:חבילה" in features("והחבילה", "he")  # the attached prefixes detached, as the cues detach them
    assert features("It was 45 minutes", "en") == features("it was 90 minutes", "en")  # any number is a number


def test_where_no_cue_speaks_a_sure_model_decides() -> None:
    text = "יש עכשיו שקע בדלת של הארון"  # "there is a dent in the wardrobe door now": no Hebrew cue names "שקע"
    assert not cues_spoke(_language("he").cues.totals("", text))
    assert classify("", text, "he") is Category.DAMAGE


@pytest.mark.parametrize("text", ["Hello", "table", "his mates were screaming and laughing"])
def test_an_unsure_or_unsupported_guess_leaves_other(text: str) -> None:
    assert not cues_spoke(_language("en").cues.totals("", text))
    assert classify("", text, "en") is Category.OTHER


def test_a_close_call_between_spanish_cues_is_the_models_to_settle() -> None:
    text = "el colchón nuevo ya está hundido y deformado"  # "hundido" reads damage, "deformado" quality, as much
    totals = _language("es").cues.totals("", text)
    assert totals[Category.DAMAGE] == totals[Category.QUALITY]
    assert classify("", text, "es") is Category.QUALITY  # the goods we sold are poor (LABELS.md: quality vs damage)


def test_a_clear_cue_lead_stands_whatever_the_model_says() -> None:
    sure_of_quality = {category: 0.0 for category in Category} | {Category.QUALITY: 1.0}
    clear = {Category.DAMAGE: 9.0, Category.QUALITY: 5.0}
    assert decide(weighed(clear, sure_of_quality, weight=6, margin=3)) is Category.DAMAGE
    assert decide(weighed(clear, sure_of_quality, weight=6)) is Category.QUALITY  # without a margin it may


def test_on_a_close_call_only_the_leaders_are_weighed() -> None:
    sure_of_billing = {category: 0.0 for category in Category} | {Category.BILLING: 0.6, Category.QUALITY: 0.4}
    close = {Category.DAMAGE: 9.0, Category.QUALITY: 7.0, Category.BILLING: 2.0}
    assert decide(weighed(close, sure_of_billing, weight=6, margin=3)) is Category.QUALITY  # billing was no leader


def test_the_shipped_counts_are_what_the_corpus_gives() -> None:
    checked = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_category_model.py"), "--check"],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
