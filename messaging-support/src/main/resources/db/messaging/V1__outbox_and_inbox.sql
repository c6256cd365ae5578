-- Transactional outbox: rows written in the same transaction as the state change they announce,
-- published by OutboxRelay with publisher confirms, then marked published and purged later.
create table outbox (
    id             bigserial primary key,
    message_id     uuid        not null unique,
    exchange       text        not null,
    routing_key    text        not null,
    type           text        not null,
    correlation_id uuid        not null,
    body           bytea       not null,
    created_at     timestamptz not null default now(),
    published_at   timestamptz,
    attempts       int         not null default 0,
    last_error     text,
    -- a row the broker did not confirm waits longer each time: 1 s, 2 s, 4 s ... at most 5 min
    next_attempt_at timestamptz not null default now()
);
create index outbox_unpublished on outbox (id) where published_at is null;
create index outbox_due on outbox (next_attempt_at) where published_at is null;
create index outbox_published_at on outbox (published_at) where published_at is not null;

-- Inbox: one row per message a consumer queue has applied, written in the handler's transaction,
-- so a redelivered message has no second effect.
create table inbox (
    consumer    text        not null,
    message_id  uuid        not null,
    received_at timestamptz not null default now(),
    primary key (consumer, message_id)
);
create index inbox_received_at on inbox (received_at);
