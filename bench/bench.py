"""Speed and memory of `check` as documents grow — the benchmark, not a test.

    python bench/bench.py [--sizes 1,2,4,8,16,32] [--repeat 3] [--json]

Builds synthetic assessment documents by repeating the bundled sample (and, when ../shared is
present, the public seeds) N times, runs the whole check pipeline (extract → resolve → check →
plan fixes) in-process, and reports seconds, characters per second, citations per second and
peak traced memory for each size. Peer tools turn quadratic on long documents; the last column
(time per character relative to the smallest size) must stay flat for a linear pipeline.

Two document shapes are measured: `lines` (a PDF-text document: many short lines) and `oneline`
(an HTML/TSV export: the same text with line breaks replaced by spaces, so single lines run to
hundreds of kilobytes); then pathological inputs (a list of 32,000 numbers with no closing
の項, 32,000 articles in one enumeration, …) that make backtracking finders quadratic.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citations.laws import load_registry  # noqa: E402
from citations.lint import Options, check_text  # noqa: E402
from citations.timeline import load_timeline  # noqa: E402


def corpus() -> str:
    parts = [(ROOT / "samples" / "hyoukasho_kokuho.txt").read_text(encoding="utf-8")]
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        parts += [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    # the change-log heading is kept only once, at the end, so repeats stay body text
    body = "\n\n".join(p.replace("変更箇所", "変更一覧") for p in parts)
    return body


def timed(text: str, opts: Options) -> tuple[float, int]:
    t0 = time.perf_counter()
    r = check_text(text, "bench.txt", opts)
    return time.perf_counter() - t0, len(r.citations)


def peak_memory(text: str, opts: Options) -> int:
    """Peak traced allocation of one run (a separate run: tracing slows Python down)."""
    tracemalloc.start()
    check_text(text, "bench.txt", opts)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1,2,4,8,16")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    opts = Options(as_of=date(2025, 6, 1))
    load_registry(), load_timeline()  # start-up cost is not what this measures
    base = corpus()
    timed(base[:2000], opts)  # warm caches (compiled patterns, Lark tables)
    rows = []
    for shape in ("lines", "oneline"):
        unit = base if shape == "lines" else base.replace("\n", " ")
        first = None
        for n in sizes:
            text = "\n\n".join([unit] * n)
            dt, ncit = min(timed(text, opts) for _ in range(args.repeat))
            peak = peak_memory(text, opts)
            per_char = dt / len(text)
            first = first or per_char
            rows.append({"shape": shape, "copies": n, "chars": len(text), "citations": ncit,
                         "seconds": round(dt, 3), "chars_per_s": int(len(text) / dt),
                         "citations_per_s": int(ncit / dt), "peak_mb": round(peak / 2**20, 1),
                         "time_per_char_vs_smallest": round(per_char / first, 2)})
    # pathological shapes: a regex finder that rescans a list from every element, or whose
    # backtracking stack grows with the list, turns quadratic (or runs out of memory) here
    for shape, unit in (("numlist", "１、"), ("artlist", "第１条、"), ("rowlist", "別表第二の１、"),
                        ("spaced", "第 1 条 "), ("title", "行政手続における特定の個人を識別するための番号の利用等に関する")):
        first = None
        for n in (2000, 8000, 32000):
            text = unit * n
            dt, ncit = timed(text, opts)
            per_char = dt / len(text)
            first = first or per_char
            rows.append({"shape": shape, "copies": n, "chars": len(text), "citations": ncit,
                         "seconds": round(dt, 3), "chars_per_s": int(len(text) / dt),
                         "citations_per_s": int(ncit / dt), "peak_mb": None,
                         "time_per_char_vs_smallest": round(per_char / first, 2)})
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        print(f"{'shape':8} {'copies':>6} {'chars':>10} {'citations':>9} {'seconds':>8} "
              f"{'chars/s':>9} {'cit/s':>7} {'peak MB':>8} {'t/char ratio':>12}")
        for r in rows:
            print(f"{r['shape']:8} {r['copies']:>6} {r['chars']:>10} {r['citations']:>9} {r['seconds']:>8} "
                  f"{r['chars_per_s']:>9} {r['citations_per_s']:>7} {r['peak_mb'] if r['peak_mb'] is not None else '-':>8} "
                  f"{r['time_per_char_vs_smallest']:>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
