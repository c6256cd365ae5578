-- Orders and their lines; the saga's states arrive with issue #5.
create table customer_order (
    id         uuid primary key,
    customer   text        not null,
    status     text        not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
