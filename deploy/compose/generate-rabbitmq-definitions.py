#!/usr/bin/env python3
"""Writes deploy/compose/rabbitmq-definitions.json, the broker definitions the compose
RabbitMQ loads at boot: the vhost "stockflow", the administrator and one user per service
(permissions as in the RABBIT_PERMISSION_TABLE of ./stockflow), and the topology of
deploy/rabbitmq/definitions.json with "vhost": "stockflow" added.

Passwords come from deploy/compose/.env if it exists, else .env.example; they are stored
as salted SHA-256 hashes (RabbitMQ's default). The salt is derived from the user name, so
the same inputs always give the same file.

Run it from anywhere, again whenever deploy/rabbitmq/definitions.json, the launcher's
permission table or a RabbitMQ password changes:

    python3 deploy/compose/generate-rabbitmq-definitions.py
"""
import base64
import hashlib
import json
import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VHOST = "stockflow"
ADMIN = "stockflow-admin"
SUFFIX = {"gateway": "GATEWAY", "inventory-service": "INVENTORY", "order-service": "ORDERS",
          "catalog-service": "CATALOG", "health-monitor": "HEALTH"}


def env_file():
    path = HERE / ".env" if (HERE / ".env").exists() else HERE / ".env.example"
    values = {}
    for line in path.read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_]+)=(.*)$", line)
        if m:
            values[m.group(1)] = m.group(2)
    return path, values


def permission_table():
    """The launcher's table: service, tags, configure, write, read."""
    text = (ROOT / "stockflow").read_text()
    table = re.search(r"RABBIT_PERMISSION_TABLE='(.*?)'", text, re.S).group(1)
    rows = []
    for line in table.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            service, tags, configure, write, read = line.split()
            rows.append((service, "" if tags == "-" else tags, configure, write, read))
    return rows


def password_hash(user, password):
    salt = hashlib.sha256(("stockflow-compose:" + user).encode()).digest()[:4]
    return base64.b64encode(salt + hashlib.sha256(salt + password.encode()).digest()).decode()


def user(name, password, tags):
    return {"name": name, "password_hash": password_hash(name, password),
            "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": tags}


def main():
    source, env = env_file()
    topology = json.loads((ROOT / "deploy/rabbitmq/definitions.json").read_text())
    users = [user(ADMIN, env["STOCKFLOW_RABBITMQ_ADMIN_PASSWORD"], "administrator")]
    permissions = [{"user": ADMIN, "vhost": VHOST, "configure": ".*", "write": ".*", "read": ".*"}]
    for service, tags, configure, write, read in permission_table():
        name = "stockflow-" + service
        users.append(user(name, env["STOCKFLOW_RABBITMQ_PASSWORD_" + SUFFIX[service]], tags))
        permissions.append({"user": name, "vhost": VHOST, "configure": configure, "write": write, "read": read})
    definitions = {
        "vhosts": [{"name": VHOST}],
        "users": users,
        "permissions": permissions,
        "exchanges": [dict(e, vhost=VHOST) for e in topology.get("exchanges", [])],
        "queues": [dict(q, vhost=VHOST) for q in topology.get("queues", [])],
        "bindings": [dict(b, vhost=VHOST) for b in topology.get("bindings", [])],
    }
    out = HERE / "rabbitmq-definitions.json"
    out.write_text(json.dumps(definitions, indent=2) + "\n")
    print(f"wrote {out.relative_to(ROOT)} (passwords from {source.relative_to(ROOT)})")


if __name__ == "__main__":
    main()
