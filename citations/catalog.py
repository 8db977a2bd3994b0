"""Stable rule codes (like ruff's): a code never changes meaning once released.

CIT1xx are validity findings (the law changed), CIT2xx consistency/style findings (the document
disagrees with itself). `kind` is the JSON contract's finding kind.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    code: str
    kind: str
    name: str
    summary: str        # one line, English
    summary_ja: str     # one line, Japanese
    fixable: bool = False


RULES: dict[str, Rule] = {r.code: r for r in [
    Rule("CIT101", "stale", "superseded",
         "The provision was renumbered, moved or replaced; its successor is known.",
         "改正により項番号・条番号が変わった、又は他の法令へ移った規定の引用", True),
    Rule("CIT102", "repealed", "abolished",
         "The provision was abolished with no successor; a person must decide.",
         "後継規定のない廃止済み規定の引用"),
    Rule("CIT103", "ambiguous", "ambiguous-successor",
         "Several successors are possible, or the date of the change is not known.",
         "後継規定が一つに定まらない（又は改正日が特定できない）引用"),
    Rule("CIT104", "not_yet_valid", "not-yet-in-force",
         "The provision does not exist yet on the as-of date.",
         "基準日にはまだ存在しない規定の引用"),
    Rule("CIT105", "unknown", "no-such-provision",
         "No such provision at any date (e.g. an item number beyond the table's range).",
         "どの時点にも存在しない規定の引用（項番号の範囲外など）"),
    Rule("CIT106", "stale", "drifted",
         "The number still exists but its meaning moved (old numbering shown by the context).",
         "番号は存在するが、文脈（見出し・併記）から改正前の番号と判断される引用", True),
    Rule("CIT107", "ambiguous", "likely-drifted",
         "Written next to citations of an earlier era; the number may have drifted.",
         "改正前の規定と併記されており、番号が改正前のものである可能性がある引用"),
    Rule("CIT201", "style", "lookalike-subitem",
         "A kanji look-alike (口 二 力 八) is written for a katakana sub-item letter (ロ ニ カ ハ).",
         "号の細分（イロハ）に漢字の似た字（口・二・力・八）が使われている", True),
    Rule("CIT202", "style", "undefined-abbreviation",
         "An abbreviation is used that the document does not define.",
         "文書中で定義されていない略称の使用"),
    Rule("CIT203", "style", "abbreviation-redefined",
         "An abbreviation is defined twice with different meanings.",
         "同じ略称が異なる法令について二度定義されている"),
    Rule("CIT204", "style", "mixed-abbreviations",
         "Two short names of the same law are mixed (番号法 and 番号利用法).",
         "同一法令の略称が混在している（番号法／番号利用法）", True),
    Rule("CIT205", "style", "mixed-digit-width",
         "A citation's digits are written in a different width from the document's other citations.",
         "引用中の数字の全角・半角が文書内で不統一", True),
    Rule("CIT206", "style", "mixed-eras",
         "A compound citation mixes provisions of different eras (第19条第8号 with 別表第二 after 2024-05-27).",
         "併記された規定の時点が食い違う（例：令和6年5月27日以降の別表第二と第19条第8号）"),
    Rule("CIT207", "style", "abbreviation-before-definition",
         "An abbreviation is used before the place that defines it.",
         "略称が定義より前で使用されている"),
]}


def rule(code: str) -> Rule:
    return RULES[code]
