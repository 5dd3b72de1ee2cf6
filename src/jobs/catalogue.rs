//! Catalogue cards: when the shop set its Meta catalogue id (`whatsapp.catalog_id`), a
//! bot answer about products is followed by WhatsApp's own product message (one
//! product) or multi-product message (up to 30), so the customer sees photos and
//! prices there and can put them in a cart, which comes back as an `order`.

use crate::assistant::Decision;
use crate::db::{shops, Connection, DbError, ShopId};
use crate::kinds::Intent;
use crate::message::OutgoingMessage;

/// The catalogue message that goes with `decision`, if the shop has a catalogue and
/// the answer is about products.
pub fn message(
    conn: &Connection,
    shop: ShopId,
    decision: &Decision,
) -> Result<Option<OutgoingMessage>, DbError> {
    let about_products = matches!(
        decision.intent,
        Intent::Price | Intent::Availability | Intent::CatalogSearch
    );
    if !about_products || decision.skus.is_empty() || decision.escalated {
        return Ok(None);
    }
    let Some(catalog_id) = shops::setting(conn, shop, "whatsapp.catalog_id")?
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
    else {
        return Ok(None);
    };
    let malagasy = decision.language == "mg";
    let mut skus = decision.skus.clone();
    skus.dedup();
    Ok(Some(match skus.as_slice() {
        [sku] => OutgoingMessage::Product {
            body: if malagasy {
                "Jereo ny vokatra"
            } else {
                "Voir le produit"
            }
            .into(),
            catalog_id,
            sku: sku.clone(),
        },
        many => OutgoingMessage::ProductList {
            header: if malagasy {
                "Ny vokatray"
            } else {
                "Nos produits"
            }
            .into(),
            body: if malagasy {
                "Safidio izay tianao, ampidiro ao anaty harona."
            } else {
                "Choisissez et ajoutez au panier."
            }
            .into(),
            catalog_id,
            skus: many.iter().take(30).cloned().collect(),
        },
    }))
}
