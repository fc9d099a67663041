-- orders_maker (maker) repeats the first column of the unique (maker, nonce) index, which answers
-- every look-up by maker just as well; each accepted order paid for a write to both.
DROP INDEX IF EXISTS orders_maker;
