//! Mobile-money errors as the admin and the providers' callback routes see them (part
//! of the one error mapping of `web::error`): in the admin a refusal, a missing number
//! or an unreachable operator is a French message the owner can act on; on a callback
//! route a notification without its provider's secret is a 403 JSON error, and the
//! rest is a 500 the provider retries. Storage errors map as everywhere else.

use super::{AdminError, ApiError};
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

impl From<PaymentError> for ApiError {
    fn from(e: PaymentError) -> Self {
        match e {
            PaymentError::BadNotification(_) => ApiError::Forbidden(e.to_string()),
            PaymentError::Order(o) => o.into(),
            PaymentError::Db(db) => db.into(),
            other => ApiError::internal(other),
        }
    }
}
