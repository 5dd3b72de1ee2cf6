//! The CSV reader under [`super::csv`]: decoding (UTF-8 with or without BOM, else
//! Windows-1252), separator sniffing, and records with their physical line numbers.

use super::csv::RowError;

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
