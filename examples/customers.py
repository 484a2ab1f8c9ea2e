#!/usr/bin/env python3
"""A script's round trip in Python (standard library only): an API token with just the
scopes it needs, a batch of customers with an Idempotency-Key (a retry after a dropped
connection does not create them twice), paging through the list, and an export in the
scripts' form (field names and codes, `raw=true`).

    CRM_URL=http://127.0.0.1:8080 CRM_USER=admin CRM_PASSWORD=… python3 examples/customers.py
"""
import csv
import io
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid

URL = os.environ.get("CRM_URL", "http://127.0.0.1:8080").rstrip("/")


def call(method, path, token=None, body=None, headers=None):
    req = urllib.request.Request(URL + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", f"Bearer {token}")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            raw = res.read()
            return res.status, (json.loads(raw) if res.headers.get_content_type().endswith("json") and raw else raw)
    except urllib.error.HTTPError as e:
        problem = json.loads(e.read() or b"{}")
        sys.exit(f"{method} {path}: {e.code} {problem.get('code')}: {problem.get('detail')}")


def main():
    _, session = call("POST", "/api/v1/auth/login", body={"username": os.environ["CRM_USER"], "password": os.environ["CRM_PASSWORD"]})
    _, token = call("POST", "/api/v1/api-tokens", session["access_token"], {"name": "customers.py", "scopes": ["customers:read", "customers:import", "customers:export"]})
    token = token["token"]

    run = uuid.uuid4().hex[:8]
    items = [{"name": f"示例客户 {run} 第{i}号", "remark": "customers.py"} for i in range(1, 26)]
    key = {"Idempotency-Key": f"customers.py-{run}"}
    _, first = call("POST", "/api/v1/customers/batch", token, {"items": items}, key)
    _, again = call("POST", "/api/v1/customers/batch", token, {"items": items}, key)
    assert first == again, "a replayed key answers the first result"
    created = [r["id"] for r in first["results"] if r["status"] == 201]
    print(f"created {len(created)} customers")

    seen, page = [], 1
    while True:
        _, p = call("GET", f"/api/v1/customers?q={urllib.parse.quote(run)}&page={page}&page_size=10&sort=name", token)
        seen += [c["id"] for c in p["items"]]
        if page * p["page_size"] >= p["total"]:
            break
        page += 1
    print(f"listed {len(seen)} in {page} pages")

    _, data = call("GET", f"/api/v1/customers/export?format=csv&raw=true&q={urllib.parse.quote(run)}", token)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    print(f"exported {len(rows)} rows; columns: {', '.join(list(rows[0])[:5])}, …")
    if not (len(created) == len(seen) == len(rows) == len(items)):
        sys.exit("the counts disagree")


if __name__ == "__main__":
    main()
