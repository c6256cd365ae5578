-- Nothing looks an outbox row up by its message id, and the id is a random UUID made with the
-- row: its unique index was one more entry per row, each in a random page of the index.
alter table outbox drop constraint if exists outbox_message_id_key;
