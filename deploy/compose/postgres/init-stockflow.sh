#!/usr/bin/env bash
# Runs once, on the first start of an empty PostgreSQL volume (docker-entrypoint-initdb.d):
# per service a login role and a database it owns, with pg_trgm, as ./stockflow infra does.
# A shell script rather than plain SQL so the passwords come from the environment (.env).
set -euo pipefail

create() { # create <database = role> <password>
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v db="$1" -v pw="$2" <<'SQL'
CREATE ROLE :"db" LOGIN PASSWORD :'pw';
CREATE DATABASE :"db" OWNER :"db";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$1" -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm;'
}

create stockflow_gateway "$STOCKFLOW_DB_PASSWORD_GATEWAY"
create stockflow_inventory "$STOCKFLOW_DB_PASSWORD_INVENTORY"
create stockflow_orders "$STOCKFLOW_DB_PASSWORD_ORDERS"
create stockflow_catalog "$STOCKFLOW_DB_PASSWORD_CATALOG"
create stockflow_health "$STOCKFLOW_DB_PASSWORD_HEALTH"
