-- The W3C trace context (traceparent) of the transaction that wrote the row: the relay publishes
-- the message later, from its own thread, as part of that same trace.
alter table outbox add column trace_parent text;
