import pytest

from portal.i18n import choose_language, from_accept_language, is_rtl, supported, translator


@pytest.mark.parametrize(
    "tag, language",
    [
        ("es", "es"),
        ("es-MX", "es"),
        ("HE", "he"),
        ("he_IL", "he"),
        ("iw", "he"),
        ("en-GB", "en"),
        ("fr", None),
        ("", None),
        (None, None),
        ("x-klingon", None),
        ("../../etc", None),
    ],
)
def test_language_tags_map_to_what_we_support(tag, language):
    assert supported(tag) == language


@pytest.mark.parametrize(
    "header, language",
    [
        ("es-ES,es;q=0.9,en;q=0.8", "es"),
        ("fr-FR,fr;q=0.9,he;q=0.8,en;q=0.5", "he"),
        ("en;q=0.2, es;q=0.7", "es"),
        ("de, fr", None),
        ("es;q=0", None),
        ("garbage;;q=x", None),
        (None, None),
    ],
)
def test_the_browser_language_honours_preferences(header, language):
    assert from_accept_language(header) == language


def test_language_comes_from_invite_then_link_then_browser_then_business():
    browser = "es-ES,es;q=0.9"
    assert choose_language(invite="he", link_param="es", accept_language=browser, default="en") == "he"
    assert choose_language(invite=None, link_param="he", accept_language=browser, default="en") == "he"
    assert choose_language(invite=None, link_param="zz", accept_language=browser, default="en") == "es"
    assert choose_language(invite=None, link_param=None, accept_language="de", default="es") == "es"
    assert choose_language(invite=None, link_param=None, accept_language=None, default="fr") == "en"


def test_english_is_the_source_and_hebrew_reads_right_to_left():
    assert translator("en")("Your story") == "Your story"
    assert is_rtl("he") and not is_rtl("es") and not is_rtl("en")
