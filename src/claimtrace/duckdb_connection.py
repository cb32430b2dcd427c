"""Every DuckDB connection claimtrace opens, the judging stage's in-memory joins and the store's
file alike: DuckDB never installs or loads an extension by itself, since nothing may reach the
network or install code at run time (a foreign file would otherwise make it fetch one)."""

from __future__ import annotations

import duckdb

NO_EXTENSIONS: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
}
"""The configuration of every connection."""


def connect(path: str = ":memory:", read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection that never installs or loads an extension by itself."""
    return duckdb.connect(path, read_only=read_only, config=NO_EXTENSIONS)
