"""Per-trade lexicons: how customers name each catalogue product, each variant family,
each category, and what the shop does not sell.

A lexicon lives in gen/lex/<trade>.py as plain strings in a small line format, so that
the words customers use can be read and corrected without reading code:

PRODUCTS / FAMILIES, one line each, six fields separated by '|':
    key | fr names | fr counted | mg names | mg counted | flags
  key        a SKU (product line) or "name: SKU SKU ..." (family line: a product family
             whose variants differ by size, capacity, colour, dosage...)
  fr names   ';'-separated French noun phrases WITH their definite article
             ("le ciment 50 kg", "l'huile 1 L", "les piles AA"). A leading '=' says the
             phrase without its article is language-neutral (brand, model, dish name:
             "=le Redmi 14C" -> "Redmi 14C" is neither French nor Malagasy).
  fr counted ';'-separated "singular with indefinite article / plural without number"
             ("un sac de ciment 50 kg / sacs de ciment 50 kg"); used to write quantities.
  mg names   ';'-separated Malagasy names, bare ("simenitra 50 kilao"); '=' = neutral.
  mg counted ';'-separated patterns with {n} for the quantity ("{n} gony simenitra").
             A leading '*' marks a pattern holding a French word (the line is mixed).
  flags      space-separated: mass (French partitive "du/de la"), rx (prescription
             only: hand over to a pharmacist), q:few q:bulk q:kg q:m q:small (how many
             customers usually ask for).
  A leading '~' on any alias or phrase keeps it for the TEST split only.
  Product aliases must name exactly one product in the shop; a name that fits several
  variants belongs to a family line.

CATEGORIES, one line each:  SKU SKU ... | fr categories | fr uses | mg categories | mg uses
  fr categories follow "vous avez quoi comme ..." ("boissons"); fr uses follow "pour ..."
  ("refaire le toit"); mg categories follow "inona avy ny ... ananareo"; mg uses follow
  "ho an'ny ..." ("fanorenana trano").

Plain Python lists: NOT_SOLD_FR (with article), NOT_SOLD_MG, FAQ_FR, FAQ_MG (shop-specific
FAQ questions; a leading '*' on a FAQ_MG question marks a French word in it: mixed), ADVICE_FR, ADVICE_MG (medical advice: hand over), PLACES_OUT (places
outside the delivery zones), FAQ_GENERIC (which generic FAQ topics apply).
"""

from __future__ import annotations

import importlib
import json
import os
import csv
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)  # corpus/


@dataclass
class Name:
    text: str
    neutral: bool  # the bare form is language-neutral
    test_only: bool


@dataclass
class Counted:
    sg: str
    pl: str
    test_only: bool


@dataclass
class Pattern:
    text: str
    mixed: bool
    test_only: bool


@dataclass
class Item:
    key: str
    skus: list
    fr: list
    frq: list
    mg: list
    mgq: list
    flags: set
    family: bool


@dataclass
class Category:
    skus: list
    fr_cat: list
    fr_use: list
    mg_cat: list
    mg_use: list


@dataclass
class Phrase:
    text: str
    test_only: bool


@dataclass
class Lexicon:
    trade: str
    catalog: dict
    shop: dict
    faq: list
    products: dict = field(default_factory=dict)
    families: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    not_sold_fr: list = field(default_factory=list)
    not_sold_mg: list = field(default_factory=list)
    faq_fr: list = field(default_factory=list)
    faq_mg: list = field(default_factory=list)
    advice_fr: list = field(default_factory=list)
    advice_mg: list = field(default_factory=list)
    places_in: list = field(default_factory=list)
    places_out: list = field(default_factory=list)
    faq_generic: list = field(default_factory=list)

    def items(self):
        return list(self.products.values()) + list(self.families)


class LexiconError(Exception):
    pass


def _split(field_text, sep=";"):
    return [p.strip() for p in field_text.split(sep) if p.strip()]


def _tilde(s):
    if s.startswith("~"):
        return s[1:].strip(), True
    return s, False


def _names(field_text):
    out = []
    for raw in _split(field_text):
        raw, t = _tilde(raw)
        neutral = raw.startswith("=")
        out.append(Name(raw.lstrip("=").strip(), neutral, t))
    return out


def _counted(field_text, where):
    out = []
    for raw in _split(field_text):
        raw, t = _tilde(raw)
        if "/" not in raw:
            raise LexiconError(f"{where}: counted form without '/': {raw!r}")
        sg, pl = (x.strip() for x in raw.split("/", 1))
        out.append(Counted(sg, pl, t))
    return out


def _patterns(field_text, where):
    out = []
    for raw in _split(field_text):
        raw, t = _tilde(raw)
        mixed = raw.startswith("*")
        raw = raw.lstrip("*").strip()
        if "{n}" not in raw:
            raise LexiconError(f"{where}: mg counted pattern without {{n}}: {raw!r}")
        out.append(Pattern(raw, mixed, t))
    return out


def _phrases(lst):
    out = []
    for raw in lst:
        raw, t = _tilde(raw.strip())
        out.append(Phrase(raw, t))
    return out


ARTICLES = ("le ", "la ", "les ", "l'")


def load_shop(trade):
    d = os.path.join(ROOT, "shops", trade)
    with open(os.path.join(d, "catalog.csv"), encoding="utf-8") as f:
        raw = list(csv.reader(f))
    header = ["sku", "title", "price", "currency", "stock", "description", "image"]
    if raw[0] != header:
        raise LexiconError(f"{trade}/catalog.csv: header must be {','.join(header)}")
    catalog = {}
    for i, r in enumerate(raw[1:], 2):
        if len(r) != 7:
            raise LexiconError(f"{trade}/catalog.csv line {i}: {len(r)} columns (unquoted comma?)")
        row = dict(zip(header, r))
        if not row["price"].isdigit() or not row["stock"].isdigit() or row["currency"] != "MGA":
            raise LexiconError(f"{trade}/catalog.csv line {i}: bad price/stock/currency")
        if row["sku"] in catalog:
            raise LexiconError(f"{trade}/catalog.csv line {i}: duplicate SKU {row['sku']}")
        catalog[row["sku"]] = row
    with open(os.path.join(d, "shop.json"), encoding="utf-8") as f:
        shop = json.load(f)
    with open(os.path.join(d, "faq.csv"), encoding="utf-8") as f:
        faq = list(csv.DictReader(f))
    return catalog, shop, faq


def load(trade):
    catalog, shop, faq = load_shop(trade)
    mod = importlib.import_module("lex." + trade.replace("-", "_"))
    lx = Lexicon(trade, catalog, shop, faq)

    def check_skus(skus, where):
        for s in skus:
            if s not in catalog:
                raise LexiconError(f"{trade}: {where}: unknown SKU {s}")

    for lineno, line in enumerate(mod.PRODUCTS.strip("\n").split("\n"), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 6:
            raise LexiconError(f"{trade} PRODUCTS line {lineno}: {len(parts)} fields: {line}")
        key = parts[0]
        check_skus([key], f"PRODUCTS line {lineno}")
        where = f"{trade} {key}"
        it = Item(key, [key], _names(parts[1]), _counted(parts[2], where), _names(parts[3]),
                  _patterns(parts[4], where), set(parts[5].split()), False)
        for n in it.fr:
            if not n.text.startswith(ARTICLES):
                raise LexiconError(f"{where}: French name without article: {n.text!r}")
        if key in lx.products:
            raise LexiconError(f"{where}: product listed twice")
        lx.products[key] = it
    for lineno, line in enumerate(mod.FAMILIES.strip("\n").split("\n"), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 6 or ":" not in parts[0]:
            raise LexiconError(f"{trade} FAMILIES line {lineno}: bad line: {line}")
        key, skus = parts[0].split(":", 1)
        skus = skus.split()
        check_skus(skus, f"FAMILIES {key}")
        if len(skus) < 2:
            raise LexiconError(f"{trade} family {key}: fewer than two SKUs")
        where = f"{trade} family {key}"
        it = Item(key.strip(), skus, _names(parts[1]), _counted(parts[2], where),
                  _names(parts[3]), _patterns(parts[4], where), set(parts[5].split()), True)
        for n in it.fr:
            if not n.text.startswith(ARTICLES):
                raise LexiconError(f"{where}: French name without article: {n.text!r}")
        lx.families.append(it)
    for lineno, line in enumerate(mod.CATEGORIES.strip("\n").split("\n"), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 5:
            raise LexiconError(f"{trade} CATEGORIES line {lineno}: {len(parts)} fields")
        skus = parts[0].split()
        check_skus(skus, f"CATEGORIES line {lineno}")
        lx.categories.append(Category(skus, _phrases(_split(parts[1])), _phrases(_split(parts[2])),
                                      _phrases(_split(parts[3])), _phrases(_split(parts[4]))))
    lx.not_sold_fr = _phrases(mod.NOT_SOLD_FR)
    for p in lx.not_sold_fr:
        if not p.text.lstrip("=").startswith(ARTICLES):
            raise LexiconError(f"{trade} NOT_SOLD_FR without article: {p.text!r}")
    lx.not_sold_mg = _phrases(mod.NOT_SOLD_MG)
    lx.faq_fr = _phrases(mod.FAQ_FR)
    lx.faq_mg = _phrases(mod.FAQ_MG)
    lx.advice_fr = _phrases(getattr(mod, "ADVICE_FR", []))
    lx.advice_mg = _phrases(getattr(mod, "ADVICE_MG", []))
    lx.places_out = list(mod.PLACES_OUT)
    lx.faq_generic = list(mod.FAQ_GENERIC)
    for z in shop.get("delivery", {}).get("zones", []):
        lx.places_in.extend(z.get("areas", []))
    for it in lx.products.values():
        if not it.fr:
            raise LexiconError(f"{trade} {it.key}: no French name")
    missing = [s for s in catalog if s not in lx.products]
    if missing:
        raise LexiconError(f"{trade}: catalogue products without lexicon entry: {missing}")
    return lx
