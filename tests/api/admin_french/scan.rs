//! The scanner of rendered admin pages: the English UI words kept in [`ENGLISH`], raw
//! machine dates and bracketed kinds, in the text a person reads.

/// English words that leaked into the French UI before, or could: stored values
/// (statuses, kinds, providers, intents, day codes), debugging words, and the
/// English of common UI labels. French words spelled the same (document, image,
/// message, contact, question, page, total, file, notes, agent, bot...) are not here.
pub(super) const ENGLISH: &[&str] = &[
    // stored values
    "open",
    "closed",
    "needs",
    "human",
    "pending",
    "draft",
    "sent",
    "accepted",
    "refused",
    "expired",
    "active",
    "disabled",
    "received",
    "simulated",
    "delivered",
    "read",
    "played",
    "failed",
    "unsupported",
    "interactive",
    "sticker",
    "audio",
    "video",
    "location",
    "reaction",
    "voice",
    "needs_human",
    "devis_envoye",
    "catalog_search",
    // day codes of the hours JSON (mon and tue are French words too)
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    // intents and the assistant's explanations
    "price",
    "availability",
    "catalog",
    "quote",
    "order",
    "delivery",
    "hours",
    "payment",
    "thanks",
    "complaint",
    "greeting",
    "other",
    "margin",
    "intent",
    "rules",
    "skus",
    "sku",
    "language",
    "follow",
    "model",
    "says",
    "fired",
    "unsure",
    // UI English
    "customer",
    "status",
    "error",
    "unknown",
    "true",
    "false",
    "null",
    "none",
    "yes",
    "settings",
    "dashboard",
    "login",
    "logout",
    "search",
    "submit",
    "save",
    "delete",
    "edit",
    "upload",
    "download",
    "phone",
    "name",
    "reply",
    "inbox",
    "tags",
    "assigned",
    "unread",
    "waiting",
    "since",
    "products",
    "text",
    "answer",
    "send",
    "cancel",
    "back",
    "next",
    "previous",
    "loading",
];

/// The words of the text a person reads: tags, scripts, `<code>`, emails and the
/// values of form fields removed; titles, placeholders and labels kept.
fn visible_words(html: &str) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        text.push(' ');
        let tail = &rest[start..];
        let skip_to = |close: &str| tail.find(close).map(|i| i + close.len());
        let lower = tail.get(..8).unwrap_or(tail).to_ascii_lowercase();
        let end = if lower.starts_with("<script") {
            skip_to("</script>")
        } else if lower.starts_with("<code") {
            skip_to("</code>")
        } else if lower.starts_with("<textare") {
            skip_to("</textarea>")
        } else if lower.starts_with("<option") {
            skip_to("</option>")
        } else {
            tail.find('>').map(|i| i + 1)
        };
        let Some(end) = end else { break };
        // Attributes a person reads.
        let tag = &tail[..end.min(tail.find('>').map_or(end, |i| i + 1))];
        for attr in ["title=\"", "placeholder=\"", "aria-label=\"", "alt=\""] {
            if let Some(at) = tag.find(attr) {
                let v = &tag[at + attr.len()..];
                text.push(' ');
                text.push_str(&v[..v.find('"').unwrap_or(v.len())]);
            }
        }
        text.push(' ');
        rest = &tail[end..];
    }
    text.push_str(rest);
    let text = text
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    let without_emails: String = text
        .split_whitespace()
        .filter(|w| !w.contains('@'))
        .collect::<Vec<_>>()
        .join(" ");
    let words = without_emails
        .split(|c: char| !c.is_alphabetic() && c != '_')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    (without_emails, words)
}

/// `2026-11-25`, `11:03:00Z` or `T11:03`: a date a machine wrote.
fn raw_date(text: &str) -> Option<String> {
    let b: Vec<char> = text.chars().collect();
    let digit = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_digit());
    for i in 0..b.len() {
        let iso = (0..4).all(|k| digit(i + k))
            && b.get(i + 4) == Some(&'-')
            && digit(i + 5)
            && digit(i + 6)
            && b.get(i + 7) == Some(&'-')
            && digit(i + 8)
            && digit(i + 9);
        let utc =
            b.get(i) == Some(&'T') && digit(i + 1) && digit(i + 2) && b.get(i + 3) == Some(&':');
        if iso || utc {
            return Some(
                b[i.saturating_sub(10)..(i + 20).min(b.len())]
                    .iter()
                    .collect(),
            );
        }
    }
    None
}

/// `[unsupported]`, `[image]`: a kind shown in brackets.
fn bracketed_kind(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(i) = rest.find('[') {
        let after = &rest[i + 1..];
        if let Some(j) = after.find(']') {
            let inner = &after[..j];
            if !inner.is_empty() && inner.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                return Some(format!("[{inner}]"));
            }
        }
        rest = after;
    }
    None
}

pub(super) fn check(path: &str, html: &str) -> Vec<String> {
    let (text, words) = visible_words(html);
    let mut problems: Vec<String> = words
        .iter()
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .map(|w| format!("{path}: English word « {w} »"))
        .collect();
    problems.sort();
    problems.dedup();
    if let Some(d) = raw_date(&text) {
        problems.push(format!("{path}: raw date « {d} »"));
    }
    if let Some(k) = bracketed_kind(&text) {
        problems.push(format!("{path}: placeholder « {k} »"));
    }
    problems
}

#[test]
fn the_scanner_catches_what_it_is_for() {
    let leaked = "<p>Intention: price / margin 3.5 / skus</p><span title=\"pending\">⏳</span>\
                  <p>2026-11-25T11:03:00Z</p><div>[unsupported]</div>";
    let problems = check("/x", leaked);
    for expected in [
        "« price »",
        "« margin »",
        "« skus »",
        "« pending »",
        "raw date",
        "[unsupported]",
    ] {
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{expected}: {problems:?}"
        );
    }
    let fine = "<p>Ouverte · 25/11 14:03 · DEV-2026-0001</p><code>sku,title,price</code>\
                <input value=\"open\"> rivo@example.mg";
    assert!(check("/y", fine).is_empty(), "{:?}", check("/y", fine));
}
