-- The read model: one denormalised row per item with its availability, fed by inventory's
-- events. version is inventory's item version: older or repeated events are ignored.
create table catalog_item (
    sku         text primary key,
    brand       text           not null,
    model       text           not null,
    description text           not null default '',
    price       numeric(12, 2) not null,
    image_url   text,
    available   int            not null,
    locations   jsonb          not null default '[]',
    version     bigint         not null,
    deleted     boolean        not null default false,
    updated_at  timestamptz    not null default now()
);
create index catalog_item_brand on catalog_item (brand);
create index catalog_item_price on catalog_item (price);
