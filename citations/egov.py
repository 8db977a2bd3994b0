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

from .provision import Num, Provision, num_id

_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_KANJI = "".join(_DIGITS) + "".join(_UNITS)
# a table row label opens the first column: 「十六の二　厚生労働大臣」
_ROW_LABEL = re.compile(rf"^([{_KANJI}]+(?:の[{_KANJI}]+)*)[\u3000 ]")
# e-Gov folder/file names: <LawID>_<YYYYMMDD>_<amending LawID>
_FILE_NAME = re.compile(r"^(?P<id>\d{3}\w{12})(?:_(?P<date>\d{8})_(?P<amend>\w+))?")


def kanji_int(s: str) -> int:
    """二十三 -> 23, 百十五 -> 115."""
    total, digit = 0, None
    for c in s:
        if c in _DIGITS:
            digit = _DIGITS[c] if digit is None else digit * 10 + _DIGITS[c]
        else:
            total += (digit if digit is not None else 1) * _UNITS[c]
            digit = None
    return total + (digit or 0)


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
