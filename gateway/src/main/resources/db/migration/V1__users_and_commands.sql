-- Accounts: passwords only as encoder hashes ({bcrypt}...), never in plain text.
create table app_user (
    id            uuid primary key,
    username      text        not null unique,
    password_hash text        not null,
    role          text        not null check (role in ('CUSTOMER', 'ADMIN')),
    created_at    timestamptz not null default now()
);

-- Admin commands sent through the broker and their outcome, for GET /api/admin/commands/{id}.
create table admin_command (
    id         uuid primary key,
    type       text        not null,
    sku        text,
    status     text        not null check (status in ('PENDING', 'APPLIED', 'REJECTED')),
    reason     text,
    actor      text        not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
