-- A timeline is read by its order, in id order: one index on (order_id, id) serves as the key
-- and for those reads, instead of a key on id and a second index for the reads (two entries per
-- timeline entry, four entries an order).
alter table order_timeline drop constraint order_timeline_pkey;
drop index order_timeline_order;
alter table order_timeline add primary key (order_id, id);
