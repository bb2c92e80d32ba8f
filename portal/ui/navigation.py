"""Making sure every page is reached through ``app.py``'s navigation, even on a process's first visit.

Streamlit still has its pages-folder mode from before ``st.navigation``: when the entry script sits
beside a ``pages/`` folder, a server process starts in that mode, and a first visitor who opens
``/staff`` gets ``pages/staff.py`` run on its own, with a sidebar listing every file in the folder
(app, case, catalog, ...). The process leaves that mode only when a run calls ``st.navigation``,
which a visitor who never opens ``/`` would never cause: staff would keep seeing the file list, even
after signing in. Every page therefore calls ``through_app()`` first; on that first visit it leaves
the mode and runs the visit again, this time through ``app.py`` (same address, same page).
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def through_app() -> None:
    """Rerun through ``app.py`` if Streamlit ran this page in its old pages-folder mode."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False  # what st.navigation itself sets, once per process
        st.rerun()
