-- The fair claim of reply jobs (`db::jobs::claim_fair`) takes the first due job of the
-- next shop after the one served last, walking this index in (shop, id) order: one shop
-- flooded with 10 000 messages gets one turn per round like every other shop, instead of
-- making the others wait until its backlog drains.
CREATE INDEX jobs_fair ON jobs (status, kind, shop_id, id);
