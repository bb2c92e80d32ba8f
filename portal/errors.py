"""Errors staff services raise; pages turn them into friendly messages."""

from __future__ import annotations


class NotAllowed(PermissionError):
    """The signed-in staff member's role does not allow this (checked in the service, not the page)."""


class StaleCase(RuntimeError):
    """Someone else changed the record between showing it and acting on it."""

    def __init__(self, message: str = "This case changed while you were looking at it. Please reload.") -> None:
        super().__init__(message)
