"""Staff pages use the whole window: the queue reads whole at 1280 pixels."""

from __future__ import annotations

import pytest

from tests.e2e.ui import see, see_heading, sign_in
from tests.support import open_case

pytestmark = pytest.mark.browser


def test_the_queue_uses_the_whole_width_at_1280_pixels(server, new_page, shot):
    logins = server.store.logins
    open_case(server.store.engine, email="alexandra.rivera-montgomery@northwind-customers.example")  # a long one
    page = new_page()
    page.goto("/staff")
    see(page, "Staff sign-in", timeout=30_000)
    sign_in(page, logins.staff_email, logins.staff_password)
    see(page, "Signed in as")
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Case queue").click()
    see_heading(page, "Case queue")
    table = page.locator('[data-testid="stDataFrame"]').first
    table.wait_for(state="visible")
    shot(page, "queue-1280")
    main = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()
    assert main is not None and main["width"] > 760, main  # wider than the customers' centred column (736 px)
    scroller = table.locator(".dvn-scroller").first
    overflow = scroller.evaluate("(element) => element.scrollWidth - element.clientWidth")
    assert overflow <= 0, f"the queue scrolls sideways by {overflow} px"  # every column reads whole
