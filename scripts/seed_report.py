"""The README's seed table: each public seed checked on its own publication date.

    python scripts/seed_report.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citations.lint import Options, check_text  # noqa: E402

# 公表日 as printed in each document (000 and 001 print none: the form date and the last
# change-log date are used instead)
PUBLISHED = {"000": (date(2025, 5, 1), "様式 令和7年5月"), "001": (date(2022, 10, 1), "last change 令和4年10月1日"),
             "003": (date(2024, 12, 25), "公表日 令和6年12月25日"), "004": (date(2025, 12, 1), "公表日 令和7年12月1日")}
KINDS = ("stale", "repealed", "ambiguous", "not_yet_valid", "unknown", "style")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    seeds = Path(args.shared) / "seeds"
    print("| seed | checked as of | citations (body / history) | " + " | ".join(KINDS) + " |")
    print("|---|---|---|" + "---|" * len(KINDS))
    for prefix, (d, why) in PUBLISHED.items():
        for path in sorted(seeds.glob(f"{prefix}_*.txt")):
            r = check_text(path.read_text(encoding="utf-8"), path.name, Options(as_of=d))
            body = sum(1 for c in r.citations if not c.in_history)
            hist = len(r.citations) - body
            k = Counter(f.kind for f in r.findings)
            print(f"| {prefix} | {d} ({why}) | {body} / {hist} | " + " | ".join(str(k[x]) for x in KINDS) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
