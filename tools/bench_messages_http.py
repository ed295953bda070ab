#!/usr/bin/env python3
"""GET /api/messages/ over real HTTP with 10,000 stored messages (docs/benchmarks.md, Messages).

Start Charon first with an empty data directory and a known GM password, e.g.
  CHARON_DATA_DIR=/tmp/charon-msg CHARON_GM_PASSWORD=msg-bench-password mvn -Prun package
then run:  python3 tools/bench_messages_http.py [base-url] [gm-password]
It stores 10,000 broadcasts (every fifth addressed to player 'pia') through the API, then times
1,000 polls of each kind with one keep-alive connection. Standard library only.
"""
import http.client
import json
import sys
import time
from urllib.parse import urlparse

base = urlparse(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080")
gm_password = sys.argv[2] if len(sys.argv) > 2 else "msg-bench-password"
prefix = base.path.rstrip("/")
conn = http.client.HTTPConnection(base.hostname, base.port or 80)


def req(method, path, body=None, cookies=None, csrf=None):
    headers = {"Content-Type": "application/json"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if csrf:
        headers["X-CSRFToken"] = csrf
    conn.request(method, prefix + path, body=body, headers=headers)
    r = conn.getresponse()
    data = r.read()
    for k, v in r.getheaders():
        if k.lower() == "set-cookie" and cookies is not None:
            name, value = v.split(";", 1)[0].split("=", 1)
            cookies[name] = value
    return r.status, data


def login(user, password):
    jar = {}
    req("GET", "/api/auth/me/", cookies=jar)
    status, body = req("POST", "/api/auth/login/", json.dumps({"username": user, "password": password}), jar, jar["csrftoken"])
    assert status == 200, body
    return jar


gm = login("gm", gm_password)
req("POST", "/api/gm/players/", json.dumps({"username": "pia", "password": "pia-password"}), gm, gm["csrftoken"])
started = time.perf_counter()
for i in range(10000):
    body = {"content": f"Message {i}: the hull groans.", "priority": ["LOW", "NORMAL", "HIGH", "CRITICAL"][i % 4]}
    if i % 5 == 0:
        body["recipients"] = ["pia"]
    status, answer = req("POST", "/api/gm/broadcast/", json.dumps(body), gm, gm["csrftoken"])
    assert status == 200, answer
print("10000 broadcasts in %.1f s" % (time.perf_counter() - started))
pia = login("pia", "pia-password")


def bench(name, path, cookies, n=1000):
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        status, data = req("GET", path, cookies=dict(cookies))
        times.append((time.perf_counter() - t0) * 1000)
        assert status == 200
    times.sort()
    print("%-40s p50 %.2f ms  p99 %.2f ms  max %.2f ms  (%d bytes)"
          % (name, times[n // 2], times[int(n * 0.99)], times[-1], len(data)))


bench("player, first poll (newest 50)", "/api/messages/", pia)
bench("player, since=9990 (poll with news)", "/api/messages/?since=9990", pia)
bench("player, since=latest (empty poll)", "/api/messages/?since=999999", pia)
bench("public terminal, broadcasts", "/api/messages/", {})
