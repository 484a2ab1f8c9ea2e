#!/usr/bin/env python3
"""A script's round trip in Python (standard library only): an API token with just the
scopes it needs, a CSV imported through POST /imports and polled until done, paging
through the list, and an export in the scripts' form (field names and codes, `raw=true`).

    CRM_URL=http://127.0.0.1:8080 CRM_USER=admin CRM_PASSWORD=… python3 examples/customers.py
"""
import csv
import io
import json
import os
import sys
import time
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


def import_csv(token, entity, data):
    """POST /imports as multipart/form-data: the file and the options as form fields."""
    boundary = uuid.uuid4().hex
    parts = [(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n').encode() for k, v in (("entity", entity), ("mode", "commit"))]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{entity}.csv"\r\nContent-Type: text/csv\r\n\r\n'.encode() + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    req = urllib.request.Request(URL + "/api/v1/imports", method="POST", data=body)
    req.add_header("content-type", f"multipart/form-data; boundary={boundary}")
    req.add_header("authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=60) as res:
            return json.loads(res.read())
    except urllib.error.HTTPError as e:
        problem = json.loads(e.read() or b"{}")
        sys.exit(f"POST /api/v1/imports: {e.code} {problem.get('code')}: {problem.get('detail')}")


def main():
    _, session = call("POST", "/api/v1/auth/login", body={"username": os.environ["CRM_USER"], "password": os.environ["CRM_PASSWORD"]})
    _, token = call("POST", "/api/v1/api-tokens", session["access_token"], {"name": "customers.py", "scopes": ["customers:read", "customers:export", "customers:import", "customers:create", "imports:create", "imports:read"]})
    token = token["token"]

    run = uuid.uuid4().hex[:8]
    rows = "".join(f"示例客户 {run} 第{i}号,customers.py\n" for i in range(1, 26))
    upload = import_csv(token, "customers", f"客户名称,备注\n{rows}".encode("utf-8"))
    while upload["status"] not in ("done", "failed"):
        time.sleep(0.3)
        _, upload = call("GET", f"/api/v1/imports/{upload['id']}", token)
    print(f"import {upload['status']}: {upload['created']} created, {upload['failed']} failed in {upload['duration_ms']} ms")
    created = upload["created"]

    seen, page = [], 1
    while True:
        _, p = call("GET", f"/api/v1/customers?q={urllib.parse.quote(run)}&page={page}&page_size=10&sort=name", token)
        seen += [c["id"] for c in p["items"]]
        if page * p["page_size"] >= p["total"]:
            break
        page += 1
    print(f"listed {len(seen)} in {page} pages")

    _, data = call("GET", f"/api/v1/customers/export?format=csv&raw=true&q={urllib.parse.quote(run)}", token)
    exported = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    print(f"exported {len(exported)} rows; columns: {', '.join(list(exported[0])[:5])}, …")
    if not (created == len(seen) == len(exported) == 25):
        sys.exit("the counts disagree")


if __name__ == "__main__":
    main()
