"""Where staff sign in and out, and what their browser carries: shared by the sign-in routes
(portal/web/staff_sign_in.py) and the staff pages that link and post to them (portal/ui/staff_session.py); and the
address of the cases download (portal/web/exports.py), which the Insights page links to."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode, urlsplit

from portal import csrf
from portal.back_office.staff_sessions import EndReason

SIGN_IN_PATH = "/account/sign-in"
SIGN_OUT_PATH = "/account/sign-out"
SESSION_COOKIE = "amends_staff"
FORM_COOKIE = "amends_form"  # the sign-in form's own cookie, which its CSRF token is bound to
SIGN_IN_PURPOSE, SIGN_OUT_PURPOSE = "sign-in", "sign-out"
# Single sign-on (portal.back_office.staff_sso): the sign-in page's link starts it here, which keeps where to go next in a
# cookie and sends the browser to the app with ``?sso=start`` (a Streamlit script must call st.login); the app sends
# the browser back with its one-time pass to SSO_FINISH_PATH, which sets the session cookie.
SSO_START_PATH = "/account/sso"
SSO_FINISH_PATH = "/account/sso/finish"
SSO_NEXT_COOKIE = "amends_sso_next"
SSO_START_PARAM = "sso"
DEFAULT_NEXT = "/staff"
CASES_EXPORT_PATH = "/staff/exports/cases.csv"  # portal/web/exports.py: the cases CSV, streamed
_NEXT_MAX = 500


def safe_next(value: str | None) -> str:
    """Where to go after signing in: a path on this site (``/case?id=12``), else ``DEFAULT_NEXT``. No other host,
    no scheme, no ``//host`` or ``/\\host`` (browsers read both as another site), no control characters, and not
    the sign-in routes themselves."""
    if not value or len(value) > _NEXT_MAX or not value.startswith("/") or value.startswith(("//", "/\\")):
        return DEFAULT_NEXT
    if any(ord(c) < 32 or ord(c) == 127 or c == "\\" for c in value):
        return DEFAULT_NEXT
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.path.startswith("/account/"):
        return DEFAULT_NEXT
    return value


def sign_in_url(next_path: str, ended: EndReason | None = None) -> str:
    """The sign-in page's address that comes back to ``next_path`` (and says why the last sign-in ended)."""
    query = {"next": safe_next(next_path)} | ({"ended": ended.value} if ended else {})
    return f"{SIGN_IN_PATH}?{urlencode(query)}"


def cases_export_url(start: date, end: date) -> str:
    """The cases CSV download's address for a period (the Insights page links to it)."""
    return f"{CASES_EXPORT_PATH}?{urlencode({'start': start.isoformat(), 'end': end.isoformat()})}"


def sign_out_token(secret: str, raw_session: str) -> str:
    """The token the staff menu's sign-out forms carry: bound to the session id, which only this browser has."""
    return csrf.form_token(secret, SIGN_OUT_PURPOSE, raw_session)
