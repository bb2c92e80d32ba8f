"""What an API request costs as served: each route's time against Streamlit's bare health route in the same rounds
(an HTTP round trip through the same server and middleware), and the gate alone (key, rate-limit upsert, audit row:
a request for no route, answered 404 after the gate).

    .venv/bin/python benchmarks/api.py [--runs 200]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import http.client
import json
from urllib.parse import urlsplit

from sqlmodel import Session, col, select

from benchmarks._browser import serve, throwaway_store
from benchmarks._turns import in_turns
from db.engine import get_engine
from db.models import Case
from portal.config import Settings
from portal.seed import seed_demo_cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs
    with throwaway_store() as store:
        seed_demo_cases(get_engine(store.url), Settings(mode="demo", database_url=store.url))
        with Session(get_engine(store.url)) as session:
            reference = session.exec(select(Case.reference).order_by(col(Case.id))).first()
        with serve(ROOT / "app.py", store, PORTAL_API_REQUESTS_PER_MINUTE="100000") as server:
            address = urlsplit(server.base_url)
            # A connection per request: on a kept-alive one every answer here, the bare route's too, took 40-45 ms
            # more (delayed ACKs), which would hide what the server does.
            headers = {"Authorization": f"Bearer {store.logins.api_key}", "Content-Type": "application/json"}
            made = iter(range(10**9))

            def call(method: str, path: str, body: dict[str, object] | None = None, **more: str) -> None:
                connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=30)
                connection.request(
                    method, path, body=json.dumps(body) if body is not None else None, headers={**headers, **more}
                )
                answer = connection.getresponse()
                answer.read()
                connection.close()
                assert answer.status < 500 and (answer.status < 400 or path.endswith("nothing")), answer.status

            actions = {
                "GET /api/v1/cases/{reference}": lambda: call("GET", f"/api/v1/cases/{reference}"),
                "health (bare)": lambda: call("GET", "/_stcore/health"),
                "gate alone (404 after it)": lambda: call("GET", "/api/v1/nothing"),
                "GET /api/v1/cases?limit=50": lambda: call("GET", "/api/v1/cases?limit=50"),
                "POST /api/v1/invites": lambda: call("POST", "/api/v1/invites", {"email": "alex@example.com"}),
                "POST /api/v1/invites, Idempotency-Key": lambda: call(
                    "POST", "/api/v1/invites", {"email": "alex@example.com"}, **{"Idempotency-Key": f"b-{next(made)}"}
                ),
            }
            turns = in_turns(list(actions.values()), runs, warmup=5)
    print(
        f"API as served on SQLite, {runs} rounds (median ms, and the median of each round's ratio to the bare "
        f"health route)"
    )
    for index, name in enumerate(actions):
        ratio = "" if index == 1 else f"  {turns.ratio(index):.2f}x"
        print(f"  {name:42} {turns.median_ms(index):7.2f} ms{ratio}")


if __name__ == "__main__":
    main()
