"""The law's timeline: which provision existed when, and where its meaning went.

Built from the data under rules/ (see rules/README.md):
- outlines/*.yaml  which provisions each e-Gov version has;
- amendments/*.yaml what each amendment did to a provision (renumbered, moved, relabelled,
  abolished, added), with its effective date or, when unknown, the interval bracketing it;
- laws.yaml        when a law came into / went out of force.

A provision label has one or more *lives* (a meaning held over an interval); an amendment ends
a life and starts the lives of its successors. `resolve` finds the life a citation means at a
date (face value, or the one a caption / co-cited provision points to) and follows the
successors up to that date. Everything is loaded once and resolved with dict lookups.
"""
from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from .egov import outline_provisions
from .provision import Provision, parse_id

# ---------------------------------------------------------------- YAML with line numbers


class LDict(dict):
    """A mapping loaded from YAML that remembers where it (and each key) was written."""
    line: int = 0
    file: str = ""
    key_lines: dict

    def at(self, key: str | None = None) -> str:
        line = self.key_lines.get(key, self.line) if key else self.line
        return f"{self.file}:{line}"


class LList(list):
    line: int = 0


# the C parser when available (5x faster); the constructors below keep the line numbers
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LDict:
    loader.flatten_mapping(node)
    d = LDict()
    d.line = node.start_mark.line + 1
    d.file = loader.name
    d.key_lines = {}
    for knode, vnode in node.value:
        key = loader.construct_object(knode, deep=True)
        if key in d:
            loader.errors.append(f"{loader.name}:{knode.start_mark.line + 1}: duplicate key "
                                 f"{key!r} (first at line {d.key_lines[key]})")
        d[key] = loader.construct_object(vnode, deep=True)
        d.key_lines[key] = knode.start_mark.line + 1
    return d


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> LList:
    ls = LList(loader.construct_object(c, deep=True) for c in node.value)
    ls.line = node.start_mark.line + 1
    return ls


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def _shown(path: Path) -> str:
    """The path as an error message shows it: relative to the working directory if inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_yaml(path: Path) -> tuple[Any, list[str]]:
    """Load a YAML file; mappings are LDicts (with line numbers). Returns (data, errors)."""
    text = Path(path).read_text(encoding="utf-8")
    loader = _Loader(text)
    loader.name = _shown(Path(path))
    loader.errors = []
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        return None, [f"{path}:{line}: YAML error: {getattr(e, 'problem', e)}"]
    finally:
        loader.dispose()
    return data, loader.errors


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class Bound:
    """A change took effect on some day in [lo, hi]; lo == hi when the date is known.
    lo None: no lower limit known."""
    lo: date | None
    hi: date | None

    @property
    def exact(self) -> bool:
        return self.lo is not None and self.lo == self.hi

    def key(self) -> date:
        return self.lo or self.hi or date.min

    def before(self, d: date) -> bool:
        """Certainly in effect on d."""
        return self.hi is not None and self.hi <= d

    def after(self, d: date) -> bool:
        """Certainly not yet in effect on d."""
        return self.lo is not None and d < self.lo

    def __str__(self) -> str:
        if self.exact:
            return self.lo.isoformat()
        return f"{self.lo or '?'}〜{self.hi or '?'}"


def _date(v: Any) -> date | None:
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v))


def bound_of(v: Any) -> Bound:
    if isinstance(v, dict):
        return Bound(_date(v.get("from")), _date(v.get("to")))
    d = _date(v)
    return Bound(d, d)


@dataclass
class Amendment:
    id: str
    law_number: str
    title: str
    effective: date | tuple[date | None, date | None]
    source: dict
    file: str
    law: str
    changes: list[Change] = field(default_factory=list)
    tests: list[dict] = field(default_factory=list)
    readings: list[dict] = field(default_factory=list)

    @property
    def bound(self) -> Bound:
        if isinstance(self.effective, tuple):
            return Bound(*self.effective)
        return Bound(self.effective, self.effective)


@dataclass
class Change:
    amendment: Amendment
    law: str
    old: str | None
    new: list[tuple[str, str]]
    also: list[tuple[str, str]]
    kind: str
    confidence: float
    bound: Bound
    subject: str = ""
    keywords: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    review: dict | None = None
    where: str = ""
    law_number: str = ""  # the amending law of this entry, when known apart from the file's


@dataclass
class Life:
    law: str
    prov: str
    start: Bound | None             # None: since before our data
    end: Bound | None               # None: still in force
    start_change: Change | None = None
    end_change: Change | None = None
    inherited_end: bool = False     # ended because a containing provision moved/ended

    @property
    def subject(self) -> str:
        for c in (self.end_change, self.start_change):
            if c is not None and c.subject and not (c is self.end_change and self.inherited_end):
                return c.subject
        return ""

    @property
    def keywords(self) -> tuple[str, ...]:
        kws: tuple[str, ...] = ()
        for c in (self.end_change, self.start_change):
            if c is not None and not (c is self.end_change and self.inherited_end):
                kws += c.keywords
        return kws

    @property
    def tags(self) -> set[str]:
        out: set[str] = set()
        for c in (self.end_change, self.start_change):
            if c is not None and not (c is self.end_change and self.inherited_end):
                out.update(c.tags)
        return out

    def state(self, d: date) -> str:
        """'in' (certainly in force on d), 'maybe', 'before' (not yet), 'after' (ended)."""
        if self.start is not None and self.start.after(d):
            return "before"
        if self.end is not None and self.end.before(d):
            return "after"
        started = self.start is None or self.start.before(d)
        ended_maybe = self.end is not None and not self.end.after(d)
        return "in" if started and not ended_maybe else "maybe"

    def overlaps(self, lo: date | None, hi: date | None) -> bool:
        """Whether the life may have been in force somewhere in [lo, hi]."""
        if hi is not None and self.start is not None and self.start.lo is not None \
                and self.start.lo > hi:
            return False
        if lo is not None and self.end is not None and self.end.hi is not None \
                and self.end.hi <= lo:
            return False
        return True

    def valid_from(self) -> date | None:
        return self.start.hi if self.start else None

    def valid_to(self) -> date | None:
        if self.end is None or self.end.lo is None:
            return None
        return self.end.lo - timedelta(days=1)


@dataclass
class Hints:
    caption: str = ""                                  # e.g. "委託先への提供"
    cocited: tuple[tuple[str, str], ...] = ()          # (law, provision) cited alongside


@dataclass
class Resolution:
    status: str       # valid | stale | repealed | ambiguous | not_yet_valid | unknown | unverifiable
    successors: list[tuple[str, str]] = field(default_factory=list)
    also: list[tuple[str, str]] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)
    reason: str = ""
    note: str = ""
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass
class Outline:
    law: str
    version: date | None
    file: str
    exhaustive: bool
    provisions: dict[str, bool]   # id -> deleted


# ---------------------------------------------------------------- loading


def _split_ref(ref: str, home: str) -> tuple[str, str]:
    if ":" in ref:
        law, prov = ref.split(":", 1)
        return law, prov
    return home, ref


def _strs(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    return [str(x) for x in v]


class Timeline:
    def __init__(self) -> None:
        self.laws: dict[str, dict] = {}          # canonical id -> laws.yaml record
        self._canon: dict[str, str] = {}         # lower-case id -> canonical id
        self.outlines: dict[str, list[Outline]] = {}
        self.amendments: list[Amendment] = []
        self.changes_from: dict[tuple[str, str], list[Change]] = {}
        self.changes_to: dict[tuple[str, str], list[Change]] = {}
        self.errors: list[str] = []
        self._lives: dict[tuple[str, str], list[Life]] = {}
        self._ever: dict[str, set[str]] = {}     # law -> every provision id in any outline

    # ------------------------------------------------------------ building

    @classmethod
    def from_dir(cls, rules: Path) -> Timeline:
        tl = cls()
        rules = Path(rules)
        if (rules / "laws.yaml").exists():
            data, errs = load_yaml(rules / "laws.yaml")
            tl.errors += errs
            for rec in (data or {}).get("laws", []) or []:
                lid = str(rec.get("id"))
                tl.laws[lid] = rec
                tl._canon[lid.lower()] = lid
        for p in sorted((rules / "outlines").glob("*.yaml")):
            tl._load_outline(p)
        for p in sorted((rules / "amendments").glob("*.yaml")):
            tl._load_amendment(p)
        for law in tl.outlines:
            tl.outlines[law].sort(key=lambda o: o.version or date.min)
        tl.amendments.sort(key=lambda a: (a.bound.key(), a.id))
        return tl

    def canon(self, law: str | None) -> str:
        if not law:
            return ""
        return self._canon.get(str(law).lower(), str(law))

    def _load_outline(self, path: Path) -> None:
        data, errs = load_yaml(path)
        self.errors += errs
        if not isinstance(data, dict):
            self.errors.append(f"{path}:1: not a mapping")
            return
        law = str(data.get("law", ""))
        self._canon.setdefault(law.lower(), law)
        law = self.canon(law)
        try:
            provs = outline_provisions(dict(data.get("articles") or {}),
                                       dict(data.get("tables") or {}))
        except ValueError as e:
            self.errors.append(f"{data.at()}: {e}")
            return
        o = Outline(law, _date(data.get("version")), str(path.name),
                    bool(data.get("exhaustive", True)), provs)
        self.outlines.setdefault(law, []).append(o)
        self._ever.setdefault(law, set()).update(k for k, v in provs.items())

    def _load_amendment(self, path: Path) -> None:
        data, errs = load_yaml(path)
        self.errors += errs
        if not isinstance(data, dict):
            self.errors.append(f"{path}:1: not a mapping")
            return
        eff = data.get("effective")
        effective = (_date(eff.get("from")), _date(eff.get("to"))) if isinstance(eff, dict) \
            else _date(eff)
        law = self.canon(str(data.get("law", "")))
        am = Amendment(str(data.get("id", path.stem)), str(data.get("law_number", "")),
                       str(data.get("title", "")), effective, dict(data.get("source") or {}),
                       path.name, law, tests=list(data.get("tests") or []),
                       readings=list(data.get("readings") or []))
        for e in data.get("changes") or []:
            if not isinstance(e, dict):
                continue
            elaw = self.canon(str(e.get("law", law)))
            old = e.get("old")
            bound = bound_of(e["effective"]) if e.get("effective") is not None else am.bound
            ch = Change(am, elaw, str(old) if old else None,
                        [(self.canon(l), p) for l, p in (_split_ref(r, elaw)
                                                         for r in _strs(e.get("new")))],
                        [(self.canon(l), p) for l, p in (_split_ref(r, elaw)
                                                         for r in _strs(e.get("also")))],
                        str(e.get("kind", "")), float(e.get("confidence", 1.0) or 0), bound,
                        str(e.get("subject", "") or ""), tuple(_strs(e.get("keywords"))),
                        tuple(_strs(e.get("tags"))), e.get("review"),
                        e.at() if isinstance(e, LDict) else str(path),
                        str(e.get("law_number", "") or ""))
            am.changes.append(ch)
            if ch.old:
                self.changes_from.setdefault((elaw, ch.old), []).append(ch)
            for ref in ch.new:
                self.changes_to.setdefault(ref, []).append(ch)
        self.amendments.append(am)

    # ------------------------------------------------------------ lives

    def _event_lives(self, law: str, prov: str) -> list[Life]:
        events = [(c.bound, 0, c) for c in self.changes_from.get((law, prov), [])]
        events += [(c.bound, 1, c) for c in self.changes_to.get((law, prov), [])]
        if not events:
            return []
        events.sort(key=lambda e: (e[0].key(), e[1]))
        lives: list[Life] = []
        cur: Life | None = Life(law, prov, None, None) if events[0][1] == 0 else None
        for b, kind, ch in events:
            if kind == 0:
                if cur is None:
                    cur = Life(law, prov, None, None)
                cur.end, cur.end_change = b, ch
                lives.append(cur)
                cur = None
            else:
                if cur is not None:
                    cur.end = b
                    lives.append(cur)
                cur = Life(law, prov, b, None, start_change=ch)
        if cur is not None:
            lives.append(cur)
        return lives

    def _law_bounds(self, law: str) -> tuple[Bound | None, Bound | None]:
        rec = self.laws.get(law) or {}
        s, e = _date(rec.get("in_force")), _date(rec.get("repealed"))
        return (Bound(s, s) if s else None), (Bound(e, e) if e else None)

    def _outline_lives(self, law: str, prov: str) -> list[Life]:
        versions = self.outlines.get(law, [])
        pres = [o.provisions.get(prov) for o in versions]   # None absent, False live, True 削除
        lives: list[Life] = []
        law_start, law_end = self._law_bounds(law)
        i = 0
        while i < len(pres):
            if pres[i] is not False:
                i += 1
                continue
            j = i
            while j + 1 < len(pres) and pres[j + 1] is False:
                j += 1
            if i == 0:
                start = law_start
            else:
                prev = versions[i - 1].version
                start = Bound(prev + timedelta(days=1) if prev else None, versions[i].version)
            if j == len(pres) - 1:
                end = law_end
            else:
                last = versions[j].version
                end = Bound(last + timedelta(days=1) if last else None, versions[j + 1].version)
            lives.append(Life(law, prov, start, end))
            i = j + 1
        return lives

    def _clip(self, lives: list[Life], anc: list[Life]) -> list[Life]:
        """A provision cannot outlive the provision containing it: cut outline lives where an
        ancestor's life ends (the sub-provision follows it, at an unknown sub-level)."""
        out: list[Life] = []
        for life in lives:
            for a in anc:
                lo = _later(life.start, a.start)
                parent_ends = a.end is not None and (life.end is None or
                                                     a.end.key() <= life.end.key())
                hi = a.end if parent_ends else life.end
                if lo is not None and hi is not None and lo.key() >= hi.key():
                    continue
                clipped = Life(life.law, life.prov, lo, hi)
                if parent_ends:
                    clipped.end_change, clipped.inherited_end = a.end_change, True
                out.append(clipped)
        return out

    def lives(self, law: str, prov: str) -> list[Life]:
        key = (law, prov)
        if key in self._lives:
            return self._lives[key]
        lives = self._event_lives(law, prov)
        if not lives:
            lives = self._outline_lives(law, prov)
            if lives:
                p = _parent(prov)
                while p is not None:
                    anc = self._event_lives(law, p)
                    if anc:
                        lives = self._clip(lives, anc)
                        break
                    p = _parent(p)
        self._lives[key] = lives
        return lives

    # ------------------------------------------------------------ queries

    def rows_between(self, law: str, first: str, last: str) -> list[str]:
        """The rows of a table from `first` to `last` inclusive, in table order, as the newest
        version holding both has them (別表第二の16の2の項から19の項まで → 16_2, 16_3, 17, 18, 19);
        [] when no version holds both."""
        a, b = parse_id(first), parse_id(last)
        if a.row is None or b.row is None or (a.appendix, a.article) != (b.appendix, b.article):
            return []
        prefix = first.split("-Row")[0] + "-Row"
        for o in reversed(self.outlines.get(self.canon(law), [])):
            if o.provisions.get(first) is False and o.provisions.get(last) is False:
                rows = sorted((parse_id(k).row, k) for k, deleted in o.provisions.items()
                              if not deleted and k.startswith(prefix) and "-" not in k[len(prefix):])
                return [k for r, k in rows if a.row <= r <= b.row]
        return []

    def law_in_force(self, law: str, as_of: date) -> bool:
        s, e = self._law_bounds(self.canon(law))
        return not (s and s.after(as_of)) and not (e and e.before(as_of))

    def _covered(self, law: str) -> bool:
        return law in self.outlines

    def _exists_somewhere(self, law: str, prov: str) -> bool:
        return prov in self._ever.get(law, ()) or (law, prov) in self.changes_from \
            or (law, prov) in self.changes_to

    def _normal(self, law: str, provision: str) -> str | None:
        """The canonical id under which our data knows the provision (第19条第1項第8号 and
        第19条第8号 are the same item when the article has one paragraph)."""
        try:
            p = parse_id(provision)
        except ValueError:
            return None
        cands = [p.id]
        if p.paragraph == 1 and p.item:
            cands.append(Provision(article=p.article, item=p.item, subitem=p.subitem).id)
        if p.paragraph is None and p.item and p.article:
            cands.append(Provision(article=p.article, paragraph=1, item=p.item,
                                   subitem=p.subitem).id)
        for c in cands:
            if self._exists_somewhere(law, c):
                return c
        return cands[0]

    def knows(self, law: str, provision: str) -> bool:
        """Whether our data covers the provision's container (so its absence means something)."""
        law = self.canon(law)
        if not self._covered(law):
            return False
        prov = self._normal(law, provision)
        if prov is None:
            return False
        if self._exists_somewhere(law, prov):
            return True
        if not all(o.exhaustive for o in self.outlines[law]):
            return False
        parent = _parent(prov)
        return parent is None or self._exists_somewhere(law, parent)

    # ------------------------------------------------------------ resolution

    def resolve(self, law: str, provision: str, as_of: date,
                hints: Hints | None = None) -> Resolution:
        law = self.canon(law)
        hints = hints or Hints()
        if not self._covered(law):
            return Resolution("unverifiable", reason="no_data")
        prov = self._normal(law, provision)
        if prov is None:
            return Resolution("unverifiable", reason="bad_id")
        lives = self.lives(law, prov)
        if not lives:
            return self._no_lives(law, prov, as_of)
        states = [(lf, lf.state(as_of)) for lf in lives]
        current = [lf for lf, s in states if s == "in"]
        maybe = [lf for lf, s in states if s == "maybe"]
        past = [lf for lf, s in states if s == "after"]
        future = [lf for lf, s in states if s == "before"]

        reading = self._hinted(law, prov, lives, current, as_of, hints)
        if isinstance(reading, Resolution):
            return reading
        if reading is not None and (not current or reading is not current[0]):
            shown = f"{self._subject_note(reading)}の{self._label(law, prov)}" if current else None
            r = self._follow(reading, as_of, shown=shown)
            if current:
                r.reason = "drifted"
            return r
        if current:
            lf = current[0]
            return Resolution("valid", valid_from=lf.valid_from(), valid_to=lf.valid_to())
        if maybe:
            return self._uncertain(law, prov, maybe, as_of)
        if past:
            return self._from_past(law, prov, past, as_of)
        lf = future[0]
        return Resolution("not_yet_valid", reason="not_in_force",
                          note=f"{self._label(law, prov)}は{_ja_date(lf.valid_from())}から",
                          valid_from=lf.valid_from(), valid_to=lf.valid_to())

    def _no_lives(self, law: str, prov: str, as_of: date) -> Resolution:
        if prov in self._ever.get(law, ()):   # listed, but only ever as 削除
            return Resolution("repealed", reason="deleted",
                              note=f"{self._label(law, prov)}は削除されている")
        if not self.knows(law, prov):
            _, law_end = self._law_bounds(law)
            if law_end is not None and law_end.before(as_of):
                # an article of a repealed ordinance we have no outline for
                return Resolution("ambiguous", reason="not_in_force",
                                  note=f"{self._law_name(law)}は{_ja_date(law_end.lo)}廃止")
            return Resolution("unverifiable", reason="no_outline")
        if self._maybe_added_later(law, prov, as_of):
            return Resolution("unverifiable", reason="after_data",
                              note=f"{self._label(law, prov)}は手元の最新版にない（その後の改正で"
                                   "追加された可能性）")
        return Resolution("unknown", reason="out_of_range",
                          note=f"{self._label(law, prov)}はどの時点にも存在しない")

    def _maybe_added_later(self, law: str, prov: str, as_of: date) -> bool:
        """After the newest version we hold, a table or article may have grown: a branch
        number, or a number not far past the last one, is not called impossible."""
        latest = self.outlines[law][-1]
        if latest.version is None or as_of <= latest.version:
            return False
        m = re.search(r"(?:Row|Item)(\d+(?:_\d+)*)$", prov)
        parent = _parent(prov)
        if not m or parent is None:
            return False
        nums = m.group(1).split("_")
        if len(nums) > 1:
            return True
        prefix = prov[:m.start(1)]
        last = max((int(k[len(prefix):].split("_")[0]) for k in latest.provisions
                    if k.startswith(prefix) and k[len(prefix):].split("_")[0].isdigit()),
                   default=0)
        return last > 0 and int(nums[0]) <= last * 1.25

    def _hinted(self, law: str, prov: str, lives: list[Life], current: list[Life],
                as_of: date, hints: Hints) -> Life | Resolution | None:
        """The life a caption or a co-cited provision says the citation means, if any."""
        if len(lives) < 2:
            return None
        if hints.caption:
            cap = _norm_caption(hints.caption)
            if cap:
                scored = sorted(((_caption_score(cap, lf), i) for i, lf in enumerate(lives)),
                                reverse=True)
                best_score, bi = scored[0]
                cur_score = max((_caption_score(cap, lf) for lf in current), default=0.0)
                if best_score >= 0.35 and (lives[bi] in current or
                                            best_score - cur_score >= 0.15):
                    return lives[bi]
        for rule in self._readings(law, prov):
            if not any(_ref_match(self.canon(cl), cp, pat, self.canon)
                       for cl, cp in hints.cocited for pat in _strs(rule.get("cocited"))):
                continue
            era = rule.get("era") or {}
            lo, hi = _date(era.get("from")), _date(era.get("to"))
            # the text was written on or before as_of: a life that began later is not meant
            hi = as_of if hi is None else min(hi, as_of)
            cands = [lf for lf in lives if lf.overlaps(lo, hi)]
            tag = rule.get("prefer_tag")
            tagged = [lf for lf in cands if tag and tag in lf.tags]
            if tagged:
                return tagged[-1]
            if len(cands) == 1:
                return cands[0]
            if len(cands) > 1:
                outcomes = [self._follow(lf, as_of) for lf in cands]
                succ = _union([(law, prov)] if o.status == "valid" else o.successors
                              for o in outcomes)
                return Resolution("ambiguous", succ, [], _ams(outcomes), "drifted",
                                  f"{self._label(law, prov)}は引用の時期により"
                                  f"{'／'.join(self._label(*s) for s in succ)}のいずれか")
        return None

    def _readings(self, law: str, prov: str) -> Iterable[dict]:
        for am in self.amendments:
            for rule in am.readings:
                for pat in _strs(rule.get("cited")):
                    if _ref_match(law, prov, pat if ":" in pat else f"{am.law}:{pat}",
                                  self.canon):
                        yield rule
                        break

    def _follow(self, life: Life, as_of: date, depth: int = 0,
                shown: str | None = None) -> Resolution:
        """Where the meaning of `life` is on as_of. `shown`: how the note names the citation."""
        st = life.state(as_of)
        if st == "in" or depth > 20:
            return Resolution("valid", [(life.law, life.prov)], valid_from=life.valid_from(),
                              valid_to=life.valid_to())
        if st == "before":
            return Resolution("not_yet_valid", reason="not_in_force",
                              valid_from=life.valid_from())
        ch = life.end_change
        if st == "maybe" and (life.end is None or life.end.after(as_of)):
            # only its start is uncertain: it may already be in force
            return Resolution("valid", [(life.law, life.prov)], valid_from=life.valid_from(),
                              valid_to=life.valid_to(), note="施行日不明の区間内")
        if st == "maybe":
            nxt = self._follow_change(life, ch, as_of, depth) if ch else Resolution("repealed")
            succ = _union([[(life.law, life.prov)], nxt.successors])
            return Resolution("ambiguous", succ, nxt.also, nxt.amendments,
                              ch.kind if ch else "removed",
                              f"{self._label(life.law, life.prov)}は{_ja_span(life.end)}の間に"
                              f"{_KIND_JA.get(ch.kind if ch else '', '変更')}（日付不明）"
                              + ("" if not nxt.successors else
                                 "、" + "・".join(self._label(*x) for x in nxt.successors) + "へ"),
                              life.valid_from(), life.valid_to())
        if ch is None:
            return Resolution("repealed", reason="removed", valid_from=life.valid_from(),
                              valid_to=life.valid_to(),
                              note=f"{self._label(life.law, life.prov)}は{life.end}に削られた")
        r = self._follow_change(life, ch, as_of, depth, shown)
        r.valid_from, r.valid_to = life.valid_from(), life.valid_to()
        return r

    def _follow_change(self, life: Life, ch: Change, as_of: date, depth: int,
                       shown: str | None = None) -> Resolution:
        am = ch.amendment
        head = f"{ch.law_number or am.law_number or am.id}（{_ja_bound(ch.bound)}）により" \
               f"{shown or self._label(life.law, life.prov)}は"
        if not ch.new:
            return Resolution("repealed", [], [], [am], "abolished",
                              head + "廃止（後継の規定なし）")
        if life.inherited_end:
            succ = list(ch.new)
            return Resolution("ambiguous", succ, list(ch.also), [am], ch.kind or "moved",
                              head + "条単位で" + "・".join(self._label(*s) for s in succ)
                              + "へ（号以下の対応は不明）")
        results = []
        for ref in ch.new:
            nxt = next((lf for lf in self.lives(*ref) if lf.start_change is ch), None)
            if nxt is None:
                results.append(Resolution("valid", [ref]))
            else:
                results.append(self._follow(nxt, as_of, depth + 1))
        succ = _union(r.successors for r in results)
        also = _union([ch.also] + [r.also for r in results])
        ams = [am] + _ams(results)
        statuses = {r.status for r in results}
        if statuses <= {"valid"} and len(succ) == 1:
            status = "stale"
        elif statuses <= {"repealed"}:
            status = "repealed"
        elif statuses <= {"valid", "repealed"} and len(succ) == 1:
            status = "stale"
        elif "not_yet_valid" in statuses and len(statuses) == 1:
            status = "not_yet_valid"
        else:
            status = "ambiguous"
        reason = ch.kind if ch.kind in _KIND_JA else "moved"
        later = [r.note for r in results if r.note and r.status != "valid"]
        note = head + _KIND_JA.get(ch.kind, "変更") + ("、" + "・".join(
            self._label(*s) for s in succ) + "へ" if succ else "")
        if later and status != "stale":
            note += "；" + "；".join(later)
        return Resolution(status, succ, [a for a in also if a not in succ], ams, reason, note)

    def _uncertain(self, law: str, prov: str, maybe: list[Life], as_of: date) -> Resolution:
        lf = maybe[0]
        ends = [m for m in maybe if m.end is not None and not m.end.after(as_of)]
        if len(maybe) == 1 and not ends:
            # started at an unknown date in an interval containing as_of, nothing before it:
            # a document citing it then is taken to be right
            return Resolution("valid", valid_from=lf.valid_from(), valid_to=lf.valid_to(),
                              note="施行日不明の区間内")
        outcomes = [self._follow(m, as_of) for m in maybe]
        succ = _union([(law, prov)] if o.status == "valid" else o.successors for o in outcomes)
        if len(maybe) > 1 and (law, prov) not in succ:
            succ = [(law, prov)] + succ
        reason = next((o.reason for o in outcomes if o.reason), "relabelled")
        bounds = [_ja_span(m.end) for m in ends] or [_ja_span(m.start) for m in maybe if m.start]
        what = "廃止された" if reason == "abolished" and len(maybe) == 1 else "意味が変わった"
        return Resolution("ambiguous", succ, _union(o.also for o in outcomes), _ams(outcomes),
                          reason, f"{self._label(law, prov)}は{'・'.join(bounds)}の間に{what}"
                          "（日付不明）")

    def _from_past(self, law: str, prov: str, past: list[Life], as_of: date) -> Resolution:
        """A label no longer in force that meant different things over time is read as it
        last stood (face value, as for a label in force); a caption or co-cited provision picks
        an earlier meaning. Only when its last meaning was abolished while an earlier one has a
        successor is the reading left open: a stale document may still mean the earlier one."""
        outcomes = [self._follow(lf, as_of) for lf in past]
        last = outcomes[-1]
        if len(outcomes) == 1:
            return last
        others = [(lf, o) for lf, o in zip(past[:-1], outcomes[:-1])
                  if (o.status, o.successors) != (last.status, last.successors)]
        if not others:
            last.amendments = _ams(outcomes)
            return last
        readings = [f"{self._subject_note(lf)}→"
                    f"{'・'.join(self._label(*s) for s in o.successors) or '廃止'}"
                    for lf, o in zip(past, outcomes)]
        if last.status == "repealed" and any(o.successors for _, o in others):
            succ = _union(o.successors for o in outcomes)
            return Resolution("ambiguous", succ, _union(o.also for o in outcomes),
                              _ams(outcomes), "relabelled",
                              f"{self._label(law, prov)}は時期により意味が異なる（"
                              + "；".join(readings) + "）")
        last.note += f"（{self._label(law, prov)}はそれ以前は別の規定: " + "；".join(readings[:-1]) + "）"
        return last

    # ------------------------------------------------------------ history (explain)

    def history(self, law: str, provision: str) -> list[Life]:
        law = self.canon(law)
        prov = self._normal(law, provision) or provision
        return self.lives(law, prov)

    # ------------------------------------------------------------ wording

    def _law_name(self, law: str) -> str:
        rec = self.laws.get(law) or {}
        aliases = rec.get("aliases") or []
        return str(aliases[0]) if aliases else str(rec.get("title", law))

    def _label(self, law: str, prov: str) -> str:
        return f"{self._law_name(law)}{render_ja(prov)}"

    def _subject_note(self, life: Life) -> str:
        s = life.subject
        return f"「{s[:24]}」" if s else f"{_ja_date(life.valid_from()) or ''}〜の規定"


_KIND_JA = {"renumbered": "番号が変わり", "relabelled": "項番号が変わり", "moved": "移され",
            "abolished": "廃止", "split": "分割され", "added": "新設"}


def render_ja(prov: str) -> str:
    """A short Japanese rendering of a canonical id, for notes (第19条第8号, 別表第二の82の項)."""
    from .render import render_provision  # noqa: PLC0415 - render imports the law registry
    try:
        p = parse_id(prov)
    except ValueError:
        return prov
    return render_provision(p, "ascii", row_form="の{}の項", table_style="kanji", art_row_form="第{}項")


def _ja_date(d: date | None) -> str:
    if d is None:
        return ""
    if d >= date(2019, 5, 1):
        y = d.year - 2018
        return f"令和{'元' if y == 1 else y}年{d.month}月{d.day}日"
    return f"平成{d.year - 1988}年{d.month}月{d.day}日"


def _ja_span(b: Bound) -> str:
    return f"{_ja_date(b.lo) or '?'}〜{_ja_date(b.hi) or '?'}"


def _ja_bound(b: Bound) -> str:
    if b.exact:
        return f"{_ja_date(b.lo)}施行"
    return f"{_ja_date(b.lo) or '?'}〜{_ja_date(b.hi) or '?'}の間に施行"


def _parent(prov: str) -> str | None:
    try:
        p = parse_id(prov).parent()
    except ValueError:
        return None
    return p.id if p is not None else None


def _later(a: Bound | None, b: Bound | None) -> Bound | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if a.key() >= b.key() else b


def _earlier(a: Bound | None, b: Bound | None) -> Bound | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if a.key() <= b.key() else b


def _union(groups: Iterable[Iterable[tuple[str, str]]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for g in groups:
        for x in g:
            if x not in out:
                out.append(x)
    return out


def _ams(results: Iterable[Resolution]) -> list[Amendment]:
    out: list[Amendment] = []
    for r in results:
        for a in r.amendments:
            if a not in out:
                out.append(a)
    out.sort(key=lambda a: a.bound.key())
    return out


def _ref_match(law: str, prov: str, pattern: str, canon) -> bool:
    plaw, _, pprov = pattern.partition(":")
    if not pprov:
        plaw, pprov = law, plaw
    return canon(plaw).lower() == law.lower() and fnmatch.fnmatchcase(prov, pprov)


_ARTICLE_CAPTION = re.compile(r"特定個人情報の提供の制限")


def _norm_caption(s: str) -> str:
    s = _ARTICLE_CAPTION.sub("", s)
    return re.sub(r"[\s\u3000（）()、。・「」]", "", s)


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _caption_score(cap: str, life: Life) -> float:
    subj = _norm_caption(life.subject)
    a, b = _bigrams(cap), _bigrams(subj)
    score = 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0
    if len(cap) >= 4 and cap in subj:
        # a term the provision mentions; the very term it defines (「特定個人情報」とは, not
        # 「特定個人情報ファイル」とは) counts more
        score = max(score, 0.8 if cap + "とは" in subj else 0.6)
    kws = [k for k in life.keywords if k]
    if kws:
        hits = sum(1 for k in kws if k in cap)
        if hits:
            score = max(score, 0.5 + 0.5 * hits / len(kws))
    return score


@lru_cache(maxsize=4)
def _load(path: str) -> Timeline:
    return Timeline.from_dir(Path(path))


def load_timeline(rules: Path | str | None = None) -> Timeline:
    """The timeline of the shipped rules/ (cached)."""
    if rules is None:
        from .resources import rules_dir
        rules = rules_dir()
    return _load(str(Path(rules).resolve()))
