-- Idempotency of POST /api/orders: one order per customer and key; the body's hash tells a
-- retry (same body: same order) from a reused key (another body: 422).
create table order_request (
    customer        text        not null,
    idempotency_key text        not null,
    order_id        uuid        not null unique,
    request_hash    text        not null,
    created_at      timestamptz not null default now(),
    primary key (customer, idempotency_key)
);
