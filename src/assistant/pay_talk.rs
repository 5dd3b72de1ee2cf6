//! The customer's side of paying and of the facture, decided (never applied) here:
//! "MVola" / "handoa amin'ny mvola" / "je paie par orange money", or the number they
//! send when asked, starts a mobile-money request on their unpaid order (an
//! [`Effect::RequestPayment`] the job runs) when the shop set that operator up (a push
//! to their MVola or Airtel number, an Orange Money payment link), and gives the
//! manual instructions otherwise; a customer known only by a username is
//! asked for a number first. A screenshot sent while an order is to pay is a payment
//! to check; "facture" / "faktiora" on a paid order sends the facture PDF.

use super::channel_inputs::{conversation_language, decision};
use super::language::Lang;
use super::{AssistantError, Decision, Effect, Turn};
use crate::db::{conversations, orders as order_rows, MessageId, Reader};
use crate::kinds::{Intent, OrderStatus, PaidBy};
use crate::orders::phone;
use std::time::Instant;

/// What the customer said about paying: the operator they named, the number they sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayChoice {
    pub said: Option<PaidBy>,
    pub number: Option<String>,
}

fn folded(text: &str) -> String {
    text.to_lowercase()
        .replace(['é', 'è', 'ê'], "e")
        .replace(['’', '`'], "'")
}

/// A Malagasy mobile number written anywhere in `text` (runs of digits, spaces, dots,
/// dashes and a leading +).
pub fn number_in(text: &str) -> Option<String> {
    let mut run = String::new();
    let mut runs = Vec::new();
    for c in text.chars().chain(std::iter::once('x')) {
        if c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '+' | '\u{a0}') {
            run.push(c);
        } else {
            runs.push(std::mem::take(&mut run));
        }
    }
    runs.iter().find_map(|r| phone::local(r.trim()))
}

/// The operator named in `text`, or the number sent as the whole message.
pub fn pay_choice(text: &str) -> Option<PayChoice> {
    let t = folded(text);
    let said = if t.contains("mvola") {
        Some(PaidBy::Mvola)
    } else if t.contains("orange money")
        || t.contains("orange mone")
        || t.contains("om ") && t.contains("pai")
    {
        Some(PaidBy::OrangeMoney)
    } else if t.contains("airtel") {
        Some(PaidBy::AirtelMoney)
    } else {
        None
    };
    let number = number_in(text);
    // A bare number (what we asked for) counts; a number inside a sentence only
    // with an operator named.
    let bare = number.is_some() && t.chars().filter(|c| c.is_alphabetic()).count() <= 12;
    (said.is_some() || bare).then_some(PayChoice { said, number })
}

/// True when `text` asks for the facture.
pub fn asks_invoice(text: &str) -> bool {
    let t = folded(text);
    t.contains("facture") || t.contains("faktiora") || t.contains("faktora")
}

/// The decision on a payment choice, or `None` when the conversation has no order to
/// pay (the message then goes through the usual pipeline).
pub(super) fn payment_choice(
    db: &Reader,
    turn: &Turn<'_>,
    choice: &PayChoice,
) -> Result<Option<Decision>, AssistantError> {
    let started = Instant::now();
    let Some(conv) = turn.conversation else {
        return Ok(None);
    };
    let shop = turn.shop;
    let read = db.read_blocking(|c| {
        let Some(o) = order_rows::latest_in_conversation(c, shop, conv, &[OrderStatus::ToPay])?
        else {
            return Ok(None);
        };
        let before = conversation_language(c, turn)?;
        let lang = super::language::detect(turn.text, Some(before)).reply;
        let customer = conversations::get(c, shop, conv)?.customer_phone;
        let number = choice
            .number
            .clone()
            .or(customer.and_then(|p| phone::local(&p)));
        let by = phone::chosen(choice.said, number.as_deref());
        let configured = match by {
            Some(b) => crate::orders::payment::has_api(c, shop, b)?,
            None => false,
        };
        let payment = crate::quotes::Payment::load(c, shop)?;
        let manual = crate::orders::payment::instructions(&payment, &o, lang == Lang::Mg);
        Ok(Some((o, lang, number, by, configured, manual)))
    })?;
    let Some((o, lang, number, by, configured, manual)) = read else {
        return Ok(None);
    };
    let mg = lang == Lang::Mg;
    if by == Some(PaidBy::OrangeMoney) && configured {
        // A web payment: the customer types their number on Orange's page.
        let text = if mg {
            format!(
                "Eny! Halefanay eto ny rohy fandoavana Orange Money ho an'ny kaomandy {}.",
                o.number
            )
        } else {
            format!(
                "Très bien ! Je vous envoie le lien de paiement Orange Money pour la commande {}.",
                o.number
            )
        };
        let mut d = decision(turn, lang, Intent::Payment, text, started);
        d.why
            .push(format!("Orange Money web payment for {}", o.number));
        d.effects = vec![Effect::RequestPayment {
            order: o.id,
            number: None,
            said: Some(PaidBy::OrangeMoney),
        }];
        return Ok(Some(d));
    }
    // A push (MVola, Airtel Money) goes to one of that operator's numbers.
    let push_number = match by {
        Some(b) => number.as_deref().and_then(|n| phone::of_operator(n, b)),
        None => None,
    };
    if let (Some(by), true, None) = (by, configured, &push_number) {
        let (name, prefixes) = (crate::orders::tell::channel_label(by), phone::prefixes(by));
        let text = if mg {
            let prefixes = prefixes.replace(" ou ", " na ");
            format!("Mba handefasanay ny fangatahana fandoavana {name}, inona ny laharana {name}-nao ({prefixes})?")
        } else {
            format!("Pour vous envoyer la demande de paiement {name}, quel est votre numéro {name} ({prefixes}) ?")
        };
        let mut d = decision(turn, lang, Intent::Payment, text, started);
        d.clarify = true;
        d.why.push(format!("{name} asked: no {name} number known"));
        return Ok(Some(d));
    }
    if let (Some(by), true, Some(n)) = (by, configured, push_number) {
        let name = crate::orders::tell::channel_label(by);
        let text = if mg {
            format!("Eny! Halefanay any amin'ny {n} ny fangatahana fandoavana {name} ho an'ny kaomandy {}.", o.number)
        } else {
            format!(
                "Très bien ! J'envoie la demande de paiement {name} au {n} pour la commande {}.",
                o.number
            )
        };
        let mut d = decision(turn, lang, Intent::Payment, text, started);
        d.why.push(format!("{name} request for {}", o.number));
        d.effects = vec![Effect::RequestPayment {
            order: o.id,
            number: Some(n),
            said: Some(by),
        }];
        return Ok(Some(d));
    }
    let text = manual.unwrap_or_else(|| super::reply::passed_on(lang));
    let mut d = decision(turn, lang, Intent::Payment, text, started);
    d.why.push("operator not set up: manual payment".into());
    Ok(Some(d))
}

/// A picture with no text: a payment screenshot when an order of the conversation is
/// to pay (the customer told it is being checked, the owner shown the image), else
/// nothing to say (a person will look at it).
pub(super) fn screenshot(
    db: &Reader,
    turn: &Turn<'_>,
    message: MessageId,
) -> Result<Decision, AssistantError> {
    let started = Instant::now();
    let shop = turn.shop;
    let found = match turn.conversation {
        Some(conv) => db.read_blocking(|c| {
            let o = order_rows::latest_in_conversation(c, shop, conv, &[OrderStatus::ToPay])?;
            Ok(o.map(|o| (o, conversation_language(c, turn))))
        })?,
        None => None,
    };
    let Some((o, lang)) = found else {
        let mut d = decision(turn, Lang::Fr, Intent::Other, String::new(), started);
        d.messages.clear();
        return Ok(d);
    };
    let lang = lang?;
    let text = match lang {
        Lang::Fr => format!("Bien reçu, merci ! Vérification en cours du paiement de la commande {} : nous vous confirmons dès que c'est vérifié.", o.number),
        Lang::Mg => format!("Voaray, misaotra! Hamarininay ny fandoavana ny kaomandy {} ary hampahafantarinay anao raha vita.", o.number),
    };
    let mut d = decision(turn, lang, Intent::Payment, text, started);
    d.why
        .push(format!("screenshot while {} is to pay", o.number));
    d.effects = vec![Effect::ScreenshotClaimed {
        order: o.id,
        message,
    }];
    Ok(d)
}

/// "facture" on a paid order: the facture PDF goes in the chat; without a paid order,
/// `None` (the usual pipeline answers).
pub(super) fn invoice(db: &Reader, turn: &Turn<'_>) -> Result<Option<Decision>, AssistantError> {
    let started = Instant::now();
    let Some(conv) = turn.conversation else {
        return Ok(None);
    };
    let shop = turn.shop;
    use OrderStatus::*;
    let found = db.read_blocking(|c| {
        let o = order_rows::latest_in_conversation(
            c,
            shop,
            conv,
            &[Paid, Preparing, Shipping, Delivered],
        )?;
        Ok(match o {
            Some(o) => {
                let before = conversation_language(c, turn)?;
                Some((o, super::language::detect(turn.text, Some(before)).reply))
            }
            None => None,
        })
    })?;
    let Some((o, lang)) = found else {
        return Ok(None);
    };
    let n = o.invoice_number.clone().unwrap_or_default();
    let text = match lang {
        Lang::Fr => format!("Voici la facture {n} de votre commande {}.", o.number),
        Lang::Mg => format!("Indro ny faktiora {n} ho an'ny kaomandinao {}.", o.number),
    };
    let mut d = decision(turn, lang, Intent::Payment, text, started);
    d.why.push(format!("facture {n} asked"));
    d.effects = vec![Effect::SendInvoice { order: o.id }];
    Ok(Some(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_and_numbers_are_read_as_customers_write_them() {
        for (t, said) in [
            ("MVola", Some(PaidBy::Mvola)),
            ("handoa amin'ny mvola", Some(PaidBy::Mvola)),
            ("je paie par orange money", Some(PaidBy::OrangeMoney)),
            ("Airtel Money azafady", Some(PaidBy::AirtelMoney)),
        ] {
            assert_eq!(pay_choice(t).map(|c| c.said), Some(said), "{t}");
        }
        for t in [
            "034 12 345 67",
            "+261 34 12 345 67",
            "261341234567",
            "ito: 0341234567",
        ] {
            let c = pay_choice(t).unwrap_or_else(|| panic!("{t}"));
            assert_eq!(c.number.as_deref(), Some("0341234567"), "{t}");
        }
        assert_eq!(pay_choice("Je voudrais 2 huiles"), None);
        assert_eq!(
            pay_choice("livraison au lot 12 bis, 034 12 345 67 mon numero pour le livreur"),
            None
        );
        assert!(asks_invoice("mandefa ny faktiora azafady"));
        assert!(asks_invoice("Vous pouvez m'envoyer la facture ?"));
        assert!(!asks_invoice("Combien coûte le riz ?"));
    }
}
