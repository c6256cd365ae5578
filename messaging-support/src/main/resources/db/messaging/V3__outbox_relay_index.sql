-- The relay reads unpublished rows in id order. With outbox_due the planner scanned that index for
-- every row published since the last vacuum (its entries stay until then), on every pass: 80 ms a
-- pass after a few minutes of orders. Without it, the relay goes through outbox_unpublished (id).
drop index if exists outbox_due;

-- Each row is updated once (published) and deleted after the retention: have autovacuum clean the
-- table after every few thousand such rows, not after a fifth of a table that keeps days of them.
alter table outbox set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
                        autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 5000);
