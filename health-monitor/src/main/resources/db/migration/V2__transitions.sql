-- What the monitor last concluded of each service, and every change of status
alter table service_status
    add column detail    text,
    add column instances int not null default 0;

create table service_transition (
    id          bigserial primary key,
    service     text        not null,
    from_status text        not null,
    to_status   text        not null,
    at          timestamptz not null,
    detail      text
);
create index service_transition_at on service_transition (at desc);
