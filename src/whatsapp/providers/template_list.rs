//! The templates of a WhatsApp Business Account as the Cloud API lists them
//! (`GET /{waba_id}/message_templates`, `data[]` with `paging.next`; 360dialog answers
//! the same objects under `waba_templates`): name, language, category, status and the
//! body's parameters, read from the `{{1}}` / `{{customer_name}}` placeholders.

use crate::db::templates::Synced;
use serde_json::Value;

/// The placeholders of a template body, in order of first appearance.
pub fn placeholders(body: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = after[..end].trim().to_string();
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
        rest = &after[end + 2..];
    }
    out
}

/// One template object of the list.
pub fn read(t: &Value) -> Option<Synced> {
    let body = t["components"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| {
            c["type"]
                .as_str()
                .is_some_and(|k| k.eq_ignore_ascii_case("body"))
        })
        .and_then(|c| c["text"].as_str())
        .unwrap_or("")
        .to_string();
    Some(Synced {
        provider_id: t["id"].as_str().map(str::to_string),
        name: t["name"].as_str()?.to_string(),
        language: t["language"].as_str()?.to_string(),
        category: t["category"].as_str().unwrap_or("UTILITY").to_string(),
        status: t["status"].as_str().unwrap_or("PENDING").to_string(),
        parameter_format: t["parameter_format"]
            .as_str()
            .unwrap_or("POSITIONAL")
            .to_string(),
        params: placeholders(&body),
        body,
    })
}

/// The templates of one page, and the URL of the next page if any.
pub fn page(json: &Value) -> (Vec<Synced>, Option<String>) {
    let items = json["data"]
        .as_array()
        .or(json["waba_templates"].as_array())
        .into_iter()
        .flatten()
        .filter_map(read)
        .collect();
    let next = json["paging"]["next"].as_str().map(str::to_string);
    (items, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positional_and_named_placeholders_are_read_in_order_once() {
        assert_eq!(
            placeholders("Bonjour {{1}}, votre devis {{2}} ({{3}}) — {{1}}"),
            ["1", "2", "3"]
        );
        assert_eq!(
            placeholders("Salama {{customer_name}} : {{ devis_number }}"),
            ["customer_name", "devis_number"]
        );
        assert!(placeholders("Aucun paramètre {{").is_empty());
    }

    #[test]
    fn a_page_of_meta_templates_gives_name_language_category_status_and_params() {
        let json: Value = serde_json::from_str(
            r#"{"data":[{"name":"relance_devis","parameter_format":"POSITIONAL","components":[
                {"type":"HEADER","format":"TEXT","text":"Votre devis"},
                {"type":"BODY","text":"Bonjour {{1}}, votre devis {{2}} de {{3}} vous attend."}],
              "language":"fr","status":"APPROVED","category":"UTILITY","id":"1689556908129832"}],
              "paging":{"cursors":{"before":"a","after":"b"},"next":"https://graph.example/next"}}"#,
        )
        .unwrap();
        let (items, next) = page(&json);
        assert_eq!(next.as_deref(), Some("https://graph.example/next"));
        let t = &items[0];
        assert_eq!(
            (
                t.name.as_str(),
                t.language.as_str(),
                t.category.as_str(),
                t.status.as_str()
            ),
            ("relance_devis", "fr", "UTILITY", "APPROVED")
        );
        assert_eq!(t.params, ["1", "2", "3"]);
    }
}
