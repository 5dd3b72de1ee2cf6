-- The sender keeps each customer's messages in order: a row waits while an earlier
-- row for the same number and customer is still pending or being sent.
CREATE INDEX outbox_customer ON outbox (wa_account_id, to_phone, status, id);
-- Status webhooks and flood control look messages up by conversation and time.
CREATE INDEX messages_conversation_created ON messages (conversation_id, direction, created_at);
