"""Helpers shared by the attribution shape tests."""


def only(quotes, fragment):
    """The one quote whose text holds ``fragment`` (fails, listing the quotes, when there is not exactly one)."""
    hits = [q for q in quotes if fragment in q.text]
    assert len(hits) == 1, f"{fragment!r} in {[(q.speaker, q.text) for q in quotes]}"
    return hits[0]
