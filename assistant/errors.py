"""Errors a user can act on: each message says what went wrong and how to fix it."""


class AssistantError(Exception):
    """Base class: the CLI prints these as one clean line, without a traceback."""


class ModelUnavailable(AssistantError):
    pass


class IndexError_(AssistantError):
    """The on-disk index is missing, corrupted, or was built differently."""


class IndexCorrupted(IndexError_):
    pass


class IndexMismatch(IndexError_):
    pass


class InvalidQuestion(AssistantError):
    pass


class RequestTimeout(InvalidQuestion):
    """A question that would hold a worker longer than `request_timeout_s`."""


class SettingsError(AssistantError):
    """A setting (or ASSISTANT_* environment variable) with a value of the wrong type."""


class DocumentError(AssistantError):
    """A file that cannot be added: unreadable, empty, too large, not text, or a duplicate."""
