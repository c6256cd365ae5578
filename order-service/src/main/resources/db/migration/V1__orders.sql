-- Orders, their lines and their timeline: the saga state of order-service (issue #5).
create table customer_order (
    id         uuid        primary key,
    customer   text        not null,
    status     text        not null check (status in ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED')),
    -- computed here from the unit prices inventory reserved at; null until confirmed
    total      numeric(14, 2),
    -- the first short line, when inventory rejected the order
    rejected_sku       text,
    rejected_requested int,
    rejected_available int,
    rejected_reason    text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
-- "my orders, newest first" and the admin's "all orders, newest first"
create index customer_order_customer_newest on customer_order (customer, created_at desc, id);
create index customer_order_newest on customer_order (created_at desc, id);
-- counts by status for the dashboard, from the index alone
create index customer_order_status on customer_order (status);

create table order_line (
    order_id    uuid          not null references customer_order (id),
    line_no     int           not null,
    sku         text          not null,
    quantity    int           not null check (quantity between 1 and 1000),
    -- the item's price when inventory reserved it; null until confirmed
    unit_price  numeric(12, 2),
    -- units per location inventory took: [{"location": "blr-1", "quantity": 2}]
    allocations jsonb,
    primary key (order_id, line_no)
);

-- What happened to an order, in order: placed, reservation-requested, reserved, rejected,
-- confirmed, cancel-requested, cancel-ignored, cancelled, release-requested, released
create table order_timeline (
    id       bigserial   primary key,
    order_id uuid        not null references customer_order (id),
    at       timestamptz not null default clock_timestamp(),
    kind     text        not null,
    detail   text
);
create index order_timeline_order on order_timeline (order_id, id);
