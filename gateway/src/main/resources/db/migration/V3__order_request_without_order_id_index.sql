-- An order request is found by its customer and key, never by its order id, a random UUID the
-- gateway makes for it: the unique index on it was one more entry per order, in a random page.
alter table order_request drop constraint if exists order_request_order_id_key;
