#!/usr/bin/env python3
"""Bad-input drill client: a generated corpus of malformed and hostile requests across every
endpoint, sent to a running instance. For each request: no 5xx, and a refused one (4xx) must leave
every domain table (and the engine's runtime tables) exactly as it was.

Usage: hostile.py PORT        (environment: DB, ADMIN_PASSWORD, PG_HOST, PG_USER)
Prints one PASS/FAIL line per check (not per request) and INFO lines."""
import base64
import collections
import datetime
import http.client
import json
import os
import sys
import uuid

from drill import psql

PORT = int(sys.argv[1])
AUTH = "Basic " + base64.b64encode(f"admin:{os.environ['ADMIN_PASSWORD']}".encode()).decode()
SKU = "BAD-INPUT-SKU"
SUPPLIER = "bad-input-supplier"
DEAR_SKU = "BAD-INPUT-DEAR"  # the dearest price a product may have: 101 of them add up to more than any amount holds

HOSTILE_VALUES = [
    "null", '""', '"   "', "-1", "0", "1.5", "-0.0", "1e308", "99999999999999999999999", '"NaN"', "true",
    "[]", "{}", "[1,2,3]", '{"a":{"b":{"c":[]}}}', "\"'; DROP TABLE orders; --\"", '"${7*7}"',
    '"#{T(java.lang.Runtime).getRuntime()}"', '"\\u0000\\u0001"', '"𝕏𝕐ℤ🙂"', '"' + "x" * 10_000 + '"',
    '"2026-13-45"', '"P-5D"', '"<script>alert(1)</script>"', '"../../etc/passwd"',
    "-2147483649", "2147483648", '"1 OR 1=1"', '"\\""', '"\\n\\r\\t"', '"%s%n%x"',
    '"P999999999999D"', "\"EUR'\"", "1e-400", "-9223372036854775809", '"\\ud800"', '"Ω≈ç√∫˜µ≤≥÷"',
]
RAW_BODIES = [
    "", "null", "[]", "{", '{"a":', "not json at all", "<xml/>", '"just a string"', "12345",
    '{"lines": [' + '{"sku":"X","quantity":1},' * 5000 + "{}]}", "[" * 5000,
    '{"' + "k" * 10_000 + '": 1}', '{"a":1,"a":2}', "\ufeff{}", "{\"x\": 1} trailing",
    '{"orderId": "' + "y" * 2_000_000 + '"}',
]
# Fields that take one JSON type only (a choice's names, a boolean, an ISO-8601 duration, a count), with
# the hostile values each may accept: null means "the default"; true is a boolean. Any other value taken
# is a wrong type read as data (a number as the second choice, 7 as true, 5 as five seconds).
TYPED = {"shipPolicy": {"null"}, "backorderPolicy": {"null"}, "dropShip": {"null", "true"},
         "leadTime": set(), "batchingWindow": {"null"}, "minOrderQuantity": {"null"}}
# ISO-8601 dates beyond what PostgreSQL, java.util.Date and the engine's timers hold (years past 9999, or
# before year 1), and dates no supplier could promise. Sent to a purchase order that is really placed, so
# the lookup cannot answer first, and to the report's period.
EXTREME_DATES = ["+999999999-12-31T00:00:00Z", "-999999999-01-01T00:00:00Z", "+300000-01-01", "+10000-01-01",
                 "0000-01-01", "9999-12-31", "1900-01-01"]
PLACED_ORDER = f"H-PLACED-{uuid.uuid4()}"
TABLES = ["orders", "order_line", "supplier", "product", "stock", "goods_receipt", "purchase_order",
          "purchase_order_line", "purchase_order_demand", "backorder", "order_event", "payment", "payment_operation",
          "allocation", "shipment", "notification_outbox", "customer_choice", "act_ru_execution", "act_ru_job",
          "act_hi_procinst"]


def sql(query):
    return psql(query).strip()


SNAPSHOT = ("SELECT " + ", ".join(f"(SELECT count(*) FROM {t})" for t in TABLES)
            + ", (SELECT coalesce(sum(on_hand),0) || '/' || coalesce(sum(reserved),0) FROM stock)"
            + ", (SELECT md5(coalesce(string_agg(p::text, ',' ORDER BY sku), '')) FROM product p)"
            + ", (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY id), '')) FROM supplier s)"
            + ", (SELECT md5(coalesce(string_agg(id || ' ' || status || ' ' || coalesce(eta::text, ''), ',' ORDER BY id), ''))"
            + " FROM purchase_order)"
            + ", (SELECT md5(coalesce(string_agg(id || ' ' || coalesce(eta::text, ''), ',' ORDER BY id), '')) FROM backorder)")


def snapshot():
    return sql(SNAPSHOT)


def send(method, path, body=None, content_type="application/json", auth=AUTH, extra_headers=None, whole=False,
         source="127.0.0.1"):
    """source: the client address to send from; any 127.x.y.z is this machine's loopback too."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120, source_address=(source, 0))
    headers = {"Accept": "application/json"}
    if auth:
        headers["Authorization"] = auth
    if body is not None:
        headers["Content-Type"] = content_type
    headers.update(extra_headers or {})
    data = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
    try:
        connection.request(method, path, body=data, headers=headers)
        answer = connection.getresponse()
        text = answer.read()
        return answer.status, text if whole else text[:300]
    except (ConnectionError, http.client.HTTPException, OSError) as error:
        return None, str(error).encode()
    finally:
        connection.close()


def fields(*pairs):
    return dict(zip(pairs[0::2], pairs[1::2]))


def as_json(members):
    return "{" + ",".join(f'"{k}":{v}' for k, v in members.items()) + "}"


def short(value):
    return value if len(value) <= 40 else value[:40] + f"...({len(value)} chars)"


def order(customer, quantity, line_sku, token, what):
    body = (f'{{"orderId":"H-{uuid.uuid4()}","customer":{customer},"lines":[{{"sku":{line_sku},"quantity":{quantity}}}],'
            f'"payment":{{"token":{token}}}}}')
    return ("POST", "/api/orders", body, "application/json", what)


def corpus(placed_po):
    probes = []
    bodies = {
        "POST /api/orders": fields(
            "orderId", '"H-1"', "customer", '{"name":"Ada","email":"ada@example.com","locale":"de"}',
            "lines", f'[{{"sku":"{SKU}","quantity":1}}]', "shipPolicy", '"PARTIAL"', "priority", "1",
            "payment", '{"token":"tok_visa"}'),
        "POST /api/inventory/receipts": fields("sku", f'"{SKU}"', "quantity", "2", "purchaseOrderId", '"PO-NONE"'),
        f"PUT /api/inventory/{SKU}": fields("onHand", "5"),
        "PUT /api/suppliers/hostile-supplier": fields("name", '"S"', "leadTime", '"P3D"', "minOrderQuantity", "1",
                                                      "batchingWindow", '"PT0S"', "dropShip", "false"),
        "PUT /api/products/HOSTILE-SKU": fields("name", '"P"', "price", "10", "currency", '"EUR"',
                                                "supplierId", f'"{SUPPLIER}"', "backorderPolicy", '"ALLOW"'),
        "POST /api/purchase-orders/PO-NONE/confirmation": fields("eta", '"2030-01-01"'),
        "POST /api/purchase-orders/PO-NONE/delay": fields("newEta", '"2030-01-01"', "reason", '"late"'),
        "POST /api/purchase-orders/PO-NONE/dispatch": fields("trackingNumber", '"TRACK-1"'),
        "POST /api/customers/erasure": fields("email", '"nobody@drill.example"'),
        "POST /api/orders/H-NONE/payment/unpaid-settlement": fields("outcome", '"COLLECTED"', "reference", '"BT-4711"',
                                                                     "note", '"paid by bank transfer"'),
        "POST /api/orders/H-NONE/customer-email": fields("email", '"ada@example.com"'),
        "POST /api/inventory/receipts/R-NONE/purchase-order": fields("purchaseOrderId", '"PO-NONE"'),
    }
    for endpoint, valid in bodies.items():
        method, path = endpoint.split(" ")
        for field in valid:
            for hostile in HOSTILE_VALUES:
                mutated = dict(valid)
                mutated[field] = hostile
                probes.append((method, path, as_json(mutated), "application/json", f"{field}={short(hostile)}"))
            missing = {k: v for k, v in valid.items() if k != field}
            probes.append((method, path, as_json(missing), "application/json", f"without {field}"))
        for raw in RAW_BODIES:
            probes.append((method, path, raw, "application/json", f"raw {short(raw)}"))
            probes.append((method, path, raw, "text/plain", f"raw as text/plain {short(raw)}"))
        probes.append((method, path, "a=1&b=2", "application/x-www-form-urlencoded", "form-encoded body"))
        probes.append((method, path, "<order/>", "application/xml", "xml body"))
        probes.append(("DELETE", path, None, "application/json", "wrong method"))
    for hostile in HOSTILE_VALUES:
        probes.append(order('{"name":' + hostile + ',"email":"ada@example.com"}', "1", f'"{SKU}"', '"tok_visa"',
                            f"customer.name={short(hostile)}"))
        probes.append(order('{"name":"Ada","email":' + hostile + "}", "1", f'"{SKU}"', '"tok_visa"',
                            f"customer.email={short(hostile)}"))
        probes.append(order('{"name":"Ada","email":"ada@example.com","locale":' + hostile + "}", "1", f'"{SKU}"',
                            '"tok_visa"', f"customer.locale={short(hostile)}"))
        probes.append(order('{"name":"Ada","email":"ada@example.com"}', hostile, f'"{SKU}"', '"tok_visa"',
                            f"lines[0].quantity={short(hostile)}"))
        probes.append(order('{"name":"Ada","email":"ada@example.com"}', "1", hostile, '"tok_visa"',
                            f"lines[0].sku={short(hostile)}"))
        probes.append(order('{"name":"Ada","email":"ada@example.com"}', "1", f'"{SKU}"', hostile,
                            f"payment.token={short(hostile)}"))
    # language tags of the right shape but longer than the 35 characters an order keeps
    for tag in ("en-aaaaaaaa-bbbbbbbb-cccccccc-dddddddd", "de-" + "-".join(["abcdefgh"] * 100)):
        probes.append(order('{"name":"Ada","email":"ada@example.com","locale":"' + tag + '"}', "1", f'"{SKU}"',
                            '"tok_visa"', f"customer.locale={short(tag)}"))
    # duplicate SKU lines, unknown SKU, zero and negative quantities, an unknown enum
    for lines, what in ((f'[{{"sku":"{SKU}","quantity":1}},{{"sku":"{SKU}","quantity":2}}]', "duplicate sku lines"),
                        ('[{"sku":"NO-SUCH-SKU","quantity":1}]', "unknown sku"),
                        (f'[{{"sku":"{SKU}","quantity":0}}]', "quantity 0"),
                        (f'[{{"sku":"{SKU}","quantity":-5}}]', "quantity -5"),
                        (f'[{{"sku":"{DEAR_SKU}","quantity":101}}]', "a total beyond what an amount holds"),
                        (f'[{{"sku":"{DEAR_SKU}","quantity":100000}},{{"sku":"{SKU}","quantity":1}}]', "a total far beyond"),
                        ("[" + ",".join(f'{{"sku":"{SKU}-{n}","quantity":1}}' for n in range(2000)) + "]", "2000 lines")):
        probes.append(("POST", "/api/orders", f'{{"orderId":"H-{uuid.uuid4()}","customer":{{"name":"Ada","email":"ada@example.com"}},'
                                              f'"lines":{lines},"payment":{{"token":"tok_visa"}}}}', "application/json", what))
    probes.append(("POST", "/api/orders", f'{{"customer":{{"name":"Ada","email":"ada@example.com"}},"lines":[{{"sku":"{SKU}",'
                                          f'"quantity":1}}],"shipPolicy":"SOMETIMES","payment":{{"token":"tok_visa"}}}}',
                   "application/json", "unknown shipPolicy"))
    paths = ["x%00y", "%24%7B7*7%7D", "..%2F..%2Fetc", "%F0%9F%99%82", "A" * 300, "'%20OR%201=1", "%C0%AE%C0%AE",
             "%25", "%ZZ", ";jsessionid=1", "..;", "%2e%2e%2f", "%0d%0aX-Injected:%201"]
    for hostile in paths:
        for method, path in (("GET", f"/api/orders/{hostile}"), ("GET", f"/api/orders/{hostile}/timeline"),
                             ("POST", f"/api/orders/{hostile}/cancel"), ("POST", f"/api/orders/{hostile}/erasure"),
                             ("POST", f"/api/orders/{hostile}/ship-available"),
                             ("POST", f"/api/inventory/receipts/{hostile}/purchase-order"),
                             ("POST", f"/api/orders/{hostile}/payment/unpaid-settlement"),
                             ("GET", f"/api/orders/{hostile}/notices"), ("POST", f"/api/orders/{hostile}/customer-email"),
                             ("GET", f"/api/orders/{hostile}/payment/operations"),
                             ("GET", f"/api/orders?customerEmail={hostile}"), ("GET", f"/api/orders?status={hostile}"),
                             ("GET", f"/api/orders?maxResults={hostile}"),
                             ("GET", f"/api/products/{hostile}/availability"),
                             ("GET", f"/api/availability?skus={hostile}"), ("GET", f"/api/availability?skus=CHAIR-OAK,{hostile}"),
                             ("GET", f"/api/products/{hostile}"), ("GET", f"/api/suppliers/{hostile}"),
                             ("GET", f"/api/inventory/{hostile}"), ("GET", f"/api/purchase-orders/{hostile}"),
                             ("GET", f"/api/purchase-orders?status={hostile}"),
                             ("GET", f"/api/reports/backorders?from={hostile}"),
                             ("GET", f"/api/reports/backorders?from=2026-01-01&to={hostile}"),
                             ("GET", f"/api/reports/payments?from={hostile}"),
                             ("GET", f"/choice/{hostile}"), ("POST", f"/choice/{hostile}")):
            body = "choice=CANCEL" if path.startswith("/choice") and method == "POST" else None
            probes.append((method, path, body, "application/x-www-form-urlencoded", f"{method} {short(path)}"))
    for choice in ("CANCEL", "KEEP_WAITING", "'; DROP TABLE orders; --", "${7*7}", "", "x" * 5000):
        probes.append(("POST", "/choice/eyJhbGciOiJub25lIn0.eyJvcmRlciI6IkQtMDAwMSJ9.", "choice=" + choice,
                       "application/x-www-form-urlencoded", f"forged choice token, choice={short(choice)}"))
    probes.append(("GET", "/api/reports/backorders?from=2030-01-01&to=2020-01-01", None, "application/json", "from after to"))
    probes.append(("GET", "/api/reports/backorders?from=0001-01-01&to=9999-12-31", None, "application/json", "extreme period"))
    # A full stock, then a receipt past what it may hold (on-hand once overflowed into a 500).
    probes.append(("PUT", f"/api/inventory/{DEAR_SKU}", '{"onHand":100000000}', "application/json", "stock count at the most"))
    for quantity in (1, 1_000_000):
        probes.append(("POST", "/api/inventory/receipts", f'{{"sku":"{DEAR_SKU}","quantity":{quantity}}}', "application/json",
                       f"receipt of {quantity} into a full stock"))
    for date in EXTREME_DATES:
        encoded = date.replace("+", "%2B")
        probes.append(("GET", f"/api/reports/backorders?from={encoded}", None, "application/json", f"from {date}"))
        probes.append(("GET", f"/api/reports/backorders?from=2026-01-01&to={encoded}", None, "application/json",
                       f"to {date}"))
        probes.append(("POST", f"/api/purchase-orders/{placed_po}/confirmation", as_json(fields("eta", f'"{date}"')),
                       "application/json", f"placed purchase order eta={date}"))
        probes.append(("POST", f"/api/purchase-orders/{placed_po}/delay",
                       as_json(fields("newEta", f'"{date}"', "reason", '"late"')), "application/json",
                       f"placed purchase order newEta={date}"))
    return probes


def auth_probes():
    """Requests with broken credentials: refused with 401 (429 once their address failed too often), never a 5xx."""
    bad = ["Basic", "Basic !!!", "Basic " + base64.b64encode(b"admin").decode(),
           "Basic " + base64.b64encode(b"admin:wrong").decode(), "Basic " + base64.b64encode("𝕏:𝕐".encode()).decode(),
           "Bearer x.y.z", "Basic " + "A" * 6000, "Basic " + base64.b64encode(b"' OR 1=1 --:x").decode()]
    return [(a, m, p) for a in bad for m, p in (("GET", "/api/orders/D-1"), ("POST", "/api/orders"),
                                                 ("GET", "/engine-rest/process-instance"))]


def setup():
    for method, path, body in (("PUT", f"/api/suppliers/{SUPPLIER}", '{"name":"Bad input supplier","leadTime":"P3D",'
                                                                    '"minOrderQuantity":1,"batchingWindow":"PT0S","dropShip":false}'),
                               ("PUT", f"/api/products/{SKU}", f'{{"name":"Bad input product","price":9.00,"currency":"EUR",'
                                                               f'"supplierId":"{SUPPLIER}","backorderPolicy":"ALLOW"}}'),
                               ("PUT", f"/api/products/{DEAR_SKU}", f'{{"name":"Bad input jewel","price":9999999999.99,'
                                                                    f'"supplierId":"{SUPPLIER}"}}'),
                               ("PUT", f"/api/inventory/{SKU}", '{"onHand":5}')):
        status, text = send(method, path, body)
        if status not in (200, 201):
            print(f"FAIL set-up {method} {path}: {status} {text!r}")
            sys.exit(1)
    return placed_purchase_order()


def placed_purchase_order():
    """One more unit than the stock: a backorder whose purchase order the supplier's terms place at once.
    The job executor is off in this drill, so the set-up executes the order's jobs itself through the
    engine's REST API until none is due; then only the corpus changes what the snapshot sees."""
    status, text = send("POST", "/api/orders", f'{{"orderId":"{PLACED_ORDER}","customer":{{"name":"Ada",'
                                               f'"email":"ada@example.com"}},"lines":[{{"sku":"{SKU}","quantity":6}}],'
                                               f'"payment":{{"token":"tok_visa"}}}}')
    if status not in (200, 201, 202):
        print(f"FAIL set-up order {PLACED_ORDER}: {status} {text!r}")
        sys.exit(1)
    run_due_jobs()
    po = sql(f"SELECT id FROM purchase_order WHERE supplier_id = '{SUPPLIER}' AND status = 'PLACED' LIMIT 1")
    if not po:
        print(f"FAIL set-up: no placed purchase order for {SUPPLIER} once the engine had no job due")
        sys.exit(1)
    return po


def run_due_jobs():
    """The job executor is off in this drill: the set-up runs the engine's due jobs itself until none is left."""
    for _ in range(200):
        status, text = send("GET", "/engine-rest/job?executable=true&maxResults=50", whole=True)
        due = json.loads(text) if status == 200 else None
        if due is None:
            print(f"FAIL set-up: listing due jobs answered {status} {text!r}")
            sys.exit(1)
        if not due:
            return
        for job in due:
            send("POST", f"/engine-rest/job/{job['id']}/execute")


def escalated_task(placed_po):
    """Three supplier delays of the placed purchase order, each past the silent threshold: three delay
    notices, and the waiting order goes to ops as "Resolve delayed backorder". The corpus then completes
    that task through /engine-rest as ops' form never would."""
    for days in (20, 40, 60):
        eta = (datetime.date.today() + datetime.timedelta(days=days)).isoformat()
        status, text = send("POST", f"/api/purchase-orders/{placed_po}/delay",
                            json.dumps({"newEta": eta, "reason": "bad-input drill"}))
        if status != 200:
            print(f"FAIL set-up: delaying {placed_po} to {eta} answered {status} {text!r}")
            sys.exit(1)
        run_due_jobs()
    task = open_task()
    if not task:
        print(f"FAIL set-up: three delays of {placed_po} left no task \"Resolve delayed backorder\" for {PLACED_ORDER}")
        sys.exit(1)
    return task


def open_task():
    status, text = send("GET", "/engine-rest/task?taskDefinitionKey=Task_ResolveDelayedBackorder"
                               f"&processInstanceBusinessKey={PLACED_ORDER}", whole=True)
    tasks = json.loads(text) if status == 200 else []
    return tasks[0]["id"] if tasks else None


def ops_completions(task):
    """Completions of ops' task without one of the form's decisions, or keeping the order waiting on a date
    no customer could be promised, no date at all or a note too long. Each must be refused and leave the task open."""
    complete = f"/engine-rest/task/{task}/complete"

    def completion(what, **variables):
        body = json.dumps({"variables": {name: {"value": value} for name, value in variables.items()}})
        return ("POST", complete, body, "application/json", f"ops task {what}")

    probes = [("POST", complete, "{}", "application/json", "ops task without a decision"),
              completion("with no variables")]
    for decision in ["SHIP_EVERYTHING", "keep_waiting", "", 3, True, "'; DROP TABLE orders; --", "${7*7}"]:
        probes.append(completion(f"opsDecision={json.dumps(decision)}", opsDecision=decision))
    # Only dates ahead: a date already past is taken by design (the order waits one overdue step more).
    for eta in [d for d in EXTREME_DATES if d[:1] == "+" or d.startswith("9999")] + ["next week", "2026-13-45", "${7*7}"]:
        probes.append(completion(f"newEta={eta}", opsDecision="KEEP_WAITING", newEta=eta))
    later = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
    probes.append(completion("keeping the order waiting without a date", opsDecision="KEEP_WAITING"))
    probes.append(completion(f"newEta={later} and more text", opsDecision="KEEP_WAITING", newEta=f"{later} or later"))
    # A promisable date with a note beyond the form's 1,000 characters, and beyond the 4,000 the engine can store.
    eta = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    for length in (5_000, 1_001):
        probes.append(completion(f"opsNote of {length} characters", opsDecision="KEEP_WAITING", newEta=eta,
                                 opsNote="n" * length))
    return probes


def main():
    placed_po = setup()
    task = escalated_task(placed_po)
    probes = corpus(placed_po) + ops_completions(task)
    print(f"INFO corpus: {len(probes)} requests with admin credentials, {len(auth_probes())} with broken credentials")
    failures, statuses = [], collections.Counter()
    accepted = []
    wrong_types_taken = []
    before = snapshot()
    for method, path, body, content_type, what in probes:
        status, text = send(method, path, body, content_type)
        statuses[status] += 1
        after = snapshot()
        if status is None:
            failures.append(f"no answer: {method} {short(path)} {what} ({text[:100]!r})")
        elif status >= 500:
            failures.append(f"{status}: {method} {short(path)} {what} {text[:150]!r}")
        elif status >= 400 and after != before:
            failures.append(f"refused with {status} but wrote: {method} {short(path)} {what}")
        elif status < 400:
            accepted.append(f"{status} {method} {short(path)} {what}")
            field, _, value = what.partition("=")
            if field in TYPED and value and value not in TYPED[field]:
                wrong_types_taken.append(f"{status} {method} {short(path)} {what}")
        before = after
    # Read before the guessing below: from then on this address is throttled for a minute.
    still_open = open_task() == task
    guesser = f"127.0.0.{2 + uuid.uuid4().int % 200}"
    throttled = 0
    for auth, method, path in auth_probes():
        status, text = send(method, path, "{}" if method == "POST" else None, auth=auth, source=guesser)
        statuses[status] += 1
        throttled += status == 429
        after = snapshot()
        if status not in (401, 429):
            failures.append(f"broken credentials answered {status}, not 401 or 429: {method} {path} {short(auth)}")
        elif after != before:
            failures.append(f"broken credentials wrote rows: {method} {path}")
        before = after
    guesser_now, _ = send("GET", "/api/reports/backorders", source=guesser)
    admin_elsewhere, _ = send("GET", "/api/reports/backorders")
    total = len(probes) + len(auth_probes())
    print(f"INFO answers by status: {dict(sorted(statuses.items(), key=lambda kv: str(kv[0])))}")
    print(f"INFO {len(accepted)} hostile-but-well-formed requests were accepted as data, e.g. {accepted[:8]}")
    no5xx = [f for f in failures if f[:1] == "5" or f.startswith("no answer")]
    wrote = [f for f in failures if "wrote" in f]
    other = [f for f in failures if f not in no5xx and f not in wrote]
    print(("PASS" if total >= 1000 else "FAIL") + f" corpus has at least 1,000 requests ({total})")
    print(("PASS" if not no5xx else "FAIL") + f" no request answered 5xx or went unanswered"
          + (f": {len(no5xx)}, e.g. {no5xx[:5]}" if no5xx else f" ({total} requests)"))
    print(("PASS" if not wrote else "FAIL") + " no refused request wrote a row or changed stock, products or suppliers"
          + (f": {len(wrote)}, e.g. {wrote[:5]}" if wrote else ""))
    print(("PASS" if not other else "FAIL") + " broken credentials are refused with 401 (429 once their address failed too often)"
          + (f": {other[:5]}" if other else ""))
    print(("PASS" if throttled and guesser_now == 429 and admin_elsewhere == 200 else "FAIL")
          + f" a guessing address is throttled, not the account: {throttled} of its {len(auth_probes())} guesses and then"
          + f" its right password answered 429 ({guesser_now}); admin from another address: {admin_elsewhere}")
    print(("PASS" if not wrong_types_taken else "FAIL") + " typed fields (" + ", ".join(TYPED)
          + ") take their own JSON type only"
          + (f": {len(wrong_types_taken)}, e.g. {wrong_types_taken[:5]}" if wrong_types_taken else ""))
    promised = [a for a in accepted if "placed purchase order" in a]
    print(("PASS" if not promised else "FAIL") + " a placed purchase order takes no date outside the years 1-9999"
          + " or years away as its ETA" + (f": {len(promised)}, e.g. {promised[:5]}" if promised else ""))
    overfilled = [a for a in accepted if "into a full stock" in a]
    print(("PASS" if not overfilled else "FAIL") + " a receipt taking stock beyond 100,000,000 units is refused"
          + (f": {overfilled}" if overfilled else ""))
    ops_taken = [a for a in accepted if " ops task " in a]
    print(("PASS" if not ops_taken and still_open else "FAIL")
          + " ops' task takes no completion without a decision or with an unpromisable ETA or a note too long, and stays open"
          + (f": {ops_taken}" if ops_taken else "" if still_open else ": the task is gone"))
    refused = sum(n for s, n in statuses.items() if s is not None and 400 <= s < 500)
    print(("PASS" if refused > total / 2 else "FAIL") + f" most of the corpus is refused with 4xx ({refused} of {total})")


if __name__ == "__main__":
    main()
