-- The cancels makers signed at the broker, kept for the life of the deployment: a cancelled order
-- keeps its leaf among an auction's unfilled orders, and its maker's signed cancel is what answers a
-- challenge that the rule should have filled it (the court checks the signature).
CREATE TABLE IF NOT EXISTS kept_cancels (
  order_hash VARCHAR(66) PRIMARY KEY, signature VARCHAR(132) NOT NULL);
