"""The consistency half of `check`: a document that disagrees with itself (kind `style`).

- CIT201 a kanji look-alike written for a katakana sub-item letter (1号口 for 1号ロ);
- CIT202 a short name used that the document never defines (and whose title it never writes);
- CIT203 one abbreviation defined for two different laws;
- CIT204 two short names for one law (番号法 next to a defined 番号利用法);
- CIT205 a citation whose digits are in the other width from the document's other citations;
- CIT206 one sentence citing provisions of two eras (a provision that only exists after an
  amendment next to one that the same amendment abolished);
- CIT207 an abbreviation used before the place that defines it.
Name findings are reported once per name (the first use), not at every occurrence.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

from .extract import Extraction
from .laws import Registry
from .model import Citation, Finding, Fix
from .normalize import OCR_LOOKALIKES
from .numerals import digit_style
from .render import restyle_digits

_KATAKANA_OF = OCR_LOOKALIKES  # 口→ロ, 二→ニ, 力→カ, 八→ハ


def _finding(code: str, msg: str, c: Citation | None, start: int, end: int, line_col, fix=None,
             law=None, provision=None) -> Finding:
    line, col = line_col(start)
    return Finding(start=start, end=end, code=code, kind="style", message=msg,
                   law=c.law if c else law, provision=c.provision_id if c else provision,
                   fix=fix, line=line, column=col, citation=c)


def lookalikes(ex: Extraction) -> list[Finding]:
    out = []
    for c in ex.citations:
        if c.in_history:
            continue
        for t, (s, e) in c.extra.get("tokens", []):
            ch = ex.text[s:e]
            if t == "SUBITEM" and ch in _KATAKANA_OF:
                kata = _KATAKANA_OF[ch]
                out.append(_finding("CIT201", f"号の細分に「{ch}」（漢字）が使われています。「{kata}」（片仮名）です。",
                                    c, c.start, c.end, ex.line_col, Fix(s, e, kata)))
    return out


def _citation_at(ex: Extraction) -> dict[int, Citation]:
    """The citation each written law name belongs to (by the name's start offset)."""
    out: dict[int, Citation] = {}
    for c in ex.citations:
        if c.law_span and c.law_span[0] not in out:
            out[c.law_span[0]] = c
    return out


def names(ex: Extraction, registry: Registry) -> list[Finding]:
    out: list[Finding] = []
    at = _citation_at(ex)
    body = [m for m in ex.mentions if not m.in_history and not m.generic]
    titles = {law.id.upper(): {law.title} | {t["title"] for t in law.titles} for law in registry.laws.values()}

    def is_title(m) -> bool:
        n = m.name.replace("\n", "").replace(" ", "").replace("\u3000", "")
        return n in titles.get(m.law.upper(), set()) or len(n) >= 20

    # CIT203: one abbreviation, two laws
    defined: dict[str, tuple[str, int]] = {}
    for m in ex.mentions:
        if not m.defines:
            continue
        if m.defines in defined and defined[m.defines][0].upper() != m.law.upper():
            out.append(_finding("CIT203", f"略称「{m.defines}」が別の法令について再定義されています。",
                                at.get(m.start), m.start, m.end, ex.line_col, law=m.law))
        defined.setdefault(m.defines, (m.law, m.start))
    by_law_defined: dict[str, str] = {}
    for key, d in ex.definitions.items():
        by_law_defined.setdefault(d.law.upper(), key)

    seen: set[tuple[str, str]] = set()
    used: dict[str, Counter] = defaultdict(Counter)
    surface: dict[str, str] = {}
    for m in body:
        if not is_title(m):
            used[m.law.upper()][m.norm] += 1
            surface.setdefault(m.norm, m.name)
    for m in body:
        key = m.law.upper()
        if is_title(m) or m.defines:
            continue
        c = at.get(m.start)
        abbr = by_law_defined.get(key)
        if abbr and m.norm != abbr:
            # CIT204: the document defines another name for this law
            surface = ex.definitions[abbr].surface
            out.append(_finding("CIT204", f"「{m.name}」が使われていますが、この文書は「{surface}」と定義しています。",
                                c, m.start, m.end, ex.line_col, Fix(m.start, m.end, surface), law=m.law))
            continue
        if abbr and m.norm == abbr:
            pos = ex.definitions[abbr].start
            if m.start < pos and (m.norm, "before") not in seen:
                seen.add((m.norm, "before"))
                out.append(_finding("CIT207", f"略称「{m.name}」が定義より前で使われています。",
                                    c, m.start, m.end, ex.line_col, law=m.law))
            continue
        names_used = used[key]
        if len(names_used) > 1:
            top, top_n = names_used.most_common(1)[0]
            if m.norm != top and names_used[m.norm] < top_n:
                out.append(_finding("CIT204", f"同じ法令の略称が混在しています（「{m.name}」と「{surface[top]}」）。",
                                    c, m.start, m.end, ex.line_col, Fix(m.start, m.end, surface[top]), law=m.law))
                continue
        wrote_title = any(is_title(x) and x.law.upper() == key for x in ex.mentions)
        if not wrote_title and (m.norm, "undef") not in seen:
            seen.add((m.norm, "undef"))
            out.append(_finding("CIT202", f"略称「{m.name}」がこの文書で定義されていません。",
                                c, m.start, m.end, ex.line_col, law=m.law))
    return out


_LABEL = {"ascii": "半角", "full": "全角"}


def _widths(text: str) -> set[str]:
    out = set()
    for ch in text:
        if "0" <= ch <= "9":
            out.add("ascii")
        elif "０" <= ch <= "９":
            out.add("full")
    return out


def digit_width(ex: Extraction) -> list[Finding]:
    """CIT205: ASCII and full-width digits mixed inside one citation (第19条第８号), or one
    citation in the other width from the document's citations (kanji is a style of its own and
    never flagged)."""
    body = [c for c in ex.citations if not c.in_history and c.law]
    styles = [(c, digit_style(ex.text[c.prov_span[0]:c.prov_span[1]])) for c in body]
    count = Counter(s for _, s in styles if s in ("ascii", "full"))
    major = count.most_common(1)[0][0] if count else "full"
    out = []
    mixed = set()
    for c in body:
        ps, pe = c.prov_span
        if _widths(ex.text[ps:pe]) == {"ascii", "full"}:
            mixed.add(id(c))
            out.append(_finding("CIT205", "一つの引用の中で全角と半角の数字が混在しています。",
                                c, c.start, c.end, ex.line_col, Fix(ps, pe, restyle_digits(ex.text[ps:pe], major))))
    if len(count) < 2:
        return out
    (major, n_major), (minor, n_minor) = count.most_common(2)
    if n_major < 3 or n_major < 2 * n_minor:
        return out
    label = _LABEL
    for c, s in styles:
        if s == minor and id(c) not in mixed:
            ps, pe = c.prov_span
            out.append(_finding("CIT205", f"引用の数字が{label[minor]}です。この文書の他の引用は{label[major]}です。",
                                c, c.start, c.end, ex.line_col, Fix(ps, pe, restyle_digits(ex.text[ps:pe], major))))
    return out


def mixed_eras(ex: Extraction, validity: list[tuple[Finding, object]], as_of: date, timeline) -> list[Finding]:
    """CIT206: in one sentence, a provision abolished by an amendment next to one that only
    exists since that amendment."""
    from .check import compounds

    old_by_sentence: dict[int, list[tuple[Citation, date]]] = defaultdict(list)
    for f, res in validity:
        if f.kind not in ("stale", "repealed") or not getattr(res, "amendments", None):
            continue
        eff = getattr(res.amendments[0], "effective", None)
        d = getattr(eff, "earliest", None) or getattr(eff, "date", None) or (eff if isinstance(eff, date) else None)
        if isinstance(d, date):
            old_by_sentence[f.citation.extra.get("sentence", -1)].append((f.citation, d))
    out = []
    flagged: set[int] = set()
    groups = compounds(ex.citations)
    status: dict[tuple, str] = {}

    def st(law: str, prov: str, d: date) -> str:  # each (provision, date) resolved once
        key = (law, prov, d)
        if key not in status:
            status[key] = timeline.resolve(law, prov, d).status
        return status[key]

    for sent, olds in old_by_sentence.items():
        old_ids = {id(o) for o, _ in olds}
        first_by_date: dict[date, Citation] = {}
        for o, d in olds:
            first_by_date.setdefault(d, o)
        for c in groups.get(sent, []):
            if c.in_history or c.law is None or c.provision is None or id(c) in flagged or id(c) in old_ids:
                continue
            for d, o in first_by_date.items():
                if st(c.law, c.provision_id, d - timedelta(days=1)) == "not_yet_valid" and \
                        st(c.law, c.provision_id, as_of) == "valid":
                    flagged.add(id(c))
                    out.append(_finding("CIT206", f"改正後にできた規定「{c.text}」が、同じ改正で廃止された「{o.text}」と併記されています。",
                                        c, c.start, c.end, ex.line_col))
                    break
    return out


def style_findings(ex: Extraction, registry: Registry, validity, as_of: date, timeline) -> list[Finding]:
    return (lookalikes(ex) + names(ex, registry) + digit_width(ex)
            + mixed_eras(ex, validity, as_of, timeline))
