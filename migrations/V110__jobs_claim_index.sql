-- The claim of the next job (`db::jobs::claim`) walks this index in id order for its
-- kind, so it costs the same at 10 or 50 000 pending jobs; before, SQLite sorted every
-- pending row in a temporary B-tree on the single writer (17 ms at 50 000).
CREATE INDEX jobs_claim ON jobs (status, kind, id);
