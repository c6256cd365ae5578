-- What each order took from which location, so a cancellation gives exactly that back.
create table reservation (
    order_id  uuid    not null,
    sku       text    not null,
    location  text    not null,
    quantity  int     not null check (quantity > 0),
    released  boolean not null default false,
    reserved_at timestamptz not null default now(),
    primary key (order_id, sku, location)
);
