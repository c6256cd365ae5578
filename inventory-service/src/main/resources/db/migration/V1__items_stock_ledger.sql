-- Items: the catalogue entries an admin manages. Deleted items stay, flagged, for history.
create table item (
    sku         text primary key,
    brand       text          not null,
    model       text          not null,
    description text          not null default '',
    price       numeric(12, 2) not null check (price >= 0),
    image_url   text,
    version     bigint        not null,
    deleted     boolean       not null default false,
    created_at  timestamptz   not null default now(),
    updated_at  timestamptz   not null default now()
);

-- Current stock per item and location: never below zero.
create table stock (
    sku       text not null references item (sku),
    location  text not null,
    available int  not null check (available >= 0),
    primary key (sku, location)
);

-- Append-only ledger of every stock change, written in the same transaction as the level.
create table stock_ledger (
    id         bigserial primary key,
    sku        text        not null,
    location   text        not null,
    kind       text        not null,
    delta      int         not null,
    before     int         not null,
    after      int         not null check (after = before + delta),
    actor      text        not null,
    reason     text,
    order_id   uuid,
    command_id uuid,
    at         timestamptz not null default now()
);
create index stock_ledger_by_sku on stock_ledger (sku, id desc);
