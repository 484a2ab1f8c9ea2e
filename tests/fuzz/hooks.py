"""Schemathesis hooks for tests/fuzz/run.sh.

An Idempotency-Key is unique per request by contract (API.md: the same key with another
body is a 422). Hypothesis draws short strings and repeats them, which would make valid
requests collide on a key and be refused for that reason alone; a generated key that is
valid is replaced by a fresh UUID, and an invalid one is kept so the fuzzer still checks
that it is refused.
"""
import re
import uuid

import schemathesis

VALID_KEY = re.compile(r"^[!-~]{1,255}$")


@schemathesis.hook
def map_headers(context, headers):
    if headers:
        for name in list(headers):
            if name.lower() == "idempotency-key" and isinstance(headers[name], str) and VALID_KEY.match(headers[name]):
                headers[name] = str(uuid.uuid4())
    return headers
