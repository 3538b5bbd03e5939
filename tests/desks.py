"""Keys in tests: which fingerprint a person would confirm on the phone."""


def confirmed():
    """The fingerprint of this test's desk key (conftest's `desk`), as a person would confirm it on the phone:
    where one desk plays the county and its townships, every package of the test is signed with it."""
    from weipian_plugin.store.keys import Desk

    return [Desk.current().fingerprint()]
