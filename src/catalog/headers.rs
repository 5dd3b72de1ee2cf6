//! The catalogue CSV's header row: every column name understood, in English or French
//! (folded: lowercase, no accents), the known name an unknown one is a typo of, and
//! which optional columns a file has.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Col {
    Sku,
    Title,
    Price,
    Currency,
    Stock,
    Description,
    Image,
}

/// Every header name understood (folded: lowercase, no accents), and its column.
const HEADERS: &[(&str, Col)] = &[
    ("sku", Col::Sku),
    ("ref", Col::Sku),
    ("reference", Col::Sku),
    ("code", Col::Sku),
    ("code article", Col::Sku),
    ("ref article", Col::Sku),
    ("id", Col::Sku),
    ("title", Col::Title),
    ("titre", Col::Title),
    ("designation", Col::Title),
    ("nom", Col::Title),
    ("produit", Col::Title),
    ("libelle", Col::Title),
    ("name", Col::Title),
    ("product", Col::Title),
    ("nom produit", Col::Title),
    ("article", Col::Title),
    ("price", Col::Price),
    ("prix", Col::Price),
    ("prix unitaire", Col::Price),
    ("pu", Col::Price),
    ("tarif", Col::Price),
    ("prix ar", Col::Price),
    ("prix mga", Col::Price),
    ("prix ttc", Col::Price),
    ("prix de vente", Col::Price),
    ("prix en ariary", Col::Price),
    ("currency", Col::Currency),
    ("devise", Col::Currency),
    ("monnaie", Col::Currency),
    ("stock", Col::Stock),
    ("quantite", Col::Stock),
    ("qte", Col::Stock),
    ("qty", Col::Stock),
    ("quantity", Col::Stock),
    ("stock disponible", Col::Stock),
    ("description", Col::Description),
    ("desc", Col::Description),
    ("details", Col::Description),
    ("detail", Col::Description),
    ("image", Col::Image),
    ("photo", Col::Image),
    ("image url", Col::Image),
    ("img", Col::Image),
    ("picture", Col::Image),
    ("url image", Col::Image),
];

pub(crate) fn column(header: &str) -> Option<Col> {
    let key = super::synonyms::key(header);
    HEADERS.iter().find(|(h, _)| *h == key).map(|(_, c)| *c)
}

/// The known header an unknown one is a typo of (`descri3tion` → `description`):
/// one edit away for names of up to five letters, two for longer ones; headers
/// shorter than four letters are never taken for typos. A column
/// that is simply different (`poids`, `marque`) has no suggestion and is ignored.
pub(crate) fn typo_of(header: &str) -> Option<&'static str> {
    // Folded but not split into words: a digit typed for a letter stays inside it.
    let folded = super::text::fold(header);
    let key = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    // Short codes (`ean`, `tva`) are other columns far more often than typos.
    if key.chars().count() < 4 {
        return None;
    }
    // Two edits change the length by two at most: only names of a close length are
    // compared, so a hostile header of a million characters costs a length check
    // (found by `cargo fuzz run catalog_csv`: the edit distance is length × length).
    let len = key.chars().count();
    HEADERS
        .iter()
        .filter(|(h, _)| h.chars().count().abs_diff(len) <= 2)
        .map(|(h, _)| (*h, strsim::damerau_levenshtein(&key, h)))
        .filter(|(h, d)| *d <= if h.chars().count() <= 5 { 1 } else { 2 })
        .min_by_key(|(_, d)| *d)
        .map(|(h, _)| h)
}

/// Which optional columns the file has: a column it lacks leaves the stored value of
/// an existing product alone (only new products get the default).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Present {
    pub sku: bool,
    pub currency: bool,
    pub stock: bool,
    pub description: bool,
    pub image: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_one_or_two_edits_from_a_known_name_is_a_typo_of_it() {
        assert_eq!(typo_of("descri3tion"), Some("description"));
        assert_eq!(typo_of("Prixx"), Some("prix"));
        assert_eq!(typo_of("EAN"), None);
        assert_eq!(typo_of("Stokc"), Some("stock"));
        assert_eq!(typo_of("poids"), None);
        assert_eq!(typo_of("marque"), None);
        assert_eq!(typo_of("x"), None);
        assert_eq!(column("Désignation"), Some(Col::Title));
    }

    #[test]
    fn only_a_header_of_a_close_length_can_be_a_typo() {
        assert_eq!(typo_of("descriptionn"), Some("description"));
        assert_eq!(typo_of("descriptionxyz"), None);
        assert_eq!(typo_of(&"description".repeat(10_000)), None);
    }
}
