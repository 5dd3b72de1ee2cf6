//! Mobile-money errors as the admin shows them (part of the one error mapping of
//! `web::error`): a refusal, a missing number or an unreachable operator is a French
//! message the owner can act on; storage errors map as everywhere else.

use super::AdminError;
use crate::payments::PaymentError;

impl From<PaymentError> for AdminError {
    fn from(e: PaymentError) -> Self {
        match e {
            PaymentError::Order(o) => o.into(),
            PaymentError::Db(db) => db.into(),
            other => AdminError::BadRequest(other.to_string()),
        }
    }
}
