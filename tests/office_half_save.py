"""A desk killed in the middle of a save: the save's statements have run, its transaction is not committed.
Prints "ready" at that moment and waits to be killed (tests/test_office_faults.py)."""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main(params_json, schema, code, version):
    import psycopg2

    from weipian_plugin.store.office_package import OfficePackage

    def stuck(self, cur, code):  # after the UPDATE, before the state, the audit entry and the commit
        print("ready", flush=True)
        time.sleep(120)

    OfficePackage._refresh_state = stuck
    store = OfficePackage(psycopg2.connect(**json.loads(params_json)), schema)
    store.set_verification(code, "乡镇 被中断", int(version), basis="半截保存")


if __name__ == "__main__":
    main(*sys.argv[1:])
