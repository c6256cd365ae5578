-- pgbench: take one unit of a random row (10,000 rows), one statement per transaction
\set id random(1, 10000)
update stock set available = available - 1 where id = :id and available >= 1;
