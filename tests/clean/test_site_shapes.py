"""Issue 13 shapes of scraped war news (our own text): headline lists after a "Read more on …:" header,
end-of-article headline runs, captions with a date and a place, comment-form notices go with their
reason; quote lines never go. Also the learned line model: JSON round trip, agreement with sklearn,
and that it never removes a protected line."""
from __future__ import annotations

import json

import numpy as np
import pytest

from narrascope.clean import clean_text
from narrascope.clean.lines import make_line
from narrascope.clean.model import FEATURES, TreeModel, bundled_model, line_features
from narrascope.clean.quotes import headline_shaped, protected_lines
from narrascope.clean.rules import caption_shape

LEAD = ("The ministry said on Thursday that units on the eastern front would be rotated more often from next month, "
        "after months of complaints from soldiers and their families.")
SECOND = "Officials gave no figures for how many troops would be affected by the change."
QUOTE = "“We owe them a fixed term and a date to go home,” the deputy minister, Halyna Rudenko, told reporters."
LAST = "The plan still needs the approval of parliament, which returns from its summer break in September."


def removed(text: str, **kw) -> dict[str, str]:
    return {r.text: r.reason for r in clean_text(text, **kw).removed}


def kept(text: str, **kw) -> str:
    return clean_text(text, **kw).text


READ_MORE = f"""{LEAD}

{SECOND}

Read more on the war in Ukraine:
Minister warned never to ‘write off the army’ as front shifts
Kremlin says new sanctions are ‘economic war’
Volunteers describe ‘endless’ queues at border crossing
Why the ‘grey zone’ near Kupiansk keeps growing

{QUOTE}

{LAST}
"""


@pytest.mark.parametrize("line_model", [False, True])
def test_read_more_header_and_its_quote_marked_headlines_go(line_model):
    got = removed(READ_MORE, line_model=line_model)
    assert got["Read more on the war in Ukraine:"] == "related-block"
    for h in ("Minister warned never to ‘write off the army’ as front shifts", "Kremlin says new sanctions are ‘economic war’",
              "Volunteers describe ‘endless’ queues at border crossing", "Why the ‘grey zone’ near Kupiansk keeps growing"):
        assert got.get(h) == "related-block", (h, got)
    text = kept(READ_MORE, line_model=line_model)
    for line in (LEAD, SECOND, QUOTE, LAST):
        assert line in text


TAIL = f"""{LEAD}

{QUOTE}

{LAST}

Leader says deserters will get ‘fair treatment’
Missiles may no longer even work, says ex-officer
Families of missing soldiers hold vigil in Lviv
"""


@pytest.mark.parametrize("line_model", [False, True])
def test_end_of_article_headline_run_goes(line_model):
    got = removed(TAIL, line_model=line_model)
    for h in ("Leader says deserters will get ‘fair treatment’", "Missiles may no longer even work, says ex-officer",
              "Families of missing soldiers hold vigil in Lviv"):
        assert got.get(h) == "related-block", (h, got)
    assert QUOTE in kept(TAIL, line_model=line_model)


@pytest.mark.parametrize("caption", [
    "Defence Minister Andriy Koval at a meeting with NATO officials in Brussels on 3 May 2024.",
    "Rescuers work at the site of a missile strike in Dnipro, Ukraine, on 14 February 2026.",
    "The foreign minister during a news conference in Kyiv, May 3, 2024. (Example Press)",
    "Smoke rises over the port in Izmail, Odesa region, on 2 September 2025.",
])
def test_caption_with_date_and_place_goes(caption):
    text = f"{LEAD}\n\n{caption}\n\n{SECOND}\n\n{LAST}\n"
    assert removed(text).get(caption) == "caption"
    assert caption_shape(make_line(caption, 0, len(caption)))


@pytest.mark.parametrize("sentence", [
    "Putin met Xi in Beijing on 16 May 2024.",
    "The treaty was signed in Minsk on 5 September 2014.",
    "Ukraine's army said it had withdrawn from the town in the early hours of 17 February 2024.",
    "“We will meet again in Geneva on 3 June 2026,” the envoy said.",
])
def test_article_sentence_ending_with_a_date_is_kept(sentence):
    text = f"{LEAD}\n\n{sentence}\n\n{LAST}\n"
    assert sentence in kept(text)
    assert sentence in kept(text, line_model=True)


COMMENT_FORM = [
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Comment *",
    "Name *",
    "Email *",
    "Save my name, email, and website in this browser for the next time I comment.",
    "Post Comment",
    "Notify me of follow-up comments by email.",
    "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
    "Comments are moderated and will appear after review.",
    "You must be logged in to post a comment.",
]


@pytest.mark.parametrize("line_model", [False, True])
def test_comment_form_notices_go(line_model):
    text = f"{LEAD}\n\n{QUOTE}\n\n{LAST}\n\n" + "\n".join(COMMENT_FORM) + "\n"
    got = removed(text, line_model=line_model)
    for line in COMMENT_FORM:
        assert got.get(line) == "comment-prompt", (line, got)
    assert LAST in kept(text, line_model=line_model)


QUOTES_AFTER_HEADER = f"""{LEAD}

Related coverage:
“We will hold the line,” Syrskyi said.
“They are tired, but they are not broken,” a battalion commander told the BBC.

{SECOND}
"""


@pytest.mark.parametrize("line_model", [False, True])
def test_quote_lines_never_go_even_under_a_related_header(line_model):
    text = kept(QUOTES_AFTER_HEADER, line_model=line_model)
    assert "“We will hold the line,” Syrskyi said." in text
    assert "“They are tired, but they are not broken,” a battalion commander told the BBC." in text


def test_headline_shape_is_not_a_quote_line_but_sentences_and_leading_quotes_are():
    assert headline_shaped("Leader says deserters will get ‘fair treatment’")
    assert headline_shaped("Minister warned never to ‘write off the army’ as front shifts")
    assert not headline_shaped("He warned them never to ‘write off the army’.")
    assert not headline_shaped("“Read more, listen more, trust less,” Petrenko says")
    assert not headline_shaped("Zelensky: “We will not give up our land”")
    prot = protected_lines(["Leader says deserters will get ‘fair treatment’", "He said the deserters would get ‘fair treatment’."])
    assert prot == [False, True]


# -- the learned line model ----------------------------------------------------------------------

def test_tree_model_json_round_trip_matches_sklearn():
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, len(FEATURES))).astype(np.float32)
    y = (X[:, 0] + 0.5 * X[:, 3] - X[:, 7] > 0).astype(int)
    clf = HistGradientBoostingClassifier(max_iter=20, max_leaf_nodes=7, early_stopping=False, random_state=0).fit(X, y)
    model = TreeModel.from_sklearn(clf, threshold=0.9)
    again = TreeModel.from_json(model.to_json())
    assert again.threshold == 0.9
    np.testing.assert_allclose(again.proba(X), clf.predict_proba(X)[:, 1], rtol=1e-4, atol=1e-5)
    assert "pickle" not in model.to_json()


def test_tree_model_rejects_other_features():
    bad = json.dumps({"kind": "boosted-trees", "features": ["x"], "baseline": 0, "threshold": 0.5, "trees": []})
    with pytest.raises(ValueError):
        TreeModel.from_json(bad)


def test_bundled_model_loads_and_is_small():
    from importlib import resources

    model = bundled_model()
    assert model is not None and model.trees
    size = len(resources.files("narrascope.clean").joinpath("line_model.json").read_bytes())
    assert size < 5_000_000
    assert 0.0 <= model.keep_threshold <= model.threshold <= 1.01


def test_model_never_removes_protected_lines():
    lines = [LEAD, "“No comment”", "“Then nothing.", "“Then the whole street was on fire.”", "Share", QUOTE]
    text = "\n\n".join(lines) + "\n"
    out = kept(text, line_model=True)
    for line in lines:
        if line != "Share":
            assert line in out


def test_component_reads_line_model_from_config():
    from narrascope.clean.component import make_component
    from narrascope.doc import Article

    art = Article(id="x", text=READ_MORE)
    out = make_component({"line_model": True})(art)
    assert "Minister warned never" not in out.text and QUOTE in out.text


THREAD = f"""{LEAD}

{QUOTE}

{LAST}

3 thoughts on “Kyiv to rotate front-line units more often”
Petro M. says:
June 4, 2026 at 4:12 pm
About time. My brother has not been home since last spring.
Reply
Lena K. says:
June 4, 2026 at 6:40 pm
Promises again. We will believe it when we see the orders.
Reply
Leave a Reply Cancel reply
"""


def test_readers_comment_thread_goes_with_its_header():
    got = removed(THREAD)
    for line in ("3 thoughts on “Kyiv to rotate front-line units more often”", "Petro M. says:", "June 4, 2026 at 4:12 pm",
                 "About time. My brother has not been home since last spring.", "Reply",
                 "Promises again. We will believe it when we see the orders.", "Leave a Reply Cancel reply"):
        assert got.get(line) == "comment-prompt", (line, got)
    text = kept(THREAD)
    for line in (LEAD, QUOTE, LAST):
        assert line in text


def test_list_ending_the_article_stays_after_a_caption():
    text = (f"{LEAD}\n\n{SECOND}\n\nThe package includes:\n- a ban on imports of Russian LNG\n- listings of 105 tankers\n"
            "- export controls on drone parts\n\n"
            "The foreign minister at a news conference in Kyiv on 30 April 2026.\n\n"
            "Kremlin says sanctions are ‘economic war’\nBaltic states close two border crossings\n")
    got = removed(text)
    assert got["The foreign minister at a news conference in Kyiv on 30 April 2026."] == "caption"
    assert got["Baltic states close two border crossings"] == "related-block"
    out = kept(text)
    for line in ("The package includes:", "- a ban on imports of Russian LNG", "- export controls on drone parts"):
        assert line in out


# -- more shapes of scraped war news (our own text), rules alone and with the line model ----------

OTHER_NEWS = f"""{LEAD}

{SECOND}

Other news
General calls drone losses “unsustainable” after night raids
Port city counts the cost of a “quiet” week
Why Moscow’s “red lines” keep moving

{QUOTE}

{LAST}
"""

MORE_ON = f"""{LEAD}

{QUOTE}

MORE ON THIS STORY
Envoy says talks ‘not dead’ despite walkout
Border guards report new balloon crossings

{LAST}
"""


@pytest.mark.parametrize("line_model", [False, True])
@pytest.mark.parametrize("page, header, heads", [
    (OTHER_NEWS, "Other news", ("General calls drone losses “unsustainable” after night raids",
                                "Port city counts the cost of a “quiet” week", "Why Moscow’s “red lines” keep moving")),
    (MORE_ON, "MORE ON THIS STORY", ("Envoy says talks ‘not dead’ despite walkout", "Border guards report new balloon crossings")),
])
def test_headlines_with_double_quotes_under_a_header_go(line_model, page, header, heads):
    # double quote marks inside a headline do not make it a quote line
    got = removed(page, line_model=line_model)
    assert got.get(header) == "related-block"
    for h in heads:
        assert got.get(h) == "related-block", (h, got)
    text = kept(page, line_model=line_model)
    for line in (LEAD, QUOTE, LAST):
        assert line in text


QUOTE_THEN_TAIL = f"""{LEAD}

{SECOND}

“We will rebuild every house on this street,” the mayor said.

Author asks whether ‘victory’ still means the same thing
Drone makers race to replace ‘lost’ parts from China
Exiled editor says newsroom will ‘never go quiet’
"""


@pytest.mark.parametrize("line_model", [False, True])
def test_article_ending_on_a_quote_keeps_it_and_drops_the_headline_run(line_model):
    got = removed(QUOTE_THEN_TAIL, line_model=line_model)
    for h in ("Author asks whether ‘victory’ still means the same thing", "Drone makers race to replace ‘lost’ parts from China",
              "Exiled editor says newsroom will ‘never go quiet’"):
        assert got.get(h) == "related-block", (h, got)
    assert "“We will rebuild every house on this street,” the mayor said." in kept(QUOTE_THEN_TAIL, line_model=line_model)


SHORT_LINES_INSIDE = f"""{LEAD}

What happens next

{SECOND}

Evacuations continue.

{QUOTE}

{LAST}
"""


@pytest.mark.parametrize("line_model", [False, True])
def test_subheading_and_one_sentence_paragraph_inside_the_article_stay(line_model):
    assert not clean_text(SHORT_LINES_INSIDE, line_model=line_model).removed


@pytest.mark.parametrize("line_model", [False, True])
def test_caption_with_a_credit_or_a_region_goes(line_model):
    captions = ("Ukrainian servicemen during training near Zaporizhzhia, Ukraine, on 12 March 2025.",
                "President Ivanov with his counterpart at the summit in Astana on 4 July 2024. Photo: Example Agency")
    text = f"{LEAD}\n\n{captions[0]}\n\n{SECOND}\n\n{captions[1]}\n\n{LAST}\n"
    got = removed(text, line_model=line_model)
    for c in captions:
        assert got.get(c) == "caption", (c, got)
    assert kept(text, line_model=line_model).split("\n\n") == [LEAD, SECOND, LAST]


@pytest.mark.parametrize("line_model", [False, True])
def test_closed_comments_notices_go(line_model):
    notices = ("Comments are closed.", "Comments (0)", "Be the first to comment")
    text = f"{LEAD}\n\n{QUOTE}\n\n{LAST}\n\n" + "\n".join(notices + ("You must log in to comment.",)) + "\n"
    got = removed(text, line_model=line_model)
    for line in notices:
        assert got.get(line) == "comment-prompt", (line, got)
    assert "You must log in to comment." in got  # a log-in prompt (signup) or a comment notice: either way it goes
    assert kept(text, line_model=line_model).split("\n\n") == [LEAD, QUOTE, LAST]


def test_line_features_find_the_article_span_and_title_repeats():
    from narrascope.clean.rules import rule_reasons
    from narrascope.text import paragraphs

    title = "Kyiv to rotate front-line units more often"
    page = ("Home\nWorld\nEurope\nKyiv rotates units more often, ministry says\n\n"
            f"{LEAD}\n\n{SECOND}\n\n{QUOTE}\n\n{LAST}\n\nMost read\nPort city counts the cost of a quiet week\n")
    lines = [make_line(page[s:e], s, e) for s, e in paragraphs(page)]
    prot = protected_lines([ln.text for ln in lines])
    reasons, free = rule_reasons(lines, prot, title)
    X = line_features(lines, reasons, prot, free, title)
    col = {f: k for k, f in enumerate(FEATURES)}
    texts = [ln.text for ln in lines]
    inside = {t: X[i, col["inside_best_span"]] for i, t in enumerate(texts)}
    assert all(inside[t] == 1.0 for t in (LEAD, SECOND, QUOTE, LAST))
    assert inside["Home"] == 0.0 and inside["Port city counts the cost of a quiet week"] == 0.0
    overlap = {t: X[i, col["title_overlap"]] for i, t in enumerate(texts)}
    assert overlap["Kyiv rotates units more often, ministry says"] >= 0.5 > overlap[SECOND]
    assert X[texts.index("Most read"), col["next_related_header"]] == 0.0
    assert X[texts.index(LAST), col["next_related_header"]] == 1.0  # "Most read" opens a block of links


def test_a_read_more_headline_glued_inside_a_paragraph_goes():
    """A promoted headline the page glued into a paragraph, the next sentence of the article right after it."""
    from narrascope.clean import clean_text

    text = ("The pundit is often booked by state television to make big claims. READ MORE: Pilot's five wildest "
            "stories as retired flyer talks about lights over the lake And his latest claim should worry his "
            "neighbours. He said so on Monday.\n\nThe ministry did not comment.")
    r = clean_text(text)
    assert r.text == ("The pundit is often booked by state television to make big claims. And his latest claim should "
                      "worry his neighbours. He said so on Monday.\n\nThe ministry did not comment.")
    [cut] = [x for x in r.removed if x.reason == "headline-link"]
    assert text[cut.start:cut.end] == cut.text and cut.text.startswith("READ MORE: Pilot's")
    # a "Read more" at a paragraph's start is a line of its own (other rules), and a short tail is left alone
    assert clean_text("He left early. Read more: no.").text == "He left early. Read more: no."
