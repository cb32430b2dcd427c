"""`make mutation`'s verdict: the share of mutants the fast tests kill in each mutated module.

Reads what `mutmut run` recorded under mutants/ (one `.meta` file per module), prints one line
per module and the mutants that survived, and exits 1 when a module falls under MIN_KILLED or a
mutant was left unchecked (the run was cut short: run `make mutation` again to go on).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

MIN_KILLED = 0.90
KILLED = {1, 3, 24, -24, 36, 152, 255}  # tests failed, or the mutant ran out of time
SKIPPED = {34}


def main(mutants: Path = Path("mutants")) -> int:
    failing = 0
    survivors: list[str] = []
    print(f"{'module':<40} {'mutants':>7} {'killed':>7} {'score':>6}")
    for meta in sorted(mutants.glob("src/**/*.py.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        judged = {key: code for key, code in codes.items() if code not in SKIPPED}
        if not judged:
            continue
        killed = sum(code in KILLED for code in judged.values())
        unchecked = sum(code is None for code in judged.values())
        survivors += sorted(key for key, code in judged.items() if code == 0)
        score = killed / len(judged)
        module = str(meta.relative_to(mutants / "src")).removesuffix(".meta")
        short = score < MIN_KILLED or unchecked
        failing += bool(short)
        note = f"  ({unchecked} unchecked)" if unchecked else ""
        print(f"{module:<40} {len(judged):>7} {killed:>7} {score:>6.1%}{note}")
    print(f"\n{len(survivors)} survivors (`.venv/bin/mutmut show NAME` shows one):")
    print("\n".join(f"  {name}" for name in survivors))
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
