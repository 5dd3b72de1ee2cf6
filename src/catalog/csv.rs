//! Reading catalogue and FAQ CSV files the way shops really write them: UTF-8 with or
//! without BOM (Windows-1252 from older Excel is decoded too, with a warning), `,` `;`
//! or tab separators sniffed from the header, header names in English or French in any
//! order, quoted fields with separators and newlines. Every problem is reported with
//! the physical line where its row starts (the header is line 1); nothing is guessed
//! silently. The one repair made is an unquoted decimal comma (`Eau 1,5 L`) when it
//! is the only way to get the right column count, and it is reported as a warning.

pub use super::headers::Present;
use super::headers::{column, typo_of, Col};
use super::values::{generate_sku, parse_currency, parse_price, parse_stock};
use crate::db::products::ProductInput;
use serde::Serialize;
use std::collections::HashMap;

/// A problem (or a warning) on one line of the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowError {
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    pub reason: String,
}

impl RowError {
    pub fn new(line: usize, reason: impl Into<String>) -> Self {
        Self {
            line,
            sku: None,
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ligne {} : {}", self.line, self.reason)
    }
}

pub use super::records::{decode, records, sniff_separator, Record};

/// At most this many errors (and warnings) are listed; the others are only counted
/// ("… et N autres"), so a file of a million bad rows makes a short report.
pub const MAX_LISTED: usize = 100;

/// Keeps the first [`MAX_LISTED`] problems by line in `list`, adds the others to `more`.
/// Cheap to call often: it only sorts once the list holds twice the limit.
pub fn cap_listed(list: &mut Vec<RowError>, more: &mut usize, force: bool) {
    if list.len() > 2 * MAX_LISTED || (force && list.len() > MAX_LISTED) {
        list.sort_by_key(|e| e.line);
        *more += list.len() - MAX_LISTED;
        list.truncate(MAX_LISTED);
    } else if force {
        list.sort_by_key(|e| e.line);
    }
}

/// "… et 12 autres" after a capped list, or nothing.
pub fn and_more(more: usize) -> Option<String> {
    match more {
        0 => None,
        1 => Some("… et 1 autre".into()),
        n => Some(format!("… et {n} autres")),
    }
}

/// A valid catalogue row and the line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedRow {
    pub line: usize,
    pub input: ProductInput,
}

#[derive(Debug, Clone, Default)]
pub struct ParsedCatalog {
    pub rows: Vec<ParsedRow>,
    /// The optional columns the header names.
    pub present: Present,
    /// The first [`MAX_LISTED`] errors by line; `more_errors` counts the others.
    pub errors: Vec<RowError>,
    pub more_errors: usize,
    pub warnings: Vec<RowError>,
    pub more_warnings: usize,
}

impl ParsedCatalog {
    fn cap(&mut self, force: bool) {
        cap_listed(&mut self.errors, &mut self.more_errors, force);
        cap_listed(&mut self.warnings, &mut self.more_warnings, force);
    }
}

/// Parses and validates a whole catalogue file; `errors` lists every bad row.
pub fn parse_catalog(bytes: &[u8]) -> ParsedCatalog {
    let mut out = ParsedCatalog::default();
    let (text, warning) = decode(bytes);
    if let Some(w) = warning {
        out.warnings.push(RowError::new(1, w));
    }
    let sep = sniff_separator(&text);
    let (recs, quote_errors) = records(&text, sep);
    out.errors.extend(quote_errors);
    out.cap(false);
    let mut recs = recs.into_iter();
    let Some(header) = recs.next() else {
        out.errors.push(RowError::new(1, "fichier vide : il faut une ligne d'en-tête (sku,title,price,currency,stock,description,image)"));
        return out;
    };
    let mut cols: Vec<Option<Col>> = Vec::new();
    for h in &header.fields {
        let c = column(h);
        if c.is_some() && cols.contains(&c) {
            out.errors.push(RowError::new(
                header.line,
                format!("colonne « {} » en double", h.trim()),
            ));
        }
        if c.is_none() && !h.trim().is_empty() {
            match typo_of(h) {
                // Ignoring it would import the file as if that column were absent,
                // which the shop did not mean.
                Some(known) => out.errors.push(RowError::new(
                    header.line,
                    format!(
                        "colonne « {} » inconnue : vouliez-vous dire « {known} » ? (renommez-la si c'est une autre colonne)",
                        h.trim()
                    ),
                )),
                None => out.warnings.push(RowError::new(
                    header.line,
                    format!("colonne « {} » inconnue, ignorée", h.trim()),
                )),
            }
        }
        cols.push(c);
    }
    let has = |c: Col| cols.contains(&Some(c));
    out.present = Present {
        sku: has(Col::Sku),
        currency: has(Col::Currency),
        stock: has(Col::Stock),
        description: has(Col::Description),
        image: has(Col::Image),
    };
    for (need, name) in [
        (Col::Title, "title (désignation)"),
        (Col::Price, "price (prix)"),
    ] {
        if !cols.contains(&Some(need)) {
            out.errors.push(RowError::new(
                header.line,
                format!("colonne obligatoire absente : {name}"),
            ));
        }
    }
    if !out.errors.is_empty() && out.errors.iter().any(|e| e.line == header.line) {
        // A header of a thousand unknown columns warns a thousand times: capped too.
        out.cap(true);
        return out;
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for rec in recs {
        match row(rec, &cols, sep, &mut out.warnings) {
            Ok(parsed) => {
                let key = parsed.input.sku.to_lowercase();
                if let Some(first) = seen.get(&key) {
                    out.errors.push(RowError {
                        line: parsed.line,
                        sku: Some(parsed.input.sku.clone()),
                        reason: format!(
                            "SKU « {} » en double dans le fichier (déjà ligne {first})",
                            parsed.input.sku
                        ),
                    });
                } else {
                    seen.insert(key, parsed.line);
                    out.rows.push(parsed);
                }
            }
            Err(errs) => out.errors.extend(errs),
        }
        out.cap(false);
    }
    out.cap(true);
    out
}

/// Merges unquoted decimal commas (`1` + `5 L`) when that alone fixes the count.
fn repair_decimal_commas(fields: &mut Vec<String>, want: usize) -> bool {
    let extra = fields.len() - want;
    let joins: Vec<usize> = (0..fields.len() - 1)
        .filter(|&j| {
            fields[j].ends_with(|c: char| c.is_ascii_digit())
                && fields[j + 1].starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    if joins.len() != extra {
        return false;
    }
    for &j in joins.iter().rev() {
        let next = fields.remove(j + 1);
        fields[j] = format!("{},{next}", fields[j]);
    }
    true
}

fn row(
    mut rec: Record,
    cols: &[Option<Col>],
    sep: u8,
    warnings: &mut Vec<RowError>,
) -> Result<ParsedRow, Vec<RowError>> {
    let line = rec.line;
    let want = cols.len();
    if rec.fields.len() > want {
        let repaired = sep == b',' && repair_decimal_commas(&mut rec.fields, want);
        if repaired {
            warnings.push(RowError::new(line, "virgule décimale hors guillemets (ex. 1,5 L) : lue comme un seul champ ; mettez ce texte entre guillemets"));
        } else {
            return Err(vec![RowError::new(line, format!(
                "{} colonnes au lieu de {want} (un texte contenant « {} » doit être entre guillemets)",
                rec.fields.len(),
                sep as char
            ))]);
        }
    }
    let get = |c: Col| -> String {
        cols.iter()
            .position(|x| *x == Some(c))
            .and_then(|i| rec.fields.get(i))
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    // Missing trailing optional cells (some exports drop them) are empty values.
    let missing_required = [Col::Title, Col::Price].iter().any(|c| {
        cols.iter()
            .position(|x| *x == Some(*c))
            .is_some_and(|i| i >= rec.fields.len())
    });
    if missing_required {
        return Err(vec![RowError::new(
            line,
            format!("{} colonnes au lieu de {want}", rec.fields.len()),
        )]);
    }
    let mut errors = Vec::new();
    let title = get(Col::Title)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if title.is_empty() {
        errors.push("désignation (title) manquante".to_string());
    }
    let currency = parse_currency(&get(Col::Currency)).unwrap_or_else(|e| {
        errors.push(e);
        "MGA".into()
    });
    let price = parse_price(&get(Col::Price), &currency).unwrap_or_else(|e| {
        errors.push(e);
        0
    });
    let stock = parse_stock(&get(Col::Stock)).unwrap_or_else(|e| {
        errors.push(e);
        None
    });
    let mut sku = get(Col::Sku);
    if sku.is_empty() && !title.is_empty() {
        sku = generate_sku(&title);
    }
    if sku.chars().count() > 64 || sku.chars().any(char::is_control) {
        errors.push(format!(
            "SKU « {sku} » invalide (64 caractères au plus, sans retour à la ligne)"
        ));
    }
    if title.chars().count() > 300 {
        errors.push("désignation trop longue (300 caractères au plus)".into());
    }
    if !errors.is_empty() {
        let sku = (!sku.is_empty()).then_some(sku);
        return Err(errors
            .into_iter()
            .map(|reason| RowError {
                line,
                sku: sku.clone(),
                reason,
            })
            .collect());
    }
    let image = Some(get(Col::Image)).filter(|s| !s.is_empty());
    Ok(ParsedRow {
        line,
        input: ProductInput {
            sku,
            title,
            description: get(Col::Description),
            price: crate::money::Ariary(price),
            currency,
            stock,
            image,
        },
    })
}
