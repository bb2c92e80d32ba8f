"""Turning an outbox row into a MIME message, and handing it to SMTP or to a folder of .eml files.

Two transports share one small interface (``send``, ``close``, usable as a context manager):

- ``SmtpTransport``: stdlib ``smtplib``; plain, STARTTLS or implicit TLS, optional login. One
  connection is opened lazily and reused for a whole batch; any failure closes it, so the next
  message reconnects.
- ``FolderTransport``: no SMTP configured (the demo). Each message is written atomically as
  ``<outbox id>-<kind>.eml``; writing the same message again replaces the same file.

Failures are sorted into what the worker must do next:

- ``MailUnavailable``: the server cannot be reached or refuses us as a client (connection refused,
  timeout, TLS or login failure). Nothing more can be sent in this pass; every message is kept.
- ``TemporaryFailure``: a 4xx answer for this message; retry it later.
- ``PermanentFailure``: a 5xx answer for this message (unknown recipient, rejected content); retrying
  will not help, so it is marked failed for staff to look at.
"""

from __future__ import annotations

import os
import re
import smtplib
import ssl
import tempfile
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Protocol

from db.models import OutboxMessage
from portal.config import Settings


class DeliveryError(Exception):
    """Base class: why a message was not handed over."""


class MailUnavailable(DeliveryError):
    """The mail server cannot be used right now; stop this pass and keep every message."""


class TemporaryFailure(DeliveryError):
    """This message was refused for now (4xx); try it again later."""


class PermanentFailure(DeliveryError):
    """This message will never be accepted as it is (5xx)."""


class Transport(Protocol):
    def send(self, message: EmailMessage) -> None: ...

    def close(self) -> None: ...


def build_message(row: OutboxMessage, sender: str) -> EmailMessage:
    """The MIME message for an outbox row: plain text first, HTML as the alternative.

    The Message-ID is the one stored when the message was enqueued, so a resend after a crash
    carries the same ID and mail systems (and people) can recognise the duplicate.
    """
    message = EmailMessage()
    message["From"] = sender
    message["To"] = row.to_address
    message["Subject"] = row.subject
    message["Message-ID"] = row.message_id
    message["Date"] = format_datetime(row.created_at)
    message["Auto-Submitted"] = "auto-generated"
    message["X-Amends-Kind"] = row.kind
    message.set_content(row.body_text, charset="utf-8")
    message.add_alternative(row.body_html, subtype="html", charset="utf-8")
    message["Content-Language"] = row.language  # after add_alternative, which moves Content-* headers into a part
    return message


class SmtpTransport:
    """Deliver over SMTP. ``security`` is "none", "starttls" or "ssl" (implicit TLS, usually port 465)."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        security: str = "starttls",
        username: str | None = None,
        password: str | None = None,
        timeout: float = 30.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        if security not in ("none", "starttls", "ssl"):
            raise ValueError(f"Unknown SMTP security {security!r}: use none, starttls or ssl.")
        self.host, self.port, self.security = host, port, security
        self.username, self.password, self.timeout = username, password, timeout
        self.ssl_context = ssl_context
        self._connection: smtplib.SMTP | None = None

    def _context(self) -> ssl.SSLContext:
        return self.ssl_context or ssl.create_default_context()

    def _connect(self) -> smtplib.SMTP:
        try:
            if self.security == "ssl":
                connection: smtplib.SMTP = smtplib.SMTP_SSL(
                    self.host, self.port, timeout=self.timeout, context=self._context()
                )
            else:
                connection = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            try:
                connection.ehlo()
                if self.security == "starttls":
                    connection.starttls(context=self._context())
                    connection.ehlo()
                if self.username:
                    connection.login(self.username, self.password or "")
            except BaseException:
                _quietly_close(connection)
                raise
        except (OSError, smtplib.SMTPException) as error:
            raise MailUnavailable(f"Cannot use the mail server {self.host}:{self.port}: {_describe(error)}") from error
        return connection

    def send(self, message: EmailMessage) -> None:
        if self._connection is None:
            self._connection = self._connect()
        try:
            self._connection.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            self.close()
            codes = [code for code, _text in error.recipients.values()]
            kind = PermanentFailure if codes and all(code >= 500 for code in codes) else TemporaryFailure
            raise kind(f"Recipient refused: {_describe(error)}") from error
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
            self.close()
            kind = PermanentFailure if error.smtp_code >= 500 else TemporaryFailure
            raise kind(_describe(error)) from error
        except (OSError, smtplib.SMTPException) as error:  # disconnected, timed out, unexpected answer
            self.close()
            raise MailUnavailable(f"The mail server connection failed: {_describe(error)}") from error

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            _quietly_close(connection)

    def __enter__(self) -> SmtpTransport:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class FolderTransport:
    """Write each message as an .eml file: the demo's mailbox, listed on the staff Outbox page."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    @staticmethod
    def file_name(message: EmailMessage) -> str:
        """Named after the Message-ID: sending the same message twice rewrites the same file."""
        stable = re.sub(r"[^A-Za-z0-9.-]", "", (message["Message-ID"] or "").split("@", 1)[0])
        return f"{message['X-Amends-Kind'] or 'email'}-{stable or 'message'}.eml"

    def send(self, message: EmailMessage) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            target = self.directory / self.file_name(message)
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".writing-", suffix=".eml")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(message.as_bytes())
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as error:
            raise MailUnavailable(f"Cannot write to {self.directory}: {error}") from error

    def close(self) -> None:
        pass

    def __enter__(self) -> FolderTransport:
        return self

    def __exit__(self, *_exc: object) -> None:
        pass


def transport_from_settings(settings: Settings) -> SmtpTransport | FolderTransport:
    if not settings.smtp_host:
        return FolderTransport(settings.outbox_dir)
    password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
    return SmtpTransport(
        settings.smtp_host,
        settings.smtp_port,
        security=settings.smtp_security,
        username=settings.smtp_username,
        password=password,
        timeout=settings.smtp_timeout_seconds,
    )


def describe_transport(settings: Settings) -> str:
    if not settings.smtp_host:
        return f"folder {settings.outbox_dir}"
    return f"SMTP {settings.smtp_host}:{settings.smtp_port} ({settings.smtp_security})"


def _describe(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        text = (
            error.smtp_error.decode("utf-8", "replace")
            if isinstance(error.smtp_error, bytes)
            else str(error.smtp_error)
        )
        return f"{error.smtp_code} {text}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address}: {code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}"
            for address, (code, text) in error.recipients.items()
        )
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _quietly_close(connection: smtplib.SMTP) -> None:
    try:
        connection.quit()
    except (OSError, smtplib.SMTPException):
        try:
            connection.close()
        except OSError:
            pass
