#!/usr/bin/env python3
"""Regenerates every generated file of the corpus, deterministically:

    python3 corpus/gen/build.py            # write messages/*.jsonl and conversations/*.jsonl
    python3 corpus/gen/build.py --check    # validate and print counts, write nothing

Train messages come from bank_train.py, test messages from bank_test.py (a separate
phrase bank) plus the hand-written corpus/hand/test_messages.txt, dev messages (the tuning
set) from bank_dev.py, a third bank; the trade in HELD_OUT never appears in train.
Every line is validated (known intent and language, SKUs in that
shop's catalogue, quantities on listed SKUs, ...); any invalid line stops the build with
its origin. Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import bank_dev  # noqa: E402
import bank_test  # noqa: E402
import bank_train  # noqa: E402
import handfmt  # noqa: E402
import kinds  # noqa: E402
import lexicon  # noqa: E402
import render  # noqa: E402

ROOT = os.path.dirname(HERE)                     # corpus/
REPO = os.path.dirname(ROOT)
SEED = 20260115

TRADES = ["epicerie", "telephonie", "beaute", "quincaillerie", "vetements",
          "pharmacie-parapharmacie", "restaurant", "solaire"]
HELD_OUT = {"vetements"}                          # test only
INTENTS = ["greeting", "price", "availability", "catalog_search", "quote", "order", "delivery",
           "hours", "payment", "faq", "thanks", "human", "complaint", "other"]
LANGS = {"fr", "mg", "mixed"}

# generated messages per trade and intent
N_TRAIN = {"greeting": 30, "price": 62, "availability": 60, "catalog_search": 40, "quote": 60,
           "order": 62, "delivery": 44, "hours": 36, "payment": 36, "faq": 40, "thanks": 30,
           "human": 40, "complaint": 46, "other": 50}
N_TEST = {"greeting": 7, "price": 13, "availability": 13, "catalog_search": 9, "quote": 13,
          "order": 13, "delivery": 9, "hours": 8, "payment": 8, "faq": 9, "thanks": 7,
          "human": 8, "complaint": 10, "other": 11}
# the dev (tuning) split: as many as test, from its own bank and its own random stream, so
# that adding it changed no train or test line
N_DEV = N_TEST
DEV_SEED = SEED + 1

SKU_INTENTS = {"price", "availability", "catalog_search", "quote", "order", "human", "other"}
NO_SKU_INTENTS = {"greeting", "thanks", "delivery", "hours", "payment", "faq", "complaint"}


class Invalid(Exception):
    pass


# --------------------------------------------------------------------------- validation

def validate_msg(d, lexes, where):
    def bad(msg):
        raise Invalid(f"{where}: {msg}: {json.dumps(d, ensure_ascii=False)}")
    allowed = {"shop", "lang", "message", "intent", "skus", "quantities", "clarify", "pending",
               "also", "note", "source"}
    extra = set(d) - allowed
    if extra:
        bad(f"unknown fields {sorted(extra)}")
    for k in ("shop", "lang", "message", "intent", "skus", "quantities", "clarify"):
        if k not in d:
            bad(f"missing field {k}")
    if d["shop"] not in lexes:
        bad(f"unknown shop {d['shop']}")
    if d["intent"] not in INTENTS:
        bad(f"unknown intent {d['intent']}")
    if d["lang"] not in LANGS:
        bad(f"unknown lang {d['lang']}")
    if not isinstance(d["message"], str) or not d["message"].strip():
        bad("empty message")
    cat = lexes[d["shop"]].catalog
    if not isinstance(d["skus"], list) or len(set(d["skus"])) != len(d["skus"]):
        bad("skus must be a list without repeats")
    for s in d["skus"]:
        if s not in cat:
            bad(f"SKU {s} not in {d['shop']}/catalog.csv")
    q = d["quantities"]
    if not isinstance(q, dict):
        bad("quantities must be an object")
    for s, n in q.items():
        if s not in d["skus"]:
            bad(f"quantity for {s} which is not in skus")
        if not isinstance(n, int) or isinstance(n, bool) or n <= 0:
            bad(f"quantity for {s} must be a positive integer")
    if q and d["intent"] not in ("quote", "order"):
        bad("quantities only on quote/order")
    if not isinstance(d["clarify"], bool):
        bad("clarify must be true/false")
    if d["clarify"] and d["intent"] not in ("quote", "order"):
        bad("clarify only on quote/order")
    for p in d.get("pending", []):
        if not p["skus"] or any(s not in d["skus"] for s in p["skus"]):
            bad("pending SKUs must be listed in skus")
        if p["qty"] is not None and (not isinstance(p["qty"], int) or p["qty"] <= 0):
            bad("pending qty must be a positive integer or null")
        if any(s in q for s in p["skus"]) and len(p["skus"]) > 1:
            bad("a pending variant also has a quantity")
    if d.get("pending") and not d["clarify"]:
        bad("pending lines but clarify is false")
    if d["intent"] in NO_SKU_INTENTS and d["skus"]:
        bad(f"{d['intent']} carries no skus")
    if d["intent"] == "human" and d["skus"]:
        rx = [s for s in d["skus"] if "rx" not in lexes[d["shop"]].products[s].flags]
        if rx:
            bad("human lists only prescription drugs")
    for a in d.get("also", []):
        if a not in INTENTS or a == d["intent"] or a in ("greeting", "thanks"):
            bad(f"bad also intent {a}")
    if d["intent"] in ("quote", "order") and d["skus"] and not q and not d["clarify"]:
        bad("quote/order lines without quantities must be clarified")


def quantity_seen(msg, q):
    """True when the quantity q is written in the message (digits, a French or Malagasy
    number word, une douzaine, or un/une/iray/le/la for 1)."""
    m = render.strip_accents(msg.lower())
    tokens = re.findall(r"[\w']+", m)
    numbers = re.findall(r"\d+(?:[.,]\d+)*", m)
    if str(q) in numbers:
        return True
    if q in render.FR_WORDS and render.FR_WORDS[q] in tokens:
        return True
    if q in render.MG_WORDS and re.search(r"\b" + re.escape(render.MG_WORDS[q]) + r"\b", m):
        return True
    if q == 12 and "douzaine" in m:
        return True
    if q == 6 and "demi-douzaine" in m:
        return True
    if q == 1 and set(tokens) & {"un", "une", "iray", "iraika", "le", "la", "l", "ilay", "1"}:
        return True
    if q == 1:
        return True   # a singular without number ("je prends le kit 100W"): accepted
    return False


def validate_conv(c, lexes, where):
    def bad(msg):
        raise Invalid(f"{where}: {msg}")
    for k in ("id", "shop", "turns"):
        if k not in c:
            bad(f"missing {k}")
    if c["shop"] not in lexes:
        bad(f"unknown shop {c['shop']}")
    cat = lexes[c["shop"]].catalog
    if len(c["turns"]) < 2:
        bad("a conversation has at least two turns")
    for i, t in enumerate(c["turns"], 1):
        w = f"turn {i} ({t.get('message', '')!r})"
        for k in ("message", "lang", "intent", "skus", "quote_lines", "escalated", "clarify"):
            if k not in t:
                bad(f"{w}: missing {k}")
        if t["intent"] not in INTENTS:
            bad(f"{w}: unknown intent {t['intent']}")
        if t["lang"] not in LANGS:
            bad(f"{w}: unknown lang")
        for s in t["skus"]:
            if s not in cat:
                bad(f"{w}: SKU {s} not in catalogue")
        for l in t["quote_lines"]:
            if l["sku"] not in cat or not isinstance(l["qty"], int) or l["qty"] <= 0:
                bad(f"{w}: bad quote line {l}")
        if len({l['sku'] for l in t["quote_lines"]}) != len(t["quote_lines"]):
            bad(f"{w}: a SKU twice in the quote")
        if t["quote_lines"] and t["intent"] not in ("quote", "order"):
            bad(f"{w}: quote lines on a {t['intent']} turn")
        if t["escalated"] != (t["intent"] in ("human", "complaint")):
            bad(f"{w}: escalated must be true exactly on human/complaint turns")
        if t["clarify"] and t["intent"] not in ("quote", "order"):
            bad(f"{w}: clarify only on quote/order")
        if t["intent"] in ("quote", "order") and not t["quote_lines"] and not t["clarify"]:
            bad(f"{w}: a quote/order turn makes lines or asks")
        if t["escalated"] and i != len(c["turns"]):
            bad(f"{w}: the bot is paused after a hand-over: it must be the last turn")


# --------------------------------------------------------------------------- generation

def frames_of(bank):
    out = set()
    for key, d in bank.T.items():
        for lang, lst in d.items():
            for f in lst:
                out.add(render.normalise(re.sub(r"\{\w+\}", " ", f)))
    for d in bank.ALSO.values():
        for lst in d.values():
            for f in lst:
                out.add(render.normalise(re.sub(r"\{\w+\}", " ", f)))
    for group in (bank.GREETING, bank.THANKS):
        for lst in group.values():
            for f in lst:
                out.add(render.normalise(f))
    return out


def generate(split, bank, lexes, trades, counts, rng, taken):
    out = []
    for trade in trades:
        mk = kinds.Intents(bank, lexes[trade], split, rng)
        for intent in INTENTS:
            want = counts[intent]
            got, tries = 0, 0
            while got < want and tries < want * 12:
                tries += 1
                d = mk.make(intent)
                key = render.normalise(d["message"])
                if key in taken or len(key) < 2:
                    continue
                taken.add(key)
                d["source"] = "gen"
                out.append(d)
                got += 1
            if got < want * 0.6:
                print(f"warning: {split} {trade}/{intent}: only {got} of {want} distinct",
                      file=sys.stderr)
    return out


def ordered(d):
    keys = ["shop", "lang", "message", "intent", "skus", "quantities", "clarify", "pending",
            "also", "note", "source"]
    return {k: d[k] for k in keys if k in d}


def fixture_messages():
    keys = set()
    for p in ("/work/shared/fixtures/conversations-dev.jsonl",
              os.path.join(REPO, "tests/fixtures/conversations-dev.jsonl"),
              os.path.join(REPO, "tests/fixtures/conversations-extra.jsonl")):
        if os.path.exists(p):
            with open(p, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        keys.add(render.normalise(json.loads(line)["message"]))
    return keys


def stats(name, rows):
    print(f"\n== {name}: {len(rows)} messages")
    by = collections.Counter
    for field in ("shop", "intent", "lang"):
        c = by(r[field] for r in rows)
        print(f"  {field:7}: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    c = by(r.get("source", "gen") for r in rows)
    print("  source : " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    print(f"  clarify: {sum(r['clarify'] for r in rows)}   also: {sum(1 for r in rows if r.get('also'))}"
          f"   with quantities: {sum(1 for r in rows if r['quantities'])}"
          f"   availability not sold: {sum(1 for r in rows if r['intent'] == 'availability' and not r['skus'])}")
    n = len(rows) or 1
    lc = by(r["lang"] for r in rows)
    print("  lang % : " + ", ".join(f"{k} {100 * v / n:.0f}%" for k, v in sorted(lc.items())))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="validate and count, write nothing")
    args = ap.parse_args()

    lexes = {t: lexicon.load(t) for t in TRADES}

    banks = {"bank_train": bank_train, "bank_test": bank_test, "bank_dev": bank_dev}
    names = list(banks)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            overlap = frames_of(banks[a]) & frames_of(banks[b])
            overlap.discard("")
            if overlap:
                raise Invalid(f"frames shared by {a} and {b}: {sorted(overlap)[:20]}")

    fixtures = fixture_messages()
    rng = random.Random(SEED)

    hand_train = handfmt.read_messages(os.path.join(ROOT, "hand", "train_messages.txt"))
    hand_test = handfmt.read_messages(os.path.join(ROOT, "hand", "test_messages.txt"))
    for where, d in hand_train:
        if d["shop"] in HELD_OUT:
            raise Invalid(f"{where}: held-out trade {d['shop']} in a train file")

    # generated train lines never repeat a fixture message nor a hand-written test message
    taken_train = set(fixtures) | {render.normalise(d["message"]) for _, d in hand_test}
    train = []
    for where, d in hand_train:
        k = render.normalise(d["message"])
        if k in fixtures:
            raise Invalid(f"{where}: copies a fixture message")
        if k in taken_train:
            raise Invalid(f"{where}: duplicate hand-written message")
        taken_train.add(k)
        train.append(d)
    train_trades = [t for t in TRADES if t not in HELD_OUT]
    train += generate("train", bank_train, lexes, train_trades, N_TRAIN, rng, taken_train)

    taken_test = set(render.normalise(d["message"]) for d in train) | fixtures
    test = []
    for where, d in hand_test:
        k = render.normalise(d["message"])
        if k in fixtures:
            raise Invalid(f"{where}: copies a fixture message")
        if k in taken_test:
            raise Invalid(f"{where}: hand-written test message also in train or twice in test")
        taken_test.add(k)
        test.append(d)
    test += generate("test", bank_test, lexes, TRADES, N_TEST, rng, taken_test)

    # dev: all trades (the held-out one included: it stays out of train), never a train
    # or test message
    taken_dev = {render.normalise(d["message"]) for d in train + test} | fixtures
    dev = generate("dev", bank_dev, lexes, TRADES, N_DEV, random.Random(DEV_SEED), taken_dev)

    for name, rows in (("train", train), ("test", test), ("dev", dev)):
        for i, d in enumerate(rows):
            validate_msg(d, lexes, f"{name}[{i}] ({d.get('source')})")
            lines = list(d["quantities"].values()) + [p["qty"] for p in d.get("pending", [])
                                                      if p["qty"]]
            for q in lines:
                if not quantity_seen(d["message"], q):
                    raise Invalid(f"{name}: quantity {q} not written in {d['message']!r}")
            if render.normalise(d["message"]) in fixtures:
                raise Invalid(f"{name}: copies a fixture message: {d['message']!r}")
    if any(d["shop"] in HELD_OUT for d in train):
        raise Invalid("held-out trade in train")

    convs = {}
    for split in ("dev", "test"):
        p = os.path.join(ROOT, "hand", f"conversations_{split}.txt")
        cs = handfmt.read_conversations(p)
        ids = set()
        for where, c in cs:
            validate_conv(c, lexes, where)
            if c["id"] in ids:
                raise Invalid(f"{where}: duplicate id {c['id']}")
            ids.add(c["id"])
            for t in c["turns"]:
                if render.normalise(t["message"]) in fixtures and len(t["message"]) > 20:
                    raise Invalid(f"{where}: copies a fixture message: {t['message']!r}")
        convs[split] = [c for _, c in cs]
    if any(c["shop"] in HELD_OUT for c in convs["dev"]):
        raise Invalid("held-out trade in dev conversations")
    dev_ids = {c["id"] for c in convs["dev"]}
    if dev_ids & {c["id"] for c in convs["test"]}:
        raise Invalid("conversation id in both dev and test")

    rng.shuffle(train)
    rng.shuffle(test)
    random.Random(DEV_SEED).shuffle(dev)
    stats("train", train)
    stats("test", test)
    stats("dev", dev)
    for split, cs in convs.items():
        turns = sum(len(c["turns"]) for c in cs)
        shops = collections.Counter(c["shop"] for c in cs)
        intents = collections.Counter(t["intent"] for c in cs for t in c["turns"])
        print(f"\n== conversations/{split}: {len(cs)} conversations, {turns} turns")
        print("  shop   : " + ", ".join(f"{k} {v}" for k, v in sorted(shops.items())))
        print("  intent : " + ", ".join(f"{k} {v}" for k, v in sorted(intents.items())))
    low = [i for i in INTENTS if sum(1 for d in train if d["intent"] == i) < 150]
    if low:
        raise Invalid(f"fewer than 150 train messages for {low}")

    if args.check:
        return
    os.makedirs(os.path.join(ROOT, "messages"), exist_ok=True)
    os.makedirs(os.path.join(ROOT, "conversations"), exist_ok=True)
    for name, rows in (("train", train), ("test", test), ("dev", dev)):
        with open(os.path.join(ROOT, "messages", f"{name}.jsonl"), "w", encoding="utf-8") as f:
            for d in rows:
                f.write(json.dumps(ordered(d), ensure_ascii=False) + "\n")
    for split, cs in convs.items():
        with open(os.path.join(ROOT, "conversations", f"{split}.jsonl"), "w", encoding="utf-8") as f:
            for c in cs:
                f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print("\nwritten: messages/train.jsonl messages/test.jsonl messages/dev.jsonl conversations/dev.jsonl "
          "conversations/test.jsonl")


if __name__ == "__main__":
    try:
        main()
    except (Invalid, lexicon.LexiconError, handfmt.HandError) as e:
        print(f"INVALID: {e}", file=sys.stderr)
        sys.exit(1)
