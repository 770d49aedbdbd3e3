"""Errors eventdesk raises on purpose. The CLI prints their message on one line and exits non-zero."""


class EventdeskError(Exception):
    """Base class: anything raised as an EventdeskError is a user-facing message, not a bug."""


class InputError(EventdeskError):
    """The input cannot be read as an article (missing, empty, binary, too large, no article text)."""


class DataFileError(EventdeskError):
    """A shipped or user-supplied dictionary file is malformed; the message names the file and line."""


class SettingsError(EventdeskError):
    """An invalid setting."""


class StoreError(EventdeskError):
    """The database cannot be opened or written."""
