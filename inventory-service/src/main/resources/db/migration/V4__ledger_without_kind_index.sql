-- No query selects ledger entries by kind (history is by sku, the check sums every entry): the
-- index was one more entry per stock change.
drop index if exists stock_ledger_kind;
