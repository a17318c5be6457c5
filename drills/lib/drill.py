#!/usr/bin/env python3
"""Client side of the cluster drills: sets up a catalog, drives orders through the public API,
posts goods receipts until everything settles, and checks the books afterwards.

Subcommands (the database is reached with psql, the service over HTTP Basic as admin):
  setup   --ports P[,P]                    suppliers, products, stock
  load    --ports P[,P] --orders N         place N orders (mixed), cancel some; prints a JSON summary
  settle  --ports P[,P] --timeout S        receive goods for open backorders until nothing moves
  check   --ports P[,P] --orders N [--sink FILE] [--two-nodes]   PASS/FAIL lines

Environment: DB (database name), ADMIN_PASSWORD, PG_HOST (127.0.0.1), PG_USER (postgres).
"""
import argparse
import base64
import http.client
import collections
import json
import os
import random
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

SUPPLIER = "drill-supplier"
IN_STOCK = {"DRILL-IN-1": ("10.00", 600), "DRILL-IN-2": ("19.90", 600), "DRILL-IN-3": ("5.25", 600),
            "DRILL-IN-4": ("42.00", 600)}
SCARCE = {"DRILL-SCARCE-1": ("25.50", 15), "DRILL-SCARCE-2": ("7.99", 10), "DRILL-SCARCE-3": ("99.00", 5)}
DENIED = {"DRILL-DENY": ("15.00", 10)}
TERMINAL = ("SHIPPED", "REJECTED", "CANCELLED")
ORDER_PREFIX = "D-"


def log(text):
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} drill.py] {text}", file=sys.stderr, flush=True)


def psql(query, *options):
    """Runs one query with psql; retries while the server refuses connections (it is shared: "too many clients")."""
    for attempt in range(30):
        done = subprocess.run(["psql", "-h", os.environ.get("PG_HOST", "127.0.0.1"), "-U", os.environ.get("PG_USER", "postgres"),
                               "-d", os.environ["DB"], "-v", "ON_ERROR_STOP=1", "-qtAX", *options, "-c", query],
                              capture_output=True, text=True)
        if done.returncode == 0:
            return done.stdout
        if "too many clients" not in done.stderr and "could not connect" not in done.stderr:
            raise RuntimeError(f"psql failed: {done.stderr.strip()} in: {query[:200]}")
        time.sleep(2)
    raise RuntimeError(f"psql could not connect: {done.stderr.strip()}")


def sql(query):
    out = psql(query, "-F", "|")
    return [line.split("|") for line in out.splitlines() if line != ""]


def scalar(query):
    rows = sql(query)
    return rows[0][0] if rows else None


class Api:
    def __init__(self, ports):
        self.ports = ports
        self.auth = "Basic " + base64.b64encode(f"admin:{os.environ['ADMIN_PASSWORD']}".encode()).decode()
        self.lock = threading.Lock()
        self.stats = collections.Counter()

    def call(self, method, path, body=None, prefer=0, attempts=60):
        """Sends to one node, falls over to the other when a node is down. Answers (status, json)."""
        data = None if body is None else json.dumps(body).encode()
        last = None
        for attempt in range(attempts):
            port = self.ports[(prefer + attempt) % len(self.ports)]
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method,
                                             headers={"Authorization": self.auth, "Content-Type": "application/json",
                                                      "Accept": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=60) as answer:
                    return answer.status, json.loads(answer.read() or b"null")
            except urllib.error.HTTPError as error:
                text = error.read().decode("utf-8", "replace")
                if error.code == 503:  # a lock conflict or a node going down: try again
                    self.count("retried 503")
                    last = (error.code, text)
                    time.sleep(0.5)
                    continue
                if error.code >= 500:
                    self.count(f"answered {error.code}")
                    log(f"{method} {path} on {port}: {error.code} {text[:300]}")
                try:
                    return error.code, json.loads(text)
                except ValueError:
                    return error.code, text
            except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError, OSError) as error:
                # a node killed mid-request: the connection fails or the answer breaks off; ask again
                self.count("retried after connection failure")
                last = (None, str(error))
                time.sleep(1)
        raise RuntimeError(f"{method} {path}: no node answered ({last})")

    def count(self, what):
        with self.lock:
            self.stats[what] += 1


def setup(api):
    status, _ = api.call("PUT", f"/api/suppliers/{SUPPLIER}", {"name": "Drill supplier", "leadTime": "P5D",
                                                              "minOrderQuantity": 1, "batchingWindow": "PT20S",
                                                              "dropShip": False})
    assert status in (200, 201), status
    for catalog, policy in ((IN_STOCK, "ALLOW"), (SCARCE, "ALLOW"), (DENIED, "DENY")):
        for sku, (price, on_hand) in catalog.items():
            status, answer = api.call("PUT", f"/api/products/{sku}", {"name": sku, "price": float(price),
                                                                     "currency": "EUR", "supplierId": SUPPLIER,
                                                                     "backorderPolicy": policy})
            assert status in (200, 201), (status, answer)
            status, answer = api.call("PUT", f"/api/inventory/{sku}", {"onHand": on_hand})
            assert status in (200, 201), (status, answer)
    log("catalog ready")


def order_body(i):
    rnd = random.Random(i)
    kind = i % 10
    lines = []
    if kind <= 5:
        for sku in rnd.sample(sorted(IN_STOCK), 1 if i % 2 else 2):
            lines.append({"sku": sku, "quantity": rnd.randint(1, 3)})
    elif kind <= 8:
        lines.append({"sku": rnd.choice(sorted(SCARCE)), "quantity": rnd.randint(1, 4)})
        if i % 2:
            lines.append({"sku": rnd.choice(sorted(IN_STOCK)), "quantity": rnd.randint(1, 2)})
    else:
        lines.append({"sku": "DRILL-DENY", "quantity": rnd.randint(1, 2)})
    r = i % 20
    token = "tok_declined" if r in (0, 1) else "tok_flaky" if r in (2, 3, 4) else "tok_visa"
    return {"orderId": f"{ORDER_PREFIX}{i:04d}",
            "customer": {"name": f"Drill Customer {i}", "email": f"customer{i}@drill.example",
                         "locale": "de" if i % 4 == 0 else "en"},
            "lines": lines, "shipPolicy": "PARTIAL" if i % 3 else "COMPLETE", "payment": {"token": token}}


def wants_cancel(i):
    return i % 25 == 7


def load(api, orders, workers):
    placed = collections.Counter()

    def one(i):
        try:
            place(i)
        except Exception as error:  # keep placing the others; the check counts what is missing
            log(f"order {i}: gave up: {error}")
            with api.lock:
                placed["client gave up"] += 1

    def place(i):
        body = order_body(i)
        status, answer = api.call("POST", "/api/orders", body, prefer=i)
        with api.lock:
            placed[f"POST {status}"] += 1
        if status not in (200, 201):
            log(f"order {body['orderId']}: {status} {str(answer)[:300]}")
        if wants_cancel(i):
            status, _ = api.call("POST", f"/api/orders/{body['orderId']}/cancel", prefer=i + 1)
            with api.lock:
                placed[f"cancel {status}"] += 1

    started = time.time()
    with ThreadPoolExecutor(workers) as pool:
        for future in [pool.submit(one, i) for i in range(orders)]:
            future.result()
    summary = {"orders": orders, "seconds": round(time.time() - started, 1), "answers": dict(placed),
               "client": dict(api.stats)}
    print(json.dumps(summary))
    if placed["client gave up"]:
        sys.exit(1)


def unsettled():
    """What still moves: a dict of reasons (empty when settled)."""
    row = sql(f"""
        SELECT (SELECT count(*) FROM orders WHERE id LIKE '{ORDER_PREFIX}%' AND status NOT IN ('SHIPPED','REJECTED','CANCELLED')),
               (SELECT count(*) FROM act_ru_job WHERE retries_ > 0 AND suspension_state_ = 1
                   AND (duedate_ IS NULL OR duedate_ <= now())),
               (SELECT count(*) FROM notification_outbox WHERE status IN ('PENDING','SENDING')),
               (SELECT coalesce(sum(open_quantity),0) FROM backorder WHERE status = 'OPEN'),
               (SELECT count(*) FROM act_ru_incident)""")[0]
    names = ("open orders", "due jobs", "notices to send", "open backorder units", "incidents")
    return {name: int(value) for name, value in zip(names, row) if int(value) > 0}


def settle(api, timeout):
    """Receives goods for open backorders (as the warehouse would) until every order has settled."""
    deadline = time.time() + timeout
    receipts = 0
    last_report = 0
    quiet_since = None
    while time.time() < deadline:
        for sku, open_units in sql("SELECT sku, sum(open_quantity) FROM backorder WHERE status = 'OPEN' GROUP BY sku"):
            status, answer = api.call("POST", "/api/inventory/receipts", {"sku": sku, "quantity": int(open_units)},
                                      prefer=receipts)
            receipts += 1
            if status != 201:
                log(f"receipt {sku} x{open_units}: {status} {str(answer)[:200]}")
        state = unsettled()
        # incidents alone do not move: what is left open with only incidents behind it is stuck, not moving
        moving = {k: v for k, v in state.items() if k != "incidents"}
        if not moving or (set(moving) == {"open orders"} and "incidents" in state and not sql(
                "SELECT 1 FROM act_ru_job WHERE retries_ > 0 AND (duedate_ IS NULL OR duedate_ <= now()) LIMIT 1")):
            quiet_since = quiet_since or time.time()
            if time.time() - quiet_since >= 6:  # settled for two polls in a row
                log(f"settled ({state or 'nothing open'}), {receipts} receipts posted")
                print(json.dumps({"settled": True, "receipts": receipts, "left": state}))
                return True
        else:
            quiet_since = None
        if time.time() - last_report > 15:
            log(f"waiting: {state}")
            last_report = time.time()
        time.sleep(3)
    log(f"not settled after {timeout}s: {unsettled()}")
    print(json.dumps({"settled": False, "receipts": receipts, "left": unsettled()}))
    return False


def report(ok, text):
    print(("PASS " if ok else "FAIL ") + text, flush=True)
    return ok


def sample(rows, n=5):
    return "; ".join(",".join(r) for r in rows[:n]) + (f" (+{len(rows) - n} more)" if len(rows) > n else "")


def check_none(description, query):
    rows = sql(query)
    return report(not rows, description + ("" if not rows else f": {len(rows)} offending, e.g. {sample(rows)}"))


def check(api, orders, sink, two_nodes):
    prefix = ORDER_PREFIX
    # 1. none lost: every order exists in the database and through the API, with the same status
    count = int(scalar(f"SELECT count(*) FROM orders WHERE id LIKE '{prefix}%'"))
    report(count == orders, f"all {orders} orders exist in the database (found {count})")
    db_status = dict((r[0], r[1]) for r in sql(f"SELECT id, status FROM orders WHERE id LIKE '{prefix}%'"))
    mismatched, missing = [], []
    for i in range(orders):
        order_id = f"{prefix}{i:04d}"
        status, answer = api.call("GET", f"/api/orders/{order_id}", prefer=i)
        if status != 200:
            missing.append(f"{order_id}:{status}")
        elif answer.get("status") != db_status.get(order_id):
            mismatched.append(f"{order_id}:{answer.get('status')}!={db_status.get(order_id)}")
    report(not missing, f"GET /api/orders/{{id}} answers 200 for all {orders} orders"
           + (f": {len(missing)} not, e.g. {missing[:5]}" if missing else ""))
    report(not mismatched, "API status equals the database status for every order"
           + (f": {mismatched[:5]}" if mismatched else ""))
    by_status = dict((r[0], int(r[1])) for r in sql(
        f"SELECT status, count(*) FROM orders WHERE id LIKE '{prefix}%' GROUP BY status ORDER BY 1"))
    print(f"INFO orders by status: {by_status}")

    # 2. every order terminal, or waiting with a reason (open backorders and a live process)
    check_none("every order is terminal (SHIPPED/REJECTED/CANCELLED) or waiting for goods with a running process",
               f"""SELECT o.id, o.status FROM orders o WHERE o.id LIKE '{prefix}%' AND o.status NOT IN ('SHIPPED','REJECTED','CANCELLED')
                   AND NOT (o.status IN ('BACKORDERED','PARTIALLY_SHIPPED')
                            AND EXISTS (SELECT 1 FROM backorder b WHERE b.order_id = o.id AND b.status = 'OPEN')
                            AND EXISTS (SELECT 1 FROM act_ru_execution e WHERE e.business_key_ = o.id AND e.parent_id_ IS NULL))""")
    check_none("SHIPPED orders: every unit shipped or cancelled, nothing reserved or backordered",
               f"""SELECT o.id, l.line_no, l.quantity, l.shipped, l.cancelled, l.reserved, l.backordered
                   FROM orders o JOIN order_line l ON l.order_id = o.id WHERE o.status = 'SHIPPED'
                   AND (l.shipped + l.cancelled <> l.quantity OR l.reserved <> 0 OR l.backordered <> 0 OR l.shipped = 0 AND l.cancelled = 0)""")
    check_none("REJECTED orders: nothing reserved, backordered, shipped or captured",
               """SELECT o.id FROM orders o JOIN order_line l ON l.order_id = o.id LEFT JOIN payment p ON p.order_id = o.id
                  WHERE o.status = 'REJECTED' AND (l.reserved + l.backordered + l.shipped <> 0 OR coalesce(p.captured, 0) <> 0)""")
    check_none("CANCELLED orders: nothing reserved or backordered, no open backorder, authorisation not left open",
               """SELECT o.id, p.authorized, p.captured, p.voided FROM orders o JOIN payment p ON p.order_id = o.id
                  WHERE o.status = 'CANCELLED' AND (
                      EXISTS (SELECT 1 FROM order_line l WHERE l.order_id = o.id AND (l.reserved <> 0 OR l.backordered <> 0))
                      OR EXISTS (SELECT 1 FROM backorder b WHERE b.order_id = o.id AND b.status = 'OPEN')
                      OR (p.authorization_id IS NOT NULL AND p.captured + p.voided <> p.authorized))""")
    check_none("no order both shipped in full and cancelled (shipment or cancel wins, never both)",
               """SELECT o.id FROM orders o WHERE o.status = 'CANCELLED' AND NOT EXISTS
                  (SELECT 1 FROM order_line l WHERE l.order_id = o.id AND l.shipped < l.quantity)""")
    check_none("no terminal order still has a running order process",
               f"""SELECT o.id, o.status, d.key_ FROM orders o JOIN act_ru_execution e ON e.business_key_ = o.id AND e.parent_id_ IS NULL
                   JOIN act_re_procdef d ON d.id_ = e.proc_def_id_
                   WHERE o.id LIKE '{prefix}%' AND o.status IN ('SHIPPED','REJECTED','CANCELLED') AND d.key_ = 'orderFulfillment'""")

    # 3. shipped once: the carrier's ledger against the shipments and the order lines
    check_none("carrier ledger: one dispatch per shipment, and every dispatched shipment is in the ledger with its tracking number",
               """SELECT coalesce(s.id, c.idempotency_key), s.status, c.outcome FROM
                  (SELECT * FROM shipment WHERE kind = 'WAREHOUSE' AND status = 'DISPATCHED') s
                  FULL JOIN (SELECT * FROM sim_carrier_ledger WHERE outcome = 'DISPATCHED') c ON c.idempotency_key = 'dispatch:' || s.id
                  WHERE s.id IS NULL OR c.idempotency_key IS NULL OR c.tracking_number IS DISTINCT FROM s.tracking_number""")
    check_none("carrier ledger: dispatches per order equal the order's dispatched shipments",
               """SELECT o.id, coalesce(c.n,0), coalesce(s.n,0) FROM orders o
                  LEFT JOIN (SELECT reference, count(*) n FROM sim_carrier_ledger WHERE outcome = 'DISPATCHED' GROUP BY reference) c ON c.reference = o.id
                  LEFT JOIN (SELECT order_id, count(*) n FROM shipment WHERE status = 'DISPATCHED' AND kind = 'WAREHOUSE' GROUP BY order_id) s ON s.order_id = o.id
                  WHERE coalesce(c.n,0) <> coalesce(s.n,0)""")
    check_none("units shipped per order line equal the units in dispatched shipments (none shipped twice)",
               """SELECT l.order_id, l.line_no, l.shipped, coalesce(x.q,0) FROM order_line l
                  LEFT JOIN (SELECT s.order_id, sl.sku, sum(sl.quantity) q FROM shipment s JOIN shipment_line sl ON sl.shipment_id = s.id
                             WHERE s.status = 'DISPATCHED' GROUP BY s.order_id, sl.sku) x ON x.order_id = l.order_id AND x.sku = l.sku
                  WHERE l.shipped <> coalesce(x.q,0)""")

    # 4. charged once: the payment provider's ledger against the books and the goods shipped
    check_none("payment ledger: at most one successful authorisation per order (key authorize:<order>)",
               """SELECT reference, count(*) FROM sim_payment_ledger WHERE operation = 'AUTHORIZE' AND outcome = 'SUCCEEDED'
                  AND idempotency_key LIKE 'authorize:%' GROUP BY reference HAVING count(*) > 1""")
    check_none("payment ledger: captured, refunded and voided sums per order equal the order's payment",
               """WITH auth AS (SELECT reference AS order_id, response_id FROM sim_payment_ledger
                                WHERE operation = 'AUTHORIZE' AND outcome = 'SUCCEEDED'),
                       led AS (SELECT a.order_id,
                                      sum(CASE WHEN l.operation = 'CAPTURE' THEN l.amount ELSE 0 END) AS captured,
                                      sum(CASE WHEN l.operation = 'REFUND' THEN l.amount ELSE 0 END) AS refunded,
                                      sum(CASE WHEN l.operation = 'VOID' THEN l.amount ELSE 0 END) AS voided
                               FROM sim_payment_ledger l JOIN auth a ON l.reference = a.response_id
                               WHERE l.outcome = 'SUCCEEDED' GROUP BY a.order_id)
                  SELECT p.order_id, p.captured, led.captured, p.refunded, led.refunded, p.voided, led.voided
                  FROM payment p LEFT JOIN led ON led.order_id = p.order_id
                  WHERE p.captured <> coalesce(led.captured,0) OR p.refunded <> coalesce(led.refunded,0)
                     OR p.voided <> coalesce(led.voided,0)""")
    check_none("payment ledger: one capture per dispatched shipment, none for anything else",
               """SELECT coalesce(s.id, l.idempotency_key) FROM
                  (SELECT * FROM shipment WHERE status = 'DISPATCHED' AND kind = 'WAREHOUSE') s
                  FULL JOIN (SELECT * FROM sim_payment_ledger WHERE operation = 'CAPTURE' AND outcome = 'SUCCEEDED') l
                  ON l.idempotency_key = 'capture:' || s.id WHERE s.id IS NULL OR l.idempotency_key IS NULL""")
    check_none("captured money equals the value of the goods shipped, per order (minus refunds)",
               """SELECT o.id, p.captured, p.refunded, v.value FROM orders o JOIN payment p ON p.order_id = o.id
                  LEFT JOIN (SELECT order_id, sum(shipped * unit_price) AS value FROM order_line GROUP BY order_id) v ON v.order_id = o.id
                  WHERE p.captured - p.refunded <> coalesce(v.value, 0)""")
    declined = int(scalar(f"""SELECT count(*) FROM orders WHERE id LIKE '{prefix}%' AND status = 'REJECTED'
                             AND reject_reason = 'PAYMENT_DECLINED'"""))
    expected_declined = sum(1 for i in range(orders) if i % 20 in (0, 1))
    report(declined == expected_declined, f"every tok_declined order ended REJECTED/PAYMENT_DECLINED ({declined} of {expected_declined})")
    flaky_bad = sql(f"""SELECT o.id, o.status FROM orders o WHERE o.id LIKE '{prefix}%' AND o.payment_token = 'tok_flaky'
                        AND o.status = 'REJECTED' AND o.reject_reason = 'PAYMENT_DECLINED'""")
    report(not flaky_bad, "no tok_flaky order was taken for declined (its failures were retried)"
           + (f": {sample(flaky_bad)}" if flaky_bad else ""))

    # 5. e-mailed once: the outbox, and the SMTP sink's copy of what was delivered
    check_none("outbox: one shipment notice per dispatched shipment and order",
               """SELECT s.order_id, s.id, count(n.id) FROM shipment s
                  LEFT JOIN notification_outbox n ON n.order_id = s.order_id AND n.reference = s.id AND n.kind IN ('SHIPPED','PARTIALLY_SHIPPED')
                  WHERE s.status = 'DISPATCHED' GROUP BY s.order_id, s.id HAVING count(n.id) <> 1""")
    check_none("outbox: no order has more shipment notices than dispatched shipments, nor two of one kind and reference",
               """SELECT order_id, kind, coalesce(reference,''), count(*) FROM notification_outbox
                  GROUP BY order_id, kind, reference HAVING count(*) > 1
                  UNION ALL
                  SELECT n.order_id, 'shipment notices', '', count(*) FROM notification_outbox n
                  WHERE n.kind IN ('SHIPPED','PARTIALLY_SHIPPED') GROUP BY n.order_id
                  HAVING count(*) > (SELECT count(*) FROM shipment s WHERE s.order_id = n.order_id AND s.status = 'DISPATCHED')""")
    check_none("outbox: one CANCELLED notice per cancelled order",
               """SELECT o.id, count(n.id) FROM orders o LEFT JOIN notification_outbox n ON n.order_id = o.id AND n.kind = 'CANCELLED'
                  WHERE o.status = 'CANCELLED' GROUP BY o.id HAVING count(n.id) <> 1""")
    check_none("outbox: one REJECTED notice per rejected order",
               """SELECT o.id, count(n.id) FROM orders o LEFT JOIN notification_outbox n ON n.order_id = o.id AND n.kind = 'REJECTED'
                  WHERE o.status = 'REJECTED' GROUP BY o.id HAVING count(n.id) <> 1""")
    outbox = dict((r[0], int(r[1])) for r in sql("SELECT status, count(*) FROM notification_outbox GROUP BY status"))
    print(f"INFO outbox by status: {outbox}")
    failed_notices = sql("SELECT id, order_id, kind, left(coalesce(last_error,''), 120) FROM notification_outbox WHERE status = 'FAILED'")
    if failed_notices:
        print(f"INFO {len(failed_notices)} notice(s) FAILED (at most once: left mid-send by a killed node, not resent): {sample(failed_notices, 10)}")
    if sink:
        delivered = collections.Counter()
        with open(sink, encoding="utf-8") as lines:
            for line in lines:
                delivered[json.loads(line).get("messageId")] += 1
        twice = {k: v for k, v in delivered.items() if v > 1}
        report(not twice, f"SMTP sink: no notice delivered twice ({sum(delivered.values())} messages, "
                          f"{len(delivered)} distinct Message-IDs)" + (f": {list(twice.items())[:5]}" if twice else ""))
        sent_ids = set(int(r[0]) for r in sql("SELECT id FROM notification_outbox WHERE status = 'SENT'"))
        failed_ids = set(int(r[0]) for r in failed_notices)
        delivered_ids = set()
        for message_id in delivered:
            match = re.match(r"<notice-(\d+)\.", message_id or "")
            if match:
                delivered_ids.add(int(match.group(1)))
        lost = sent_ids - delivered_ids
        unknown = delivered_ids - sent_ids - failed_ids
        report(not lost and not unknown,
               f"SMTP sink: every SENT notice arrived exactly once ({len(sent_ids)} SENT, {len(delivered_ids)} arrived; "
               f"{len(delivered_ids & failed_ids)} of {len(failed_ids)} FAILED ones had gone out before their node died)"
               + (f": SENT but not arrived {sorted(lost)[:5]}, arrived but neither SENT nor FAILED {sorted(unknown)[:5]}"
                  if lost or unknown else ""))

    # 6. stock: on hand = everything received (receipts and stock counts) minus everything dispatched;
    #    reserved = what order lines hold
    check_none("stock per SKU: on_hand = receipts + counted - dispatched; reserved = sum of reserved order lines; 0 <= reserved <= on_hand",
               """SELECT s.sku, s.on_hand, coalesce(r.q,0) AS received, coalesce(d.q,0) AS dispatched, s.reserved, coalesce(l.q,0) AS lines_reserved
                  FROM stock s
                  LEFT JOIN (SELECT sku, sum(quantity) q FROM goods_receipt GROUP BY sku) r ON r.sku = s.sku
                  LEFT JOIN (SELECT sl.sku, sum(sl.quantity) q FROM shipment sh JOIN shipment_line sl ON sl.shipment_id = sh.id
                             WHERE sh.status = 'DISPATCHED' AND sh.kind = 'WAREHOUSE' GROUP BY sl.sku) d ON d.sku = s.sku
                  LEFT JOIN (SELECT sku, sum(reserved) q FROM order_line GROUP BY sku) l ON l.sku = s.sku
                  WHERE s.on_hand <> coalesce(r.q,0) - coalesce(d.q,0) OR s.reserved <> coalesce(l.q,0)
                     OR s.reserved < 0 OR s.reserved > s.on_hand""")
    check_none("allocations: no backorder got more units than it was short",
               """SELECT b.id, b.quantity, b.open_quantity, coalesce(sum(a.quantity),0) FROM backorder b
                  LEFT JOIN allocation a ON a.backorder_id = b.id GROUP BY b.id, b.quantity, b.open_quantity
                  HAVING coalesce(sum(a.quantity),0) > b.quantity""")

    # 7. the engine: incidents, jobs run once, who ran them
    incidents = sql("""SELECT i.incident_type_, coalesce(e.business_key_, ''), left(coalesce(i.incident_msg_,''), 150), i.activity_id_
                       FROM act_ru_incident i LEFT JOIN act_ru_execution e ON e.id_ = i.proc_inst_id_""")
    report(not incidents, "no process instance left with an unresolved incident"
           + (f": {len(incidents)}: {sample(incidents, 10)}" if incidents else ""))
    # The nightly history cleanup is one job run again and again by design (inside 01:00-05:00); it is
    # the one job without a job definition.
    check_none("every job succeeded at most once (engine history: one successful run per job id)",
               """SELECT job_id_, count(*) FROM act_hi_job_log WHERE job_state_ = 2 AND job_def_id_ IS NOT NULL
                  GROUP BY job_id_ HAVING count(*) > 1""")
    by_host = dict((r[0], int(r[1])) for r in sql(
        "SELECT coalesce(hostname_, '?'), count(*) FROM act_hi_job_log WHERE job_state_ = 2 GROUP BY hostname_ ORDER BY 1"))
    failures = dict((r[0], int(r[1])) for r in sql(
        "SELECT coalesce(hostname_, '?'), count(*) FROM act_hi_job_log WHERE job_state_ = 3 GROUP BY hostname_ ORDER BY 1"))
    print(f"INFO successful jobs by node (act_hi_job_log.hostname_): {by_host}; failed attempts by node: {failures}")
    if two_nodes:
        total = sum(by_host.values())
        share = {h: n / total for h, n in by_host.items()} if total else {}
        report(len(by_host) >= 2 and all(s >= 0.1 for s in share.values()),
               f"both nodes executed jobs, each at least 10% of {total} ("
               + ", ".join(f"{h}: {n} = {share[h]:.0%}" for h, n in by_host.items()) + ")")
    waiting = sql("""SELECT d.key_, count(*) FROM act_ru_execution e JOIN act_re_procdef d ON d.id_ = e.proc_def_id_
                     WHERE e.parent_id_ IS NULL GROUP BY d.key_ ORDER BY 1""")
    print(f"INFO process instances still running (waiting): {dict((r[0], int(r[1])) for r in waiting)}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["setup", "load", "settle", "check"])
    parser.add_argument("--ports", required=True)
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=6)
    parser.add_argument("--timeout", type=int, default=900)
    parser.add_argument("--sink")
    parser.add_argument("--two-nodes", action="store_true")
    args = parser.parse_args()
    api = Api([int(p) for p in args.ports.split(",")])
    if args.command == "setup":
        setup(api)
    elif args.command == "load":
        load(api, args.orders, args.workers)
    elif args.command == "settle":
        sys.exit(0 if settle(api, args.timeout) else 1)
    else:
        check(api, args.orders, args.sink, args.two_nodes)


if __name__ == "__main__":
    main()
