//! Product attributes, read from catalogue titles and from customers' words alike:
//! measures with their unit (`6 mm`, `25 kg`, `128 Go`, `20000 mAh`, `30 ml`,
//! `12 pouces`, `8 ans`), sizes (`taille M`, `pointure 42`), colours (French and
//! Malagasy words folded to one French name), pack counts (`x100`, `boîte de 100`)
//! and plain numbers of model names (`Nokia 105`). Variants of one product differ by
//! these; [`super::variants`] uses them to pick the one a customer named.

use super::text;

/// What a measure measures; values compare within one dimension after [`Unit::to_base`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dim {
    Length,
    Mass,
    Volume,
    Storage,
    Charge,
    Power,
    Voltage,
    Current,
    Age,
    Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Mm,
    Cm,
    M,
    Inch,
    G,
    Kg,
    Ton,
    Ml,
    Cl,
    L,
    Mo,
    Go,
    To,
    MAh,
    Ah,
    W,
    Kw,
    V,
    A,
    Years,
    Months,
    Hours,
    Minutes,
}

impl Unit {
    /// A length, mass or volume: an amount of goods (`5 kg`, `10 m`), not a rating.
    pub fn measures_goods(self) -> bool {
        matches!(self.dim(), Dim::Length | Dim::Mass | Dim::Volume)
    }

    pub fn dim(self) -> Dim {
        use Unit::*;
        match self {
            Mm | Cm | M | Inch => Dim::Length,
            G | Kg | Ton => Dim::Mass,
            Ml | Cl | L => Dim::Volume,
            Mo | Go | To => Dim::Storage,
            MAh | Ah => Dim::Charge,
            W | Kw => Dim::Power,
            V => Dim::Voltage,
            A => Dim::Current,
            Years | Months => Dim::Age,
            Hours | Minutes => Dim::Duration,
        }
    }

    /// `v` in the dimension's base unit (m, kg, L, Go, mAh, W, ...).
    pub fn to_base(self, v: f64) -> f64 {
        use Unit::*;
        v * match self {
            Mm => 0.001,
            Cm => 0.01,
            Inch => 0.0254,
            G | Ml | Mo => 0.001,
            Cl => 0.01,
            Ton | Kw | To | Ah => 1000.0,
            Months => 1.0 / 12.0,
            Minutes => 1.0 / 60.0,
            _ => 1.0,
        }
    }

    /// How the unit is written in a reply.
    pub fn label(self) -> &'static str {
        use Unit::*;
        match self {
            Mm => "mm",
            Cm => "cm",
            M => "m",
            Inch => "pouces",
            G => "g",
            Kg => "kg",
            Ton => "t",
            Ml => "ml",
            Cl => "cl",
            L => "L",
            Mo => "Mo",
            Go => "Go",
            To => "To",
            MAh => "mAh",
            Ah => "Ah",
            W => "W",
            Kw => "kW",
            V => "V",
            A => "A",
            Years => "ans",
            Months => "mois",
            Hours => "h",
            Minutes => "min",
        }
    }
}

/// The measure unit a token names, if any.
pub fn unit(token: &str) -> Option<Unit> {
    use Unit::*;
    Some(match token {
        "mm" => Mm,
        "cm" => Cm,
        "m" | "metre" | "metres" | "metatra" | "mt" => M,
        "pouce" | "pouces" | "inch" | "po" => Inch,
        "g" | "gr" | "gramme" | "grammes" | "grama" => G,
        "kg" | "kgs" | "kilo" | "kilos" | "kilao" | "kilogramme" | "kilogrammes" => Kg,
        "tonne" | "tonnes" => Ton,
        "ml" => Ml,
        "cl" => Cl,
        "l" | "litre" | "litres" | "litatra" | "ltr" => L,
        "mo" | "mb" => Mo,
        "go" | "gb" | "giga" | "gigas" => Go,
        "to" | "tb" => To,
        "mah" => MAh,
        "ah" => Ah,
        "w" | "watt" | "watts" => W,
        "kw" | "kva" => Kw,
        "v" | "volt" | "volts" => V,
        "a" | "ampere" | "amperes" | "amp" => A,
        "ans" | "taona" => Years,
        "mois" | "volana" => Months,
        "h" | "heure" | "heures" | "ora" => Hours,
        "min" | "mn" | "minute" | "minutes" | "minitra" => Minutes,
        _ => return None,
    })
}

/// Packaging and counting words: a number before them is how many, not a size.
pub fn is_package(token: &str) -> bool {
    matches!(
        text::stem_fr(token),
        "sac"
            | "gony"
            | "bidon"
            | "bidao"
            | "jerrican"
            | "boite"
            | "boaty"
            | "vata"
            | "carton"
            | "kapoty"
            | "paquet"
            | "fonosana"
            | "sachet"
            | "bouteille"
            | "tavoahangy"
            | "pot"
            | "rouleau"
            | "horonana"
            | "barre"
            | "plaquette"
            | "plateau"
            | "lot"
            | "piece"
            | "isa"
            | "unite"
            | "pc"
            | "pcs"
            | "kapoaka"
            | "seau"
            | "tube"
            | "flacon"
            | "paire"
            | "botte"
            | "fehy"
            | "tranche"
            | "portion"
            | "assiette"
            | "plat"
            | "verre"
            | "tasse"
            | "kaopy"
            | "baril"
            | "galon"
            | "cuvette"
            | "douzaine"
            | "exemplaire"
            | "modele"
    )
}

/// A colour word (French in any gender or number, Malagasy) as one French name.
pub fn colour(token: &str) -> Option<&'static str> {
    Some(match token {
        "blanc" | "blanche" | "blancs" | "blanches" | "fotsy" | "white" => "blanc",
        "noir" | "noire" | "noirs" | "noires" | "mainty" | "black" => "noir",
        "rouge" | "rouges" | "mena" | "red" => "rouge",
        "bleu" | "bleue" | "bleus" | "bleues" | "manga" | "blue" => "bleu",
        "vert" | "verte" | "verts" | "vertes" | "maitso" | "green" => "vert",
        "jaune" | "jaunes" | "mavo" | "yellow" => "jaune",
        "rose" | "roses" | "mavokely" | "pink" => "rose",
        "gris" | "grise" | "grises" | "volondavenona" | "grey" | "gray" => "gris",
        "marron" | "marrons" | "brun" | "brune" | "volontany" | "brown" => "marron",
        "beige" | "beiges" => "beige",
        "violet" | "violette" | "violets" | "volomparasy" => "violet",
        "dore" | "doree" | "dores" | "or" => "dore",
        "argent" | "argente" | "argentee" => "argent",
        "chatain" | "chatains" => "chatain",
        "nude" => "nude",
        "kaki" => "kaki",
        "clair" | "claire" | "clairs" => "clair",
        "fonce" | "foncee" | "fonces" | "maizina" => "fonce",
        _ => return None,
    })
}

/// Shades a shop names differently from its customers (`beige` lipstick sold as
/// `nude`, `volontany` hair colour sold as `châtain`): tried when no product has the
/// colour itself.
pub fn near_colours(colour: &str) -> &'static [&'static str] {
    match colour {
        "beige" => &["nude", "clair"],
        "nude" => &["beige"],
        "marron" => &["chatain", "fonce"],
        "chatain" => &["marron"],
        "gris" => &["argent"],
        "argent" => &["gris"],
        "jaune" => &["dore"],
        "dore" => &["jaune"],
        _ => &[],
    }
}

/// Clothing and shoe sizes written as letters.
pub fn size_letter(token: &str) -> Option<&'static str> {
    Some(match token {
        "xs" => "xs",
        "s" => "s",
        "m" => "m",
        "l" => "l",
        "xl" => "xl",
        "xxl" | "2xl" => "xxl",
        "xxxl" | "3xl" => "xxxl",
        _ => return None,
    })
}

/// Size letters standing alone in `tokens` (`sweat M`, `akanjo l`): not an elision
/// (`s'il`, `l'été`, `m'appeler`) nor a unit after a number (`3 m`).
pub fn bare_size_letters(t: &[String]) -> Vec<&'static str> {
    (0..t.len())
        .filter(|&i| {
            let elided = t
                .get(i + 1)
                .is_some_and(|n| n.starts_with(['a', 'e', 'i', 'o', 'u', 'y', 'h']));
            let after_number = i > 0 && t[i - 1].parse::<f64>().is_ok();
            !(elided || after_number)
        })
        .filter_map(|i| size_letter(&t[i]))
        .collect()
}

/// Words that introduce a size: `taille M`, `pointure 42`, `habe 40`.
pub fn is_size_word(token: &str) -> bool {
    matches!(
        token,
        "taille" | "tailles" | "pointure" | "pointures" | "habe" | "habeko" | "size" | "t"
    )
}

/// `petit`, `kely`: the smallest variant; `grand`, `lehibe`: the largest.
pub fn size_adjective(token: &str) -> Option<bool> {
    match token {
        "petit" | "petite" | "petits" | "petites" | "mini" | "kely" | "pm" | "small" => Some(false),
        "grand" | "grande" | "grands" | "grandes" | "gros" | "grosse" | "grosses" | "maxi"
        | "lehibe" | "gm" | "big" | "large" => Some(true),
        _ => None,
    }
}

/// The attributes of one product title.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attrs {
    pub measures: Vec<(f64, Unit)>,
    /// Numbers without a unit (model names, pack counts, sizes without `taille`).
    pub plain: Vec<f64>,
    pub colours: Vec<&'static str>,
    /// Letter or number after `taille` / `pointure`.
    pub size: Option<String>,
    /// Sold by the unit of this dimension (`au mètre`, `le kilo`, `au litre`).
    pub per: Option<Dim>,
}

impl Attrs {
    /// Every number with the kind it measures (`mm`, `Go`, `plain`, `size`), so a
    /// number is compared only with the values of one kind.
    pub fn keyed(&self) -> Vec<(&'static str, f64)> {
        let mut v: Vec<(&'static str, f64)> =
            self.measures.iter().map(|(n, u)| (u.label(), *n)).collect();
        v.extend(self.plain.iter().map(|n| ("plain", *n)));
        if let Some(n) = self.size.as_deref().and_then(|s| s.parse().ok()) {
            v.push(("size", n));
        }
        v
    }

    /// Every number the title holds, measured or plain (sizes included).
    pub fn values(&self) -> Vec<f64> {
        let mut v: Vec<f64> = self.measures.iter().map(|m| m.0).collect();
        v.extend(&self.plain);
        if let Some(n) = self.size.as_deref().and_then(|s| s.parse().ok()) {
            v.push(n);
        }
        v
    }
}

/// Reads the attributes of a catalogue title.
pub fn of_title(title: &str) -> Attrs {
    let toks = text::tokens(title);
    let mut a = Attrs::default();
    for w in toks.windows(2) {
        if matches!(w[0].as_str(), "au" | "le" | "la" | "par" | "isa") {
            if let Some(u) = unit(&w[1]) {
                a.per = Some(u.dim());
            }
        }
    }
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i].as_str();
        if is_size_word(t) && t != "t" {
            if let Some(next) = toks.get(i + 1) {
                a.size = Some(
                    size_letter(next)
                        .map(str::to_string)
                        .unwrap_or(next.clone()),
                );
                i += 2;
                continue;
            }
        }
        if let Some(n) = t.strip_prefix('x').and_then(|r| r.parse::<f64>().ok()) {
            a.plain.push(n);
        } else if let Ok(n) = t.parse::<f64>() {
            match toks.get(i + 1).and_then(|u| unit(u)) {
                Some(u) => {
                    a.measures.push((n, u));
                    i += 1;
                }
                None => a.plain.push(n),
            }
        } else if let Some(c) = colour(t).filter(|_| i > 0) {
            // The first word names the product (`Rouge à lèvres nude`), not its colour.
            a.colours.push(c);
        }
        i += 1;
    }
    a
}

/// Whether two measures are the same amount (`10 cm` = `100 mm`).
pub fn same_measure(a: (f64, Unit), b: (f64, Unit)) -> bool {
    a.1.dim() == b.1.dim()
        && (a.1.to_base(a.0) - b.1.to_base(b.0)).abs() < 1e-6 * b.1.to_base(b.0).abs().max(1e-3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_give_their_measures_sizes_and_colours() {
        let a = of_title("Fer à béton HA 10 mm barre 12 m");
        assert_eq!(a.measures, vec![(10.0, Unit::Mm), (12.0, Unit::M)]);
        let a = of_title("T-shirt coton blanc taille XL");
        assert_eq!(a.colours, vec!["blanc"]);
        assert_eq!(of_title("Rouge à lèvres mat nude").colours, vec!["nude"]);
        assert_eq!(of_title("Rouge à lèvres mat rouge").colours, vec!["rouge"]);
        assert_eq!(a.size.as_deref(), Some("xl"));
        let a = of_title("Chaussures cuir homme noir pointure 42");
        assert_eq!(a.size.as_deref(), Some("42"));
        let a = of_title("Power bank 20000 mAh");
        assert_eq!(a.measures, vec![(20000.0, Unit::MAh)]);
        let a = of_title("Cotons démaquillants x100");
        assert_eq!(a.plain, vec![100.0]);
        let a = of_title("Samsung Galaxy A06 128 Go");
        assert_eq!(a.measures, vec![(128.0, Unit::Go)]);
    }

    #[test]
    fn measures_compare_across_units() {
        assert!(same_measure((10.0, Unit::Cm), (100.0, Unit::Mm)));
        assert!(same_measure((500.0, Unit::G), (0.5, Unit::Kg)));
        assert!(!same_measure((12.0, Unit::M), (12.0, Unit::Mm)));
    }
}
