#!/usr/bin/env python3
"""A webhook receiver that checks what the CRM sends before it trusts it.

    python3 examples/webhook_receiver.py --port 9000 --secret "$WEBHOOK_SECRET" [--out events.jsonl]

Each delivery is a POST with a JSON body and the header
    X-CRM-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." + body under the secret>
The receiver recomputes the signature, compares it in constant time, refuses a timestamp
more than five minutes away (a replayed request), answers 2xx quickly, and drops an event
it has already seen: delivery is at least once, so the same event id can come twice.
Each new event is printed as one JSON line (and appended to --out).
Standard library only.
"""
import argparse
import hashlib
import hmac
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE_SECONDS = 300


def verify(secret: bytes, header: str, body: bytes, now: float) -> bool:
    """True when `header` signs `body` under `secret` within the tolerance."""
    try:
        parts = dict(p.split("=", 1) for p in header.split(","))
        t = int(parts["t"])
        given = parts["v1"]
    except (KeyError, ValueError):
        return False
    if abs(now - t) > TOLERANCE_SECONDS:
        return False
    expected = hmac.new(secret, f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, given)


def make_handler(secret: bytes, out):
    seen = set()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if not verify(secret, self.headers.get("X-CRM-Signature", ""), body, time.time()):
                self.send_response(401)
                self.end_headers()
                return
            event = json.loads(body)
            if event["id"] not in seen:
                seen.add(event["id"])
                line = json.dumps(event, ensure_ascii=False)
                print(line, flush=True)
                if out:
                    out.write(line + "\n")
                    out.flush()
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    return Handler


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=9000)
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--secret", required=True)
    ap.add_argument("--out")
    args = ap.parse_args()
    out = open(args.out, "a", encoding="utf-8") if args.out else None
    server = ThreadingHTTPServer((args.bind, args.port), make_handler(args.secret.encode(), out))
    print(f"listening on http://{args.bind}:{server.server_port}/", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
