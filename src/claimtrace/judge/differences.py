"""What changed between two assessments: sources and claims that arrived or left, grades that
moved (with the reasons before and after), conflicts opened, closed or changed.

`compare(before, after)` takes the frames a reader is shown (judge/judged.py): a published run
(store/history.py), or an assessment of the tables as they are now. It works on
whole columns (isin, merge), so a million claims cost seconds, and returns frames: the report's
wording (present/changes.py) and `claimtrace diff` turn them into words.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import pandas as pd

from claimtrace.judge.assess import Assessment
from claimtrace.judge.judged import Judged

CLAIM_GRADES = ("status", "credibility")
SOURCE_GRADES = ("reliability",)
REASONS = {"claim_id": ("credibility_reason",), "source_id": ("reason",)}
"""The grading's reasons, kept from before as well as after: why a grade moved."""
CONFLICT_SIDES = ("scope", "source_ids", "claim_ids")
"""What makes a conflict that is still open a changed one: who takes part, and on which terms."""


@dataclass(frozen=True)
class Change:
    """Rows that differ between two assessments.

    Added and opened rows are the later assessment's; removed and closed rows the earlier one's.
    `claims_regraded`, `grades_moved` and `conflicts_changed` hold the row's key, the later
    row's other columns, and each compared column twice, suffixed `_before` and `_after`; the
    reason for the earlier grade is there too, suffixed `_before` (REASONS)."""

    sources_added: pd.DataFrame
    sources_removed: pd.DataFrame
    grades_moved: pd.DataFrame
    claims_added: pd.DataFrame
    claims_removed: pd.DataFrame
    claims_regraded: pd.DataFrame
    conflicts_opened: pd.DataFrame
    conflicts_closed: pd.DataFrame
    conflicts_changed: pd.DataFrame
    events_before: pd.DataFrame
    """The earlier timeline, for the titles of events the later one no longer has."""

    @property
    def nothing_changed(self) -> bool:
        return all(
            getattr(self, field.name).empty
            for field in fields(self)
            if field.name != "events_before"
        )


def compare(before: Judged | Assessment, after: Judged | Assessment) -> Change:
    """The changes from `before` to `after`."""
    return Change(
        sources_added=_only_in(after.sources, before.sources, "source_id"),
        sources_removed=_only_in(before.sources, after.sources, "source_id"),
        grades_moved=_moved(before.sources, after.sources, "source_id", SOURCE_GRADES),
        claims_added=_only_in(after.claims, before.claims, "claim_id"),
        claims_removed=_only_in(before.claims, after.claims, "claim_id"),
        claims_regraded=_moved(before.claims, after.claims, "claim_id", CLAIM_GRADES),
        conflicts_opened=_only_in(after.conflicts, before.conflicts, "conflict_id"),
        conflicts_closed=_only_in(before.conflicts, after.conflicts, "conflict_id"),
        conflicts_changed=_moved(before.conflicts, after.conflicts, "conflict_id", CONFLICT_SIDES),
        events_before=before.timeline,
    )


def _only_in(frame: pd.DataFrame, other: pd.DataFrame, key: str) -> pd.DataFrame:
    return frame[~frame[key].isin(other[key])].reset_index(drop=True)


def _moved(
    before: pd.DataFrame, after: pd.DataFrame, key: str, compared: tuple[str, ...]
) -> pd.DataFrame:
    """Rows in both whose `compared` columns differ: the later row, with each compared column
    as `_before` and `_after`. A column one side lacks (the other side's code named it
    otherwise) is left out of the comparison rather than read as a change."""
    compared = tuple(c for c in compared if c in before and c in after)
    reasons = tuple(c for c in REASONS.get(key, ()) if c in before and c in after)
    kept = [*compared, *reasons]
    earlier = before[[key, *kept]].rename(columns={c: f"{c}_before" for c in kept})
    pairs = after[[key, *compared]].merge(earlier, on=key)
    differs = pd.Series(False, index=pairs.index)
    for column in compared:
        old, new = pairs[f"{column}_before"], pairs[column]
        if old.dtype != new.dtype:  # a snapshot from code that typed the column otherwise
            old, new = old.astype(str), new.astype(str)
        differs |= old != new
    changed = pairs.loc[differs, [key, *(f"{c}_before" for c in kept)]]
    later = after.rename(columns={c: f"{c}_after" for c in compared})
    return later.merge(changed, on=key)  # inner, in the later order: merge's defaults
