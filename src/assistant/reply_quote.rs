//! Quote templates in French and Malagasy: the quote as it stands (every line, its
//! total, the shop's VAT, the total and how long the prices hold), the clarifying
//! question when a line has several variants, the buttons, the devis sent.

use super::language::Lang;
use super::reply::{example_names, pick};
use super::retrieval::Product;
use crate::message::Button;
use crate::money::format_amount;
use crate::quotes::totals;

/// One line of a quote with its product.
pub struct Line<'a> {
    pub qty: i64,
    pub product: &'a Product,
}

/// The amounts a quote reply states, computed from catalogue prices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sums {
    pub ht: i64,
    pub tva: i64,
    pub ttc: i64,
}

pub fn sums(lines: &[Line<'_>], vat_bp: Option<i64>) -> Sums {
    let totals: Vec<i64> = lines
        .iter()
        .map(|l| l.qty.saturating_mul(l.product.price.0))
        .collect();
    match totals::compute(&totals, vat_bp) {
        Ok(t) => Sums {
            ht: t.total_ht,
            tva: t.tva,
            ttc: t.total_ttc,
        },
        Err(_) => Sums {
            ht: 0,
            tva: 0,
            ttc: 0,
        },
    }
}

/// The quote as it stands: lines, totals, validity, and the question to validate it.
pub fn quote(
    lang: Lang,
    lines: &[Line<'_>],
    vat_bp: Option<i64>,
    validity_days: i64,
    missing: &[String],
) -> String {
    let cur = lines
        .first()
        .map(|l| l.product.currency.as_str())
        .unwrap_or("MGA");
    let ar = |n: i64| format_amount(n, cur);
    let head = pick(lang, "Voici votre devis :", "Ity ny devis:");
    let body: Vec<String> = lines
        .iter()
        .map(|l| {
            let unit = ar(l.product.price.0);
            let total = ar(l.qty.saturating_mul(l.product.price.0));
            let out = match (lang, l.product.available()) {
                (Lang::Fr, Some(0)) => " (en rupture, délai à confirmer)",
                (Lang::Mg, Some(0)) => " (lany, hamafisina ny fotoana)",
                _ => "",
            };
            match lang {
                Lang::Fr => format!("• {} × {} à {unit} = {total}{out}", l.qty, l.product.title),
                Lang::Mg => format!(
                    "• {} × {} ({unit} ny iray) = {total}{out}",
                    l.qty, l.product.title
                ),
            }
        })
        .collect();
    let s = sums(lines, vat_bp);
    let totals = match (lang, vat_bp) {
        (Lang::Fr, Some(bp)) => format!(
            "Total HT : {} · TVA {} : {} · Total TTC : {}",
            ar(s.ht),
            totals::rate_label(bp),
            ar(s.tva),
            ar(s.ttc)
        ),
        (Lang::Fr, None) => format!("Total : {} (TVA non applicable)", ar(s.ttc)),
        (Lang::Mg, Some(bp)) => format!(
            "Totaly HT: {} · TVA {}: {} · Totaly TTC: {}",
            ar(s.ht),
            totals::rate_label(bp),
            ar(s.tva),
            ar(s.ttc)
        ),
        (Lang::Mg, None) => format!("Totaly: {} (tsy misy TVA)", ar(s.ttc)),
    };
    let mut out = format!("{head}\n{}\n{totals}", body.join("\n"));
    if !missing.is_empty() {
        out.push('\n');
        out.push_str(&match lang {
            Lang::Fr => format!("Introuvable dans notre catalogue : {}.", missing.join(", ")),
            Lang::Mg => format!("Tsy hita ao amin'ny katalaogy: {}.", missing.join(", ")),
        });
    }
    out.push('\n');
    out.push_str(&match lang {
        Lang::Fr => format!("Prix valables {validity_days} jours. Validez-vous ce devis ?"),
        Lang::Mg => {
            format!("Manankery {validity_days} andro ireo vidiny ireo. Ekenao ve ity devis ity?")
        }
    });
    out
}

/// The buttons under a quote, in the reply's language.
pub fn buttons(lang: Lang) -> Vec<Button> {
    vec![
        Button {
            id: "devis:confirm".into(),
            title: pick(lang, "Valider le devis", "Ekeko ny devis"),
        },
        Button {
            id: "devis:edit".into(),
            title: pick(lang, "Modifier", "Hanova"),
        },
    ]
}

/// One line still to choose: its variants, and the values that tell them apart.
pub struct Choice<'a> {
    pub qty: Option<i64>,
    pub options: Vec<&'a Product>,
    /// `25 kg`, `50 kg` (same order as `options`), or empty: names are shown.
    pub labels: Vec<String>,
}

/// The clarifying question for lines with several variants.
pub fn clarify(lang: Lang, choices: &[Choice<'_>]) -> String {
    let mut parts = Vec::new();
    for c in choices {
        let opts: Vec<String> = c
            .options
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let name = c.labels.get(i).cloned().unwrap_or_else(|| p.title.clone());
                let price = format_amount(p.price, &p.currency);
                let out = if p.available() == Some(0) {
                    pick(lang, ", en rupture", ", lany")
                } else {
                    String::new()
                };
                format!("{name} ({price}{out})")
            })
            .collect();
        let or = pick(lang, " ou ", " na ");
        let list = match opts.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{}{or}{last}", rest.join(", ")),
            _ => opts.join(""),
        };
        let what = common_name(&c.options);
        let qty = c.qty.map(|q| format!("{q} × ")).unwrap_or_default();
        parts.push(match lang {
            Lang::Fr => format!("• {qty}{what} : {list} ?"),
            Lang::Mg => format!("• {qty}{what}: {list}?"),
        });
    }
    let head = pick(lang, "Lequel souhaitez-vous ?", "Iza amin'ireto no tianao?");
    format!("{head}\n{}", parts.join("\n"))
}

/// The words all the options' titles start with ("Ciment CEM II 42.5 sac").
fn common_name(options: &[&Product]) -> String {
    let titles: Vec<Vec<&str>> = options
        .iter()
        .map(|p| p.title.split(' ').collect())
        .collect();
    let Some(first) = titles.first() else {
        return String::new();
    };
    let mut n = 0;
    while n < first.len() && titles.iter().all(|t| t.get(n) == first.get(n)) {
        n += 1;
    }
    if n == 0 {
        return first.first().map(|s| s.to_string()).unwrap_or_default();
    }
    first[..n].join(" ")
}

/// The count written in [`ask_lines`]' example.
pub const EXAMPLE_QTY: i64 = 2;

/// Nothing named yet for a quote: what to send, with this shop's own examples.
pub fn ask_lines(lang: Lang, examples: &[&Product]) -> String {
    let ex = example_names(examples);
    let q = EXAMPLE_QTY;
    match (lang, ex.is_empty()) {
        (Lang::Fr, false) => format!("Avec plaisir ! Indiquez-moi les produits et les quantités (par exemple : {q} × {ex}) et je prépare le devis."),
        (Lang::Fr, true) => "Avec plaisir ! Indiquez-moi les produits et les quantités, et je prépare le devis.".into(),
        (Lang::Mg, false) => format!("Eny tompoko! Lazao ny entana sy ny isany (ohatra: {q} × {ex}) dia hamboariko ny devis."),
        (Lang::Mg, true) => "Eny tompoko! Lazao ny entana sy ny isany dia hamboariko ny devis.".into(),
    }
}

/// The devis is issued and its PDF follows.
pub fn devis_issued(lang: Lang, number: &str) -> String {
    match lang {
        Lang::Fr => format!("Merci ! Voici votre devis {number} en PDF."),
        Lang::Mg => format!("Misaotra! Ity ny devis {number} amin'ny PDF."),
    }
}

/// The quote is validated but no PDF can be made here: the team will send it.
pub fn devis_passed_on(lang: Lang) -> String {
    pick(
        lang,
        "Merci ! Votre devis est validé et transmis à l'équipe ; vous le recevrez ici en PDF.",
        "Misaotra! Voaray ny devis ary nampitaina tamin'ny ekipa; horaisinao eto amin'ny PDF izy.",
    )
}

pub fn quote_edit(lang: Lang) -> String {
    pick(
        lang,
        "D'accord : envoyez-moi la liste corrigée (produits et quantités).",
        "Eny: alefaso amiko ny lisitra vaovao (entana sy isany).",
    )
}
