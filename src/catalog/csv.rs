//! Reading catalogue and FAQ CSV files the way shops really write them: UTF-8 with or
//! without BOM (Windows-1252 from older Excel is decoded too, with a warning), `,` `;`
//! or tab separators sniffed from the header, header names in English or French in any
//! order, quoted fields with separators and newlines. Every problem is reported with
//! the physical line where its row starts (the header is line 1); nothing is guessed
//! silently. The one repair made is an unquoted decimal comma (`Eau 1,5 L`) when it
//! is the only way to get the right column count, and it is reported as a warning.

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

/// One record: its first physical line and its fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Decodes the file: UTF-8 (BOM dropped), else Windows-1252 with a warning.
pub fn decode(bytes: &[u8]) -> (String, Option<String>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(_) => (
            bytes.iter().map(|&b| cp1252(b)).collect(),
            Some("fichier non UTF-8 : lu comme Windows-1252 (Excel « CSV séparateur point-virgule »)".into()),
        ),
    }
}

fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// The separator of the header line: the most frequent of `;` `,` tab outside quotes.
pub fn sniff_separator(text: &str) -> u8 {
    let (mut counts, mut quoted) = ([0usize; 3], false);
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b';' if !quoted => counts[0] += 1,
            b',' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], i == 1)).unwrap_or(1);
    if counts[best] == 0 {
        return b',';
    }
    [b';', b',', b'\t'][best]
}

/// Splits the text into records. A quote opens a quoted field only at the start of a
/// field (`Ecran 24" HD` keeps its quote). An unterminated quote is reported at the
/// line where it opened, and reading resumes on the next line so later rows are checked.
pub fn records(text: &str, sep: u8) -> (Vec<Record>, Vec<RowError>) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let (mut out, mut errors) = (Vec::new(), Vec::new());
    let (mut i, mut line) = (0usize, 1usize);
    'records: while i < n {
        let start_line = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut at_start = true;
        loop {
            if i >= n {
                fields.push(std::mem::take(&mut field));
                break;
            }
            let b = bytes[i];
            if at_start && b == b'"' {
                let (quote_at, quote_line) = (i, line);
                let mut j = i + 1;
                let mut run = j;
                let mut closed = false;
                while j < n {
                    match bytes[j] {
                        b'"' if bytes.get(j + 1) == Some(&b'"') => {
                            field.push_str(&text[run..=j]);
                            j += 2;
                            run = j;
                        }
                        b'"' => {
                            field.push_str(&text[run..j]);
                            closed = true;
                            j += 1;
                            break;
                        }
                        b'\n' => {
                            line += 1;
                            j += 1;
                        }
                        _ => j += 1,
                    }
                }
                if !closed {
                    errors.push(RowError::new(
                        quote_line,
                        "guillemet ouvert jamais fermé (\") : la ligne est illisible",
                    ));
                    // Resume on the line after the opening quote.
                    match text[quote_at..].find('\n') {
                        Some(k) => {
                            i = quote_at + k + 1;
                            line = quote_line + 1;
                            continue 'records;
                        }
                        None => break 'records,
                    }
                }
                i = j;
                at_start = false;
                continue;
            }
            match b {
                _ if b == sep => {
                    fields.push(std::mem::take(&mut field));
                    at_start = true;
                    i += 1;
                }
                b'\r' | b'\n' => {
                    i += if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    };
                    line += 1;
                    fields.push(std::mem::take(&mut field));
                    break;
                }
                _ => {
                    let run = i;
                    while i < n && !matches!(bytes[i], b'\r' | b'\n' | b'"') && bytes[i] != sep {
                        i += 1;
                    }
                    if i == run {
                        i += 1; // a quote inside an unquoted field is kept as is
                    }
                    field.push_str(&text[run..i]);
                    at_start = false;
                }
            }
        }
        if fields.iter().any(|f| !f.trim().is_empty()) {
            out.push(Record {
                line: start_line,
                fields,
            });
        }
    }
    (out, errors)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Col {
    Sku,
    Title,
    Price,
    Currency,
    Stock,
    Description,
    Image,
}

fn column(header: &str) -> Option<Col> {
    Some(match super::synonyms::key(header).as_str() {
        "sku" | "ref" | "reference" | "code" | "code article" | "ref article" | "id" => Col::Sku,
        "title" | "titre" | "designation" | "nom" | "produit" | "libelle" | "name" | "product"
        | "nom produit" | "article" => Col::Title,
        "price" | "prix" | "prix unitaire" | "pu" | "tarif" | "prix ar" | "prix mga"
        | "prix ttc" | "prix de vente" | "prix en ariary" => Col::Price,
        "currency" | "devise" | "monnaie" => Col::Currency,
        "stock" | "quantite" | "qte" | "qty" | "quantity" | "stock disponible" => Col::Stock,
        "description" | "desc" | "details" | "detail" => Col::Description,
        "image" | "photo" | "image url" | "img" | "picture" | "url image" => Col::Image,
        _ => return None,
    })
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
    pub errors: Vec<RowError>,
    pub warnings: Vec<RowError>,
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
            out.warnings.push(RowError::new(
                header.line,
                format!("colonne « {} » inconnue, ignorée", h.trim()),
            ));
        }
        cols.push(c);
    }
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
    }
    out.errors.sort_by_key(|e| e.line);
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
            price,
            currency,
            stock,
            image,
        },
    })
}

/// A valid FAQ row.
#[derive(Debug, Clone, PartialEq)]
pub struct FaqRow {
    pub line: usize,
    pub question: String,
    pub answer: String,
}

/// Parses `question,answer` files (French headers welcome: `réponse`).
pub fn parse_faq(bytes: &[u8]) -> (Vec<FaqRow>, Vec<RowError>) {
    let (text, _) = decode(bytes);
    let sep = sniff_separator(&text);
    let (recs, mut errors) = records(&text, sep);
    let mut recs = recs.into_iter();
    let Some(header) = recs.next() else {
        errors.push(RowError::new(
            1,
            "fichier vide : il faut l'en-tête question,answer",
        ));
        return (Vec::new(), errors);
    };
    let find = |names: &[&str]| {
        header
            .fields
            .iter()
            .position(|h| names.contains(&super::synonyms::key(h).as_str()))
    };
    let (Some(q), Some(a)) = (
        find(&["question", "questions", "q"]),
        find(&["answer", "reponse", "reponses", "r"]),
    ) else {
        errors.push(RowError::new(
            header.line,
            "en-tête attendu : question,answer (ou question;réponse)",
        ));
        return (Vec::new(), errors);
    };
    let mut rows = Vec::new();
    for rec in recs {
        if rec.fields.len() != header.fields.len() {
            errors.push(RowError::new(rec.line, format!("{} colonnes au lieu de {} (mettez les textes contenant « {} » entre guillemets)", rec.fields.len(), header.fields.len(), sep as char)));
            continue;
        }
        let (question, answer) = (
            rec.fields[q].trim().to_string(),
            rec.fields[a].trim().to_string(),
        );
        if question.is_empty() {
            errors.push(RowError::new(rec.line, "question manquante"));
        } else if answer.is_empty() {
            errors.push(RowError::new(rec.line, "réponse manquante"));
        } else {
            rows.push(FaqRow {
                line: rec.line,
                question,
                answer,
            });
        }
    }
    errors.sort_by_key(|e| e.line);
    (rows, errors)
}
