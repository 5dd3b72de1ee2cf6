//! Pure decisions of the generation loop, kept apart from llama.cpp so they are tested
//! without a model: how much of the KV cache a new prompt can keep, where a stop string
//! cuts the output, and which answers a label grammar allows.

/// How many leading tokens of `prompt` can stay in the KV cache, which holds `cached`.
///
/// The longest common prefix, but always leaving at least one prompt token to decode:
/// the next token is sampled from the logits of the last decoded one, and those are not
/// kept between requests.
pub fn reusable_prefix<T: PartialEq>(cached: &[T], prompt: &[T]) -> usize {
    let common = cached
        .iter()
        .zip(prompt)
        .take_while(|(a, b)| a == b)
        .count();
    common.min(prompt.len().saturating_sub(1))
}

/// Byte index where the earliest stop string starts in `text`, if any.
pub fn find_stop(text: &str, stops: &[String]) -> Option<usize> {
    stops
        .iter()
        .filter(|s| !s.is_empty())
        .filter_map(|s| text.find(s.as_str()))
        .min()
}

/// The answers of a grammar that is only an alternation of string literals
/// (`root ::= "greeting" | "price" | "other"`), the shape label classifiers use.
/// `None` for any other grammar.
pub fn literal_alternatives(grammar: &str) -> Option<Vec<String>> {
    let mut rules = grammar
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let body = rules.next()?.strip_prefix("root")?.trim_start();
    let body = body.strip_prefix("::=")?.trim();
    if rules.next().is_some() {
        return None;
    }
    let mut labels = Vec::new();
    for alt in body.split('|') {
        let alt = alt.trim();
        let inner = alt.strip_prefix('"')?.strip_suffix('"')?;
        if inner.contains(['"', '\\']) {
            return None;
        }
        labels.push(inner.to_string());
    }
    Some(labels)
}

/// The label a free-text answer (from a server that ignores grammars) stands for: the
/// whole trimmed answer, or its first word, compared without case.
pub fn match_label(answer: &str, labels: &[String]) -> Option<String> {
    let answer = answer
        .trim()
        .trim_matches(|c: char| c == '"' || c == '`' || c == '.');
    let first = answer
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .next()
        .unwrap_or("");
    labels
        .iter()
        .find(|l| l.eq_ignore_ascii_case(answer))
        .or_else(|| labels.iter().find(|l| l.eq_ignore_ascii_case(first)))
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prompt_extending_the_cache_keeps_the_whole_cache() {
        assert_eq!(reusable_prefix(&[1, 2, 3], &[1, 2, 3, 4, 5]), 3);
    }

    #[test]
    fn a_prompt_diverging_midway_keeps_only_the_common_prefix() {
        assert_eq!(reusable_prefix(&[1, 2, 3, 9, 9, 9], &[1, 2, 3, 4, 5]), 3);
        assert_eq!(reusable_prefix(&[7, 2, 3], &[1, 2, 3]), 0);
    }

    #[test]
    fn the_same_prompt_again_still_decodes_its_last_token() {
        assert_eq!(reusable_prefix(&[1, 2, 3], &[1, 2, 3]), 2);
        assert_eq!(reusable_prefix(&[1, 2, 3, 4], &[1, 2]), 1);
    }

    #[test]
    fn an_empty_cache_or_prompt_keeps_nothing() {
        assert_eq!(reusable_prefix::<i32>(&[], &[1, 2]), 0);
        assert_eq!(reusable_prefix::<i32>(&[1, 2], &[]), 0);
    }

    #[test]
    fn the_earliest_stop_string_wins() {
        let stops = vec!["\nClient:".to_string(), "\n".to_string(), String::new()];
        assert_eq!(find_stop("Oui, bien sûr.\nClient: ok", &stops), Some(15));
        assert_eq!(find_stop("Oui", &stops), None);
        assert_eq!(find_stop("abc", &[]), None);
    }

    #[test]
    fn a_label_grammar_lists_its_labels() {
        let g = "root ::= \"greeting\" | \"price\" | \"other\"\n";
        assert_eq!(
            literal_alternatives(g),
            Some(vec!["greeting".into(), "price".into(), "other".into()])
        );
    }

    #[test]
    fn a_grammar_with_rules_or_classes_is_not_a_label_list() {
        assert_eq!(literal_alternatives("root ::= item+\nitem ::= [a-z]"), None);
        assert_eq!(literal_alternatives("root ::= [0-9]+"), None);
        assert_eq!(literal_alternatives("start ::= \"a\""), None);
    }

    #[test]
    fn a_free_text_answer_maps_to_the_label_it_names() {
        let labels = vec!["greeting".to_string(), "price".to_string()];
        assert_eq!(match_label(" Price", &labels), Some("price".into()));
        assert_eq!(
            match_label("price. The customer asks", &labels),
            Some("price".into())
        );
        assert_eq!(
            match_label("\"greeting\"", &labels),
            Some("greeting".into())
        );
        assert_eq!(match_label("delivery", &labels), None);
    }
}
