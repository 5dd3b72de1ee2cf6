-- The Malagasy answer of a FAQ entry, written by the owner (never translated by the
-- model). NULL: no Malagasy version yet; a Malagasy customer then gets a Malagasy
-- sentence saying so, never the French paragraph under a Malagasy header.
ALTER TABLE faq_items ADD COLUMN answer_mg TEXT;
