//! Multipart uploads read into memory, with one size cap: the catalogue CSV (API and
//! admin), the FAQ CSV and product images all come through [`read_form`].

use actix_multipart::Multipart;
use futures_util::TryStreamExt;
use std::collections::HashMap;

/// Largest CSV or image accepted (a 50 000-row catalogue is about 5 MB).
pub const MAX_UPLOAD: usize = 20 * 1024 * 1024;

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

pub async fn read_form(mut payload: Multipart) -> Result<Form, FormError> {
    let mut form = Form::default();
    let mut total = 0usize;
    while let Some(mut field) = payload
        .try_next()
        .await
        .map_err(|e| FormError::Bad(e.to_string()))?
    {
        let name = field.name().unwrap_or_default().to_string();
        let is_file = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .is_some();
        let mut buf = Vec::new();
        while let Some(chunk) = field
            .try_next()
            .await
            .map_err(|e| FormError::Bad(e.to_string()))?
        {
            total += chunk.len();
            if total > MAX_UPLOAD {
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
