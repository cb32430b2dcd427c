"""claimtrace: every sentence of the report traced to a source, every source graded."""

__version__ = "0.1.0"
