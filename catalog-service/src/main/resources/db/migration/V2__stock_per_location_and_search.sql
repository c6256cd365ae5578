-- Issue #4: stock per location with its own version, full-text and typo-tolerant search, and a
-- row version for the Redis cache. An ALTER rather than a rewrite of V1, so a dev database that
-- already ran V1 migrates too.

-- Each location's level, guarded by that location's own stock version. A StockChanged may come
-- before its item's ItemAdded: its row waits here until the item row appears.
create table catalog_stock (
    sku       text   not null,
    location  text   not null,
    available int    not null,
    version   bigint not null,
    primary key (sku, location)
);
insert into catalog_stock (sku, location, available, version)
select i.sku, l ->> 'location', (l ->> 'available')::int, 1
from catalog_item i, jsonb_array_elements(i.locations) l;

-- Monotonic across the whole read model (never reset, not even by a rebuild): every projection
-- write of an item takes nextval, and the cache only ever replaces an entry by a newer one.
create sequence catalog_row_version;
alter table catalog_item
    add column row_version bigint not null default nextval('catalog_row_version'),
    -- full text over every field, names weighted above the description; 'simple' = no stemming,
    -- so brands, models and skus stay as written
    add column search tsvector generated always as (
        setweight(to_tsvector('simple', sku), 'A') ||
        setweight(to_tsvector('simple', brand), 'A') ||
        setweight(to_tsvector('simple', model), 'A') ||
        setweight(to_tsvector('simple', description), 'C')) stored,
    -- what typos are forgiven in: the names people type (sku, brand, model), not the prose
    add column names text generated always as (sku || ' ' || brand || ' ' || model) stored;

create index catalog_item_search on catalog_item using gin (search);

-- pg_trgm is a trusted extension: the database owner may create it
create extension if not exists pg_trgm;
create index catalog_item_names_trgm on catalog_item using gin (names gin_trgm_ops);

-- Partitioning by brand hash: not done. At this scale (up to about a million rows) it does not
-- pay: the hot reads are by sku (the primary key) and by full text, and neither filters by
-- brand, so every such query would visit every partition; partitions would only add planning
-- cost. The brand and price b-tree indexes of V1 serve the brand and price filters.
