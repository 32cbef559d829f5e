"""Duplicates: exact (normalised text) and near (MinHash LSH), reported, never dropped."""
import pytest

from narrascope.doc import Article
from narrascope.ingest.dedup import Deduplicator

BASE = ("Ukrainian forces repelled several assaults near the eastern town overnight, the general staff said on Thursday. "
        "It said the attackers lost two armoured vehicles and withdrew after heavy artillery fire. "
        "Local officials reported that three civilians were wounded by shelling in a nearby village, "
        "and that power had been cut to more than two thousand homes. Repair crews were expected to restore "
        "electricity by the evening if the shelling stopped, the regional governor wrote on social media.")


def test_exact_duplicate_ignores_case_spacing_and_punctuation():
    dedup = Deduplicator()
    first = Article(id="a", text=BASE)
    second = Article(id="b", text="  " + BASE.upper().replace(",", " ").replace(". ", ".\n\n"))
    assert dedup.check(first) is None and first.duplicate_of is None
    dup = dedup.check(second)
    assert dup is not None and (dup.of, dup.kind, dup.similarity) == ("a", "exact", 1.0)
    assert second.duplicate_of is dup


def test_near_duplicate_with_small_edits():
    dedup = Deduplicator(threshold=0.85)
    dedup.check(Article(id="orig", text=BASE))
    edited = BASE + " Read more on our website."  # true Jaccard of 5-shingles: 0.94
    dup = dedup.check(Article(id="copy", text=edited))
    assert dup is not None and dup.of == "orig" and dup.kind == "near"
    assert 0.85 <= dup.similarity < 1.0


def test_distinct_articles_are_not_duplicates():
    dedup = Deduplicator()
    other = ("The central bank kept its key interest rate unchanged on Friday, citing slowing inflation and "
             "a stable currency. Analysts had expected the decision, although some had forecast a small cut. "
             "The bank said it would review the rate again in six weeks and warned of risks from energy prices.")
    assert dedup.check(Article(id="a", text=BASE)) is None
    assert dedup.check(Article(id="b", text=other)) is None
    # Same topic, different report: shares some phrases but is its own article.
    rewritten = ("Officials in the eastern region said on Friday that shelling had damaged a school and two houses. "
                 "No one was hurt, the governor said, but classes would move online for the rest of the week. "
                 "The general staff separately reported several assaults repelled near the town overnight.")
    assert dedup.check(Article(id="c", text=rewritten)) is None
    assert len(dedup) == 3


def test_near_duplicate_points_to_most_similar_and_streams():
    dedup = Deduplicator(threshold=0.8)
    dedup.check(Article(id="v1", text=BASE))
    v2 = BASE + " The governor thanked the rescue teams."
    dedup.check(Article(id="v2", text=v2))
    dup = dedup.check(Article(id="v3", text=v2 + " More updates will follow."))
    assert dup is not None and dup.of == "v2"


def test_empty_and_short_texts():
    dedup = Deduplicator()
    assert dedup.check(Article(id="e", text="")) is None
    assert dedup.check(Article(id="s1", text="Breaking news")) is None
    assert dedup.check(Article(id="s2", text="Breaking news!")).kind == "exact"
    assert dedup.check(Article(id="s3", text="Breaking news today")) is None  # short: exact only


def test_bad_threshold():
    with pytest.raises(ValueError):
        Deduplicator(threshold=1.5)
