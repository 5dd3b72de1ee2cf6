//! Catalogue and FAQ: CSV import and Tantivy search (issue 4).
