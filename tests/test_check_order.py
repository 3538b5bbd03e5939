"""The check puts the few findings found beside the rules (conflicts, integrity, files) into the rules' sorted
findings without sorting them all again: the same list, in the same order, as sorting everything."""
import random

from weipian_plugin.core.findings import BLOCKING, INFO, WARNING, Finding
from weipian_plugin.core.findings import inserted as _with


def test_a_few_findings_join_the_sorted_list_where_a_full_sort_puts_them():
    rnd = random.Random(7)

    def finding(i):
        return Finding(rnd.choice([None, "610902001", "610902002", "610902003"]), rnd.choice(["a", "b", "c"]),
                       rnd.choice([BLOCKING, WARNING, INFO]), f"问题 {i}", f"problem {i}", "practice")

    for n_extra in (0, 1, 5, 40, 1500):
        ordered = sorted((finding(i) for i in range(3000)), key=Finding.sort_key)
        extra = [finding(10_000 + i) for i in range(n_extra)]
        assert _with(ordered, extra) == sorted(ordered + extra, key=Finding.sort_key)  # stable: ties keep order
