//! Pagination numbers sent by clients (`limit`, `offset`, `page`, `per_page`, `after`),
//! checked once here before they reach a query: each has a documented range, anything
//! outside it is a 400 naming the parameter (JSON for the API, French for the admin),
//! and every product of two client numbers is computed with checked arithmetic.
//!
//! The bounds protect the process, not only the database: a search collects
//! `offset + limit` hits up front, so a client number must never size an allocation.

/// The deepest row a list may start at (a million rows is far past any shop's data).
pub const MAX_OFFSET: i64 = 1_000_000;

/// The deepest a catalogue *search* goes (`offset + limit`): relevance past the first
/// thousand hits means nothing, and the search allocates that many slots.
pub const MAX_SEARCH_WINDOW: i64 = crate::catalog::search::MAX_WINDOW as i64;

/// A pagination parameter outside its range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name}: must be between {min} and {max}")]
pub struct PagingError {
    pub name: &'static str,
    pub min: i64,
    pub max: i64,
}

impl PagingError {
    /// The same, for the admin's French pages.
    pub fn french(&self) -> String {
        format!(
            "paramètre « {} » invalide : entre {} et {}",
            self.name, self.min, self.max
        )
    }
}

/// Rows to read: at most `limit`, skipping `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub limit: i64,
    pub offset: i64,
}

/// `value` (or `default` when absent), refused outside `min..=max`.
pub fn bounded(
    name: &'static str,
    value: Option<i64>,
    default: i64,
    min: i64,
    max: i64,
) -> Result<i64, PagingError> {
    let v = value.unwrap_or(default);
    if (min..=max).contains(&v) {
        Ok(v)
    } else {
        Err(PagingError { name, min, max })
    }
}

/// A `limit` / `offset` pair; the offset may go as deep as `max_offset`.
pub fn by_offset(
    limit: Option<i64>,
    offset: Option<i64>,
    default_limit: i64,
    max_limit: i64,
    max_offset: i64,
) -> Result<Window, PagingError> {
    Ok(Window {
        limit: bounded("limit", limit, default_limit, 1, max_limit)?,
        offset: bounded("offset", offset, 0, 0, max_offset)?,
    })
}

/// A `page` (from `first_page`) and `per_page` pair; the page's first row must not be
/// deeper than `max_offset`.
pub fn by_page(
    page: Option<i64>,
    per_page: Option<i64>,
    first_page: i64,
    (default_per_page, max_per_page): (i64, i64),
    max_offset: i64,
) -> Result<(i64, Window), PagingError> {
    let per_page = bounded("per_page", per_page, default_per_page, 1, max_per_page)?;
    let last_page = first_page + max_offset / per_page;
    let page = bounded("page", page, first_page, first_page, last_page)?;
    let offset = (page - first_page)
        .checked_mul(per_page)
        .filter(|o| *o <= max_offset)
        .ok_or(PagingError {
            name: "page",
            min: first_page,
            max: last_page,
        })?;
    Ok((
        page,
        Window {
            limit: per_page,
            offset,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_page_is_refused_instead_of_overflowing() {
        let err = by_page(Some(i64::MAX), Some(25), 1, (25, 100), MAX_OFFSET).unwrap_err();
        assert_eq!(err.name, "page");
        assert_eq!(err.max, 1 + MAX_OFFSET / 25);
        let (page, w) = by_page(Some(3), None, 1, (25, 100), MAX_OFFSET).unwrap();
        assert_eq!((page, w.limit, w.offset), (3, 25, 50));
    }

    #[test]
    fn pages_counted_from_zero_start_at_offset_zero() {
        let (_, w) = by_page(Some(0), Some(20), 0, (20, 20), 1000).unwrap();
        assert_eq!(w.offset, 0);
        assert!(by_page(Some(-1), Some(20), 0, (20, 20), 1000).is_err());
        assert!(by_page(Some(51), Some(20), 0, (20, 20), 1000).is_err());
        assert_eq!(
            by_page(Some(50), Some(20), 0, (20, 20), 1000)
                .unwrap()
                .1
                .offset,
            1000
        );
    }

    #[test]
    fn an_offset_past_its_bound_names_the_parameter() {
        let err = by_offset(Some(10), Some(MAX_OFFSET + 1), 20, 200, MAX_OFFSET).unwrap_err();
        assert_eq!(err.to_string(), "offset: must be between 0 and 1000000");
        assert!(err.french().contains("« offset »"));
        assert_eq!(
            by_offset(Some(0), None, 20, 200, MAX_OFFSET)
                .unwrap_err()
                .name,
            "limit"
        );
    }
}
