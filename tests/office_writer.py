"""One person saving verdicts on the office store as fast as they can (tests/test_office_concurrency.py and the
benchmark run several at once): read the patch, change it, save on the version read; a refusal is counted with
what it said. Prints one JSON object: accepted edits, refusals, save latencies."""
import json
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main(params_json, schema, codes_json, worker, edits, seed, pause_ms="0"):
    import psycopg2

    from weipian_plugin.store.office_package import OfficePackage, StaleSave

    conn = psycopg2.connect(**json.loads(params_json))
    store = OfficePackage(conn, schema)
    codes = json.loads(codes_json)
    rnd = random.Random(int(seed))
    accepted, refused, latencies = [], [], []
    for i in range(int(edits)):
        code = rnd.choice(codes)
        _v, version = store.verification_and_version(code)
        if float(pause_ms):
            time.sleep(rnd.uniform(0, float(pause_ms)) / 1000)  # a person reads before saving
        token = f"w{worker}-{i}"
        t = time.perf_counter()
        try:
            new = store.set_verification(code, f"乡镇 员工{worker}", version, basis=token,
                                         verdict=rnd.choice(["HF", "WF", "QT"]))
            accepted.append([code, token, new])
        except StaleSave as exc:
            refused.append([code, token, exc.who, exc.when, exc.version])
        latencies.append(time.perf_counter() - t)
    conn.close()
    print(json.dumps({"accepted": accepted, "refused": refused, "latencies": latencies}, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:])
