-- Each stock location has its own version: stock changes never lock the item row, and the read
-- model converges per location whatever order the events arrive in.
alter table stock add column version bigint not null default 1;

-- Low-stock alerts: the threshold per item (null: the service's default) and whether the item
-- is currently low, so that only a crossing emits LowStock / StockReplenished.
alter table item add column low_stock_threshold int check (low_stock_threshold >= 0);
alter table item add column low_stock boolean not null default false;

create index stock_ledger_kind on stock_ledger (kind);
