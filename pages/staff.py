"""Staff sign-in (the /staff address). Signed in, it says who you are and leads on to the queue."""

from __future__ import annotations

import streamlit as st

from portal.ui.staff_session import require_staff, sign_out

actor = require_staff()
st.title("Staff")
st.text(f"Signed in as {actor.name} ({actor.email}), {actor.role.value}.")
st.page_link("pages/queue.py", label="Open the case queue", icon=":material/inbox:")
st.button("Sign out", on_click=sign_out)
