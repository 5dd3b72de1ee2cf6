//! Quantities and units in customer messages: digits and number words in French
//! (`deux`, `vingt-cinq`, `cent`) and Malagasy (`roa`, `roapolo`, `roa ambin'ny folo`,
//! `zato`), units (`kg`/`kilao`, `L`/`litatra`, `gony`, `vata`...), and the split of a
//! message into item segments ("5 sacs de riz et 2 huiles", "vary dimy kilao sy
//! menaka roa") so each quantity is paired with its own product words.

use super::lexicon;
use super::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Kg,
    G,
    L,
    Ml,
    M,
    Sack,
    Can,
    Pack,
    Box,
    Bottle,
    Piece,
    Kapoaka,
}

impl Unit {
    /// A measure (size of one item, or a quantity sold by weight/volume), not packaging.
    pub fn is_measure(self) -> bool {
        matches!(self, Unit::Kg | Unit::G | Unit::L | Unit::Ml | Unit::M)
    }

    /// The measure in base units (kg, L, m) for comparing `500 g` with `0.5 kg`.
    pub fn to_base(self, v: f64) -> f64 {
        match self {
            Unit::G | Unit::Ml => v / 1000.0,
            _ => v,
        }
    }

    pub fn base(self) -> Unit {
        match self {
            Unit::G => Unit::Kg,
            Unit::Ml => Unit::L,
            u => u,
        }
    }
}

pub fn unit(token: &str) -> Option<Unit> {
    Some(match token {
        "kg" | "kilo" | "kilos" | "kilao" | "kilogramme" | "kilogrammes" | "kgs" => Unit::Kg,
        "g" | "gr" | "grammes" | "gramme" | "grama" => Unit::G,
        "l" | "litre" | "litres" | "litatra" | "lit" | "ltr" => Unit::L,
        "ml" | "cl" => Unit::Ml,
        "m" | "metre" | "metres" | "metatra" => Unit::M,
        "sac" | "sacs" | "gony" | "sachet" | "sachets" => Unit::Sack,
        "bidon" | "bidons" | "jerrican" | "bidao" => Unit::Can,
        "paquet" | "paquets" | "fonosana" | "lot" | "lots" => Unit::Pack,
        "boite" | "boites" | "vata" | "carton" | "cartons" | "kapoty" => Unit::Box,
        "bouteille" | "bouteilles" | "tavoahangy" => Unit::Bottle,
        "isa" | "piece" | "pieces" | "unite" | "unites" | "pcs" | "pc" => Unit::Piece,
        "kapoaka" => Unit::Kapoaka,
        _ => return None,
    })
}

/// A number found in a message, with the unit written right after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub value: f64,
    pub unit: Option<Unit>,
    /// Index of its first token in the segment.
    pub at: usize,
    /// Index just after its number words (where its unit, if any, stands).
    pub end: usize,
    /// Written as the article `un`/`une` (weak: only a quantity when nothing else is).
    pub article: bool,
}

fn fr_number(t: &str) -> Option<f64> {
    Some(match t {
        "un" | "une" => 1.0,
        "deux" => 2.0,
        "trois" => 3.0,
        "quatre" => 4.0,
        "cinq" => 5.0,
        "six" => 6.0,
        "sept" => 7.0,
        "huit" => 8.0,
        "neuf" => 9.0,
        "dix" => 10.0,
        "onze" => 11.0,
        "douze" => 12.0,
        "treize" => 13.0,
        "quatorze" => 14.0,
        "quinze" => 15.0,
        "seize" => 16.0,
        "vingt" | "vingts" => 20.0,
        "trente" => 30.0,
        "quarante" => 40.0,
        "cinquante" => 50.0,
        "soixante" => 60.0,
        "cent" | "cents" => 100.0,
        "mille" => 1000.0,
        "douzaine" => 12.0,
        _ => return None,
    })
}

fn mg_number(t: &str) -> Option<f64> {
    Some(match t {
        "iray" | "iraika" | "isa" => 1.0,
        "roa" => 2.0,
        "telo" => 3.0,
        "efatra" => 4.0,
        "dimy" => 5.0,
        "enina" => 6.0,
        "fito" => 7.0,
        "valo" => 8.0,
        "sivy" => 9.0,
        "folo" => 10.0,
        "roapolo" => 20.0,
        "telopolo" => 30.0,
        "efapolo" => 40.0,
        "dimampolo" => 50.0,
        "enimpolo" => 60.0,
        "fitopolo" => 70.0,
        "valopolo" => 80.0,
        "sivifolo" => 90.0,
        "zato" => 100.0,
        "roanjato" => 200.0,
        "telonjato" => 300.0,
        "efajato" => 400.0,
        "dimanjato" => 500.0,
        "eninjato" => 600.0,
        "fitonjato" => 700.0,
        "valonjato" => 800.0,
        "sivinjato" => 900.0,
        "arivo" => 1000.0,
        "alina" => 10_000.0,
        "hetsy" => 100_000.0,
        "tapitrisa" => 1_000_000.0,
        _ => return None,
    })
}

/// Multipliers that scale the number before them (`roa arivo`, `deux cents`).
fn is_multiplier(t: &str) -> bool {
    matches!(
        t,
        "cent" | "cents" | "mille" | "arivo" | "alina" | "hetsy" | "tapitrisa"
    )
}

/// The numbers in `tokens` (already normalised), with the unit after each.
pub fn quantities(tokens: &[String]) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        // `isa` alone is the unit "piece"; as a number only in `isa` lists, so skip it.
        let first = text::parse_number(t).or_else(|| {
            if t == "isa" {
                None
            } else {
                fr_number(t).or_else(|| mg_number(t))
            }
        });
        let Some(mut value) = first else {
            i += 1;
            continue;
        };
        let start = i;
        let article = matches!(t, "un" | "une");
        let mut j = i + 1;
        // Compound words: `vingt cinq`, `deux cents`, `roa arivo`, `roa ambin ny folo`.
        while j < tokens.len() {
            let n = tokens[j].as_str();
            if is_multiplier(n) {
                value *= fr_number(n).or_else(|| mg_number(n)).unwrap_or(1.0);
                j += 1;
            } else if (20.0..100.0).contains(&value)
                && value % 10.0 == 0.0
                && fr_number(n).is_some_and(|x| x < 10.0)
                && !matches!(n, "un" | "une")
            {
                value += fr_number(n).unwrap_or(0.0);
                j += 1;
            } else if (n == "ambin" || n == "amby" || n == "ambiny") && j + 1 < tokens.len() {
                let k = if tokens[j + 1] == "ny" { j + 2 } else { j + 1 };
                match tokens.get(k).and_then(|x| mg_number(x)) {
                    Some(more) => {
                        value += more;
                        j = k + 1;
                    }
                    None => break,
                }
            } else {
                break;
            }
        }
        let unit = tokens.get(j).and_then(|u| unit(u));
        // A Malagasy number often follows the unit: `dimy kilao` yes, but also
        // `kilao dimy` is rare; we only read the unit after the number.
        out.push(Quantity {
            value,
            unit,
            at: start,
            end: j,
            article,
        });
        i = if unit.is_some() { j + 1 } else { j };
    }
    out
}

/// One item of an order or quote: its product words and its numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Normalised tokens of the segment.
    pub tokens: Vec<String>,
    /// Product words: no function/intent words, numbers or units.
    pub words: Vec<String>,
    pub quantities: Vec<Quantity>,
}

impl Segment {
    /// The first measure written (`5 L`, `25 kg`): the product's size, or the amount
    /// wanted when the product is sold by the unit measure (decided with the catalogue).
    pub fn size(&self) -> Option<(f64, Unit)> {
        let measures: Vec<&Quantity> = self
            .quantities
            .iter()
            .filter(|q| q.unit.is_some_and(Unit::is_measure))
            .collect();
        measures.first().and_then(|m| m.unit.map(|u| (m.value, u)))
    }

    /// The count written for the item, if any: a number without a measure unit
    /// (a real number beats the article `un`).
    pub fn count(&self) -> Option<f64> {
        let plain: Vec<&Quantity> = self
            .quantities
            .iter()
            .filter(|q| !q.unit.is_some_and(Unit::is_measure))
            .collect();
        plain
            .iter()
            .find(|q| !q.article)
            .or_else(|| plain.first())
            .map(|q| q.value)
    }
}

/// Splits a message into item segments at punctuation and `et`/`sy`/`ary`/`+`.
pub fn segments(message: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    for part in message.split([',', ';', ':', '\n', '+', '/', '?', '!']) {
        let toks = text::tokens(part);
        let mut cur: Vec<String> = Vec::new();
        for t in toks {
            if matches!(t.as_str(), "et" | "sy" | "ary" | "puis" | "plus" | "ainsi") {
                push_segment(&mut out, std::mem::take(&mut cur));
            } else {
                cur.push(t);
            }
        }
        push_segment(&mut out, cur);
    }
    out
}

fn push_segment(out: &mut Vec<Segment>, tokens: Vec<String>) {
    if tokens.is_empty() {
        return;
    }
    let quantities = quantities(&tokens);
    let mut skip = vec![false; tokens.len()];
    for q in &quantities {
        for s in skip.iter_mut().take(q.end).skip(q.at) {
            *s = true;
        }
        // A measure unit after a number is a size, not a product word; packaging
        // words (`sac`, `bidon`) stay, catalogue titles often hold them.
        if q.unit.is_some_and(Unit::is_measure) && q.end < skip.len() {
            skip[q.end] = true;
        }
    }
    let words = tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            !skip[*i]
                && text::parse_number(t).is_none()
                && fr_number(t).is_none()
                && mg_number(t).is_none()
                && !matches!(t.as_str(), "ambin" | "amby" | "ambiny")
                && !lexicon::is_non_product(t)
        })
        .map(|(_, t)| t.clone())
        .collect();
    out.push(Segment {
        tokens,
        words,
        quantities,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Vec<(f64, Option<Unit>)> {
        quantities(&text::tokens(s))
            .into_iter()
            .map(|q| (q.value, q.unit))
            .collect()
    }

    #[test]
    fn french_number_words_and_digits_are_read() {
        assert_eq!(q("deux sacs"), vec![(2.0, Some(Unit::Sack))]);
        assert_eq!(q("vingt-cinq kilos"), vec![(25.0, Some(Unit::Kg))]);
        assert_eq!(q("deux cents"), vec![(200.0, None)]);
        assert_eq!(q("12 bouteilles"), vec![(12.0, Some(Unit::Bottle))]);
        assert_eq!(q("1,5 L"), vec![(1.5, Some(Unit::L))]);
    }

    #[test]
    fn malagasy_number_words_are_read_including_ambin_ny_folo() {
        assert_eq!(q("dimy kilao"), vec![(5.0, Some(Unit::Kg))]);
        assert_eq!(q("roa ambin'ny folo"), vec![(12.0, None)]);
        assert_eq!(
            q("iraika ambin ny folo gony"),
            vec![(11.0, Some(Unit::Sack))]
        );
        assert_eq!(q("roapolo"), vec![(20.0, None)]);
        assert_eq!(q("zato"), vec![(100.0, None)]);
        assert_eq!(q("roa arivo"), vec![(2000.0, None)]);
        assert_eq!(q("telo litatra"), vec![(3.0, Some(Unit::L))]);
    }

    #[test]
    fn items_are_split_and_paired_with_their_numbers() {
        let s = segments("5 sacs de ciment et 2 bidons d'huile 20 L");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words, vec!["sacs", "ciment"]);
        assert_eq!(s[0].count(), Some(5.0));
        assert_eq!(s[1].words, vec!["bidons", "huile"]);
        assert_eq!(s[1].count(), Some(2.0));
        assert_eq!(s[1].size(), Some((20.0, Unit::L)));

        let s = segments("Mila kiraro mainty telo sy akanjo fotsy roa");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words, vec!["kiraro", "mainty"]);
        assert_eq!(s[0].count(), Some(3.0));
        assert_eq!(s[1].words, vec!["akanjo", "fotsy"]);
        assert_eq!(s[1].count(), Some(2.0));
    }

    #[test]
    fn a_real_number_beats_the_article() {
        let s = segments("un devis pour 4 matelas");
        assert_eq!(s[0].count(), Some(4.0));
        let s = segments("je prends une couverture");
        assert_eq!(s[0].count(), Some(1.0));
    }
}
