-- Templates sent per shop per month (the outbox counts each template that left for
-- the provider), beside the bot's replies and devis of `usage_months`.
ALTER TABLE usage_months ADD COLUMN templates INTEGER NOT NULL DEFAULT 0;
