"""What can be wrong with an index on disk; each message names the fix."""


class IndexError_(Exception):
    """The on-disk index is missing, corrupted, or was built differently."""


class IndexCorrupted(IndexError_):
    """A file of the index is missing, or its bytes are not those its manifest lists."""


class IndexMismatch(IndexError_):
    """The index was built by another model or in another format."""
