//! Multipart uploads read into memory under one cap: the catalogue CSV (API and
//! admin), the FAQ CSV and product images all come through [`read_form`].
//!
//! The cap counts every byte of the body as it arrives (boundaries, part headers and
//! field names included), not only the files' contents; each handler names the fields
//! it accepts ([`FormSpec`]), so an unknown field or a repeated one ends the read at
//! once, and a form can never hold more parts than its spec. Handlers check the
//! caller's role before calling [`read_form`]: a refused upload is never read.

use actix_multipart::{Multipart, MultipartError};
use actix_web::error::PayloadError;
use actix_web::{web, HttpRequest};
use futures_util::{StreamExt, TryStreamExt};
use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

/// Largest multipart body accepted, every byte counted (a 50 000-row catalogue is
/// about 5 MB).
pub const MAX_UPLOAD: usize = 20 * 1024 * 1024;
/// Largest text field (CSRF token, flags): nothing a form sends needs more.
const MAX_TEXT: usize = 4096;

/// The fields a form may carry, each at most once.
pub struct FormSpec {
    pub files: &'static [&'static str],
    pub texts: &'static [&'static str],
}

/// A multipart form read into memory: text fields, and the files' bytes by field name.
#[derive(Default)]
pub struct Form {
    pub fields: HashMap<String, String>,
    pub files: HashMap<String, Vec<u8>>,
}

#[derive(Debug, thiserror::Error)]
pub enum FormError {
    #[error("fichier trop gros (20 Mo au plus)")]
    TooLarge,
    #[error("champ « {0} » inattendu dans ce formulaire")]
    UnknownField(String),
    #[error("champ « {0} » envoyé deux fois")]
    Repeated(String),
    #[error("formulaire illisible : {0}")]
    Bad(String),
}

impl Form {
    pub fn flag(&self, name: &str) -> bool {
        matches!(
            self.fields.get(name).map(String::as_str),
            Some("1" | "true" | "on" | "yes")
        )
    }
}

/// Reads the multipart body of `req` as `spec` allows; see the module docs.
pub async fn read_form(
    req: &HttpRequest,
    payload: web::Payload,
    spec: &FormSpec,
) -> Result<Form, FormError> {
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_UPLOAD as u64) {
        return Err(FormError::TooLarge);
    }
    let overflow = Rc::new(Cell::new(false));
    let mut total = 0usize;
    let flag = overflow.clone();
    let counted = payload.map(move |chunk| {
        let chunk = chunk?;
        total = total.saturating_add(chunk.len());
        if total > MAX_UPLOAD {
            flag.set(true);
            return Err(PayloadError::Overflow);
        }
        Ok(chunk)
    });
    let mut multipart = Multipart::new(req.headers(), counted);
    let bad = |e: MultipartError| {
        if overflow.get() {
            FormError::TooLarge
        } else {
            FormError::Bad(e.to_string())
        }
    };
    let mut form = Form::default();
    while let Some(mut field) = multipart.try_next().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_string();
        let is_file = spec.files.contains(&name.as_str());
        if !is_file && !spec.texts.contains(&name.as_str()) {
            return Err(FormError::UnknownField(name.chars().take(40).collect()));
        }
        if form.files.contains_key(&name) || form.fields.contains_key(&name) {
            return Err(FormError::Repeated(name));
        }
        let mut buf = Vec::new();
        while let Some(chunk) = field.try_next().await.map_err(bad)? {
            if !is_file && buf.len() + chunk.len() > MAX_TEXT {
                return Err(FormError::TooLarge);
            }
            buf.extend_from_slice(&chunk);
        }
        if is_file {
            form.files.insert(name, buf);
        } else {
            form.fields
                .insert(name, String::from_utf8_lossy(&buf).into_owned());
        }
    }
    Ok(form)
}
