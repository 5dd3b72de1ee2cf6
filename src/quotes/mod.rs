//! Quotes (devis): numbering, totals, amounts in words and PDF (issue 6).
