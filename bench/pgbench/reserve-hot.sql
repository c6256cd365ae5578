-- pgbench: every client takes one unit of the same row (a flash sale), one statement per transaction
update stock set available = available - 1 where id = 1 and available >= 1;
