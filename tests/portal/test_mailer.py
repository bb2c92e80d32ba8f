"""Email delivery against a real SMTP server (aiosmtpd on 127.0.0.1): headers, both parts, UTF-8 Hebrew,
STARTTLS with login, implicit TLS, refusals, and the .eml folder of the demo.

``SmtpSink`` is the server the other delivery tests use too (tests/portal/test_worker.py,
tests/db/test_workers_postgres.py).
"""

from __future__ import annotations

import re
import socket
import ssl
import subprocess
import threading
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlmodel import Session, col, select

import tests.support as support
from db.engine import write_session
from db.models import OutboxMessage, utcnow
from portal.config import get_settings
from portal.delivery import outbox
from portal.delivery.mailer import (
    FolderTransport,
    MailUnavailable,
    SmtpTransport,
    build_message,
    transport_from_settings,
)
from portal.delivery.outbox import Email, MessageStatus
from tests.conftest import Store
from tests.support import OpenCase

HOSTILE = "He was late <script>alert(1)</script> & rude"


def free_port() -> int:
    """A port nothing listens on right now (aiosmtpd cannot take port 0)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def body_of(message: EmailMessage, subtype: str) -> str:
    """The text of an email's ``text/<subtype>`` part (plain or html), which the test expects it to have."""
    part = message.get_body((subtype,))
    assert part is not None, f"no text/{subtype} part"
    return part.get_content()


class SmtpSink:
    """A real SMTP server on 127.0.0.1 that keeps every message it accepts.

    ``refuse`` maps a recipient address to an SMTP reply (e.g. "550 5.1.1 No such user") given to
    its RCPT command. ``start``/``stop`` may be called more than once (a server that goes away and
    comes back on the same port).
    """

    def __init__(self, port: int | None = None, **smtp_options: Any) -> None:
        self.port = port or free_port()
        self.smtp_options = smtp_options
        self.refuse: dict[str, str] = {}
        self.received: list[bytes] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.logins: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._controller: Controller | None = None

    # aiosmtpd handler hooks
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.received.append(envelope.original_content or envelope.content)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted"

    def start(self) -> SmtpSink:
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port, **self.smtp_options)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> SmtpSink:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def messages(self) -> list[EmailMessage]:
        with self._lock:
            return [message_from_bytes(raw, policy=policy.default) for raw in self.received]

    def message_ids(self) -> list[str]:
        return [str(m["Message-ID"]) for m in self.messages()]

    def transport(self, **options: object) -> SmtpTransport:
        return SmtpTransport("127.0.0.1", self.port, **{"security": "none", "timeout": 5.0, **options})  # type: ignore[arg-type]  # the test's options, passed on as given


@pytest.fixture
def open_case(sqlite_store: Store) -> OpenCase:
    """This module's cases, on SQLite: the late furnace repair, with the visit's $89 refund proposed."""
    return partial(
        support.open_case,
        sqlite_store.engine,
        text="Refund the visit",
        amount_cents=8900,
        bothered="Your mechanic was 90 minutes late to fix my furnace",
        story="I booked a furnace repair for 9:00. The mechanic came at 10:30.",
    )


def rows(engine) -> list[OutboxMessage]:
    with Session(engine) as session:
        return list(session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))))


def add_message(
    engine, to: str = "alex@example.com", key: str | None = None, text: str = "Hello", kind: str = "case_received"
) -> OutboxMessage:
    with write_session(engine) as session:
        return outbox.enqueue(
            session,
            Email(kind=kind, to=to, subject=f"Subject for {to}", text=text, html=f"<p>{text}</p>"),
            dedup_key=key or f"test:{to}:{utcnow().timestamp()}",
            sender=get_settings().sender,
        )


def deliver(engine, transport, **options):
    return outbox.deliver(engine, transport, sender=get_settings().sender, **options)


# --- a real SMTP server -------------------------------------------------------------------------------------


def test_a_case_received_email_arrives_with_its_headers_both_parts_and_hebrew_intact(sqlite_store, open_case):
    engine = sqlite_store.engine
    case_id = open_case(language="he", name="נועה כהן", email="noa@example.com", bothered=HOSTILE)
    [row] = rows(engine)
    assert (row.kind, row.case_id, row.to_address, row.status) == (
        "case_received",
        case_id,
        "noa@example.com",
        "pending",
    )

    with SmtpSink() as sink:
        report = deliver(engine, sink.transport())

    assert (report.sent, report.retried, report.failed) == (1, 0, 0)
    [received] = sink.messages()
    assert sink.envelopes == [("dana.cohen@northwind.example", ["noa@example.com"])]
    assert received["Message-ID"] == row.message_id and re.fullmatch(
        r"<[0-9a-f]{32}\.amends@northwind\.example>", row.message_id
    )
    assert received["Subject"] == row.subject and "AM-" in row.subject
    assert received["From"] == "Northwind Home Services <dana.cohen@northwind.example>"
    assert received["To"] == "noa@example.com"
    assert received["Content-Language"] == "he"
    text = body_of(received, "plain")
    html = body_of(received, "html")
    assert received.get_content_type() == "multipart/alternative"
    for part in (text, html):
        assert "נועה כהן" in part  # UTF-8 Hebrew, both ways through SMTP
        assert "שלום" in part  # "Hello {name}," from the Hebrew catalog
        assert "dana.cohen@northwind.example" in part and "+1 555 0100" in part  # the owner's contact details
    assert HOSTILE.lower() in text  # customer text is literal in the plain part (restated: "that he was late …") ...
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; rude" in html  # ... escaped in HTML
    assert 'dir="rtl"' in html and 'lang="he"' in html
    link = re.search(r"http://localhost:8501/\?t=([A-Za-z0-9_-]+)", text)
    assert link and link.group(0) in html

    stored = rows(engine)[0]
    assert stored.status == MessageStatus.SENT and stored.sent_at is not None and stored.attempts == 1
    assert deliver(engine, sink.transport()).sent == 0  # nothing is sent twice


def test_starttls_with_login(sqlite_store, tmp_path):
    cert, key = self_signed_certificate(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    client_tls = ssl.create_default_context(cafile=str(cert))

    def authenticate(server, session, envelope, mechanism, auth_data):
        given = (_text(auth_data.login), _text(auth_data.password)) if isinstance(auth_data, LoginPassword) else None
        if given == ("amends", "s3cret"):
            sink.logins.append((given[0], mechanism))
        return AuthResult(success=given == ("amends", "s3cret"), handled=False)  # handled=False: the server replies

    sink = SmtpSink(tls_context=server_tls, require_starttls=True, authenticator=authenticate, auth_required=True)
    add_message(sqlite_store.engine, "alex@example.com")
    with sink:
        wrong = deliver(
            sqlite_store.engine,
            sink.transport(security="starttls", username="amends", password="nope", ssl_context=client_tls),
        )
        assert wrong.sent == 0 and wrong.unavailable and "535" in wrong.unavailable
        plain = SmtpTransport("127.0.0.1", sink.port, security="none", username="amends", password="s3cret", timeout=5)
        with pytest.raises(MailUnavailable):  # no STARTTLS, no login: the server insists
            plain.send(EmailMessage())
        retried = rows(sqlite_store.engine)[0]
        with write_session(sqlite_store.engine) as session:  # due again now rather than after the backoff
            session.get_one(OutboxMessage, retried.id).next_attempt_at = utcnow()
        report = deliver(
            sqlite_store.engine,
            sink.transport(security="starttls", username="amends", password="s3cret", ssl_context=client_tls),
        )
    assert report.sent == 1 and len(sink.messages()) == 1
    assert sink.logins and sink.logins[0][0] == "amends"
    assert rows(sqlite_store.engine)[0].attempts == 2


def test_implicit_tls(sqlite_store, tmp_path):
    cert, key = self_signed_certificate(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    add_message(sqlite_store.engine, "alex@example.com", text="Über TLS")
    with SmtpSink(ssl_context=server_tls) as sink:
        report = deliver(
            sqlite_store.engine,
            sink.transport(security="ssl", ssl_context=ssl.create_default_context(cafile=str(cert))),
        )
    assert report.sent == 1
    assert body_of(sink.messages()[0], "plain").strip() == "Über TLS"


def test_an_untrusted_certificate_is_refused_not_ignored(sqlite_store, tmp_path):
    cert, key = self_signed_certificate(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    add_message(sqlite_store.engine)
    with SmtpSink(tls_context=server_tls) as sink:
        report = deliver(sqlite_store.engine, sink.transport(security="starttls"))  # the system's trust store
    assert report.sent == 0 and "CERTIFICATE_VERIFY_FAILED" in (report.unavailable or "")
    assert not sink.received and rows(sqlite_store.engine)[0].status == MessageStatus.PENDING


def test_a_refused_recipient_fails_for_good_and_a_busy_one_is_retried(sqlite_store):
    engine = sqlite_store.engine
    add_message(engine, "nobody@example.com")
    add_message(engine, "busy@example.com")
    add_message(engine, "alex@example.com")
    with SmtpSink() as sink:
        sink.refuse = {"nobody@example.com": "550 5.1.1 No such user", "busy@example.com": "451 4.3.0 Try later"}
        now = utcnow()
        report = deliver(engine, sink.transport(), clock=lambda: now)
    assert (report.sent, report.retried, report.failed) == (1, 1, 1)
    nobody, busy, alex = rows(engine)
    assert (nobody.status, nobody.attempts) == ("failed", 1) and "550" in nobody.last_error
    assert busy.status == "pending" and "451" in busy.last_error
    assert busy.next_attempt_at == now + timedelta(minutes=1)
    assert alex.status == "sent" and sink.envelopes == [("dana.cohen@northwind.example", ["alex@example.com"])]


# --- the demo: a folder of .eml files -----------------------------------------------------------------------


def test_without_smtp_messages_become_eml_files_and_a_resend_rewrites_the_same_file(
    sqlite_store, tmp_path, monkeypatch, open_case
):
    monkeypatch.setenv("PORTAL_OUTBOX_DIR", str(tmp_path / "outbox"))
    get_settings.cache_clear()
    open_case(language="he", name="נועה")
    transport = transport_from_settings(get_settings())
    assert isinstance(transport, FolderTransport) and transport.directory == tmp_path / "outbox"

    assert deliver(sqlite_store.engine, transport).sent == 1
    [written] = list((tmp_path / "outbox").glob("*.eml"))
    parsed = message_from_bytes(written.read_bytes(), policy=policy.default)
    [row] = rows(sqlite_store.engine)
    assert parsed["Message-ID"] == row.message_id and written.name.startswith("case_received-")
    assert "נועה" in body_of(parsed, "plain")

    transport.send(build_message(row, get_settings().sender))  # the same message again (a crash and a resend)
    assert list((tmp_path / "outbox").glob("*.eml")) == [written]
    assert not list((tmp_path / "outbox").glob(".writing-*"))


def test_smtp_settings_choose_the_smtp_transport(monkeypatch):
    for name, value in {
        "PORTAL_SMTP_HOST": "mail.example.com",
        "PORTAL_SMTP_PORT": "465",
        "PORTAL_SMTP_SECURITY": "ssl",
        "PORTAL_SMTP_USERNAME": "amends",
        "PORTAL_SMTP_PASSWORD": "s3cret",
        "PORTAL_MAIL_FROM": "Care <care@example.com>",
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    settings = get_settings()
    transport = transport_from_settings(settings)
    assert isinstance(transport, SmtpTransport)
    assert (transport.host, transport.port, transport.security, transport.username, transport.password) == (
        "mail.example.com",
        465,
        "ssl",
        "amends",
        "s3cret",
    )
    assert settings.sender == "Care <care@example.com>"
    assert "s3cret" not in repr(settings)
    monkeypatch.setenv("PORTAL_SMTP_SECURITY", "tls-please")
    get_settings.cache_clear()
    with pytest.raises(ValueError):
        get_settings()


def _text(value: str | bytes) -> str:
    return value.decode() if isinstance(value, bytes) else value


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key
