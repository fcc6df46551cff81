"""Errors a user can act on: each message says what went wrong and how to fix it.

The index's and the model's own errors are defined in their packages (which never
import the assistant) and re-exported here; `USER_ERRORS` is every kind of them."""

from embeddings.errors import ModelUnavailable
from index.errors import IndexCorrupted, IndexError_, IndexMismatch


class AssistantError(Exception):
    """Base class of the assistant's own errors (reading, asking, settings)."""


class InvalidQuestion(AssistantError):
    pass


class RequestTimeout(InvalidQuestion):
    """A question that would hold a worker longer than `request_timeout_s`."""


class SettingsError(AssistantError):
    """A setting (or ASSISTANT_* environment variable) with a value of the wrong type."""


class DocumentError(AssistantError):
    """A file that cannot be added: unreadable, empty, too large, not text, or a duplicate."""


# what the CLI, the eval and the chat print as one clean line, without a traceback
USER_ERRORS = (AssistantError, IndexError_, ModelUnavailable)

__all__ = [
    "USER_ERRORS",
    "AssistantError",
    "DocumentError",
    "IndexCorrupted",
    "IndexError_",
    "IndexMismatch",
    "InvalidQuestion",
    "ModelUnavailable",
    "RequestTimeout",
    "SettingsError",
]
