"""Regenerate portal/conversation/spanish_verbs.txt, the Spanish conjugation table the conversation uses.

    .venv/bin/uv pip install --python .venv/bin/python '.[lexicon]'
    .venv/bin/python scripts/spanish_verbs.py

Where the data comes from, and why (see also portal/conversation/spanish_verbs.py):
- verbecc (LGPL-3.0 code) ships Verbiste's Spanish tables (GPL-2.0-or-later, corrected by verbecc's author): 9,700
  verbs, each naming one of about 400 conjugation templates. On 350 hand-checked forms of 50 common and
  irregular verbs it made no mistake (spanishconjugator got 137 wrong and prints mojibake; mlconjug3 carries an
  older copy of the same tables and its model no longer loads with current scikit-learn). verbecc itself is far
  too heavy to import at run time (10 s, 90 MB, scikit-learn), so its XML is read here and only what the
  conversation needs is written out: the templates' endings and the verbs that name them.
- wordfreq (Apache-2.0 code, CC BY-SA 4.0 data) keeps the verbs customers actually use (Zipf frequency of the
  infinitive, the preterite or the participle at least MIN_ZIPF; not the present, where "mesa" would keep
  "mesar"): a rare verb would only make more nouns look like verbs.
- simplemma (MIT) marks the verb forms whose likelier reading is a noun or an adjective ("pago", "cobro",
  "espera"): the conversation reads those as verbs only where the sentence says so.

The output is deterministic: the same library versions give the same file.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import sys
from pathlib import Path
from xml.etree import ElementTree

import simplemma
from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "portal/conversation/spanish_verbs.txt"
MIN_ZIPF = 2.0

TENSES: tuple[tuple[str, str], ...] = (
    ("Indicativo", "presente"),
    ("Indicativo", "pretérito-imperfecto"),
    ("Indicativo", "pretérito-perfecto-simple"),
    ("Indicativo", "futuro"),
    ("Condicional", "presente"),
    ("Subjuntivo", "presente"),
    ("Subjuntivo", "pretérito-imperfecto-1"),
    ("Subjuntivo", "pretérito-imperfecto-2"),
    ("Imperativo", "afirmativo"),
    ("Infinitivo", "infinitivo"),
    ("Gerundio", "gerundio"),
    ("Participo", "participo"),
)
"""The slots written out, in this order: six persons for each simple tense, five for the imperative, one each
for the infinitive, the gerund and the participle (spanish_verbs.py names them)."""


def _data_dir() -> Path:
    """verbecc's data folder, found without importing verbecc (which loads scikit-learn)."""
    spec = importlib.util.find_spec("verbecc")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("verbecc is not installed: .venv/bin/uv pip install --python .venv/bin/python '.[lexicon]'")
    return Path(next(iter(spec.submodule_search_locations))) / "data/xml"


def read_templates() -> dict[str, list[str]]:
    """Template name -> the endings of every slot in TENSES order; alternatives joined by "/"."""
    tree = ElementTree.parse(_data_dir() / "conjugations/conjugations-es.xml")
    templates: dict[str, list[str]] = {}
    for template in tree.getroot():
        endings: list[str] = []
        for mood, tense in TENSES:
            persons = template.findall(f"{mood}/{tense}/p")
            expected = 5 if mood == "Imperativo" else (6 if mood in ("Indicativo", "Condicional", "Subjuntivo") else 1)
            if len(persons) != expected:
                raise SystemExit(f"template {template.get('name')}: {mood}/{tense} has {len(persons)} persons")
            endings.extend("/".join((item.text or "") for item in person.findall("i")) for person in persons)
        templates[template.get("name", "")] = endings
    return templates


def read_verbs() -> dict[str, str]:
    """Infinitive -> template name, for every verb verbecc knows."""
    text = (_data_dir() / "verbs/verbs-es.xml").read_text(encoding="utf-8")
    return dict(re.findall(r"<v><i>([^<]+)</i>\s*<t>([^<]+)</t></v>", text))


def forms(infinitive: str, template: str, endings: list[str]) -> list[str]:
    suffix = template.partition(":")[2]
    radical = infinitive[: len(infinitive) - len(suffix)]
    return [radical + ending.split("/")[0] if ending else "" for ending in endings]


def main() -> int:
    templates = read_templates()
    verbs = read_verbs()
    chosen: dict[str, str] = {}
    nounlike: set[str] = set()
    by_use = sorted(verbs.items(), key=lambda item: (-zipf_frequency(item[0], "es"), item[0]))
    for infinitive, template in by_use:  # commonest first: "siento" is sentir's before sentar's
        if template not in templates or infinitive.endswith("se"):
            continue
        conjugated = forms(infinitive, template, templates[template])
        common = (infinitive, conjugated[14], conjugated[-1])  # 3sg preterite, participle: no noun-like present
        if max(zipf_frequency(form, "es") for form in common if form) < MIN_ZIPF:
            continue
        chosen[infinitive] = template
        for form in (conjugated[0], conjugated[2]):  # 1sg and 3sg present: "pago", "espera"
            lemma = simplemma.lemmatize(form, lang="es") if form else infinitive
            if lemma != infinitive and lemma not in verbs:
                nounlike.add(form)
    used = sorted(set(chosen.values()))
    lines = [
        "# Spanish conjugation, generated by scripts/spanish_verbs.py from verbecc "
        f"{importlib.metadata.version('verbecc')}"
        " (its Verbiste tables, GPL-2.0-or-later),",
        "# wordfreq and simplemma. Do not edit: run the script. Read by portal/conversation/spanish_verbs.py.",
        "# T <template> <ending of each slot, comma-separated, alternatives split by />;",
        "# V <infinitive>=<template number>,",
        "# commonest verb first;",
        "# N <forms more often read as nouns or adjectives>",
        *(f"T {name} {','.join(templates[name])}" for name in used),
        "V " + " ".join(f"{infinitive}={used.index(template)}" for infinitive, template in chosen.items()),
        "N " + " ".join(sorted(nounlike)),
        "",
    ]
    OUTPUT.write_text("\n".join(lines), encoding="utf-8")
    print(
        f"{OUTPUT.relative_to(ROOT)}: {len(chosen)} verbs, {len(used)} templates, {len(nounlike)} noun-like forms, "
        f"{OUTPUT.stat().st_size // 1024} KiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
