"""How far the Hebrew person rules agree with hspell, Debian's Hebrew morphological analyser (a check by hand).

    apt-get install hspell && .venv/bin/python benchmarks/hebrew_hspell.py [corpus.jsonl ...]

For every Hebrew word of the corpus, hspell's analyses (``hspell -l``) say whether it can be a past-tense verb in
the first person singular (שילמתי), first person plural (חיכינו) or second person plural (שלחתם); the rules of
``portal.conversation.hebrew_morphology`` say whether they turn it as one. The words where the two differ are
printed. hspell is only run here, never shipped or imported: it is AGPL-3 (see the module's docstring).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from portal.conversation.hebrew_morphology import swap_person, swap_pronoun

ROOT = Path(__file__).resolve().parents[1]
PERSONS = {",1,יחיד": "1s", ",1,רבים": "1p", ",2,רבים": "2p"}


def corpus_words(paths: list[Path]) -> list[str]:
    words: set[str] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                words |= set(re.findall(r"[א-ת]+", json.loads(line)["text"]))
    return sorted(words)


def hspell_persons(words: list[str]) -> dict[str, set[str]]:
    """Each word hspell knows, with the past-tense persons it can be ("other" for any other reading)."""
    output = subprocess.run(
        ["hspell", "-l"], input="\n".join(words).encode("iso-8859-8"), capture_output=True, check=False
    ).stdout.decode("iso-8859-8")
    persons: dict[str, set[str]] = {}
    word = ""
    for line in output.splitlines():
        if match := re.match(r"(?:מילה חוקית|צירוף חוקי): (\S+)", line):
            word = match.group(1).replace("+", "")
            persons.setdefault(word, set())
        elif line.startswith("\t") and word:
            analysis = line.strip()
            verb = "(פ," in analysis and "עבר" in analysis and "כינוי" not in analysis
            person = next((tag for key, tag in PERSONS.items() if key in analysis), None) if verb else None
            persons[word].add(person or ("other" if not verb or "כינוי" in analysis else "3"))
    return persons


def rule_person(word: str) -> str | None:
    """The person the rules read the word as, if they turn it as a past-tense verb."""
    swapped = None if swap_pronoun(word) is not None else swap_person(word)
    if swapped is None:
        return None
    if word.endswith("תי") and swapped == word[:-1]:
        return "1s"
    if word.endswith("נו") and swapped.endswith("תם"):
        return "1p"
    return "2p" if word.endswith("תם") else None


def main(paths: list[Path]) -> int:
    if shutil.which("hspell") is None:
        print("hspell is not installed: apt-get install hspell")
        return 2
    words = corpus_words(paths)
    known = hspell_persons(words)
    agree = differ = 0
    for word in words:
        if word not in known:
            continue
        ours, theirs = rule_person(word), known[word] & set(PERSONS.values())
        if (ours is None and not theirs) or ours in theirs:
            agree += 1
        else:
            differ += 1
            print(f"{word}: rules {ours or '-'}, hspell {' '.join(sorted(known[word]))}")
    print(
        f"{len(words)} words, {len(words) - len(known)} unknown to hspell; of the rest the rules agree on {agree}, "
        f"differ on {differ}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main([Path(arg) for arg in sys.argv[1:]] or [ROOT / "benchmarks" / "corpus" / "he.jsonl"]))
