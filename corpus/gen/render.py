"""Rendering helpers shared by both phrase banks: French articles, spelled numbers,
quantity lines, language bookkeeping and the SMS / no-accent noise."""

from __future__ import annotations

import re
import unicodedata

# ---------------------------------------------------------------- language bookkeeping
# Every piece of a message carries a language: "fr", "mg" or "" (neutral: numbers,
# brands, models, units, dish names, place names, MVola...). The message language is
# "mixed" as soon as both fr and mg pieces occur, else the one that occurs.


def combine(langs):
    s = {l for l in langs if l}
    if "mixed" in s or ("fr" in s and "mg" in s):
        return "mixed"
    if s == {"fr"}:
        return "fr"
    if s == {"mg"}:
        return "mg"
    return ""  # only neutral pieces


# ---------------------------------------------------------------- French articles

def bare(t):
    for a in ("le ", "la ", "les "):
        if t.startswith(a):
            return t[len(a):]
    if t.startswith("l'"):
        return t[2:]
    return t


def of(t):
    """'le X' -> 'du X', 'la X' -> 'de la X', 'les X' -> 'des X', "l'X" -> "de l'X"."""
    if t.startswith("le "):
        return "du " + t[3:]
    if t.startswith("les "):
        return "des " + t[4:]
    if t.startswith("la ") or t.startswith("l'"):
        return "de " + t
    return "de " + t


def strip_indef(t):
    for a in ("un ", "une "):
        if t.startswith(a):
            return t[len(a):]
    return t


def de(t):
    """'de' before a noun phrase, elided before a vowel."""
    return ("d'" if re.match(r"([aeiouyéèêAEIOUYÉ]|hu|hy)", t) else "de ") + t


# ---------------------------------------------------------------- numbers

FR_WORDS = {2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six", 7: "sept", 8: "huit",
            10: "dix", 12: "douze", 15: "quinze", 20: "vingt", 30: "trente", 50: "cinquante",
            100: "cent"}

MG_WORDS = {1: "iray", 2: "roa", 3: "telo", 4: "efatra", 5: "dimy", 6: "enina", 7: "fito",
            8: "valo", 9: "sivy", 10: "folo", 11: "iraika ambin'ny folo",
            12: "roa ambin'ny folo", 15: "dimy ambin'ny folo", 20: "roapolo",
            25: "dimy amby roapolo", 30: "telopolo", 40: "efapolo", 50: "dimampolo",
            100: "zato"}

QTY_CLASSES = {
    "few": [1, 1, 1, 2, 2, 3],
    "small": [1, 1, 2, 2, 3, 4, 5, 6, 10],
    "bulk": [2, 3, 5, 6, 10, 10, 12, 15, 20, 25, 30, 50, 100],
    "kg": [1, 2, 2, 3, 5, 5, 10, 12, 20, 25],
    "m": [5, 10, 12, 15, 20, 25, 30, 50],
    "meal": [1, 1, 2, 2, 3, 4, 5],
}


def qty_class(item, default="small"):
    for f in item.flags:
        if f.startswith("q:"):
            return f[2:]
    return default


def fr_number(n, rng, feminine=False):
    if n == 1:
        return "une" if feminine else "un"
    if n in FR_WORDS and rng.random() < 0.3:
        return FR_WORDS[n]
    return str(n)


def mg_number(n, rng, words=0.6):
    if n in MG_WORDS and rng.random() < words:
        return MG_WORDS[n]
    return str(n)


def fmt_price(p, rng):
    """How customers type an amount: 45000, 45 000, 45.000, 45k, 45 000 Ar."""
    s = f"{p:,}".replace(",", " ")
    styles = [s, s, str(p), s.replace(" ", "."), s + " Ar", s + " ar", str(p) + "ar"]
    if p % 1000 == 0 and p >= 10000:
        styles.append(f"{p // 1000}k")
        styles.append(f"{p // 1000} 000")
    return rng.choice(styles)


# ---------------------------------------------------------------- noise

_ACCENTS = str.maketrans("àâäéèêëîïôöùûüçÀÂÄÉÈÊËÎÏÔÖÙÛÜÇ", "aaaeeeeiioouuucAAAEEEEIIOOUUUC")


def strip_accents(s):
    return s.translate(_ACCENTS)


# French SMS spellings seen in Malagasy shops' WhatsApp chats.
FR_SMS = [
    (r"\bs'il vous pla[iî]t\b", ["svp", "stp", "svp"]),
    (r"\bs'il te pla[iî]t\b", ["stp"]),
    (r"\bc'est combien\b", ["c combien", "cb", "cmb", "c'est cb"]),
    (r"\bcombien\b", ["cb", "cmb", "combien", "combien"]),
    (r"\bc'est\b", ["c", "c'est", "cest"]),
    (r"\bje veux\b", ["jveux", "jveu", "je veu"]),
    (r"\bje voudrais\b", ["jvoudrais", "je voudrai", "je voudrais"]),
    (r"\bquel(le)?s?\b", ["kel", "kl", "quel"]),
    (r"\bpour\b", ["pr", "pour"]),
    (r"\bdisponibles?\b", ["dispo"]),
    (r"\bt[ée]l[ée]phones?\b", ["tel", "tél", "phone"]),
    (r"\bchargeurs?\b", ["charjeur", "chargeur", "chargeur"]),
    (r"\bvous\b", ["vs", "vous", "vous"]),
    (r"\bbeaucoup\b", ["bcp"]),
    (r"\bbonjour\b", ["bjr", "bonjour", "bjr"]),
    (r"\bsalut\b", ["slt"]),
    (r"\best-ce que\b", ["esque", "esk", "est ce que"]),
    (r"\bqu'est-ce que\b", ["keske", "qu'est ce que", "kes ke"]),
    (r"\baujourd'hui\b", ["auj", "ajd"]),
    (r"\bquoi\b", ["koi"]),
    (r"\bavec\b", ["avc", "avec"]),
    (r"\btoujours\b", ["tjrs", "tjs"]),
    (r"\bmerci\b", ["mrc", "merci", "mci"]),
    (r"\bd'accord\b", ["dac", "d'acc", "ok"]),
    (r"\bquand\b", ["qd", "kan"]),
    (r"\bmaintenant\b", ["mnt", "maintenan"]),
    (r"\bdemain\b", ["dmn", "demain"]),
    (r"\blivraison\b", ["livraison", "livrezon", "livr"]),
    (r"\bne\s+(\w+)\s+pas\b", [r"\1 pas"]),
]

# Malagasy SMS habits: final y typed i, final vowel dropped, apostrophes dropped.
MG_SMS = [
    (r"\bohatrinona\b", ["ohatrinon", "ohatrinona", "hoatrinona", "otrinona"]),
    (r"\bmisaotra\b", ["misaotr", "misaotra", "misaotra"]),
    (r"\bazafady\b", ["azafady", "azafd", "afd"]),
    (r"\btompoko\b", ["tompoko", "tompk", "tpk"]),
    (r"\bvidin'ny\b", ["vidinny", "vidin ny", "vidin'ny"]),
    (r"\bamin'ny\b", ["aminny", "amin ny", "amin'ny"]),
    (r"\ban'ny\b", ["anny", "an ny"]),
    (r"\bho an'ny\b", ["ho anny", "ho an ny"]),
    (r"\bmisy\b", ["misi", "misy"]),
    (r"\bvidiny\b", ["vidini", "vidiny"]),
    (r"\bianareo\b", ["ianareo", "ianare", "inareo"]),
    (r"\bmanao ahoana\b", ["manahoana", "manao ahoana", "mnao ahoana"]),
]


def _sub_random(pattern, choices, s, rng, p):
    def repl(m):
        if rng.random() > p:
            return m.group(0)
        c = rng.choice(choices)
        return m.expand(c) if "\\" in c else c
    return re.sub(pattern, repl, s, flags=re.IGNORECASE)


# Tokens noise must never touch: numbers with units and SKUs / model names stay intact,
# because the labels were computed from them.
_PROTECT = re.compile(r"\d")


def noise(s, lang, rng, strength=0.5):
    """An SMS-style rewrite of s. Never changes digits, so quantities keep their value."""
    out = s
    if lang in ("fr", "mixed"):
        for pat, ch in FR_SMS:
            out = _sub_random(pat, ch, out, rng, strength)
    if lang in ("mg", "mixed"):
        for pat, ch in MG_SMS:
            out = _sub_random(pat, ch, out, rng, strength * 0.8)
    r = rng.random()
    if r < 0.7:
        out = strip_accents(out)
    if rng.random() < 0.6:
        out = out.lower()
    if rng.random() < 0.5:
        out = re.sub(r"\s*[?!.]+\s*$", "", out)
    elif rng.random() < 0.3:
        out = re.sub(r"\s*\?\s*$", " ??", out)
    if rng.random() < 0.15:
        out = out.replace(", ", " ")
    out = re.sub(r"[ \t]+", " ", out).strip()
    return out


def normalise(s):
    """The key used to find duplicates: no case, accents, punctuation or extra spaces."""
    s = strip_accents(s.lower())
    s = unicodedata.normalize("NFKD", s)
    s = re.sub(r"[^\w\d]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


_ELISIONS = [(r"\bde un\b", "d'un"), (r"\bde une\b", "d'une"), (r"\bde le\b", "du"),
             (r"\bde les\b", "des"), (r"\bà le\b", "au"), (r"\bà les\b", "aux"),
             (r"\bque un\b", "qu'un"), (r"\bque une\b", "qu'une"),
             (r"\bde ([aeiouéè]|hu|hy)", r"d'\1")]


def elide(s):
    """French elision and contraction after filling slots ("de une" -> "d'une")."""
    for pat, rep in _ELISIONS:
        s = re.sub(pat, rep, s)
    return s


def cap(s):
    return s[:1].upper() + s[1:] if s else s
