"""The HTML report, built from hand-made Articles (no other stage needed)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from narrascope.doc import Article, Quote
from narrascope.errors import NarrascopeError
from narrascope.report import article_view, corpus_summary, write_report
from narrascope.report.highlight import Mark, render

from report_articles import make_article

VOID = {"meta", "link", "input", "br", "img", "hr"}


class Tree(HTMLParser):
    """Checks tags are balanced and collects text by the classes of the spans around it."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, dict]] = []
        self.text: list[tuple[str, tuple]] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"unbalanced </{tag}> after {self.stack[-3:]}"
        self.stack.pop()

    def handle_data(self, data):
        classes = tuple(c for _, a in self.stack for c in (a.get("class") or "").split())
        styles = tuple(a.get("style") for _, a in self.stack if a.get("style"))
        self.text.append((data, classes, styles))


def parse(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    tree.close()
    assert not tree.stack, f"unclosed tags: {tree.stack}"
    return tree


def test_writes_index_article_pages_and_css(tmp_path, corpus):
    index = write_report(corpus, tmp_path / "out")
    assert index == tmp_path / "out" / "index.html"
    pages = sorted((tmp_path / "out" / "articles").glob("*.html"))
    assert len(pages) == 3
    assert (tmp_path / "out" / "report.css").stat().st_size > 1000
    html = index.read_text("utf-8")
    parse(html)
    # Every article page is linked from the index, and pages are unique even for ids with '/' and '?'.
    for page in pages:
        assert f'href="articles/{page.name}"' in html
    assert "EN/TEST 2?" in html
    # No remote resource: the report works offline.
    for path in [index, *pages]:
        assert not re.search(r'(src|href)="(https?:)?//(?!example\.org)', path.read_text("utf-8"))


def test_article_text_is_escaped_never_executed(tmp_path):
    art = make_article()
    art.title = "<script>alert('title')</script>"
    art.quotes[0].speaker = "<img src=x onerror=alert(1)>"
    art.url = "javascript:alert(1)"
    write_report([art], tmp_path)
    page = next((tmp_path / "articles").glob("*.html")).read_text("utf-8")
    tree = parse(page)
    assert [t for t, _ in tree.tags if t in ("script", "img", "b")] == []
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript:' not in page
    text = "".join(d for d, _, _ in tree.text)
    assert "<script>alert('x')</script>" in text  # shown to the reader as text
    index = (tmp_path / "index.html").read_text("utf-8")
    assert "<script>" not in index and "&lt;script&gt;" in index


def test_quotes_highlighted_from_offsets_and_coloured_by_speaker(article):
    view = article_view(article)
    tree = parse(str(view["body"]))
    colours = {s["speaker"]: s["colour"] for s in view["legend"]}
    assert len(set(colours.values())) == len(colours) == 3
    # The text inside quote spans is exactly the quote content, per speaker colour.
    by_colour: dict[str, str] = {}
    for data, classes, styles in tree.text:
        if "q" in classes:
            colour = re.search(r"--c:([^;\"]+)", [s for s in styles if "--c" in s][0]).group(1)
            by_colour[colour] = by_colour.get(colour, "") + data
    for q in article.quotes:
        content = article.text[q.start:q.end]
        # Paragraph breaks inside a multi-paragraph quote become <p> boundaries.
        pieces = [p.strip() for p in content.split("\n\n")]
        assert all(p in by_colour[colours[q.speaker]] for p in pieces), q.text
    # Anonymous and hedged quotes are marked, and the hedge word itself too.
    anon = [c for _, c, _ in tree.text if "anon" in c]
    assert anon and all("hedged" in c for c in anon)
    assert [d for d, c, _ in tree.text if "hedge" in c] == ["reportedly"]
    assert view["legend"][-1]["anonymous"] and view["legend"][-1]["colour"] != view["legend"][0]["colour"]


def test_all_text_kept_in_order_with_overlapping_marks():
    text = "Alpha beta gamma delta.\n\nEpsilon zeta eta theta."
    zeta = text.index("zeta")
    marks = [Mark(0, 16, "a"), Mark(6, 22, "b"), Mark(11, zeta + 4, "c"), Mark(zeta, zeta + 4, "d"), Mark(-1, 5, "bad"),
             Mark(5, 500, "bad"), Mark(7, 7, "bad")]
    tree = parse(str(render(text, marks)))
    joined = "".join(d for d, _, _ in tree.text)
    assert joined.replace("\n", "") == text.replace("\n\n", "")
    covered = {cls: "".join(d for d, c, _ in tree.text if cls in c) for cls in "abcd"}
    assert covered["a"] == "Alpha beta gamma"
    assert covered["b"] == "beta gamma delta"
    assert covered["c"] == "gamma delta.Epsilon zeta" and covered["d"] == "zeta"
    assert not any("bad" in c for _, c, _ in tree.text)


def test_bad_offsets_and_empty_articles_do_not_break_the_report(tmp_path):
    art = Article(id="odd", text="Short text.", quotes=[Quote("X", "gone", "direct", start=50, end=60),
                                                         Quote(None, "none", "indirect", start=-1, end=-1)])
    write_report([art, Article(id="blank")], tmp_path)
    page = (tmp_path / "articles").glob("odd-*.html").__next__().read_text("utf-8")
    parse(page)
    assert "gone" in page and "(unattributed)" in page


def test_actors_narratives_explanation_and_removed_are_shown(tmp_path, article):
    write_report([article], tmp_path)
    page = next((tmp_path / "articles").glob("*.html")).read_text("utf-8")
    tree = parse(page)
    assert "Antagonist 0.80" in page and "Instigator 0.60" in page and "Peacemaker" in page
    # The casting sentence is shown with the actor's mention marked inside it.
    assert any("ent-mention" in c and d == "Orlov told" for d, c, _ in tree.text)
    # Explanation evidence is highlighted in the text itself.
    assert "".join(d for d, c, _ in tree.text if "ev-expl" in c) == "I think by spring the front will break."
    assert "Ukrainian army is collapsing" in page and "0.64" in page
    removed = page[page.index("Removed by cleaning"):]
    assert "Sign up for our newsletter" in removed and "signup" in removed
    assert "Read more: &lt;i&gt;Five other headlines&lt;/i&gt;" in removed


def test_corpus_summary(corpus):
    summary = corpus_summary(corpus)
    assert summary["articles"] == 3 and summary["quotes"] == 10
    assert summary["anonymous_share"] == pytest.approx(0.2)
    assert summary["speakers"][0] == ("Pavel Orlov", 6, 2)
    assert summary["duplicates"] == 1
    assert summary["narratives"][0][:2] == ("URW: Discrediting Ukraine", 2)


def test_unwritable_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(NarrascopeError) as err:
        write_report([make_article()], blocker)
    assert "E501" in str(err.value) and str(blocker) in str(err.value)


def test_mentioned_actors_are_listed_apart(tmp_path, article):
    from narrascope.doc import Entity, Span

    t = article.text
    s = t.index("Radio Liberty")
    article.entities.append(Entity(text="Radio Liberty", start=s, end=s + 13, type="ORG",
                                   mentions=[Span(s, s + 13, "Radio Liberty")], framed=False, framed_score=0.12))
    view = article_view(article)
    assert [a["name"] for a in view["actors"]] == ["Pavel Orlov", "Jane Harper"]
    assert view["mentioned"] == [{"name": "Radio Liberty", "type": "ORG", "mentions": 1, "framed_score": 0.12}]
    write_report([article], tmp_path)
    page = next((tmp_path / "articles").glob("*.html")).read_text("utf-8")
    parse(page)
    quiet = page[page.index("Mentioned, not cast"):]
    assert "Radio Liberty" in quiet[:600] and "no role" not in quiet[:600]
    # The cast actor's card shows role, score and the sentence that casts it.
    cards = page[page.index("Actors and how they are cast"):page.index("Mentioned, not cast")]
    assert "<strong>Radio Liberty</strong>" not in cards and "Antagonist 0.80" in cards and "Sentences that cast it" in cards


def test_quoted_evidence_names_its_speaker_and_tiers_are_shown(tmp_path):
    from narrascope.doc import Evidence, Label

    art = make_article()
    t = art.text
    content = "I think by spring the front will break."
    s = t.index(content)
    art.narratives = [Label("URW: Discrediting Ukraine", 0.71, [Evidence(s, s + len(content), content, quoted=True, speaker="Pavel Orlov")],
                            tier="likely")]
    art.subnarratives = []
    write_report([art], tmp_path)
    page = next((tmp_path / "articles").glob("*.html")).read_text("utf-8")
    assert "(quoted: Pavel Orlov)" in page
    assert "it reports this narrative rather than asserting it" in page
    assert 'class="tag tier tier-likely"' in page


def test_nested_attribution_shows_medium_and_reporting_outlet(tmp_path):
    art = make_article()
    art.quotes[1].reported_by = "Wire Agency"  # "According to Wire Agency, Orlov told Radio Liberty ..."
    write_report([art], tmp_path)
    page = next((tmp_path / "articles").glob("*.html")).read_text("utf-8")
    assert "Pavel Orlov (to/via Radio Liberty), reported by Wire Agency" in page


def test_short_quoted_phrases_without_speaker_are_listed_apart(tmp_path):
    art = make_article()
    n = len(art.quotes)
    at = art.text.index(art.text.split()[3])
    art.quotes.append(Quote(speaker=None, text=art.text.split()[3], kind="direct", start=at, end=at + len(art.text.split()[3])))
    art.quotes.append(Quote(speaker="", text="a longer statement of five words", kind="direct"))
    view = article_view(art)
    assert [q["text"] for q in view["phrases"]] == [art.text.split()[3]]
    assert len(view["quotes"]) == n + 1  # the five-word one stays a statement, unattributed
    write_report([art], tmp_path)
    page = next((tmp_path / "articles").glob("*.html")).read_text("utf-8")
    parse(page)
    assert "Quoted phrases no one is said to say" in page


def test_subnarrative_without_its_narrative_renders(tmp_path):
    """A subnarrative whose narrative was not answered gets its own group (the demo samples have one)."""
    from narrascope.doc import Label

    art = make_article()
    art.narratives = [Label("URW: Discrediting Ukraine", 0.4, [], tier="guess")]
    art.subnarratives = [Label("URW: Praise of Russia: Praise of Russian military might", 0.2, [], tier="guess")]
    write_report([art], tmp_path)
    page = next((tmp_path / "articles").glob("*.html")).read_text("utf-8")
    assert "Subnarratives without their narrative" in page and "Praise of Russian military might" in page
