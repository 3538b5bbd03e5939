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


def test_parts_checked_apart_merge_into_the_order_of_one_sort():
    """services.check_worker: each part (a range of patch codes) sorted on its own, then merged by severity
    blocks, is exactly the list one sort of everything gives, by bisection and by grouping (Python 3.9)."""
    from weipian_plugin.services.check_worker import _merged

    rnd = random.Random(11)
    codes = sorted(f"6109020{i:05d}" for i in rnd.sample(range(100000), 400))
    findings = [Finding(rnd.choice(codes), rnd.choice(["photo.too_far", "review.missing", "due.overdue"]),
                        rnd.choice([BLOCKING, WARNING, INFO]), f"问题 {i}", f"problem {i}", "practice")
                for i in range(5000)]
    cuts = [None] + sorted(rnd.sample(codes[1:], 7)) + [None]
    parts = [sorted((f for f in findings if (lo is None or f.patch_code >= lo) and (hi is None or f.patch_code < hi)),
                    key=Finding.sort_key) for lo, hi in zip(cuts, cuts[1:])]
    parts.append([])  # a part with nothing to say
    whole = sorted(findings, key=Finding.sort_key)
    assert _merged(parts, by_bisection=True) == whole
    assert _merged(parts, by_bisection=False) == whole
