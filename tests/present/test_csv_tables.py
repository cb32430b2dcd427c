"""`claimtrace export DIR`: the assessed tables as CSV files a reader can open."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from claimtrace.cli import main
from claimtrace.present.csv_tables import EXPORTED_COLUMNS, formulas_as_text, write_csv
from claimtrace.present.export import READABLE_COLUMNS


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_export_writes_every_table_with_its_documented_columns(
    good_dir: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "new" / "out"
    assert main(["export", str(out), "--data-dir", str(good_dir / "data")]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(EXPORTED_COLUMNS)
    for name, columns in EXPORTED_COLUMNS.items():
        written = list(read(out / name).columns)
        assert [c for c in written if c not in READABLE_COLUMNS[name]] == columns, name
        assert set(READABLE_COLUMNS[name]) <= set(written), name
    claims = read(out / "claims_assessed.csv")
    # Readable columns sit beside the normalised ones, in words: no key, no id.
    role = claims.set_index("claim_id").loc["wire-03"]
    assert (role["value"], role["value_words"]) == (
        "foreign_minister_canada",
        "Canada's foreign minister",
    )
    assert role["source_name"] == "Canadian Press"
    duration = claims.set_index("claim_id").loc["column-04"]
    assert duration["value_words"] == "three years"
    curated = read(good_dir / "data" / "claims.csv")
    assert claims["claim_id"].tolist() == curated["claim_id"].tolist()
    assert set(claims["credibility"]) <= {"1", "2", "3", "4", "5", "6"}
    sources = read(out / "sources_assessed.csv").set_index("source_id")
    assert sources.loc["record", "reliability"] == "A"
    printed = capsys.readouterr().out
    assert f"claims_assessed.csv  ({len(curated)} rows)" in printed
    # Exporting again into the same folder replaces the files, leaving no scratch file behind.
    assert main(["export", str(out), "--data-dir", str(good_dir / "data")]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(EXPORTED_COLUMNS)
    assert read(out / "claims_assessed.csv")["claim_id"].tolist() == claims["claim_id"].tolist()


def test_export_into_a_path_that_is_a_file_is_one_line_and_exit_2(
    good_dir: Path, tmp_path: Path, capsys
) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("not a directory")
    assert main(["export", str(blocker), "--data-dir", str(good_dir / "data")]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"cannot write the tables to {blocker}:")
    assert "\n" not in error


def test_export_of_broken_data_reports_the_problem_and_writes_nothing(
    corpus_copy, tmp_path: Path, capsys
) -> None:
    corpus_copy.set_cell("claims", 1, "event_id", "no-such-event")
    out = tmp_path / "out"
    assert main(["export", str(out), "--data-dir", str(corpus_copy.data_dir)]) == 2
    assert "claims.csv, line 2, column 'event_id'" in capsys.readouterr().err
    assert not out.exists()


def test_cells_a_spreadsheet_would_run_are_exported_as_text(
    corpus_copy, tmp_path: Path, capsys
) -> None:
    formulas = ['=HYPERLINK("https://x.example","see")', "-2+3+cmd|' /C calc'!A0", "@SUM(A1)"]
    for row, formula in enumerate(formulas, start=1):
        corpus_copy.set_cell("claims", row, "note", formula)
    corpus_copy.set_cell("claims", 4, "note", "read as 2022-10; not = 2023")
    out = tmp_path / "out"
    assert main(["export", str(out), "--data-dir", str(corpus_copy.data_dir)]) == 0
    notes = read(out / "claims_assessed.csv").set_index("claim_id")["note"]
    assert notes.iloc[:4].tolist() == [*("'" + f for f in formulas), "read as 2022-10; not = 2023"]
    assert read(out / "claims_assessed.csv")["start"].str.fullmatch(r"\d+").all()  # numbers stay


def test_a_formula_is_made_text_in_any_column_of_text_and_missing_cells_stay_missing(
    tmp_path: Path,
) -> None:
    frame = pd.DataFrame(
        {
            "mixed": pd.Series(["=1+1", 3, None, "-4"], dtype=object),
            "text": pd.Series(["@cmd", None, "+5", "plain"], dtype="string"),
            "number": [-1, 2, 3, 4],
        }
    )
    made = formulas_as_text(frame)
    assert made["mixed"].tolist() == ["'=1+1", 3, None, "-4"]
    assert made["text"].tolist() == ["'@cmd", pd.NA, "+5", "plain"]
    assert made["number"].tolist() == [-1, 2, 3, 4]
    write_csv(frame, tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_bytes() == (
        b"mixed,text,number\n'=1+1,'@cmd,-1\n3,,2\n,+5,3\n-4,plain,4\n"
    )
