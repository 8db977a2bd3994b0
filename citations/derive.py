"""Align two e-Gov XML versions of a law and draft an amendment table (YAML) for review.

What is aligned, by text (never by number, since numbers are what changes):
- rows of appended tables that exist in both versions (別表 branch labels that move);
- rows of a table that vanished (別表第一 → 別表, 別表第二 → the 提供命令's 第2条の表 when
  `other_new` is given): the vanished table goes to the candidate table it matches best;
- items of articles present in both versions (第19条 renumbering), and articles themselves;
- for a law replaced by another (別表第二主務省令 → 提供命令): articles, through the table rows
  they detail when a `context` version of the parent law is given, else by their text.

Similarity: character bigrams of the 情報照会者 and 事務 columns (or item text) after removing
parentheticals and the closing delegation phrase, weighted by rarity (IDF) so that the law names
decide, not 「に関する事務」. Alignment is order-preserving (tables keep statutory order), with a
second pass for strong matches that moved. Every entry gets a confidence; the runner-up
candidate is kept where it is close, for the reviewer.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, Sequence

from .egov import Article, LawXml, Row, kanji_int, label_num
from .numerals import int_to_kanji
from .provision import Provision, num_id

# ---------------------------------------------------------------- text similarity

_KN = "〇一二三四五六七八九十百千"
_DELEGATION = re.compile(rf"であって(?:主務省令|次条|前条|同条|第[{_KN}の]+条)で定めるもの")
# cross references carrying the very numbers being aligned
_NUM_REFS = re.compile(
    rf"(?:法)?別表(?:第[一二])?の[{_KN}の]+の項|(?:前条|第[{_KN}の]+条)の表[{_KN}の]+の項"
    rf"|同表の[{_KN}の]+の項")


def strip_parens(s: str) -> str:
    """Remove （…） including nested ones."""
    out, depth = [], 0
    for c in s:
        if c in "（(":
            depth += 1
        elif c in "）)" and depth:
            depth -= 1
        elif not depth:
            out.append(c)
    return "".join(out)


def normalise(s: str) -> str:
    s = _NUM_REFS.sub("", s)
    s = strip_parens(s)
    s = _DELEGATION.sub("", s)
    return re.sub(r"[\s\u3000、。・「」]", "", s)


def bigrams(s: str) -> frozenset[str]:
    return frozenset(s[i:i + 2] for i in range(len(s) - 1)) if len(s) > 1 else frozenset([s])


class Similarity:
    """IDF-weighted bigram overlap between the fields of two lists of records."""

    def __init__(self, old: Sequence[Sequence[str]], new: Sequence[Sequence[str]],
                 weights: Sequence[float]):
        self.a = [[bigrams(normalise(f)) for f in rec] for rec in old]
        self.b = [[bigrams(normalise(f)) for f in rec] for rec in new]
        df: Counter[str] = Counter()
        for rec in self.a + self.b:
            df.update(set().union(*rec) if rec else ())
        n = max(len(self.a) + len(self.b), 2)
        self.idf = {g: math.log(n / c) + 0.1 for g, c in df.items()}
        self.weights = weights

    def _w(self, s: frozenset[str]) -> float:
        return sum(self.idf.get(g, 0.0) for g in s)

    def field(self, x: frozenset[str], y: frozenset[str]) -> float:
        if not x or not y:
            return 0.0
        inter = self._w(x & y)
        wx, wy = self._w(x), self._w(y)
        dice = 2 * inter / (wx + wy) if wx + wy else 0.0
        # a short text fully contained in a longer one (defined terms: 中国残留邦人等支援給付等)
        contain = inter / min(wx, wy) if min(wx, wy) else 0.0
        return max(dice, 0.85 * contain)

    def __call__(self, i: int, j: int) -> float:
        a, b = self.a[i], self.b[j]
        if len(self.weights) == 2:
            # rows: 事務 decides; a different 情報照会者 lowers it
            who = self.field(a[0], b[0])
            return self.field(a[1], b[1]) * (0.6 + 0.4 * who)
        return self.field(a[0], b[0])


# ---------------------------------------------------------------- alignment

@dataclass
class Match:
    old: int                # index into the old list, -1 for an added record
    new: int                # index into the new list, -1 for a removed record
    score: float = 0.0      # similarity of the pair (for removed: of the best candidate)
    best: int = -1          # best candidate (new index) for a removed record
    runner_up: tuple[int, float] | None = None


def align(n_old: int, n_new: int, sim: Callable[[int, int], float], *, accept: float = 0.55,
          strong: float = 0.7, bonus: Callable[[int, int], float] | None = None) -> list[Match]:
    """Monotone alignment maximising Σ(sim - accept) over pairs with sim >= accept, then
    out-of-order matches for leftovers whose similarity reaches `strong`. `bonus` adds a prior
    (e.g. same label) to the pair score used for the decision, not to the reported score."""
    S = [[sim(i, j) for j in range(n_new)] for i in range(n_old)]
    B = [[(bonus(i, j) if bonus else 0.0) for j in range(n_new)] for i in range(n_old)]
    dp = [[0.0] * (n_new + 1) for _ in range(n_old + 1)]
    back = [[0] * (n_new + 1) for _ in range(n_old + 1)]
    for i in range(1, n_old + 1):
        row, prev = dp[i], dp[i - 1]
        for j in range(1, n_new + 1):
            best, how = prev[j], 1
            if row[j - 1] > best:
                best, how = row[j - 1], 2
            s = S[i - 1][j - 1] + B[i - 1][j - 1]
            if s >= accept and prev[j - 1] + (s - accept) + 1e-9 > best:
                best, how = prev[j - 1] + (s - accept) + 1e-9, 0
            row[j], back[i][j] = best, how
    pairs: dict[int, int] = {}
    i, j = n_old, n_new
    while i and j:
        how = back[i][j]
        if how == 0:
            pairs[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif how == 1:
            i -= 1
        else:
            j -= 1
    used = set(pairs.values())
    for i in range(n_old):
        if i in pairs or not n_new:
            continue
        j = max(range(n_new), key=lambda k: S[i][k])
        if j not in used and S[i][j] >= strong:
            pairs[i] = j
            used.add(j)
    out: list[Match] = []
    for i in range(n_old):
        ranked = sorted(range(n_new), key=lambda k: -S[i][k])
        j = pairs.get(i, -1)
        ru = next(((k, S[i][k]) for k in ranked if k != j), None)
        if j >= 0:
            out.append(Match(i, j, S[i][j], runner_up=ru))
        else:
            top = ranked[0] if ranked else -1
            out.append(Match(i, -1, S[i][top] if top >= 0 else 0.0, best=top))
    for j in sorted(set(range(n_new)) - used):
        out.append(Match(-1, j))
    return out


def confidence(m: Match) -> float:
    """How sure the entry is: the pair's similarity, lowered when a rival is nearly as
    similar; for a removed record, how far its best candidate is from acceptance."""
    if m.old >= 0 and m.new >= 0:
        c = min(m.score, 1.0)
        if m.runner_up and m.score - m.runner_up[1] < 0.1:
            c *= 0.75
        return round(c, 2)
    if m.old >= 0:
        return round(max(0.0, 1.0 - m.score), 2)
    return 1.0


# ---------------------------------------------------------------- entries

@dataclass
class Entry:
    law: str                      # law of `old` (of `new` for an added provision)
    old: str | None               # provision id; None for an added provision
    new: list[str]                # successor refs ("law:prov" when in another law); [] abolished
    kind: str                     # renumbered | relabelled | moved | abolished | added
    confidence: float
    also: list[str] = field(default_factory=list)
    subject: str = ""
    candidate: str = ""           # removed: best candidate; matched: close runner-up
    candidate_score: float = 0.0
    note: str = ""

    def key(self) -> tuple:
        return (self.law, self.old, tuple(self.new) if self.old else self.new[0])


@dataclass
class Draft:
    old: LawXml
    new: LawXml
    other_new: LawXml | None
    context: list[LawXml]
    entries: list[Entry]


def _ref(law: str, home: str, prov: str) -> str:
    return prov if law == home else f"{law}:{prov}"


def _subject(*texts: str, n: int = 40) -> str:
    # an article caption is all parentheses, which normalise() would drop
    return "　".join(normalise(t.strip().strip("（）()"))[:n] for t in texts if t)


def _row_records(rows: Sequence[Row]) -> list[tuple[str, str]]:
    return [(r.who, r.jimu) for r in rows]


def _live(rows: Sequence[Row]) -> list[Row]:
    return [r for r in rows if not r.deleted]


_DETAIL = re.compile(rf"であって(次条|同条|第([{_KN}の]+)条)で定めるもの")
_ARTICLE = re.compile(rf"第([{_KN}]+(?:の[{_KN}]+)*)条")


def detail_article(row: Row, table_article: tuple[int, ...]) -> str | None:
    """The article a row of an article table delegates to (「…であって第五十条で定めるもの」)."""
    m = None
    for m in _DETAIL.finditer(row.jimu):
        pass
    if not m:
        return None
    if m.group(1) == "次条":
        return Provision(article=(table_article[0] + 1,)).id
    if m.group(1) == "同条":  # 「（…第五十五条において同じ。）…であって同条で定めるもの」
        arts = _ARTICLE.findall(row.jimu[:m.start()])
        return Provision(article=label_num(arts[-1])).id if arts else None
    return Provision(article=label_num(m.group(2))).id


def _table_entries(old_law: LawXml, old_key: str, old_rows: list[Row], new_law: LawXml,
                   new_prefix: str, new_rows: list[Row], kind_same: str, kind_other: str,
                   table_article: tuple[int, ...] | None, same_table: bool) -> list[Entry]:
    """Entries for one old table aligned with one new table."""
    o, n = _live(old_rows), _live(new_rows)
    sim = Similarity(_row_records(o), _row_records(n), (0.3, 0.7))
    bonus = (lambda i, j: 0.15 if o[i].num == n[j].num else 0.0) if same_table else None
    ms = align(len(o), len(n), sim, bonus=bonus)
    out: list[Entry] = []
    home = old_law.law_id
    old_deleted = {r.num for r in old_rows if r.deleted}
    for m in ms:
        if m.old >= 0:
            r = o[m.old]
            pid = f"AppdxTable{old_key}-Row{num_id(r.num)}"
            subj = _subject(r.who, r.jimu, n=30)
            if m.new >= 0:
                nr = n[m.new]
                nid = f"{new_prefix}-Row{num_id(nr.num)}"
                if same_table and nr.num == r.num:
                    continue
                also = []
                if table_article:
                    art = detail_article(nr, table_article)
                    if art:
                        also.append(_ref(new_law.law_id, home, art))
                e = Entry(home, pid, [_ref(new_law.law_id, home, nid)],
                          kind_same if new_law.law_id == home else kind_other,
                          confidence(m), also, subj)
                if m.runner_up and m.score - m.runner_up[1] < 0.1:
                    e.candidate = _ref(new_law.law_id, home,
                                       f"{new_prefix}-Row{num_id(n[m.runner_up[0]].num)}")
                    e.candidate_score = round(m.runner_up[1], 2)
                out.append(e)
            else:
                e = Entry(home, pid, [], "abolished", confidence(m), [], subj)
                if m.best >= 0 and m.score >= 0.35:
                    e.candidate = _ref(new_law.law_id, home,
                                       f"{new_prefix}-Row{num_id(n[m.best].num)}")
                    e.candidate_score = round(m.score, 2)
                out.append(e)
        else:
            nr = n[m.new]
            if same_table and nr.num in {r.num for r in o} | set():
                pass  # label kept, content new: the old row went elsewhere (its entry says so)
            nid = f"{new_prefix}-Row{num_id(nr.num)}"
            note = "label was 削除 before" if nr.num in old_deleted else ""
            also = []
            if table_article:
                art = detail_article(nr, table_article)
                if art:
                    also.append(art)
            out.append(Entry(new_law.law_id, None, [nid], "added", 1.0, also,
                             _subject(nr.who, nr.jimu, n=30), note=note))
    return out


def _items(art: Article) -> list[tuple[str, str, bool]]:
    """(label id suffix, text, deleted) of an article's items, paragraph-qualified when the
    article has several paragraphs."""
    multi = len(art.paragraphs) > 1
    out = []
    for p in art.paragraphs:
        for it in p.items:
            pid = Provision(article=art.num, paragraph=p.num if multi else None, item=it.num).id
            out.append((pid, it.text, it.deleted))
    return out


def _aligned(law: str, old: list[tuple[str, str, str]],
             new: list[tuple[str, str, str]]) -> list[Entry]:
    """Entries for two versions of a list of numbered parts (items, paragraphs), each given
    as (id, text, text to compare): same ids with the same opening text = nothing changed;
    otherwise aligned by text, a same-id pair preferred."""
    if [x[0] for x in old] == [x[0] for x in new] and all(
            normalise(a[1])[:40] == normalise(b[1])[:40] for a, b in zip(old, new)):
        return []
    sim = Similarity([(x[2],) for x in old], [(x[2],) for x in new], (1.0,))
    out = []
    for m in align(len(old), len(new), sim, accept=0.5,
                   bonus=lambda i, j: 0.25 if old[i][0] == new[j][0] else 0.0):
        if m.old >= 0 and m.new >= 0:
            if old[m.old][0] != new[m.new][0]:
                out.append(Entry(law, old[m.old][0], [new[m.new][0]], "renumbered", confidence(m),
                                 subject=_subject(old[m.old][1])))
        elif m.old >= 0:
            out.append(Entry(law, old[m.old][0], [], "abolished", confidence(m),
                             subject=_subject(old[m.old][1])))
        else:
            out.append(Entry(law, None, [new[m.new][0]], "added", 1.0,
                             subject=_subject(new[m.new][1])))
    return out


def _item_entries(law: str, old: Article, new: Article) -> list[Entry]:
    return _aligned(law, [(i, t, t) for i, t, gone in _items(old) if not gone],
                    [(i, t, t) for i, t, gone in _items(new) if not gone])


def _paragraph_entries(law: str, old: Article, new: Article) -> list[Entry]:
    """Paragraphs of one article in two versions, aligned by text (with their items): a
    paragraph inserted in the middle (第2条第8項 カード代替電磁的記録, 2025) renumbers the ones
    after it."""
    def recs(art: Article) -> list[tuple[str, str, str]]:
        return [(Provision(article=art.num, paragraph=p.num).id, p.text,
                 "\n".join([p.text] + [i.text for i in p.items]))
                for p in art.paragraphs if p.text.strip() != "削除"]
    return _aligned(law, recs(old), recs(new))


def _article_body(art: Article) -> str:
    its = [i.text for p in art.paragraphs for i in p.items]
    return "\n".join(its) if its else "\n".join(p.text for p in art.paragraphs)


def _article_entries(old: LawXml, new: LawXml) -> list[Entry]:
    """Articles of one law in two versions: same number and caption = same article; the
    others (a number reused for another subject: 第十八条の二 手数料 → カード代替電磁的記録,
    2026) are aligned by text (renumbered) or reported added/abolished."""
    law = old.law_id
    gone = [a for k, a in old.articles.items() if k not in new.articles and not a.deleted]
    came = [a for k, a in new.articles.items() if k not in old.articles and not a.deleted]
    out: list[Entry] = []
    for k, a in old.articles.items():
        b = new.articles.get(k)
        if b is None or a.deleted:
            continue
        if b.deleted:
            out.append(Entry(law, Provision(article=k).id, [], "abolished", 1.0,
                             subject=_subject(a.caption or _article_body(a))))
        elif a.caption and b.caption and a.caption.strip() != b.caption.strip():
            gone.append(a)
            came.append(b)
        else:
            out += _paragraph_entries(law, a, b) + _item_entries(law, a, b)
    if gone or came:
        gone.sort(key=lambda a: a.num)   # the alignment is monotone: keep the law's order
        came.sort(key=lambda a: a.num)
        sim = Similarity([(a.text,) for a in gone], [(b.text,) for b in came],
                         (1.0,))
        for m in align(len(gone), len(came), sim, accept=0.6,
                       bonus=lambda i, j: 0.25 if gone[i].num == came[j].num else 0.0):
            if m.old >= 0 and m.new >= 0:
                a, b = gone[m.old], came[m.new]
                if a.num == b.num:
                    out += _paragraph_entries(law, a, b) + _item_entries(law, a, b)
                else:
                    out.append(Entry(law, Provision(article=a.num).id,
                                     [Provision(article=b.num).id], "renumbered",
                                     confidence(m), subject=_subject(a.caption)))
            elif m.old >= 0:
                out.append(Entry(law, Provision(article=gone[m.old].num).id, [], "abolished",
                                 confidence(m), subject=_subject(gone[m.old].caption)))
            else:
                out.append(Entry(law, None, [Provision(article=came[m.new].num).id], "added",
                                 1.0, subject=_subject(came[m.new].caption)))
    return out


def _candidate_tables(new: LawXml, other: LawXml | None, taken: set[str]):
    """(law, id prefix, rows, table article) of tables an old table may have gone to."""
    for k, t in new.tables.items():
        if k not in taken:
            yield new, f"AppdxTable{k}", t.rows, None
    if other is not None:
        for num, a in other.articles.items():
            if a.table:
                yield other, f"{Provision(article=num).id}-Table", a.table, num


def _table_score(old_rows: list[Row], new_rows: list[Row]) -> float:
    o, n = _live(old_rows), _live(new_rows)
    if not o or not n:
        return 0.0
    sim = Similarity(_row_records(o), _row_records(n), (0.3, 0.7))
    ms = align(len(o), len(n), sim)
    return sum(m.score for m in ms if m.old >= 0 and m.new >= 0) / len(o)


_REF_OLD = re.compile(rf"別表(第[{_KN}]+)?の([{_KN}]+(?:の[{_KN}]+)*)の項")
_REF_NEW = re.compile(rf"(?:前条|第([{_KN}]+(?:の[{_KN}]+)*)条)の表([{_KN}]+(?:の[{_KN}]+)*)の項")


def _row_ref_old(art: Article) -> tuple[str, tuple[int, ...]] | None:
    """(table key, row) of the parent law's table an article details: 「法別表第二の一の項」."""
    text = art.paragraphs[0].text if art.paragraphs else ""
    m = _REF_OLD.search(text)
    if not m:
        return None
    key = str(kanji_int(m.group(1)[1:])) if m.group(1) else ""
    return key, label_num(m.group(2))


def _row_ref_new(art: Article) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """(table article, row) an article details: 「前条の表一の項」, 「第二条の表四十八の項」."""
    text = art.paragraphs[0].text if art.paragraphs else ""
    m = _REF_NEW.search(text)
    if not m:
        return None
    table_art = label_num(m.group(1)) if m.group(1) else (art.num[0] - 1,)
    return table_art, label_num(m.group(2))


def _replaced_law_entries(old: LawXml, new: LawXml, context: Sequence[LawXml]) -> list[Entry]:
    """A law replaced by another: old article -> new article. Through rows where possible:
    the old article details a row of the parent law's table (context), that row moved to a row
    of the new law's table, which a new article details."""
    home = old.law_id
    row_map: dict[tuple[str, tuple[int, ...]], tuple[tuple[int, ...], float]] = {}
    table_art = next((k for k, a in new.articles.items() if a.table), None)
    keys = {ref[0] for a in old.articles.values() if (ref := _row_ref_old(a))}
    for ctx in context:
        for key in sorted(keys & set(ctx.tables)):
            if table_art is None:
                break
            o, n = _live(ctx.tables[key].rows), _live(new.articles[table_art].table)
            sim = Similarity(_row_records(o), _row_records(n), (0.3, 0.7))
            for m in align(len(o), len(n), sim):
                if m.old >= 0 and m.new >= 0:
                    row_map[(key, o[m.old].num)] = (n[m.new].num, confidence(m))
    new_by_row = {}
    for k, a in new.articles.items():
        ref = _row_ref_new(a)
        if ref:
            new_by_row.setdefault(ref[1], k)
    olds = [a for a in old.articles.values() if not a.deleted]
    news = list(new.articles.values())
    sim = Similarity([(_article_body(a),) for a in olds], [(_article_body(b),) for b in news],
                     (1.0,))
    by_text = {m.old: m for m in align(len(olds), len(news), sim, accept=0.6) if m.old >= 0}
    out: list[Entry] = []
    for i, a in enumerate(olds):
        pid = Provision(article=a.num).id
        ref = _row_ref_old(a)
        tm = by_text[i]
        text_target = news[tm.new].num if tm.new >= 0 else None
        if ref is not None and row_map:
            hit = row_map.get(ref)
            if hit is None:
                out.append(Entry(home, pid, [], "abolished", 0.9,
                                 subject=f"別表第{kanji(int(ref[0]))}の{kanji_label(ref[1])}の項",
                                 note="its 別表第二 row has no row in the new table"))
                continue
            row, conf = hit
            target = new_by_row.get(row)
            if target is None:
                out.append(Entry(home, pid, [], "abolished", 0.5, subject=f"別表第{kanji(int(ref[0]))}の{kanji_label(ref[1])}の項",
                                 note=f"row {num_id(row)} has no detail article"))
                continue
            agree = text_target == target
            e = Entry(home, pid, [f"{new.law_id}:{Provision(article=target).id}"], "moved",
                      round(min(1.0, conf + (0.1 if agree else -0.2)), 2),
                      [f"{new.law_id}:{Provision(article=table_art, article_table=True, row=row).id}"],
                      subject=f"別表第{kanji(int(ref[0]))}の{kanji_label(ref[1])}の項")
            if not agree and text_target is not None:
                e.candidate = f"{new.law_id}:{Provision(article=text_target).id}"
                e.candidate_score = round(tm.score, 2)
                e.note = "article text points elsewhere"
            out.append(e)
        elif tm.new >= 0:
            target = news[tm.new]
            also = []
            ref_new = _row_ref_new(target)
            if ref_new:
                also.append(f"{new.law_id}:"
                            f"{Provision(article=ref_new[0], article_table=True, row=ref_new[1]).id}")
            out.append(Entry(home, pid, [f"{new.law_id}:{Provision(article=target.num).id}"],
                             "moved", confidence(tm), also,
                             subject=_subject(a.caption or _article_body(a), n=30)))
        else:
            out.append(Entry(home, pid, [], "abolished", confidence(tm),
                             subject=_subject(a.caption or _article_body(a), n=30)))
    return out


def derive(old: LawXml, new: LawXml, other_new: LawXml | None = None,
           context: Sequence[LawXml] = ()) -> Draft:
    """Align two versions (or a law and its replacement) and list what happened."""
    entries: list[Entry] = []
    if old.law_id.lower() != new.law_id.lower():
        entries = _replaced_law_entries(old, new, context)
        return Draft(old, new, other_new, list(context), entries)
    entries.extend(_article_entries(old, new))
    taken = {k for k in old.tables if k in new.tables}
    for k in sorted(taken):
        entries.extend(_table_entries(old, k, old.tables[k].rows, new, f"AppdxTable{k}",
                                      new.tables[k].rows, "relabelled", "moved", None, True))
    vanished = [k for k in sorted(old.tables) if k not in new.tables]
    for k in vanished:
        cands = list(_candidate_tables(new, other_new, taken))
        if not cands:
            entries.append(Entry(old.law_id, f"AppdxTable{k}", [], "abolished", 1.0))
            continue
        scored = sorted(((_table_score(old.tables[k].rows, rows), law, prefix, rows, art)
                         for law, prefix, rows, art in cands), key=lambda x: -x[0])
        score, law, prefix, rows, art = scored[0]
        if law is new:
            taken.add(prefix[len("AppdxTable"):])
        whole = prefix if art is None else Provision(article=art).id
        entries.append(Entry(old.law_id, f"AppdxTable{k}", [_ref(law.law_id, old.law_id, whole)],
                             "renumbered" if law is new else "moved", round(score, 2),
                             subject=old.tables[k].title))
        entries.extend(_table_entries(old, k, old.tables[k].rows, law, prefix, rows,
                                      "renumbered", "moved", art, False))
    for k in sorted(set(new.tables) - set(old.tables) - taken):
        entries.append(Entry(new.law_id, None, [f"AppdxTable{k}"], "added", 1.0,
                             subject=new.tables[k].title))
    return Draft(old, new, other_new, list(context), entries)


# ---------------------------------------------------------------- draft YAML

_ERA = {"1": "明治", "2": "大正", "3": "昭和", "4": "平成", "5": "令和"}


kanji = int_to_kanji  # 23 -> 二十三 (statutory style; citations/numerals.py)


def kanji_label(num: tuple[int, ...]) -> str:
    """(16, 2) -> 十六の二."""
    return "の".join(kanji(x) for x in num)


def law_number_of(law_id: str) -> str:
    """e-Gov law id -> law number: 505AC0000000048 -> 令和五年法律第四十八号."""
    m = re.match(r"^(\d)(\d\d)AC0*(\d+)$", law_id or "")
    if not m or m.group(1) not in _ERA:
        return ""
    y = int(m.group(2))
    return f"{_ERA[m.group(1)]}{'元' if y == 1 else kanji(y)}年法律第{kanji(int(m.group(3)))}号"


def _flow(items: Sequence[str]) -> str:
    return "[" + ", ".join(_q(x) for x in items) + "]"


def _q(s: str) -> str:
    if s == "" or re.search(r"[:#\[\]{},&*!|>'\"%@`]|^\s|\s$|^[-?]", s) or s in ("null", "true",
                                                                                   "false"):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return s


def source_of(law: LawXml) -> dict:
    return {"law": law.law_id, "version": law.version.isoformat() if law.version else "null",
            "file": law.source}


def entry_yaml(e: Entry, home: str, indent: str = "- ") -> str:
    parts = []
    if e.law != home:
        parts.append(f"law: {e.law}")
    parts.append(f"old: {_q(e.old) if e.old else 'null'}")
    parts.append(f"new: {_flow(e.new)}")
    if e.also:
        parts.append(f"also: {_flow(e.also)}")
    parts.append(f"kind: {e.kind}")
    parts.append(f"confidence: {e.confidence}")
    if e.candidate:
        parts.append(f"candidate: {_q(e.candidate)}")
        parts.append(f"candidate_score: {e.candidate_score}")
    if e.subject:
        parts.append(f"subject: {_q(e.subject)}")
    if e.note:
        parts.append(f"note: {_q(e.note)}")
    return indent + "{" + ", ".join(parts) + "}"


def draft_yaml(d: Draft, effective: date | None = None, review_below: float = 0.7) -> str:
    """The draft amendment file. Entries below `review_below` are marked for review."""
    home = d.old.law_id
    if effective is not None:
        eff = effective.isoformat()
    else:
        lo = (d.old.version + timedelta(days=1)).isoformat() if d.old.version else "null"
        hi = d.new.version.isoformat() if d.new.version else "null"
        eff = f"{{from: {lo}, to: {hi}}}"
    amend = d.new.amendment if d.new.amendment.strip("0") else ""
    lines = [
        "# DRAFT written by `citations rules derive`: review every entry marked REVIEW,",
        "# then fill in id/title/effective and the evidence. See rules/README.md.",
        f"id: {amend or 'TODO'}",
        f"law_number: {_q(law_number_of(amend) or 'TODO')}",
        "title: TODO",
        f"law: {home}",
        f"effective: {eff}",
        "source:",
        f"  old: {{{', '.join(f'{k}: {v}' for k, v in source_of(d.old).items())}}}",
        f"  new: {{{', '.join(f'{k}: {v}' for k, v in source_of(d.new).items())}}}",
    ]
    if d.other_new is not None:
        lines.append(f"  other_new: {{{', '.join(f'{k}: {v}' for k, v in source_of(d.other_new).items())}}}")
    for c in d.context:
        lines.append(f"  context: {{{', '.join(f'{k}: {v}' for k, v in source_of(c).items())}}}")
    lines.append("changes:")
    for e in d.entries:
        if e.confidence < review_below and e.kind != "added":
            lines.append("  # REVIEW: low confidence")
        lines.append(entry_yaml(e, home, "  - "))
    lines.append("tests: []")
    return "\n".join(lines) + "\n"
