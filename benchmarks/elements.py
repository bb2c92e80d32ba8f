#!/usr/bin/env python
"""What one more element costs a rerun: the bare script of benchmarks/steps.py, and the same script with one
element added, each kind the customer page uses, as served (benchmarks/_apptest.as_served).

    .venv/bin/python benchmarks/elements.py
    .venv/bin/python benchmarks/elements.py --runs 200

The scripts take turns with the bare one (benchmarks/_turns.py); each row is the median over the turns of
that script's time over the bare script's in the same turn. Also: the bare script run through
``st.navigation`` with one page, and with as many pages as ``app.py`` registers (hidden, as for a customer).
This is the floor under steps.py's figures: a step's elements cost at least the sum of their rows' excess.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages, however the script is started

import argparse
import os
import tempfile
from functools import partial

from benchmarks._apptest import as_served, quiet_missing_context
from benchmarks._turns import in_turns
from benchmarks.steps import BARE_SCRIPT, rerun, static_page
from portal.ui.navigation import STAFF_PAGES

LANGUAGES = '{"en": "English", "es": "Español", "he": "עברית"}'
# (what, the line added to the bare script), as the customer page writes them
ELEMENTS = [
    ("markdown (a step's header)", 'st.markdown(":gray[Step 1 of 5]\\n\\n### Your story")'),
    (
        "html (the page's styles and script)",
        'st.html("<style>textarea { unicode-bidi: plaintext; }</style><script>0</script>", unsafe_allow_javascript=True)',
    ),
    ("text (a paraphrase)", 'st.text("What bothered you most is that our mechanic was late.", width="stretch")'),
    (
        "selectbox (the language switch)",
        f'st.selectbox("Language", ["en", "es", "he"], format_func={LANGUAGES}.get, '
        'key="language", label_visibility="collapsed", width=150)',
    ),
    ("text area", 'st.text_area("What bothered you most?", key="bothered", height=100)'),
    ("number input (amount)", 'st.number_input("Amount", value=250.0, min_value=0.0, step=1.0, format="%.2f")'),
    ("date input", 'st.date_input("When did it happen?", value=None)'),
    (
        "file uploader (photos)",
        'st.file_uploader("Photos or documents", accept_multiple_files=True, type=["jpg", "png", "pdf"])',
    ),
    ("radio, four options (remedies)", 'st.radio("What would put this right?", ["a", "b", "c", "d"], index=None)'),
    ("button", 'st.button("Not quite")'),
]
NAVIGATED = """
import streamlit as st

held = st.session_state.setdefault("pages", [])
if not held:  # kept per session, as portal/ui/navigation.app_pages keeps them
    held.append(st.Page("bare.py", title="Amends", default=True))
    held.extend(st.Page(f"p{{n}}.py", title=f"Page {{n}}", url_path=f"p{{n}}", visibility="hidden") for n in range({more}))
st.navigation(held, position="hidden").run()
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=100, help="turns (the median is shown)")
    args = parser.parse_args()
    quiet_missing_context()
    pages = len(STAFF_PAGES) + 1
    with tempfile.TemporaryDirectory(prefix="amends-elements-") as name:
        folder = Path(name)
        for n in range(pages - 1):
            (folder / f"p{n}.py").write_text("import streamlit as st\n\nst.write('a staff page')\n")
        bare = static_page(folder, BARE_SCRIPT, "bare.py")
        rows = [
            (what, static_page(folder, BARE_SCRIPT + line + "\n", f"element{n}.py"))
            for n, (what, line) in enumerate(ELEMENTS)
        ]
        os.chdir(folder)  # st.Page resolves its file against the main script's folder
        rows += [
            (
                f"st.navigation, {count} page{'s' * (count > 1)}",
                static_page(folder, NAVIGATED.format(more=count - 1), f"navigated{count}.py"),
            )
            for count in (1, pages)
        ]
        with as_served():
            for _, page in rows:  # leave Streamlit's pages-folder mode, as a served app does on its first visit
                rerun(page)
            scripts = [rows[0][1], bare, *(page for _, page in rows[1:])]
            turns = in_turns([partial(rerun, page) for page in scripts], args.runs)
    print(
        f"\nOne element more than the bare script (title, text area, button: {turns.median_ms(1):.2f} ms), as served, "
        f"{args.runs} turns;\nratio: the median over the turns of the script's time over the bare script's\n"
    )
    print(f"{'added to the bare script':<40} {'ms':>6} {'ratio':>6}")
    print("-" * 54)
    for index, (what, _) in zip([0, *range(2, len(scripts))], rows, strict=True):
        print(f"{what:<40} {turns.median_ms(index):>6.2f} {turns.ratio(index):>5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
