"""Read one e-Gov law XML file (法令標準XMLスキーマ) into an outline of its provisions.

The outline keeps what the timeline needs: which articles, paragraphs, items and sub-item letters
exist, which rows the appended tables (別表 / 別表第一 / 別表第二) and the tables inside articles
(第2条の表) have, and the text of each, so two versions can be aligned by content.
Provision ids are the canonical ones of `citations.provision`.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .numerals import KANJI_CHARS, kanji_to_int
from .provision import Num, Provision, num_id

_KANJI = KANJI_CHARS
# a table row label opens the first column: 「十六の二　厚生労働大臣」
_ROW_LABEL = re.compile(rf"^([{_KANJI}]+(?:の[{_KANJI}]+)*)[\u3000 ]")
# e-Gov folder/file names: <LawID>_<YYYYMMDD>_<amending LawID>
_FILE_NAME = re.compile(r"^(?P<id>\d{3}\w{12})(?:_(?P<date>\d{8})_(?P<amend>\w+))?")


kanji_int = kanji_to_int  # 二十三 -> 23, 百十五 -> 115 (one implementation: citations/numerals.py)


def label_num(label: str) -> Num:
    """十六の二 -> (16, 2)."""
    return tuple(kanji_int(p) for p in label.split("の"))


def attr_num(s: str) -> Num:
    """e-Gov Num attribute "22_4" -> (22, 4)."""
    return tuple(int(x) for x in s.split("_"))


def text_of(el: ET.Element | None) -> str:
    return "".join(el.itertext()).strip() if el is not None else ""


@dataclass
class Item:
    num: Num
    text: str
    subitems: list[tuple[str, str]] = field(default_factory=list)  # (letter, text)
    deleted: bool = False


@dataclass
class Paragraph:
    num: int
    text: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Row:
    num: Num
    label: str          # as written: 十六の二
    columns: list[str]  # texts of the row's columns, label stripped from the first
    deleted: bool = False

    @property
    def who(self) -> str:
        return self.columns[0] if self.columns else ""

    @property
    def jimu(self) -> str:
        return self.columns[1] if len(self.columns) > 1 else ""


@dataclass
class Article:
    num: Num
    caption: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    table: list[Row] = field(default_factory=list)  # a labelled table inside the article
    deleted: bool = False

    @property
    def text(self) -> str:
        return "\n".join([self.caption] + [p.text for p in self.paragraphs]
                         + [i.text for p in self.paragraphs for i in p.items])


@dataclass
class Table:
    key: str    # "" 別表, "1" 別表第一, "2" 別表第二
    title: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class LawXml:
    law_id: str
    title: str
    number: str
    version: date | None
    amendment: str            # amending law id of the version folder, "" when unknown
    source: str               # file name
    articles: dict[Num, Article] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)

    def item_id(self, art: Article, para: Paragraph, item: Item) -> str:
        """Items of a one-paragraph article are cited without the paragraph (第19条第8号)."""
        p = None if len(art.paragraphs) == 1 else para.num
        return Provision(article=art.num, paragraph=p, item=item.num).id

    def provisions(self) -> dict[str, str]:
        """Every provision id of this version -> its text (the alignment's input)."""
        out: dict[str, str] = {}
        for art in self.articles.values():
            aid = Provision(article=art.num).id
            out[aid] = "削除" if art.deleted else art.text
            multi = len(art.paragraphs) > 1
            for para in art.paragraphs:
                if multi:
                    out[Provision(article=art.num, paragraph=para.num).id] = para.text
                for item in para.items:
                    iid = self.item_id(art, para, item)
                    out[iid] = "削除" if item.deleted else item.text
                    for letter, t in item.subitems:
                        out[f"{iid}-SubItem{letter}"] = t
            if art.table:
                out[f"{aid}-Table"] = ""
                for row in art.table:
                    out[f"{aid}-Table-Row{num_id(row.num)}"] = "　".join(row.columns[:2])
        for t in self.tables.values():
            out[f"AppdxTable{t.key}"] = t.title
            for row in t.rows:
                out[f"AppdxTable{t.key}-Row{num_id(row.num)}"] = (
                    "削除" if row.deleted else "　".join(row.columns[:2]))
        return out


def _is_deleted(text: str) -> bool:
    return text.strip() in ("削除", "")


def _rows(table_el: ET.Element) -> list[Row]:
    """Rows of a labelled table. An item spans several TableRows (rowspan, or empty continuation
    cells); a new item starts where the first column opens with a kanji label."""
    rows: list[Row] = []
    for tr in table_el.iter("TableRow"):
        cols = [text_of(c) for c in tr.findall("TableColumn")]
        if not cols:
            continue
        m = _ROW_LABEL.match(cols[0])
        if m:
            label = m.group(1)
            rest = [cols[0][m.end():].strip()] + cols[1:]
            rows.append(Row(num=label_num(label), label=label, columns=rest,
                            deleted=_is_deleted(" ".join(rest))))
        elif rows and re.fullmatch(rf"[{_KANJI}]+(?:の[{_KANJI}]+)*", cols[0].strip() or "x") \
                and len(cols) == 1:
            pass
        elif rows:
            # continuation line: further 情報提供者/特定個人情報 columns of the current item
            rows[-1].columns.extend(c for c in cols if c)
    # 「二十一　削除」 written as a lone cell
    return rows


def _article(el: ET.Element) -> Article:
    num = attr_num(el.get("Num", "0").split(":")[0])
    caption = text_of(el.find("ArticleCaption"))
    art = Article(num=num, caption=caption)
    table: list[Row] = []
    for p in el.findall("Paragraph"):
        ptext = text_of(p.find("ParagraphSentence"))
        para = Paragraph(num=int(p.get("Num", "1").split(":")[0].split("_")[0] or 1), text=ptext)
        for ts in p.findall("TableStruct"):
            table.extend(_rows(ts))
        for it in p.findall("Item"):
            n = it.get("Num", "0")
            itext = text_of(it.find("ItemSentence"))
            item = Item(num=attr_num(n.split(":")[0]), text=itext,
                        deleted=":" in n or _is_deleted(itext))
            for si in it.findall("Subitem1"):
                letter = text_of(si.find("Subitem1Title"))
                if len(letter) == 1:
                    item.subitems.append((letter, text_of(si.find("Subitem1Sentence"))))
            para.items.append(item)
        art.paragraphs.append(para)
    art.table = table
    art.deleted = len(art.paragraphs) == 1 and not art.paragraphs[0].items \
        and _is_deleted(art.paragraphs[0].text)
    return art


def _table_key(title: str, num_attr: str | None) -> str:
    m = re.match(r"別表(第([一二三四五六七八九十]+))?", title)
    if m and m.group(2):
        return str(kanji_int(m.group(2)))
    return num_attr or ""


def parse_file(path: str | Path, law_id: str | None = None) -> LawXml:
    """Parse one e-Gov XML file. The law id and version date come from the e-Gov file name
    (<LawID>_<YYYYMMDD>_<amending id>.xml), or `law_id` when the name has none."""
    path = Path(path)
    root = ET.parse(path).getroot()
    m = _FILE_NAME.match(path.stem)
    lid = law_id or (m.group("id") if m else path.stem)
    version = None
    if m and m.group("date"):
        d = m.group("date")
        version = date(int(d[:4]), int(d[4:6]), int(d[6:]))
    law = LawXml(law_id=lid, title=text_of(root.find("LawBody/LawTitle")),
                 number=text_of(root.find("LawNum")), version=version,
                 amendment=(m.group("amend") if m and m.group("amend") else ""),
                 source=path.name)
    main = root.find("LawBody/MainProvision")
    if main is not None:
        for a in main.iter("Article"):
            art = _article(a)
            law.articles[art.num] = art
    for t in root.iter("AppdxTable"):
        title = text_of(t.find("AppdxTableTitle"))
        key = _table_key(title, t.get("Num"))
        law.tables[key] = Table(key=key, title=title, rows=_rows(t))
    return law


# ---------------------------------------------------------------- compact outlines
#
# An outline lists which provisions a version has, compactly (see rules/README.md):
#   numbers   "1-16,16_2,16_3,17-20,(21),22"   ranges of plain numbers, branch numbers, (deleted)
#   article   "1-17"          one paragraph with items 1..17
#             "-"             one paragraph, no items
#             "- / 1-3 / -"   paragraphs separated by " / "
#             "1[イロハ],2"    item 1 has sub-items イ, ロ, ハ
#             "削除"           deleted article


def encode_nums(nums: list[tuple[Num, bool]]) -> str:
    """[((1,),F),((2,),F),((3,),T),((3,2),F)] -> "1-2,(3),3_2"."""
    out: list[str] = []
    run: list[int] = []

    def flush() -> None:
        if run:
            out.append(str(run[0]) if len(run) == 1 else
                       (f"{run[0]},{run[1]}" if len(run) == 2 else f"{run[0]}-{run[-1]}"))
            run.clear()
    for num, deleted in nums:
        if len(num) == 1 and not deleted and (not run or num[0] == run[-1] + 1):
            run.append(num[0])
            continue
        flush()
        if len(num) == 1 and not deleted:
            run.append(num[0])
            continue
        s = num_id(num)
        out.append(f"({s})" if deleted else s)
    flush()
    return ",".join(out)


def decode_nums(s: str) -> list[tuple[Num, bool]]:
    out: list[tuple[Num, bool]] = []
    for tok in filter(None, (t.strip() for t in s.split(","))):
        deleted = tok.startswith("(") and tok.endswith(")")
        tok = tok.strip("()")
        if re.fullmatch(r"\d+-\d+", tok):
            a, b = map(int, tok.split("-"))
            if b < a:
                raise ValueError(f"bad range {tok!r}")
            out.extend(((n,), deleted) for n in range(a, b + 1))
        elif re.fullmatch(r"\d+(?:_\d+)*", tok):
            out.append((attr_num(tok), deleted))
        else:
            raise ValueError(f"bad number {tok!r}")
    return out


def encode_article(art: Article) -> str:
    if art.deleted:
        return "削除"
    paras = []
    for p in art.paragraphs:
        if not p.items:
            paras.append("-")
            continue
        toks: list[str] = []
        plain: list[tuple[Num, bool]] = []
        for it in p.items:
            if it.subitems:
                if plain:
                    toks.append(encode_nums(plain))
                    plain = []
                toks.append(f"{num_id(it.num)}[{''.join(l for l, _ in it.subitems)}]")
            else:
                plain.append((it.num, it.deleted))
        if plain:
            toks.append(encode_nums(plain))
        paras.append(",".join(toks))
    return " / ".join(paras) if paras else "-"


@dataclass
class OutlineArticle:
    deleted: bool
    # paragraphs, each a list of (item num, deleted, sub-item letters)
    paragraphs: list[list[tuple[Num, bool, str]]]


def decode_article(s: str) -> OutlineArticle:
    s = (s or "-").strip()
    if s == "削除":
        return OutlineArticle(True, [[]])
    paras = []
    for part in s.split(" / "):
        part = part.strip()
        items: list[tuple[Num, bool, str]] = []
        if part != "-":
            for tok in re.findall(r"[^,\[]+(?:\[[^\]]*\])?", part):
                tok = tok.strip().strip(",")
                if not tok:
                    continue
                m = re.fullmatch(r"(\d+(?:_\d+)*)\[([^\]]*)\]", tok)
                if m:
                    items.append((attr_num(m.group(1)), False, m.group(2)))
                else:
                    items.extend((n, d, "") for n, d in decode_nums(tok))
        paras.append(items)
    return OutlineArticle(False, paras)


def outline_provisions(articles: dict[str, str], tables: dict[str, str]) -> dict[str, bool]:
    """Canonical id -> deleted, for every provision an outline lists (articles, paragraphs of
    multi-paragraph articles, items, sub-items, table rows; the tables themselves)."""
    out: dict[str, bool] = {}
    for aid, code in articles.items():
        art = decode_article(code)
        out[aid] = art.deleted
        multi = len(art.paragraphs) > 1
        for pi, items in enumerate(art.paragraphs, start=1):
            base = f"{aid}-Para{pi}" if multi else aid
            if multi:
                out[base] = False
            for num, deleted, letters in items:
                iid = f"{base}-Item{num_id(num)}"
                out[iid] = deleted
                for letter in letters:
                    out[f"{iid}-SubItem{letter}"] = False
    for tid, code in tables.items():
        out[tid] = False
        for num, deleted in decode_nums(code):
            out[f"{tid}-Row{num_id(num)}"] = deleted
    return out


def outline_of(law: LawXml) -> tuple[dict[str, str], dict[str, str]]:
    """(articles, tables) of a version in the compact outline form."""
    articles = {Provision(article=a.num).id: encode_article(a) for a in law.articles.values()}
    tables: dict[str, str] = {}
    for a in law.articles.values():
        if a.table:
            tables[f"{Provision(article=a.num).id}-Table"] = encode_nums(
                [(r.num, r.deleted) for r in a.table])
    for t in law.tables.values():
        tables[f"AppdxTable{t.key}"] = encode_nums([(r.num, r.deleted) for r in t.rows])
    return articles, tables


def outline_yaml(law: LawXml, source: dict[str, str] | None = None,
                 exhaustive: bool = True) -> str:
    """The outline file of one version (rules/outlines/<law>_<date>.yaml)."""
    articles, tables = outline_of(law)
    src = {"file": law.source, **(source or {})}
    lines = [
        f"# Outline of {law.title} ({law.number}) as in e-Gov XML {law.source}.",
        "# Written by `citations rules outline`; format in rules/README.md.",
        f"law: {law.law_id}",
        f"version: {law.version.isoformat() if law.version else 'null'}",
        "source: {" + ", ".join(f"{k}: {v}" for k, v in src.items()) + "}",
        f"exhaustive: {'true' if exhaustive else 'false'}",
        "articles:",
    ]
    lines += [f"  {k}: '{v}'" for k, v in articles.items()]
    lines.append("tables:" if tables else "tables: {}")
    lines += [f"  {k}: '{v}'" for k, v in tables.items()]
    return "\n".join(lines) + "\n"
