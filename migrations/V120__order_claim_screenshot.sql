-- A payment screenshot the customer sent for an unpaid order: the message holding the
-- image, shown to the owner beside "Paiement reçu".
ALTER TABLE orders ADD COLUMN claimed_message_id INTEGER;
