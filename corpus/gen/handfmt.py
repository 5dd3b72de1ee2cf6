"""Readers for the hand-written files in corpus/hand/ (a compact line format, so that a
person can write and review hundreds of labelled messages without JSON noise).

Single messages (hand/*_messages.txt), one per line, '|'-separated:
    shop | lang | intent | labels | message [| note]
  shop    trade folder name, or a short alias: epi tel bea qui vet pha res sol
  labels  space-separated tokens, '-' for none:
            SKU        a product a good answer names (skus)
            SKU*3      a quote/order line: in skus, quantity 3
            ?A,B*3     a line whose variant is not given: A and B go to skus, the line is
                       pending with quantity 3 (clarify true); ?A,B without quantity = unknown
            ?          clarify true with no pending line (nothing named yet)
            +delivery  another intent asked in the same message (also)
  message the customer's text; '\\n' stands for a line break
  note    optional: why the label is what it is
Lines starting with '#' and blank lines are ignored.

Conversations (hand/conversations_*.txt):
    == <id> <shop>
    lang | intent | labels | message [| note]
  one turn per line until the next '=='; the note says what the bot is expected to do. Labels as above, plus:
            =SKU*3     a line of the quote as it stands after this turn (quote_lines)
            clarify    the bot must ask which variant / what before quoting
  escalated is true on human and complaint turns; skus of a quote/order turn default to
  the SKUs of its quote_lines.
"""

from __future__ import annotations

ALIASES = {"epi": "epicerie", "tel": "telephonie", "bea": "beaute", "qui": "quincaillerie",
           "vet": "vetements", "pha": "pharmacie-parapharmacie", "res": "restaurant",
           "sol": "solaire"}


class HandError(Exception):
    pass


def _labels(tokens, where):
    skus, qty, pending, also, clarify, lines = [], {}, [], [], False, []
    for tok in tokens.split():
        if tok == "-":
            continue
        if tok == "?":
            clarify = True
        elif tok == "clarify":
            clarify = True
        elif tok.startswith("+"):
            also.append(tok[1:])
        elif tok.startswith("?"):
            body = tok[1:]
            n = None
            if "*" in body:
                body, n = body.split("*", 1)
                n = int(n)
            ss = body.split(",")
            skus.extend(s for s in ss if s not in skus)
            pending.append({"skus": ss, "qty": n})
            clarify = True
        elif tok.startswith("="):
            s, n = tok[1:].split("*", 1)
            lines.append({"sku": s, "qty": int(n)})
        elif "*" in tok:
            s, n = tok.split("*", 1)
            if s not in skus:
                skus.append(s)
            qty[s] = int(n)
        elif tok.isupper() or any(c.isdigit() for c in tok):
            if tok not in skus:
                skus.append(tok)
        else:
            raise HandError(f"{where}: unknown label token {tok!r}")
    return skus, qty, pending, also, clarify, lines


def read_messages(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            where = f"{path}:{lineno}"
            parts = [p.strip() for p in line.split("|")]
            if len(parts) not in (5, 6):
                raise HandError(f"{where}: expected 5 or 6 fields, got {len(parts)}")
            shop, lang, intent, labels, message = parts[:5]
            shop = ALIASES.get(shop, shop)
            skus, qty, pending, also, clarify, lines = _labels(labels, where)
            if lines:
                raise HandError(f"{where}: '=' quote lines belong to conversations")
            d = {"shop": shop, "lang": lang, "message": message.replace("\\n", "\n"),
                 "intent": intent, "skus": skus, "quantities": qty, "clarify": clarify}
            if pending:
                d["pending"] = pending
            if also:
                d["also"] = also
            if len(parts) == 6 and parts[5]:
                d["note"] = parts[5]
            d["source"] = "hand"
            out.append((where, d))
    return out


def read_conversations(path):
    out = []
    cur = None
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            where = f"{path}:{lineno}"
            if line.startswith("=="):
                bits = line[2:].split()
                if len(bits) != 2:
                    raise HandError(f"{where}: '== <id> <shop>' expected")
                cur = {"id": bits[0], "shop": ALIASES.get(bits[1], bits[1]), "turns": []}
                out.append((where, cur))
                continue
            if cur is None:
                raise HandError(f"{where}: turn before any '== id shop' line")
            parts = [p.strip() for p in line.split("|")]
            if len(parts) not in (4, 5):
                raise HandError(f"{where}: expected 4 or 5 fields, got {len(parts)}")
            lang, intent, labels, message = parts[:4]
            note = parts[4] if len(parts) == 5 else ""
            skus, qty, pending, also, clarify, lines = _labels(labels, where)
            if qty:
                raise HandError(f"{where}: use =SKU*n for quote lines in conversations")
            if not skus and lines:
                skus = [l["sku"] for l in lines]
            cur["turns"].append({"message": message.replace("\\n", "\n"), "lang": lang,
                                 "intent": intent, "skus": skus, "quote_lines": lines,
                                 "escalated": intent in ("human", "complaint"),
                                 "clarify": clarify or bool(pending)})
            if note:
                cur["turns"][-1]["note"] = note
    return out
