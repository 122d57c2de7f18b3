#!/usr/bin/env python3
"""API tests for `vigia serve` against a real SQLite event store.

    api_test.py --vigia PATH --mkdb PATH --workdir DIR

serve_mkdb fills a fresh store with generated events and dumps them as JSON
Lines; every expected count below is computed from that dump, never from the
server. The server is the real `vigia serve` on an ephemeral port. Static
files come from a web root built here, next to a secret file and symlinks
pointing out of it, so that path traversal can be tried for real.
"""
import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

FAILS = []
CHECKS = 0
TOKEN = "s3cret-token-for-tests"
SECRET = "TOP-SECRET-MARKER-6f1c"
BACKEND = "sqlite"
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VIGIA = None


def check(cond, what):
    global CHECKS
    CHECKS += 1
    if not cond:
        FAILS.append(what)
        print("FAIL:", what, flush=True)


class Server:
    def __init__(self, vigia, args):
        self.proc = subprocess.Popen([vigia, "serve", "--port", "0", "--quiet"] + args,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "listening on" not in line:
            err = self.proc.stderr.read()
            raise SystemExit(f"server did not start: {line!r} {err}")
        self.port = int(line.strip().rsplit(":", 1)[1].strip("/"))

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise SystemExit("server did not stop on SIGTERM")
        check(self.proc.returncode == 0, f"server exit code {self.proc.returncode}")


def request(port, method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data


def get_json(port, path, want=200):
    st, h, data = request(port, "GET", path)
    check(st == want, f"GET {path}: status {st}, wanted {want}: {data[:200]!r}")
    check(h.get("content-type", "").startswith("application/json"), f"GET {path}: content-type {h.get('content-type')}")
    try:
        return json.loads(data)
    except ValueError:
        check(False, f"GET {path}: body is not JSON: {data[:200]!r}")
        return {}


def is_error(doc, code=None):
    e = doc.get("error") if isinstance(doc, dict) else None
    ok = isinstance(e, dict) and isinstance(e.get("code"), str) and isinstance(e.get("message"), str) and e["message"]
    return bool(ok) and (code is None or e["code"] == code)


def raw(port, request_line, extra=b""):
    """Send a request line exactly as given (no client-side normalisation)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(request_line + b"\r\nHost: x\r\nConnection: close\r\n" + extra + b"\r\n")
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, data


def ymd(d):
    return f"{d // 10000:04d}-{d // 100 % 100:02d}-{d % 100:02d}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vigia", required=True)
    ap.add_argument("--mkdb", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--pg", action="store_true",
                    help="use a fresh database of the PostgreSQL cluster at $VIGIA_TEST_PG")
    a = ap.parse_args()

    global VIGIA
    VIGIA = a.vigia
    work = a.workdir
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    db = os.path.join(work, "events.db")
    global BACKEND
    if a.pg:
        base = os.environ.get("VIGIA_TEST_PG")
        if not base:
            print("api_test --pg: VIGIA_TEST_PG is not set (run through ctest: the store_pg fixture starts PostgreSQL)")
            return 1
        name = "vigia_serve_api"
        for sql in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
            subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", base + "/postgres", "-c", sql], check=True)
        db = f"{base}/{name}"
        BACKEND = "postgresql"
    dump = os.path.join(work, "events.jsonl")
    subprocess.run([a.mkdb, db, dump], check=True)
    events = [json.loads(l) for l in open(dump)]
    N = len(events)
    check(N > 300, f"generated {N} events")

    # A web root with a secret beside it and symlinks that lead out of it.
    web = os.path.join(work, "web")
    os.makedirs(os.path.join(web, "sub"))
    with open(os.path.join(web, "index.html"), "w") as f:
        f.write("<!doctype html><title>t</title>INDEX-MARKER")
    with open(os.path.join(web, "sub", "a.txt"), "w") as f:
        f.write("A-MARKER")
    with open(os.path.join(web, ".hidden"), "w") as f:
        f.write(SECRET)
    with open(os.path.join(work, "secret.txt"), "w") as f:
        f.write(SECRET)
    os.symlink(work, os.path.join(web, "escape"))
    os.symlink(os.path.join(work, "secret.txt"), os.path.join(web, "link.txt"))
    os.symlink(os.path.join(web, "sub", "a.txt"), os.path.join(web, "inside.txt"))
    import gzip
    with open(os.path.join(web, "big.js"), "w") as f:
        f.write("var x = 1;\n" * 1000)
    with gzip.open(os.path.join(web, "big.js.gz"), "wt") as f:
        f.write("var x = 1;\n" * 1000)

    srv = Server(a.vigia, ["--db", db, "--web", web, "--token", TOKEN, "--max-body", "4096", "--threads", "4"])
    p = srv.port
    try:
        run_tests(p, events, N, web)
    finally:
        srv.stop()

    # Without --token the write endpoint is disabled.
    srv2 = Server(a.vigia, ["--db", db, "--web", web])
    try:
        st, _, data = request(srv2.port, "POST", "/api/ingest", body=b'{"id":"x","text":"y"}',
                              headers={"Content-Type": "application/json", "Authorization": "Bearer " + TOKEN})
        check(st == 403 and is_error(json.loads(data), "writes_disabled"), f"ingest without --token: {st} {data[:120]!r}")
    finally:
        srv2.stop()

    # A bad --db is refused at start, not at the first request.
    r = subprocess.run([a.vigia, "serve", "--port", "0", "--db", os.path.join(work, "no", "such", "dir", "x.db")],
                       capture_output=True, text=True, timeout=30)
    check(r.returncode != 0 and "vigia" in r.stderr, f"bad --db: exit {r.returncode}, stderr {r.stderr!r}")

    print(f"{CHECKS} checks, {len(FAILS)} failed")
    return 1 if FAILS else 0


def run_tests(p, events, N, web):
    # ---- health ----
    h = get_json(p, "/healthz")
    check(h.get("status") == "ok", "healthz status ok")
    dbi = h.get("database") or {}
    check(dbi.get("events") == N, f"healthz events {dbi.get('events')} == {N}")
    check(dbi.get("backend") == BACKEND, f"healthz backend {BACKEND}")
    check(dbi.get("from") == ymd(min(e["date"] for e in events)), "healthz from = first event date")
    st, hd, body = request(p, "HEAD", "/healthz")
    check(st == 200 and body == b"" and int(hd.get("content-length", "0")) > 20, f"HEAD /healthz: {st} {body[:50]!r} {hd}")

    # ---- events: pagination walks every event exactly once ----
    seen = []
    path = "/api/events?limit=97&evidence=0"
    pages = 0
    prev_date = "9999-99-99"
    ordered = True
    while path and pages < 100:
        d = get_json(p, path)
        pages += 1
        check(d.get("total") == N, f"events total {d.get('total')} == {N}")
        for e in d.get("events", []):
            seen.append(e["id"])
            ordered &= e["date"] <= prev_date
            prev_date = e["date"]
        path = d.get("next")
    check(len(seen) == N and len(set(seen)) == N, f"pagination gave {len(seen)} events, {len(set(seen))} distinct, of {N}")
    check(pages == (N + 96) // 97, f"pages {pages}")
    check(ordered, "default order is newest first")
    st, hd, _ = request(p, "GET", "/api/events?limit=5&actor=VEN")
    check('rel="next"' in hd.get("link", ""), f"Link rel=next header: {hd.get('link')}")

    def expect(query, pred, label):
        d = get_json(p, "/api/events?limit=1000&evidence=0&" + query)
        want = [e for e in events if pred(e)]
        check(d.get("total") == len(want), f"{label}: total {d.get('total')} want {len(want)}")
        check(len(d.get("events", [])) == min(1000, len(want)), f"{label}: page size")
        return d

    expect("actor=VEN", lambda e: e["source"].startswith("VEN") or e["target"].startswith("VEN"), "actor=VEN")
    expect("source=USA", lambda e: e["source"].startswith("USA"), "source=USA")
    expect("source=USAMIL", lambda e: e["source"].startswith("USAMIL"), "source=USAMIL")
    expect("target=GUY", lambda e: e["target"].startswith("GUY"), "target=GUY")
    expect("dyad=USA-VEN", lambda e: {e["source"][:3], e["target"][:3]} == {"USA", "VEN"}, "dyad=USA-VEN")
    expect("code=19", lambda e: e["code"].startswith("19"), "code=19")
    expect("root=11", lambda e: e["root"] == 11, "root=11")
    expect("quad=4", lambda e: e["quad"] == 4, "quad=4")
    expect("from=2025-11-01&to=2025-11-30", lambda e: 20251101 <= e["date"] <= 20251130, "from/to")
    d = expect("source=COL&target=USA&quad=1&to=2025-09-14",
               lambda e: e["source"] == "COL" and e["target"] == "USA" and e["quad"] == 1 and e["date"] <= 20250914,
               "combined filters")
    d = expect("min_mentions=2", lambda e: e["mentions"] >= 2, "min_mentions=2")
    check(all(e["num_mentions"] >= 2 for e in d.get("events", [])), "min_mentions respected")

    d = get_json(p, "/api/events?dyad=USAMIL-VEN&limit=3&evidence=2&order=date")
    ev = d["events"][0]
    for k in ("id", "date", "source", "target", "code", "name", "root", "quad", "goldstein",
              "num_mentions", "num_sources", "num_articles", "evidence"):
        check(k in ev, f"event has {k}")
    check(ev["evidence"] and ev["evidence"][0]["text"] and ev["evidence"][0]["source_text"] == "The US military",
          f"evidence text and source words: {ev['evidence'][:1]}")
    check(ev["evidence"][0]["publisher"] in ("Wire A", "Wire B"), "evidence publisher")
    dates = [e["date"] for e in d["events"]]
    check(dates == sorted(dates), "order=date ascending")

    # CSV export: every matching event, one evidence sentence, RFC 4180 quoting.
    import csv, io
    st, h, data = request(p, "GET", "/api/events?format=csv&actor=VEN")
    rows = list(csv.DictReader(io.StringIO(data.decode())))
    nven = sum(1 for e in events if e["source"].startswith("VEN") or e["target"].startswith("VEN"))
    check(st == 200 and h.get("content-type", "").startswith("text/csv") and "attachment" in h.get("content-disposition", ""),
          f"CSV headers: {st} {h.get('content-type')}")
    check(len(rows) == nven, f"CSV rows {len(rows)} == {nven}")
    check(rows and rows[0]["sentence"] and rows[0]["doc_id"] and float(rows[0]["goldstein"]) == float(rows[0]["goldstein"]),
          "CSV row has evidence and numbers")
    check(all(r["source"].startswith("VEN") or r["target"].startswith("VEN") for r in rows), "CSV rows match the filter")
    d = get_json(p, "/api/events?format=xml", want=400)
    check(is_error(d), "format=xml refused")

    for bad in ("limit=0", "limit=abc", "limit=100000", "quad=7", "root=21", "from=2025-13-45", "to=yesterday",
                "actor=VEN%27%3B--", "code=abc", "order=bogus", "dyad=USA", "from=2026-01-01&to=2025-01-01",
                "offset=-1"):
        d = get_json(p, "/api/events?" + bad, want=400)
        check(is_error(d), f"events?{bad}: JSON error body")

    # ---- trend ----
    t = get_json(p, "/api/trend?a=USA&b=VEN&by=week")
    pairs = [e for e in events if {e["source"][:3], e["target"][:3]} == {"USA", "VEN"}]
    check(sum(pt["events"] for pt in t.get("points", [])) == len(pairs),
          f"trend events sum {sum(pt['events'] for pt in t.get('points', []))} == {len(pairs)}")
    ab = sum(pt["ab"]["events"] for pt in t["points"])
    check(ab == sum(1 for e in pairs if e["source"].startswith("USA")), "trend ab = USA acting on VEN")
    per = [pt["period"] for pt in t["points"]]
    check(per == sorted(per) and len(per) == len(set(per)), "trend periods ordered and unique")
    import datetime
    check(all(datetime.date.fromisoformat(x).weekday() == 0 for x in per), "weeks start on Monday")
    conf = sum(max(0.0, -e["goldstein"]) for e in pairs)
    check(abs(sum(pt["conf"] for pt in t["points"]) - conf) < 0.01 * max(1, conf), "trend conflict = sum of -Goldstein")
    t = get_json(p, "/api/trend?a=USA&b=VEN&by=month&from=2025-11-01&to=2025-11-30")
    check(len(t.get("points", [])) == 1 and t["points"][0]["period"] == "2025-11-01", f"monthly trend in November: {t.get('points')}")
    check(t["points"][0]["events"] == sum(1 for e in pairs if 20251101 <= e["date"] <= 20251130), "November count")
    for bad in ("a=USA", "b=VEN", "a=USA&b=VEN&by=year", "a=US%20A&b=VEN", "a=USA&b=VEN&from=x"):
        d = get_json(p, "/api/trend?" + bad, want=400)
        check(is_error(d), f"trend?{bad}: JSON error")

    # ---- partners ----
    d = get_json(p, "/api/partners?a=VEN")
    codes = [x["code"] for x in d.get("partners", [])]
    check("USA" in codes and "RUS" in codes and "GUY" in codes, f"VEN partners {codes}")
    usa = next(x for x in d["partners"] if x["code"] == "USA")
    check(usa["events"] == len(pairs), f"VEN-USA partner events {usa['events']} == {len(pairs)}")
    check(codes[0] == "USA", "partners sorted by events (USA first)")

    # ---- network ----
    n = get_json(p, "/api/network")
    ids = {x["id"] for x in n.get("nodes", [])}
    check({"USA", "VEN", "RUS", "CHN", "GUY", "COL"} <= ids, f"network nodes {sorted(ids)}")
    e = [x for x in n.get("edges", []) if {x["source"], x["target"]} == {"USA", "VEN"}]
    check(len(e) == 1 and e[0]["events"] == len(pairs), f"USA-VEN edge {e}")
    rv = [x for x in n["edges"] if {x["source"], x["target"]} == {"RUS", "VEN"}]
    check(rv and rv[0]["weight"] > 0, "RUS-VEN edge is cooperative")
    check(e and e[0]["weight"] < 0, "USA-VEN edge is conflictual")
    check(isinstance(n.get("blocs"), list), "network has blocs")
    n2 = get_json(p, "/api/network?from=2025-08-01&to=2025-08-31")
    e2 = [x for x in n2["edges"] if {x["source"], x["target"]} == {"USA", "VEN"}]
    check(e2 and e2[0]["events"] == sum(1 for x in pairs if x["date"] <= 20250831), "network window")
    get_json(p, "/api/network?from=bad", want=400)

    # ---- alerts ----
    al = get_json(p, "/api/alerts")
    check(isinstance(al.get("alerts"), list) and al.get("count", 0) >= 1, f"alerts found: {al.get('count')}")
    for x in al.get("alerts", [])[:5]:
        for k in ("kind", "a", "b", "date", "summary", "events"):
            check(k in x, f"alert has {k}")
        check(x["kind"] in ("spike", "turn", "first-material"), f"alert kind {x['kind']}")
    al2 = get_json(p, "/api/alerts?dyad=COL-USA")
    check(all({x["a"][:3], x["b"][:3]} == {"COL", "USA"} for x in al2.get("alerts", [])), "alerts dyad filter")
    get_json(p, "/api/alerts?kind=nope", want=400)

    # ---- actors ----
    d = get_json(p, "/api/actors?q=venez")
    check(any(x["code"] == "VEN" for x in d.get("actors", [])), f"actors q=venez finds VEN: {d.get('actors')}")
    d = get_json(p, "/api/actors?q=us")
    codes = [x["code"] for x in d.get("actors", [])]
    check("USA" in codes and "USAMIL" in codes, f"actors q=us: {codes}")
    check(all(c.startswith("US") or c == "AUS" or True for c in codes), "actors prefix")
    get_json(p, "/api/actors?q=" + "x" * 100, want=400)

    # ---- POST /api/code ----
    # The CLI is the oracle: for every example article, the API must give
    # exactly the events `vigia code` gives (same dictionaries, same coder).
    articles = os.path.join(REPO, "examples", "articles.jsonl")
    if os.path.exists(articles):
        cli = subprocess.run([VIGIA, "code", "-q", articles], capture_output=True, text=True, timeout=300)
        check(cli.returncode == 0, f"vigia code examples: exit {cli.returncode} {cli.stderr[:200]}")
        want = {}
        for line in cli.stdout.splitlines():
            e = json.loads(line)
            want.setdefault(e["id"], []).append((e["source"], e["target"], e["code"], e["sentence"]))
        total = 0
        mismatched = []
        for line in open(articles):
            rec = json.loads(line)
            body = json.dumps({"text": rec["text"], "date": rec["date"], "id": rec["id"]}).encode()
            st, h, data = request(p, "POST", "/api/code", body=body, headers={"Content-Type": "application/json"})
            check(st == 200, f"POST /api/code {rec['id']}: {st} {data[:200]!r}")
            if st != 200:
                continue
            d = json.loads(data)
            got = [(e["source"], e["target"], e["code"], e["sentence"]) for e in d["events"]]
            total += len(got)
            if sorted(got) != sorted(want.get(rec["id"], [])):
                mismatched.append(rec["id"])
            for e in d["events"]:
                ev = e["evidence"]
                check(ev["text"] and rec["text"].find(ev["text"][:40]) >= 0, f"{rec['id']}: evidence sentence is from the text")
                for part in ("source", "verb", "target"):
                    sp = ev.get(part)
                    if sp and sp.get("start") is not None:
                        check(ev["text"].encode()[sp["start"]:sp["end"]].decode(errors="replace") == sp["text"],
                              f"{rec['id']}: {part} offsets point at its words")
        check(not mismatched, f"/api/code equals `vigia code` for every example: differs for {mismatched[:5]}")
        check(total == sum(len(v) for v in want.values()), f"/api/code events {total} == CLI events")
        check(total > 0, f"the examples code into some events ({total})")
    body = json.dumps({"text": "The United States imposed new sanctions on Venezuela on Tuesday.",
                       "date": "2025-11-04", "id": "t1"}).encode()
    st, h, data = request(p, "POST", "/api/code", body=body, headers={"Content-Type": "application/json"})
    check(st == 200, f"POST /api/code: {st} {data[:300]!r}")
    if st == 200:
        d = json.loads(data)
        check(d["id"] == "t1" and d["date"] == "2025-11-04" and d["sentences"] == 1, f"code result header {d}")
        check(isinstance(d["events"], list) and d["count"] == len(d["events"]), "code result events")
    st, h, data = request(p, "POST", "/api/code?date=2025-11-04", body=b"Russia praised Venezuela.",
                          headers={"Content-Type": "text/plain"})
    check(st == 200 and "events" in json.loads(data), f"text/plain code: {st}")
    for bad, code in ((b'{"text": "abc"', "bad_json"), (b'{"txt": "abc"}', "missing_field"),
                      (b'{"text": "   "}', "empty_text"), (b'[1,2]', "bad_json"),
                      (b'{"text": "a", "date": "soon"}', "bad_field")):
        st, h, data = request(p, "POST", "/api/code", body=bad, headers={"Content-Type": "application/json"})
        check(st == 400 and is_error(json.loads(data), code), f"code body {bad!r}: {st} {data[:200]!r}")
    st, h, data = request(p, "POST", "/api/code", body=b'{"text": "abc"', headers={"Content-Type": "application/json"})
    check(b"byte" in data, "bad JSON error names the byte offset")
    big = json.dumps({"text": "The United States criticised Venezuela. " * 200}).encode()
    st, h, data = request(p, "POST", "/api/code", body=big, headers={"Content-Type": "application/json"})
    check(st == 413 and is_error(json.loads(data), "too_large"), f"413 with Content-Length: {st}")
    # Chunked: the size is only known while reading.
    c = http.client.HTTPConnection("127.0.0.1", p, timeout=30)
    c.request("POST", "/api/code", body=iter([big[:3000], big[3000:]]),
              headers={"Content-Type": "application/json"}, encode_chunked=True)
    r = c.getresponse()
    data = r.read()
    check(r.status == 413 and is_error(json.loads(data), "too_large"), f"413 chunked: {r.status} {data[:100]!r}")
    c.close()
    st, h, data = request(p, "GET", "/api/code")
    check(st == 405 and "POST" in h.get("allow", "") and "link" not in h, f"GET /api/code: {st} allow={h.get('allow')}")
    st, h, data = request(p, "DELETE", "/api/events")
    check(st == 405, f"DELETE /api/events: {st}")

    # ---- POST /api/ingest: auth, then partial success ----
    jl = (json.dumps({"id": "ing-1", "date": "2025-12-01", "source": "Test Wire",
                      "text": "Russia signed an agreement with Venezuela on Monday."}) + "\n"
          + '{"id": "ing-2", "date": "2025-12-01", "text": unquoted}\n').encode()
    st, h, data = request(p, "POST", "/api/ingest", body=jl, headers={"Content-Type": "application/x-ndjson"})
    check(st == 401 and "bearer" in h.get("www-authenticate", "").lower() and is_error(json.loads(data)), f"ingest no auth: {st}")
    st, h, data = request(p, "POST", "/api/ingest", body=jl,
                          headers={"Content-Type": "application/x-ndjson", "Authorization": "Bearer wrong-token-123"})
    check(st == 403 and is_error(json.loads(data), "forbidden"), f"ingest bad token: {st}")
    st, h, data = request(p, "POST", "/api/ingest", body=jl,
                          headers={"Content-Type": "application/x-ndjson", "Authorization": "Basic " + TOKEN})
    check(st == 403, f"ingest non-bearer auth: {st}")
    before = get_json(p, "/healthz")["database"]["documents"]
    st, h, data = request(p, "POST", "/api/ingest", body=jl,
                          headers={"Content-Type": "application/x-ndjson", "Authorization": "Bearer " + TOKEN})
    d = json.loads(data) if data else {}
    check(st == 200 and d.get("stored") == 1 and d.get("skipped") == 1, f"ingest partial: {st} {d}")
    errs = d.get("errors") or [{}]
    check(errs[0].get("line") == 2 and errs[0].get("message"), f"ingest error names line 2: {errs}")
    after = get_json(p, "/healthz")["database"]["documents"]
    check(after == before + 1, f"documents {before} -> {after}")
    # Same document again: unchanged, nothing duplicated.
    st, h, data = request(p, "POST", "/api/ingest", body=jl.split(b"\n")[0],
                          headers={"Content-Type": "application/json", "Authorization": "Bearer " + TOKEN})
    d = json.loads(data)
    check(st == 200 and d.get("docs_unchanged") == 1 and d.get("docs_new") == 0, f"re-ingest unchanged: {d}")
    check(get_json(p, "/healthz")["database"]["documents"] == after, "re-ingest adds no document")
    # A pretty-printed single JSON object.
    pretty = json.dumps({"id": "ing-3", "date": "2025-12-02", "text": "Cuba praised Venezuela."}, indent=2).encode()
    st, h, data = request(p, "POST", "/api/ingest", body=pretty,
                          headers={"Content-Type": "application/json", "Authorization": "Bearer " + TOKEN})
    check(st == 200 and json.loads(data).get("stored") == 1, f"ingest pretty JSON: {st} {data[:200]!r}")
    st, h, data = request(p, "POST", "/api/ingest", body=b"not json at all\n",
                          headers={"Content-Type": "application/x-ndjson", "Authorization": "Bearer " + TOKEN})
    check(st == 400, f"ingest all bad: {st}")

    # ---- static files and traversal ----
    st, h, data = request(p, "GET", "/")
    check(st == 200 and b"INDEX-MARKER" in data and h.get("content-type", "").startswith("text/html"), f"GET /: {st}")
    check("default-src 'self'" in h.get("content-security-policy", ""), "CSP header")
    check(h.get("x-content-type-options") == "nosniff", "nosniff header")
    st, h, data = request(p, "GET", "/sub/a.txt")
    check(st == 200 and data == b"A-MARKER", f"GET /sub/a.txt: {st}")
    lm = h.get("last-modified", "")
    check(lm.endswith(" GMT"), f"Last-Modified: {lm!r}")
    st, h, data = request(p, "GET", "/sub/a.txt", headers={"If-Modified-Since": lm})
    check(st == 304 and data == b"", f"revalidation answers 304: {st}")
    st, h, data = request(p, "GET", "/sub/a.txt", headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})
    check(st == 200 and data == b"A-MARKER", f"stale copy gets the file: {st}")
    import gzip
    st, h, data = request(p, "GET", "/big.js", headers={"Accept-Encoding": "gzip, deflate"})
    check(st == 200 and h.get("content-encoding") == "gzip" and h.get("content-type", "").startswith("text/javascript")
          and gzip.decompress(data) == b"var x = 1;\n" * 1000, f"precompressed file: {st} {h.get('content-encoding')}")
    st, h, data = request(p, "GET", "/big.js")
    check(st == 200 and "content-encoding" not in h and data == b"var x = 1;\n" * 1000, "plain file without Accept-Encoding")
    st, h, data = request(p, "GET", "/big.js", headers={"Accept-Encoding": "gzip;q=0"})
    check(st == 200 and "content-encoding" not in h, "gzip;q=0 is refused")
    st, h, data = request(p, "GET", "/inside.txt")
    check(st == 200 and data == b"A-MARKER", f"symlink inside the root is served: {st}")
    st, h, data = request(p, "GET", "/sub/")
    check(st == 404, f"directory without index: {st}")
    st, h, data = request(p, "GET", "/nope.js")
    check(st == 404 and is_error(json.loads(data), "not_found"), f"missing file: {st}")
    attempts = [
        b"GET /../secret.txt HTTP/1.1",
        b"GET /sub/../../secret.txt HTTP/1.1",
        b"GET /%2e%2e/secret.txt HTTP/1.1",
        b"GET /%2E%2E/secret.txt HTTP/1.1",
        b"GET /sub/%2e%2e/%2e%2e/secret.txt HTTP/1.1",
        b"GET /%2e%2e%2fsecret.txt HTTP/1.1",
        b"GET /sub/..%2f..%2fsecret.txt HTTP/1.1",
        b"GET /%252e%252e/secret.txt HTTP/1.1",
        b"GET /..%5csecret.txt HTTP/1.1",
        b"GET /escape/secret.txt HTTP/1.1",
        b"GET /link.txt HTTP/1.1",
        b"GET /.hidden HTTP/1.1",
        b"GET //etc/passwd HTTP/1.1",
        b"GET /etc/passwd HTTP/1.1",
        b"GET " + os.path.join(os.path.dirname(web), "secret.txt").encode() + b" HTTP/1.1",
        b"GET /%00 HTTP/1.1",
        b"GET /index.html%00.txt HTTP/1.1",
        b"GET /secret.txt%00 HTTP/1.1",
        b"GET /%2 HTTP/1.1",
        b"GET /%zz HTTP/1.1",
        b"GET ../secret.txt HTTP/1.1",
        b"GET http://x/../secret.txt HTTP/1.1",
        b"GET /api/../../secret.txt HTTP/1.1",
    ]
    for line in attempts:
        st, data = raw(p, line)
        check(st in (400, 404), f"{line!r}: status {st}")
        check(SECRET.encode() not in data and b"root:" not in data, f"{line!r}: leaked content")

    # ---- garbage on the wire: the server answers or closes, never dies ----
    import random
    rng = random.Random(7)
    pieces = [b"GET ", b"POST ", b"HEAD ", b"BREW ", b"/", b"/api/", b"events", b"code", b"?", b"&", b"=", b"%",
              b"%00", b"%2e", b"..", b" HTTP/1.1", b" HTTP/9.9", b"\r\n", b"\n", b"Content-Length: ",
              b"Transfer-Encoding: chunked", b"Authorization: Bearer ", b"Host: x", b"\x00", b"\xff\xfe", b"-1",
              b"99999999999999999999", b":", b"{", b"}", b"\"", b"a" * 300]
    for _ in range(300):
        msg = b"".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        if rng.random() < 0.3:
            msg += b"\r\n\r\n" + bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 200)))
        # Incomplete request lines wait for the idle timeout; do not wait with them.
        try:
            sock = socket.create_connection(("127.0.0.1", p), timeout=0.2)
        except OSError as e:
            check(False, f"connect after malformed requests: {e}")
            continue
        try:
            sock.sendall(msg)
            sock.shutdown(socket.SHUT_WR)
            while sock.recv(65536):
                pass
        except OSError:
            pass
        finally:
            sock.close()
    st, _, data = request(p, "GET", "/healthz")
    check(st == 200 and json.loads(data)["status"] == "ok", "server healthy after 300 malformed requests")

    # ---- misc ----
    d = get_json(p, "/api/nothing", want=404)
    check(is_error(d, "not_found"), "unknown endpoint JSON 404")
    d = get_json(p, "/api/events?actor=VEN%zz", want=400)
    check(is_error(d, "bad_uri"), "bad escape in query -> 400")

    # ---- concurrency: several clients at once, every answer complete ----
    results = []

    def worker():
        for _ in range(20):
            st, _, data = request(p, "GET", "/api/trend?a=USA&b=VEN&by=week")
            results.append(st == 200 and json.loads(data)["count"] > 0)

    ts = [threading.Thread(target=worker) for _ in range(8)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    check(len(results) == 160 and all(results), f"concurrent trend requests: {sum(results)}/160 ok")

    # Writers and readers at once: every ingest lands once, no reader fails.
    before = get_json(p, "/healthz")["database"]["documents"]
    outcome = []

    def writer(w):
        for i in range(10):
            doc = json.dumps({"id": f"conc-{w}-{i}", "date": "2025-12-03",
                              "text": f"Brazil praised Venezuela on day {i} of talks {w}."}).encode()
            st, _, data = request(p, "POST", "/api/ingest", body=doc,
                                  headers={"Content-Type": "application/json", "Authorization": "Bearer " + TOKEN})
            outcome.append(("w", st, data[:200]))

    def reader():
        for _ in range(25):
            st, _, data = request(p, "GET", "/api/events?actor=BRA&limit=5")
            outcome.append(("r", st, data[:200]))

    ts = [threading.Thread(target=writer, args=(w,)) for w in range(2)] + [threading.Thread(target=reader) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    bad = [o for o in outcome if o[1] != 200]
    check(not bad, f"concurrent ingest and reads: {len(bad)} failures, e.g. {bad[:2]}")
    check(get_json(p, "/healthz")["database"]["documents"] == before + 20, "20 concurrent ingests stored once each")


if __name__ == "__main__":
    sys.exit(main())
