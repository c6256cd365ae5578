-- Service status and its transitions; the monitor itself arrives with issue #7.
create table service_status (
    service    text primary key,
    status     text        not null,
    since      timestamptz not null default now(),
    checked_at timestamptz not null default now()
);
