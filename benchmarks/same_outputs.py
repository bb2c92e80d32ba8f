"""Does the conversation engine still say exactly what it said? Outputs of an earlier commit against this tree.

Run from the project's root: ``.venv/bin/python benchmarks/same_outputs.py [--against REV] [--set both]``. A speed
change must leave every output byte-identical: for each answer of the kept corpus (and, with ``--set unseen`` or
``both``, of the blind set) and each story ``engine.py`` times, both engines restate it (both kinds), paraphrase it,
apologise for it (under every category, and as an "anything else" item), classify it (as the story and as what
bothered them most) and read its tone, with the page in each language. The engine of ``--against`` (default: where
this branch left ``main``) is taken from git into a temporary folder; each engine runs in a process of its own.

What it prints is only whether the outputs are identical and how many differ. For the kept corpus it also names the
answers that differ (their id, the call, both outputs), which anyone working on the engine may read. For the blind
set (``corpus/unseen/``) nothing of an answer is printed or kept: each output is reduced to a digest in the child
process, and only the count of differing digests is printed, so that the set stays blind.

Exits 0 when every output is identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / "corpus"
LANGUAGES = ("en", "es", "he")
CATEGORIES = ("lateness", "billing", "quality", "damage", "staff", "missing_item", "delivery", "communication", "other")

Outputs = dict[str, str]
"""One engine's outputs: a key (where the text came from and which call) to what the call returned."""


def _answers(which: str) -> Iterator[tuple[str, str, str]]:
    """(key, text, language) of every answer of the set, read line by line."""
    folder = CORPUS if which == "corpus" else CORPUS / "unseen"
    for lang in LANGUAGES:
        for path in sorted(folder.glob(f"{lang}*.jsonl")):
            with path.open(encoding="utf-8") as lines:
                for number, line in enumerate(lines):
                    if line.strip():
                        yield f"{which}:{path.name}:{number}", json.loads(line)["text"], lang


def _call(function: Callable[..., object], *arguments: object) -> str:
    try:
        return str(function(*arguments))
    except Exception as error:  # noqa: BLE001  # a raise is an output too, and must stay the same
        return f"raised {type(error).__name__}: {error}"


def _answer_outputs(text: str, lang: str) -> Iterator[tuple[str, str]]:
    """Every call the pages make on one answer, with the page in each language."""
    import portal.conversation as conversation

    for page in LANGUAGES:
        category = _call(conversation.classify, "", text, page)
        yield f"{page}:classify-bothered", category
        yield f"{page}:classify-story", _call(conversation.classify, text, "", page)
        yield f"{page}:tone", _call(conversation.read_tone, text, page)
        yield f"{page}:restate", _call(conversation.restate, text, page, "main")
        yield f"{page}:restate-more", _call(conversation.restate, text, page, "more")
        yield f"{page}:paraphrase", _call(conversation.paraphrase, text, page)
        yield f"{page}:apology-more", _call(conversation.apologise_more.__wrapped__, text, page)
        for other in CATEGORIES if page == lang else (category,):
            yield f"{page}:apology-{other}", _call(conversation.apologise.__wrapped__, other, text, page)


def _engine_stories() -> Iterator[tuple[str, str, str, str]]:
    """(key, what happened, what bothered them most, language) of every story ``engine.py`` times."""
    spec = importlib.util.spec_from_file_location("_engine_benchmark", ROOT / "benchmarks" / "engine.py")
    assert spec is not None and spec.loader is not None
    engine = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(engine)
    for number, (story, bothered) in enumerate(engine.build_stories()):
        yield f"engine:en:{number}", story, bothered, "en"
    for lang, pool in engine.OTHER_LANGUAGES.items():
        for number, (story, bothered) in enumerate(engine.longest(pool, len(pool))):
            yield f"engine:{lang}:{number}", story, bothered, lang


def _story_outputs(story: str, bothered: str, lang: str) -> Iterator[tuple[str, str]]:
    """The calls ``engine.py`` times, as the customer page makes them."""
    import portal.conversation as conversation

    category = _call(conversation.classify, story, bothered, lang)
    yield "classify", category
    yield "tone", _call(conversation.read_tone, f"{story}\n{bothered}", lang)
    yield "paraphrase", _call(conversation.paraphrase, bothered, lang)
    yield "apology", _call(conversation.apologise.__wrapped__, category, bothered, lang)
    yield "story-tone", _call(conversation.read_tone, story, lang)
    yield "story-restate", _call(conversation.restate, story, lang)


def dump(source: Path, which: str) -> Outputs:
    """Every output of the engine under ``source``; blind answers' outputs as digests only."""
    sys.path.insert(0, str(source))
    outputs: Outputs = {}
    for name in ("corpus", "unseen") if which == "both" else (which,):
        for key, text, lang in _answers(name):
            for call, said in _answer_outputs(text, lang):
                outputs[f"{key}:{call}"] = said if name == "corpus" else hashlib.sha256(said.encode()).hexdigest()
    for key, story, bothered, lang in _engine_stories():
        for call, said in _story_outputs(story, bothered, lang):
            outputs[f"{key}:{call}"] = said
    return outputs


def _run_child(source: Path, which: str, out: Path) -> None:
    subprocess.run(
        [sys.executable, __file__, "--dump", str(source), "--set", which, "--out", str(out)], check=True, cwd=ROOT
    )


def _checkout(rev: str, into: Path) -> Path:
    """The ``portal`` package as it was at ``rev``, unpacked under ``into``."""
    archive = subprocess.run(["git", "archive", rev, "portal"], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def compare(before: Outputs, after: Outputs) -> int:
    """Print how many outputs differ per set (naming the kept corpus's); return the count."""
    differing = 0
    for name in ("corpus", "unseen", "engine"):
        keys = sorted(key for key in before.keys() | after.keys() if key.startswith(f"{name}:"))
        if not keys:
            continue
        changed = [key for key in keys if before.get(key) != after.get(key)]
        differing += len(changed)
        print(
            f"{name}: {len(keys)} outputs compared, {len(changed)} differ "
            f"({'identical' if not changed else 'NOT identical'})"
        )
        if name != "unseen":
            for key in changed[:40]:
                print(f"  {key}\n    before: {before.get(key)!r}\n    after:  {after.get(key)!r}")
    return differing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="", metavar="REV", help="the earlier engine (default: merge-base main)")
    parser.add_argument("--set", choices=("corpus", "unseen", "both"), default="corpus", dest="which")
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.dump is not None:
        args.out.write_text(json.dumps(dump(args.dump, args.which)), encoding="utf-8")
        return 0
    rev = (
        args.against
        or subprocess.run(
            ["git", "merge-base", "main", "HEAD"], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout.strip()
    )
    with tempfile.TemporaryDirectory() as folder:
        base = _checkout(rev, Path(folder) / "base")
        _run_child(base, args.which, Path(folder) / "before.json")
        _run_child(ROOT, args.which, Path(folder) / "after.json")
        before = json.loads((Path(folder) / "before.json").read_text(encoding="utf-8"))
        after = json.loads((Path(folder) / "after.json").read_text(encoding="utf-8"))
    print(f"against {rev[:12]}:")
    return 1 if compare(before, after) else 0


if __name__ == "__main__":
    sys.exit(main())
