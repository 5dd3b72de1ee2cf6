-- Orange Money web payment and Airtel Money collection (issue 20): a request may carry
-- what its provider gave back besides the correlation id. Orange answers a
-- `pay_token` (needed by its status check) and a `notif_token` (the secret its
-- notification must carry, compared in constant time before anything changes).
-- Both stay in the encrypted store and never reach a log.
ALTER TABLE payment_requests ADD COLUMN pay_token TEXT;
ALTER TABLE payment_requests ADD COLUMN notif_token TEXT;
