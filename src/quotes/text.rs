//! Text measuring and fitting for the devis PDF: DejaVu Sans advance widths (to
//! right-align amounts), truncation with an ellipsis, and greedy word wrap.

/// Advance width of `text` in em for DejaVu Sans (regular or bold). Exact for digits,
/// spaces and the letters of amounts; a fair average for the rest.
pub fn text_width_em(text: &str, bold: bool) -> f32 {
    text.chars()
        .map(|c| {
            let (regular, strong) = match c {
                '0'..='9' => (0.636, 0.696),
                ' ' => (0.3179, 0.348),
                'A' => (0.684, 0.774),
                'r' => (0.411, 0.493),
                '.' | ',' | ':' => (0.3179, 0.380),
                '%' => (0.950, 1.002),
                '/' => (0.337, 0.365),
                '-' => (0.361, 0.415),
                'i' | 'l' | 'I' | 'j' => (0.278, 0.343),
                'f' | 't' => (0.352, 0.435),
                'm' | 'M' | 'W' | 'w' => (0.90, 1.0),
                c if c.is_uppercase() => (0.70, 0.78),
                _ => (0.60, 0.67),
            };
            if bold {
                strong
            } else {
                regular
            }
        })
        .sum()
}

pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// Greedy word wrap at `width` characters.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in s.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_sentences_wrap_on_words() {
        let lines = wrap("un deux trois quatre cinq", 10);
        assert_eq!(lines, vec!["un deux", "trois", "quatre", "cinq"]);
    }

    #[test]
    fn long_designations_are_cut_with_an_ellipsis() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}
