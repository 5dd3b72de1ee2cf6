-- Usage metered per shop per calendar month (UTC, 'YYYY-MM'): the bot's replies, the
-- devis it issued, the replies past the plan's quota (billed as overage) and
-- whether the owner was already warned at 80 % and at 100 % this month.
CREATE TABLE usage_months (
    shop_id        INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    month          TEXT NOT NULL,
    bot_replies    INTEGER NOT NULL DEFAULT 0,
    devis          INTEGER NOT NULL DEFAULT 0,
    overage        INTEGER NOT NULL DEFAULT 0,
    warned_80      INTEGER NOT NULL DEFAULT 0,
    warned_100     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, month)
);
