//! Branding errors as the admin shows them (part of the one error mapping of
//! `web::error`): a refused logo, colour, footer or plan is a French 400 naming what
//! is wrong; storage errors map as everywhere else.

use super::AdminError;
use crate::branding::BrandingError;

impl From<BrandingError> for AdminError {
    fn from(e: BrandingError) -> Self {
        match e {
            BrandingError::Db(db) => db.into(),
            other => AdminError::BadRequest(other.to_string()),
        }
    }
}
