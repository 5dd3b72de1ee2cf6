//! The closed sets of values the store keeps as text: providers, statuses, job kinds,
//! intents. A leaf every layer may use. Each enum converts to and from its stored text
//! in one place ([`text_enum!`]): `as_str` / `FromStr`, serde, and rusqlite's
//! `ToSql` / `FromSql`, so no module compares status strings by hand and an unknown
//! value read from the database is an error naming the column's type, not a silent
//! default.

use std::fmt;

/// A text that is not one of an enum's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{value}`: expected one of {expected}")]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
    pub expected: String,
}

macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident ($label:literal) { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored text.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value stored as `text`, if any.
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownValue;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s).ok_or_else(|| UnknownValue {
                    kind: $label,
                    value: s.to_string(),
                    expected: [$($text),+].join(", "),
                })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                v: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let text = v.as_str()?;
                text.parse()
                    .map_err(|e: UnknownValue| rusqlite::types::FromSqlError::Other(Box::new(e)))
            }
        }
    };
}

text_enum! {
    /// Who carries a WhatsApp number's messages.
    ProviderKind("provider") {
        Meta = "meta",
        Dialog360 = "360dialog",
        Gupshup = "gupshup",
    }
}

text_enum! {
    /// A shop's plan (`shops.plan`): its monthly quota, price and add-ons (`billing`).
    Plan("plan") {
        Trial = "trial",
        Free = "free",
        Starter = "starter",
        Pro = "pro",
        Business = "business",
    }
}

impl Plan {
    /// Logo, colour and footer on devis and factures, without "Généré avec Varotra":
    /// the paid add-on of Pro and Business (a trial prints the mention, like free).
    pub fn white_label(self) -> bool {
        matches!(self, Plan::Pro | Plan::Business)
    }

    /// A second WhatsApp number (the trial tries it).
    pub fn multi_number(self) -> bool {
        matches!(self, Plan::Trial | Plan::Pro | Plan::Business)
    }

    /// Payments confirmed by a mobile-money operator (MVola merchant pay); every plan
    /// but free. Without it the manual instructions (the shop's numbers) still go out.
    pub fn payments(self) -> bool {
        !matches!(self, Plan::Free)
    }

    /// The plan's name as a shop owner reads it.
    pub fn label(self) -> &'static str {
        match self {
            Plan::Trial => "Essai",
            Plan::Free => "Gratuit",
            Plan::Starter => "Starter",
            Plan::Pro => "Pro",
            Plan::Business => "Business",
        }
    }
}

text_enum! {
    /// Where a conversation stands for the shop.
    ConversationStatus("conversation status") {
        Open = "open",
        /// Handed over: a person must answer.
        NeedsHuman = "needs_human",
        Closed = "closed",
    }
}

text_enum! {
    /// Which way a message went.
    Direction("direction") {
        In = "in",
        Out = "out",
    }
}

text_enum! {
    /// A message's delivery state: inbound messages are `received`; outbound ones move
    /// forward only (see [`MessageStatus::rank`]).
    MessageStatus("message status") {
        Received = "received",
        /// A message of the admin simulator: never sent.
        Simulated = "simulated",
        Pending = "pending",
        Accepted = "accepted",
        Sent = "sent",
        Delivered = "delivered",
        Read = "read",
        Played = "played",
        Failed = "failed",
    }
}

impl MessageStatus {
    /// Order of the statuses: a status update only ever raises the rank.
    pub fn rank(self) -> i64 {
        match self {
            MessageStatus::Received
            | MessageStatus::Simulated
            | MessageStatus::Pending
            | MessageStatus::Accepted => 0,
            MessageStatus::Sent => 1,
            MessageStatus::Delivered => 2,
            MessageStatus::Read => 3,
            MessageStatus::Played => 4,
            MessageStatus::Failed => 5,
        }
    }
}

text_enum! {
    /// An outbox row's sending state.
    OutboxStatus("outbox status") {
        Pending = "pending",
        Sending = "sending",
        Sent = "sent",
        Failed = "failed",
    }
}

text_enum! {
    /// What a background job does.
    JobKind("job kind") {
        /// Ask the assistant what to answer to a stored inbound message.
        Reply = "reply",
        /// Fetch a customer's photo, voice note or file from the provider.
        MediaDownload = "media_download",
        /// Start a mobile-money request the customer asked for in the chat.
        PaymentRequest = "payment_request",
    }
}

text_enum! {
    /// A job's state.
    JobStatus("job status") {
        Pending = "pending",
        Running = "running",
        Done = "done",
        Failed = "failed",
    }
}

text_enum! {
    /// What a customer's message asks for: the assistant's labels.
    Intent("intent") {
        Greeting = "greeting",
        Price = "price",
        Availability = "availability",
        CatalogSearch = "catalog_search",
        Quote = "quote",
        Order = "order",
        Delivery = "delivery",
        Hours = "hours",
        Payment = "payment",
        Faq = "faq",
        Thanks = "thanks",
        Human = "human",
        Complaint = "complaint",
        Other = "other",
    }
}

impl Intent {
    /// Questions about given products (their price or stock).
    pub fn is_product_question(self) -> bool {
        matches!(self, Intent::Price | Intent::Availability)
    }

    /// Intents that show buying interest: the prospect becomes qualified.
    pub fn qualifies_prospect(self) -> bool {
        matches!(
            self,
            Intent::Price
                | Intent::Availability
                | Intent::CatalogSearch
                | Intent::Quote
                | Intent::Order
        )
    }
}

text_enum! {
    /// A prospect's stage in the pipeline, stored as its French slug.
    ProspectStage("prospect stage") {
        Nouveau = "nouveau",
        Qualifie = "qualifie",
        DevisEnvoye = "devis_envoye",
        Gagne = "gagne",
        Perdu = "perdu",
    }
}

text_enum! {
    /// A devis as stored (`quotes::effective_status` also reads an overdue one as expired).
    DevisStatus("devis status") {
        Draft = "draft",
        Sent = "sent",
        Accepted = "accepted",
        Refused = "refused",
        Expired = "expired",
    }
}

text_enum! {
    /// What an outgoing message is for, when it may have to leave as an approved template
    /// outside the 24-hour customer-service window (the shop maps each to a template).
    Purpose("message purpose") {
        /// A notification to the shop owner's own WhatsApp.
        OwnerAlert = "owner_alert",
        /// The day-after reminder of a devis the customer has not answered.
        DevisFollowUp = "devis_follow_up",
        /// A step of an order (paid, shipped...).
        OrderUpdate = "order_update",
        /// An agent writing to a customer whose window has closed.
        HumanReply = "human_reply",
    }
}

text_enum! {
    /// Where an inbound media stands: fetched from the provider, or why not.
    MediaState("media state") {
        /// Not downloaded yet (the provider may be unreachable): retried for the
        /// media id's whole life.
        Pending = "pending",
        Stored = "stored",
        /// Over `whatsapp.max_media_bytes`: refused, with a note in the thread.
        TooLarge = "too_large",
        /// The provider refused it for good.
        Failed = "failed",
        /// Still unavailable when the media id expired (7 days at Meta).
        Expired = "expired",
    }
}

text_enum! {
    /// What a devis line is: a catalogue product, or a line the shop writes itself.
    #[derive(Default)]
    DevisLineKind("devis line kind") {
        #[default]
        Product = "product",
        /// A delivery fee.
        Delivery = "delivery",
        /// Free text: work, an article not in the catalogue.
        Custom = "custom",
        /// Money taken off (a negative line).
        Discount = "discount",
    }
}

text_enum! {
    /// Where an order stands: a_payer -> paye -> en_preparation -> en_livraison -> livre,
    /// or annule (see `orders::next_allowed`).
    OrderStatus("order status") {
        /// Accepted devis, waiting for the money.
        ToPay = "a_payer",
        Paid = "paye",
        Preparing = "en_preparation",
        Shipping = "en_livraison",
        Delivered = "livre",
        Cancelled = "annule",
    }
}

text_enum! {
    /// How an order was paid, or claimed to be.
    PaidBy("payment channel") {
        Mvola = "mvola",
        OrangeMoney = "orange_money",
        AirtelMoney = "airtel_money",
        /// Cash or anything the owner confirms by hand.
        Cash = "especes",
    }
}

text_enum! {
    /// A merchant-pay request at a mobile-money provider.
    PaymentRequestStatus("payment request status") {
        Pending = "pending",
        Completed = "completed",
        Failed = "failed",
    }
}

#[cfg(test)]
mod tests;
