-- The conversation context the assistant keeps between two messages, as JSON: the
-- products in discussion and the words that named them, the draft quote with the
-- intent of its flow, and what the bot just asked (which variant, which products),
-- so "de 10", "ok, 3", "ilay 25 kg", "non plutôt le noir" and "eny" resolve.
ALTER TABLE assistant_state ADD COLUMN context TEXT NOT NULL DEFAULT '{}';
