"""Static pages shaped like the customer's story step, with no logic behind them: the floor for the portal's
figures. Whatever Streamlit charges for drawing this many elements (on the server under AppTest, and in
the browser), no code behind the portal's page can go below it.

The story step's elements as an invited customer sees them (portal/ui/customer_conversation.py): the page's language,
direction and styles, the language switch, the step's header, the two text areas and the button; after it,
"did we understand you?" with the paraphrase and two answers. For comparison, the least a story step could be:
a heading, the two text areas the method needs, and the button.
"""

from __future__ import annotations

# The page's language, direction and styles, and the language switch: drawn on a full run, outside the step.
HEAD = """
import streamlit as st

st.html("<style>textarea, input { unicode-bidi: plaintext; } .st-key-language { margin-inline-start: auto; }</style>"
        "<script>document.documentElement.lang = 'en';</script>", unsafe_allow_javascript=True)
st.selectbox("Language", ["en", "es", "he"], format_func={"en": "English", "es": "Español", "he": "עברית"}.get,
             key="language", label_visibility="collapsed", width=150)
"""
_STORY = """
st.markdown(":gray[Step 1 of 5]\\n\\n### Your story\\n\\nWe will keep you updated about this case at alex@example.com.")
st.text_area("What happened?", key="story", height=180)
st.text_area("What bothered you most?", key="bothered", height=100)
st.button("Continue", type="primary", on_click=lambda: st.session_state.update(step=2))
"""
PARAPHRASE_TEXT = "What bothered you most is that our mechanic was 90 minutes late. Is that correct?"
_VALIDATE = f'''
st.markdown(":gray[Step 2 of 5]\\n\\n### Did we understand you?\\n\\nHere is what we understood. Please tell us whether we "
            "got it right.")
st.text("{PARAPHRASE_TEXT}")
st.button("Yes, that's right", type="primary")
st.button("Not quite")
'''


# The least a story step could be: its heading, the two things the method needs told, and the button (no
# language switch, no progress, no name, email, details or photos); after it, the paraphrase and two answers.
_FEWEST = """
st.subheader("Your story")
st.text_area("What happened?", key="story", height=180)
st.text_area("What bothered you most?", key="bothered", height=100)
st.button("Continue", type="primary", on_click=lambda: st.session_state.update(step=2))
"""
_FEWEST_VALIDATE = f'''
st.subheader("Did we understand you?")
st.text("{PARAPHRASE_TEXT}")
st.button("Yes, that's right", type="primary")
st.button("Not quite")
'''


def _indented(code: str) -> str:
    return "".join(f"    {line}\n" if line else "\n" for line in code.strip("\n").splitlines())


def _two_steps(head: str, first: str, second: str) -> str:
    return head + 'if st.session_state.get("step", 1) == 1:\n' + _indented(first) + "else:\n" + _indented(second)


# The story step on its own (benchmarks/steps.py reruns it as it stands).
STORY_SHAPED_SCRIPT = HEAD + _STORY
# The story step, and after its "Continue" the "did we understand you?" step (benchmarks/browser.py clicks it).
TWO_STEP_SCRIPT = _two_steps(HEAD, _STORY, _VALIDATE)
# The story step cut to the bone on its own (benchmarks/steps.py), and with the paraphrase after its button.
FEWEST_STORY_SCRIPT = "import streamlit as st\n" + _FEWEST
# The same two steps cut to the bone (benchmarks/browser.py: what any story step must cost at least).
FEWEST_TWO_STEP_SCRIPT = _two_steps("import streamlit as st\n", _FEWEST, _FEWEST_VALIDATE)
