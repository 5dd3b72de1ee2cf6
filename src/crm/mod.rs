//! Mini-CRM: prospects, pipeline and owner notifications (issue 6).
