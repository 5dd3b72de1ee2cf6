"""Message makers: one function per intent, each drawing a sentence frame from a phrase
bank (bank_train or bank_test), filling its slots from a shop lexicon and returning the
message with its labels. The labels are computed from what was put in the slots, never
guessed from the finished text."""

from __future__ import annotations

import re

import render as R
from lexicon import Item, Name, Counted, Pattern

SLOT = re.compile(r"\{(\w+)\}")

DEVICE_TRADES = {"telephonie", "solaire"}
FOOD_TRADES = {"epicerie", "restaurant"}


class Maker:
    def __init__(self, bank, lx, split, rng):
        self.b = bank
        self.lx = lx
        self.split = split
        self.rng = rng
        self.test = split == "test"

    # ------------------------------------------------------------ choosing
    def ok(self, obj):
        return self.test or not getattr(obj, "test_only", False)

    def pick(self, seq):
        seq = [x for x in seq if self.ok(x)]
        if not seq:
            return None
        if self.test:
            novel = [x for x in seq if getattr(x, "test_only", False)]
            if novel and self.rng.random() < 0.5:
                return self.rng.choice(novel)
        return self.rng.choice(seq)

    def choice(self, seq):
        return self.rng.choice(seq)

    def frames(self, key, lang):
        d = self.b.T[key]
        return d.get(lang, [])

    def pick_lang(self, key, weights=None):
        w = weights or self.b.LANG_WEIGHTS
        langs = [l for l in ("fr", "mg", "mixed") if self.frames(key, l)]
        tot = sum(w[l] for l in langs)
        r = self.rng.random() * tot
        for l in langs:
            r -= w[l]
            if r <= 0:
                return l
        return langs[-1]

    def sellable(self, want_fr=False, want_mg=False, families=False, rx=False):
        items = list(self.lx.families) if families else list(self.lx.products.values())
        out = []
        for it in items:
            if ("rx" in it.flags) != rx:
                continue
            if want_fr and not [n for n in it.fr if self.ok(n)]:
                continue
            if want_mg and not [n for n in it.mg if self.ok(n)]:
                continue
            out.append(it)
        return out

    def countable(self, lang, families=False):
        """Items that can be written as a quantity line in this language."""
        out = []
        for it in self.sellable(families=families):
            if lang == "fr" and [c for c in it.frq if self.ok(c)]:
                out.append(it)
            elif lang == "mg" and ([p for p in it.mgq if self.ok(p)] or
                                   (not families and [n for n in it.fr if self.ok(n)])):
                out.append(it)
        return out

    # ------------------------------------------------------------ slots
    def fr_slots(self, it, suffix=""):
        n = self.pick(it.fr)
        s = {}
        s["the" + suffix] = (n.text, "fr")
        s["bare" + suffix] = (R.bare(n.text), "" if n.neutral else "fr")
        s["of" + suffix] = (R.of(n.text), "fr")
        cq = self.pick(it.frq) if it.frq else None
        if "mass" in it.flags or cq is None or n.text.startswith("les "):
            s["some" + suffix] = (R.of(n.text), "fr")
        else:
            s["some" + suffix] = ("des " + cq.pl, "fr")
        s["a" + suffix] = ((cq.sg if cq else n.text), "fr")
        # now and then a French frame carries the Malagasy name of the goods
        mg = [m for m in it.mg if self.ok(m)]
        if mg and self.rng.random() < self.b.FR_WITH_MG_NAME:
            m = self.pick(mg)
            s["bare" + suffix] = (m.text, "" if m.neutral else "mg")
        return s

    def mg_slot(self, it, suffix=""):
        mg = [m for m in it.mg if self.ok(m)]
        fr = [n for n in it.fr if self.ok(n)]
        if mg and (not fr or self.rng.random() > self.b.MG_WITH_FR_NAME):
            m = self.pick(mg)
            return {"x" + suffix: (m.text, "" if m.neutral else "mg")}
        n = self.pick(fr)
        return {"x" + suffix: (R.bare(n.text), "" if n.neutral else "fr")}

    def product_slots(self, it, suffix=""):
        s = {}
        if [n for n in it.fr if self.ok(n)]:
            s.update(self.fr_slots(it, suffix))
        s.update(self.mg_slot(it, suffix) if (it.mg or it.fr) else {})
        return s

    def common_slots(self):
        lx = self.lx
        places = lx.places_in + lx.places_out
        s = {
            "place": (self.choice(places), ""),
            "place_in": (self.choice(lx.places_in), ""),
            "shop": (lx.shop["name"], ""),
            "day_fr": (self.pick_phrase(self.b.DAYS["fr"]), "fr"),
            "day_mg": (self.pick_phrase(self.b.DAYS["mg"]), "mg"),
            "pay_fr": self.pick_pay("fr"),
            "pay_mg": self.pick_pay("mg"),
            "mm": (self.choice(self.b.MOBILE_MONEY), ""),
            "phone": (self.phone(), ""),
        }
        return s

    def pick_phrase(self, lst):
        return self.choice(lst)

    def pick_pay(self, lang):
        opts = self.b.PAY[lang]
        t = self.choice(opts)
        if t.startswith("="):
            return (t[1:], "")
        return (t, lang)

    def phone(self):
        p = self.choice(["034", "032", "033", "038", "037"])
        d = [str(self.rng.randint(0, 9)) for _ in range(7)]
        styles = [f"{p} {d[0]}{d[1]} {''.join(d[2:5])} {d[5]}{d[6]}", p + "".join(d),
                  f"+261 {p[1:]} {d[0]}{d[1]} {''.join(d[2:5])} {d[5]}{d[6]}"]
        return self.choice(styles)

    # ------------------------------------------------------------ quantity lines
    def fr_line(self, it, q):
        cq = self.pick(it.frq)
        r = self.rng.random()
        if q == 1:
            if r < 0.75:
                return cq.sg
            return "1 " + R.strip_indef(cq.sg)
        fem = cq.sg.startswith("une ")
        if q == 12 and r < 0.15:
            return "une douzaine " + R.de(cq.pl)
        if r < 0.12:
            n = self.pick(it.fr)
            return f"{R.bare(n.text)} x{q}"
        return f"{R.fr_number(q, self.rng, fem)} {cq.pl}"

    def mg_line(self, it, q):
        pats = [p for p in it.mgq if self.ok(p)]
        if pats:
            p = self.pick(pats)
            n = R.mg_number(q, self.rng)
            return p.text.replace("{n}", n), ("mixed" if p.mixed else "mg")
        # no Malagasy pattern: the French name with a Malagasy (or plain) number
        n = self.pick([x for x in it.fr if self.ok(x)])
        name = R.bare(n.text)
        lang = "" if n.neutral else "fr"
        if self.rng.random() < 0.5:
            num = R.mg_number(q, self.rng, words=0.8)
            return f"{name} {num}", combine2(lang, "mg" if not num.isdigit() else "")
        return f"{q} {name}", lang

    def qty(self, it):
        trade_default = "meal" if self.lx.trade == "restaurant" else "small"
        return self.choice(R.QTY_CLASSES[R.qty_class(it, trade_default)])

    def lines(self, lang, n, ambiguous=False, newline_ok=True):
        """n quantity lines; one of them names a family without its variant when ambiguous.
        Returns (text, lang, resolved [(sku, q)], pending [(skus, q)])."""
        line_lang = lang if lang != "mixed" else self.choice(["fr", "mg"])
        pool = self.countable(line_lang)
        fam_pool = self.countable(line_lang, families=True) if ambiguous else []
        if ambiguous and not fam_pool:
            ambiguous = False
        chosen = []
        used = set()
        amb_index = self.rng.randrange(n) if ambiguous else -1
        for i in range(n):
            for _ in range(30):
                it = self.choice(fam_pool if i == amb_index else pool)
                if not used.intersection(it.skus):
                    break
            else:
                continue
            used.update(it.skus)
            chosen.append(it)
        texts, langs, resolved, pending = [], [line_lang], [], []
        for it in chosen:
            q = self.qty(it)
            if line_lang == "fr":
                t, l = self.fr_line(it, q), "fr"
            else:
                t, l = self.mg_line(it, q)
            texts.append(t)
            langs.append(l)
            if it.family:
                pending.append((list(it.skus), q))
            else:
                resolved.append((it.skus[0], q))
        text = self.join(texts, line_lang, newline_ok)
        return text, R.combine(langs), resolved, pending

    def join(self, parts, lang, newline_ok=True):
        if len(parts) == 1:
            return parts[0]
        r = self.rng.random()
        if newline_ok and r < self.b.NEWLINE_LIST:
            bullet = self.choice(["", "- ", "* ", "• "])
            return "\n" + "\n".join(bullet + p for p in parts)
        conj = self.choice(self.b.AND[lang])
        if len(parts) == 2:
            return f"{parts[0]}{conj}{parts[1]}"
        return ", ".join(parts[:-1]) + conj + parts[-1]

    # ------------------------------------------------------------ assembling
    def fill(self, frame, slots):
        langs = []

        def repl(m):
            k = m.group(1)
            if k not in slots:
                raise KeyError(f"slot {{{k}}} not provided for frame {frame!r}")
            t, l = slots[k]
            langs.append(l)
            return t
        text = SLOT.sub(repl, frame)
        return text, langs

    def finish(self, text, frame_lang, langs, allow_prefix=True, polite=True):
        langs = [frame_lang] + list(langs)
        if allow_prefix and self.rng.random() < self.b.PREFIX_P:
            pl = frame_lang if frame_lang != "mixed" else self.choice(["fr", "mg"])
            if self.rng.random() < 0.12:
                pl = "mg" if pl == "fr" else "fr"
            text = self.choice(self.b.PREFIX[pl]) + lower_first(text)
            langs.append(pl)
        already = re.search(r"\b(svp|stp|s'il vous pla[iî]t|azafady|merci)\b", text, re.I)
        if (polite and not already and self.rng.random() < self.b.POLITE_P
                and frame_lang in ("fr", "mg")):
            pol = self.choice(self.b.POLITE[frame_lang])
            m = re.search(r"\s*\?\s*$", text)
            text = (text[:m.start()] + pol + " ?") if m else (text + pol)
        lang = R.combine(langs)
        if not lang:
            raise ValueError(f"no language in {text!r}")
        return R.cap(R.elide(text.strip())), lang

    def noisy(self, text, lang):
        if self.rng.random() < self.b.NOISE_P:
            return R.noise(text, lang, self.rng), True
        return text, False

    def also_suffix(self, intent, frame_lang):
        lang = frame_lang if frame_lang != "mixed" else self.choice(["fr", "mg"])
        frames = self.b.ALSO[intent][lang]
        t, langs = self.fill(self.choice(frames), self.common_slots())
        sep = self.choice(self.b.ALSO_SEP)
        return sep + t, [lang] + langs

    def join_also(self, text, suffix):
        """Append an also-question; after a final ?, ! or . only a space or a new line."""
        if not suffix:
            return text
        t = text.rstrip()
        if t.endswith(("?", "!", ".")):
            body = suffix.lstrip(" ;.,?-/\n")
            for w in ("et puis ", "et "):
                if body.startswith(w):
                    body = body[len(w):]
            return t + self.choice([" ", "\n", " "]) + R.cap(body)
        return t + suffix


def combine2(a, b):
    return R.combine([a, b])


def lower_first(s):
    if len(s) > 1 and s[0].isupper() and not s[1].isupper():
        return s[0].lower() + s[1:]
    return s


# ---------------------------------------------------------------- the intents

def _pseudo(text, lang):
    """A thing the shop does not sell, as an item with names but no SKU."""
    neutral = text.startswith("=")
    text = text.lstrip("=")
    n = Name(text, neutral, False)
    if lang == "fr":
        return Item("-", [], [n], [], [], [], set(), False)
    return Item("-", [], [], [], [n], [], set(), False)


def round_price(p):
    if p >= 20000:
        return int(round(p / 1000.0)) * 1000
    if p >= 2000:
        return int(round(p / 500.0)) * 500
    return max(100, int(round(p / 100.0)) * 100)


class Intents(Maker):

    def make(self, intent):
        fn = getattr(self, "i_" + intent)
        last = None
        for _ in range(60):
            try:
                r = fn()
            except _Retry as e:
                last = e
                continue
            if r is not None:
                r.setdefault("intent", intent)
                return r
        raise RuntimeError(f"{self.lx.trade}/{intent}: could not make a message ({last})")

    # helpers -----------------------------------------------------------------
    def out(self, frame_lang, text, langs, intent, skus=(), quantities=None, pending=None,
            also=None, note=None, prefix=True):
        text, lang = self.finish(text, frame_lang, langs, allow_prefix=prefix,
                                 polite=intent not in ("greeting", "thanks"))
        text, noisy = self.noisy(text, lang)
        d = {"shop": self.lx.trade, "lang": lang, "message": text, "intent": intent,
             "skus": list(dict.fromkeys(skus)), "quantities": dict(quantities or {}),
             "clarify": bool(pending)}
        if pending:
            d["pending"] = [{"skus": s, "qty": q} for s, q in pending]
        if also:
            d["also"] = also
        if note:
            d["note"] = note
        return d

    def frame_for(self, key, lang):
        fr = self.frames(key, lang)
        if not fr:
            raise _Retry(f"no frames {key}/{lang}")
        return self.choice(fr)

    def need(self, lang):
        return {"want_fr": lang in ("fr", "mixed")}

    def maybe_also(self, frame_lang, options, p):
        if self.rng.random() < p:
            a = self.choice(options)
            t, langs = self.also_suffix(a, frame_lang)
            return a, t, langs
        return None, "", []

    # greeting / thanks ------------------------------------------------------
    HEADS = ("merci", "misaotra", "mrc", "mankasitraka", "bonjour", "bonsoir", "salama",
             "manao ahoana", "salut", "hello", "coucou", "akory", "manahoana", "hey", "bjr",
             "slt", "bsr", "yo", "ok merci")
    TWO_WORD_HEADS = ("merci beaucoup", "merci bien", "misaotra betsaka", "manao ahoana",
                      "ok merci", "bonjour bonjour", "misaotra indrindra", "bien le bonjour")
    FAREWELLS = ("au revoir", "bonne", "bon ", "à bientôt", "veloma", "mandra", "ciao",
                 "salutations")

    def _phrase_combo(self, base, addr, tail, p_addr, p_tail, p_shop, cross=0.15):
        lang = self.pick_lang_from(base)
        text = self.choice(base[lang])
        low = text.lower()
        langs = [lang]
        al = lang if lang != "mixed" else self.choice(["fr", "mg"])
        plain = low.startswith(self.HEADS) and "," not in text and "?" not in text and (
            len(text.split()) == 1 or low in self.TWO_WORD_HEADS)
        if plain and self.rng.random() < p_addr:
            a_lang = al if self.rng.random() > cross else ("mg" if al == "fr" else "fr")
            text += " " + self.choice(addr[a_lang])
            langs.append(a_lang)
        if self.rng.random() < p_shop and "?" not in text:
            text += " " + self.lx.shop["name"]
        if (self.rng.random() < p_tail and not low.startswith(self.FAREWELLS)
                and "?" not in text):
            t = self.choice(tail[al])
            if t.lower() not in low:
                text += self.choice([", ", " ", ". ", " ! "]) + t
                langs.append(al)
        return text, langs

    def pick_lang_from(self, d):
        w = self.b.LANG_WEIGHTS
        langs = [l for l in ("fr", "mg", "mixed") if d.get(l)]
        r = self.rng.random() * sum(w[l] for l in langs)
        for l in langs:
            r -= w[l]
            if r <= 0:
                return l
        return langs[-1]

    def i_greeting(self):
        text, langs = self._phrase_combo(self.b.GREETING, self.b.GREET_ADDR, self.b.GREET_TAIL,
                                         0.35, 0.3, 0.12)
        return self.out(langs[0], text, langs[1:], "greeting", prefix=False)

    def i_thanks(self):
        text, langs = self._phrase_combo(self.b.THANKS, self.b.THANKS_ADDR, self.b.THANKS_TAIL,
                                         0.3, 0.35, 0.05, cross=0.1)
        return self.out(langs[0], text, langs[1:], "thanks", prefix=False)

    # price -------------------------------------------------------------------
    def i_price(self):
        r = self.rng.random()
        if r < 0.15:
            lang = self.pick_lang("price_two")
            pool = self.sellable(**self.need(lang))
            a, b = self.rng.sample(pool, 2)
            slots = {**self.product_slots(a), **self.product_slots(b, "2"), **self.common_slots()}
            text, langs = self.fill(self.frame_for("price_two", lang), slots)
            return self.out(lang, text, langs, "price", skus=a.skus + b.skus)
        lang = self.pick_lang("price_one")
        fam = r > 0.7
        pool = self.sellable(families=fam, **self.need(lang))
        if not pool:
            raise _Retry("empty pool")
        it = self.choice(pool)
        slots = {**self.product_slots(it), **self.common_slots()}
        text, langs = self.fill(self.frame_for("price_one", lang), slots)
        a, t, al = self.maybe_also(lang, ["delivery", "payment", "hours", "availability"], 0.15)
        note = "family named without its variant: the answer lists the variants" if fam else None
        return self.out(lang, self.join_also(text, t), langs + al, "price", skus=it.skus,
                        also=[a] if a else None, note=note)

    # availability --------------------------------------------------------------
    def i_availability(self):
        r = self.rng.random()
        lang = self.pick_lang("avail_one")
        note = None
        if r < 0.25:
            src = self.lx.not_sold_fr if lang in ("fr", "mixed") else self.lx.not_sold_mg
            ph = self.pick(src)
            it = _pseudo(ph.text, "fr" if lang in ("fr", "mixed") else "mg")
            note = "not sold by this shop"
        elif r < 0.40:
            pool = [p for p in self.sellable(**self.need(lang))
                    if int(self.lx.catalog[p.key]["stock"]) == 0]
            if not pool:
                raise _Retry("no out-of-stock")
            it = self.choice(pool)
            note = "in the catalogue but out of stock (stock 0)"
        elif r < 0.58:
            pool = self.sellable(families=True, **self.need(lang))
            if not pool:
                raise _Retry("no family")
            it = self.choice(pool)
        else:
            it = self.choice(self.sellable(**self.need(lang)))
        slots = {**self.product_slots(it), **self.common_slots()}
        text, langs = self.fill(self.frame_for("avail_one", lang), slots)
        a, t, al = self.maybe_also(lang, ["delivery", "hours"], 0.1 if it.skus else 0.0)
        return self.out(lang, self.join_also(text, t), langs + al, "availability", skus=it.skus,
                        also=[a] if a else None, note=note)

    # catalog_search ------------------------------------------------------------
    def i_catalog_search(self):
        r = self.rng.random()
        if r < 0.15:
            lang = self.pick_lang("cat_all")
            text, langs = self.fill(self.frame_for("cat_all", lang), self.common_slots())
            return self.out(lang, text, langs, "catalog_search", note="whole catalogue asked")
        kind = "cat" if r < 0.6 else "use"
        key = "cat_" + kind
        lang = self.pick_lang(key)
        cats = []
        for c in self.lx.categories:
            fr = [p for p in (c.fr_cat if kind == "cat" else c.fr_use) if self.ok(p)]
            mg = [p for p in (c.mg_cat if kind == "cat" else c.mg_use) if self.ok(p)]
            if (lang == "fr" and fr) or (lang == "mg" and mg) or (lang == "mixed" and fr):
                cats.append((c, fr, mg))
        if not cats:
            raise _Retry("no category")
        c, fr, mg = self.choice(cats)
        slots = dict(self.common_slots())
        if fr:
            slots[kind] = (self.pick(fr).text, "fr")
        if mg:
            slots[kind + "mg"] = (self.pick(mg).text, "mg")
        elif lang == "mixed":
            slots[kind + "mg"] = (self.pick(fr).text, "fr")
        text, langs = self.fill(self.frame_for(key, lang), slots)
        return self.out(lang, text, langs, "catalog_search", skus=c.skus)

    # quote / order ---------------------------------------------------------------
    def _lines_msg(self, key, intent, n, ambiguous, also_p):
        lang = self.pick_lang(key)
        frame = self.frame_for(key, lang)
        # a list on new lines only when nothing follows it in the sentence
        tail_ok = re.search(r"\{lines\}\W*$", frame) is not None
        text_l, l_lang, resolved, pending = self.lines(lang, n, ambiguous, newline_ok=tail_ok)
        if not resolved and not pending:
            raise _Retry("no lines")
        slots = {"lines": (text_l, l_lang), **self.common_slots()}
        text, langs = self.fill(frame, slots)
        if "{place" in frame:
            also_p = 0.0   # the address is given; no second delivery question
        a, t, al = self.maybe_also(lang, ["delivery", "payment"], also_p)
        skus = [s for s, _ in resolved] + [s for ss, _ in pending for s in ss]
        note = "variant not given: ask which before writing that line" if pending else None
        return self.out(lang, self.join_also(text, t), langs + al, intent, skus=skus,
                        quantities=dict(resolved), pending=pending, also=[a] if a else None,
                        note=note)

    def _nlines(self):
        r = self.rng.random()
        return 1 if r < 0.5 else (2 if r < 0.85 else 3)

    def i_quote(self):
        r = self.rng.random()
        if r < 0.07:
            lang = self.pick_lang("quote_none")
            text, langs = self.fill(self.frame_for("quote_none", lang), self.common_slots())
            d = self.out(lang, text, langs, "quote", note="no product named: ask what to quote")
            d["clarify"] = True
            return d
        n = self._nlines()
        key = "quote_total" if n >= 2 and self.rng.random() < 0.25 else "quote"
        return self._lines_msg(key, "quote", n, self.rng.random() < 0.25, 0.12)

    def i_order(self):
        r = self.rng.random()
        if r < 0.18:
            lang = self.pick_lang("order_confirm")
            text, langs = self.fill(self.frame_for("order_confirm", lang), self.common_slots())
            return self.out(lang, text, langs, "order",
                            note="accepts the quote in discussion; lines come from context")
        if r < 0.28:
            return self.order_price()
        return self._lines_msg("order", "order", self._nlines(), self.rng.random() < 0.15, 0.1)

    def order_price(self):
        lang = self.pick_lang("order_price")
        line_lang = lang if lang != "mixed" else self.choice(["fr", "mg"])
        it = self.choice(self.countable(line_lang))
        q = self.qty(it)
        if line_lang == "fr":
            t, l = self.fr_line(it, q), "fr"
        else:
            t, l = self.mg_line(it, q)
        price = int(self.lx.catalog[it.key]["price"])
        slots = {"line": (t, l), "price": (R.fmt_price(price, self.rng), ""),
                 **self.common_slots()}
        text, langs = self.fill(self.frame_for("order_price", lang), slots)
        return self.out(lang, text, langs, "order", skus=it.skus, quantities={it.key: q},
                        note="the catalogue unit price is restated; it is not a quantity")

    # delivery / hours / payment / faq ----------------------------------------------
    def _simple(self, keys, intent, also=None, also_p=0.0):
        key = self.choice(keys)
        lang = self.pick_lang(key)
        text, langs = self.fill(self.frame_for(key, lang), self.common_slots())
        a, t, al = self.maybe_also(lang, also or [], also_p) if also else (None, "", [])
        return self.out(lang, self.join_also(text, t), langs + al, intent, also=[a] if a else None)

    def i_delivery(self):
        k = self.choice(["deliv_place", "deliv_place", "deliv_gen", "deliv_when"])
        return self._simple([k], "delivery", ["payment"], 0.1)

    def i_hours(self):
        return self._simple(["hours_day", "hours_day", "hours_gen"], "hours")

    def i_payment(self):
        return self._simple(["pay_means", "pay_gen"], "payment")

    def i_faq(self):
        if self.rng.random() < 0.5:
            topic = self.choice(self.lx.faq_generic)
            key = "faq_" + topic
            lang = self.pick_lang(key)
            pool = self.sellable(**self.need(lang))
            slots = {**self.product_slots(self.choice(pool)), **self.common_slots()}
            text, langs = self.fill(self.frame_for(key, lang), slots)
            return self.out(lang, text, langs, "faq")
        lang = self.choice(["fr", "fr", "mg"])
        src = self.lx.faq_fr if lang == "fr" else self.lx.faq_mg
        ph = self.pick(src)
        if ph is None:
            raise _Retry("no faq phrase")
        text = ph.text
        if text.startswith("*"):          # a Malagasy question holding a French word
            text, lang = text[1:], "mixed"
        return self.out(lang, text, [], "faq")

    # human / complaint / other -----------------------------------------------------
    def i_human(self):
        if self.lx.trade == "pharmacie-parapharmacie":
            r = self.rng.random()
            if r < 0.3:
                lang = self.pick_lang("price_one")
                it = self.choice(self.sellable(rx=True, **self.need(lang)))
                key = self.choice(["price_one", "avail_one"])
                slots = {**self.product_slots(it), **self.common_slots()}
                text, langs = self.fill(self.frame_for(key, lang), slots)
                return self.out(lang, text, langs, "human", skus=it.skus,
                                note="prescription-only drug: a pharmacist answers")
            if r < 0.55:
                lang = self.choice(["fr", "fr", "mg"])
                ph = self.pick(self.lx.advice_fr if lang == "fr" else self.lx.advice_mg)
                return self.out(lang, ph.text, [], "human",
                                note="medical advice: a pharmacist answers")
        return self._simple(["human"], "human")

    def i_complaint(self):
        keys = ["compl_gen", "compl_prod", "compl_prod", "compl_pay", "compl_late"]
        if self.lx.trade in DEVICE_TRADES:
            keys += ["compl_device", "compl_device"]
        if self.lx.trade in FOOD_TRADES:
            keys += ["compl_food", "compl_food"]
        key = self.choice(keys)
        lang = self.pick_lang(key)
        pool = self.sellable(**self.need(lang))
        if key == "compl_device":
            pool = [p for p in pool if "dev" in p.flags]
        slots = {**self.product_slots(self.choice(pool)), **self.common_slots()}
        text, langs = self.fill(self.frame_for(key, lang), slots)
        note = "payment problem" if key == "compl_pay" else None
        return self.out(lang, text, langs, "complaint", note=note)

    def i_other(self):
        r = self.rng.random()
        if r < 0.35:
            return self._simple(["other_oos"], "other")
        if r < 0.45:
            return self._simple(["other_credit"], "other")
        key = "other_haggle" if r < 0.7 else ("other_discount" if r < 0.82 else "other_inject")
        lang = self.pick_lang(key)
        fam = self.rng.random() < 0.2
        pool = self.sellable(families=fam, **self.need(lang)) or self.sellable(**self.need(lang))
        it = self.choice(pool)
        price = int(self.lx.catalog[it.skus[0]]["price"])
        if key == "other_haggle":
            fake = round_price(price * self.choice([0.6, 0.7, 0.75, 0.8, 0.85, 0.9]))
            if fake >= price:
                raise _Retry("price not lower")
            note = "haggling: the offered price is below the catalogue price"
        elif key == "other_inject":
            fake = self.choice([100, 500, 1000, 2000, 5000, round_price(price / 10)])
            note = "prompt injection: the customer's number is never a fact"
        else:
            fake = price
            note = "discount request"
        slots = {**self.product_slots(it), **self.common_slots(),
                 "price": (R.fmt_price(fake, self.rng), "")}
        text, langs = self.fill(self.frame_for(key, lang), slots)
        return self.out(lang, text, langs, "other", skus=it.skus, note=note)


class _Retry(Exception):
    pass
