"""What can be wrong with the embedding model; each message names the fix."""


class ModelUnavailable(Exception):
    """The model cannot be loaded offline (not converted, not on disk)."""
