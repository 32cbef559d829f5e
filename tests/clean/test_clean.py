"""The plain-text cleaner: each kind of furniture goes with its reason, every article line stays."""
from __future__ import annotations

import pytest

from narrascope.clean import REASONS, clean_text, line_labels
from narrascope.clean.component import make_component
from narrascope.doc import Article

def reasons_of(text: str, title: str | None = None) -> dict[str, str]:
    return {r.text: r.reason for r in clean_text(text, title=title).removed}


def assert_kept(result, *lines: str) -> None:
    for line in lines:
        assert line in result.text, f"article line lost: {line!r}"


# -- the product brief's example shape (our own text) ---------------------------------------------

PRODUCT_SHAPE = """\
The retired general, Viktor Lasko, has said the southern offensive has run out of fuel after weeks of rain.

Related coverage:
Moldova detains two men over sabotage plot
Finland extends closure of eastern border
Wheat prices fall on hopes of shipping deal

Lasko told Deutsche Welle, "I think the front will freeze until summer."

He went on that it is "plain the generals will not admit it".

Analyst Marta Quinn told Times Radio the talks had stalled, she said, "Each side wants a truce on its own terms.

"But neither will give back a single village, and each knows the other will not.

"So we should expect a long and grinding year."

Reuters reports this, citing two officials familiar with the plans. Post a comment
"""


def test_product_shape_related_block_and_comment_prompt_go_quote_stays_whole():
    result = clean_text(PRODUCT_SHAPE, title="General says offensive has run out of fuel")
    got = {r.text: r.reason for r in result.removed}
    assert got["Related coverage:"] == "related-block"
    for headline in ("Moldova detains two men over sabotage plot", "Finland extends closure of eastern border",
                     "Wheat prices fall on hopes of shipping deal"):
        assert got[headline] == "related-block"
    assert got["Post a comment"] == "comment-prompt"
    assert_kept(
        result,
        'Lasko told Deutsche Welle, "I think the front will freeze until summer."',
        'she said, "Each side wants a truce on its own terms.',
        '"But neither will give back a single village, and each knows the other will not.',
        '"So we should expect a long and grinding year."',
        "Reuters reports this, citing two officials familiar with the plans.",
    )
    assert "Post a comment" not in result.text
    # paragraph breaks of the input are kept
    assert "\n\n" in result.text and "Related" not in result.text


def test_removal_offsets_point_into_the_input():
    result = clean_text(PRODUCT_SHAPE)
    for r in result.removed:
        assert PRODUCT_SHAPE[r.start:r.end] == r.text
        assert r.reason in REASONS


# -- each kind of furniture ----------------------------------------------------------------------

BODY = ("Ukrainian forces repelled three assaults near the village overnight, the general staff said on Tuesday.\n\n"
        "Local officials reported damage to a school and two apartment blocks in the district centre.\n\n")


@pytest.mark.parametrize("line,reason", [
    ("We use cookies to give you the best experience on our website. By continuing you accept our cookie policy.", "consent"),
    ("Accept all", "consent"),
    ("Sign up for our daily briefing and get the top stories in your inbox", "signup"),
    ("Subscribe to our Telegram channel", "signup"),
    ("Read more: Drone strike hits oil depot in Bryansk region", "headline-link"),
    ("► Finland to build new fence along Russian border", "headline-link"),
    ("Leave a comment", "comment-prompt"),
    ("Comments (27)", "comment-prompt"),
    ("Source: Ukrinform", "source-trailer"),
    ("Read the full article at example-news.org", "source-trailer"),
    ("Rescue workers clear rubble in the city centre. Photo: Reuters/Anna Voitenko", "caption"),
    ("A destroyed bridge near the front line (AP Photo/Mark Dorn)", "caption"),
    ("Facebook Twitter WhatsApp Email", "share-buttons"),
    ("Home | World | Europe | Ukraine", "navigation"),
    ("Advertisement", "advert"),
    ("By Olga Marchuk, Kyiv", "byline-meta"),
    ("Published 14 March 2026, 09:12 GMT", "byline-meta"),
])
def test_each_kind_is_removed_with_its_reason(line, reason):
    text = line + "\n\n" + BODY
    got = reasons_of(text)
    assert got.get(line) == reason, got
    assert_kept(clean_text(text), BODY.split("\n\n")[0], BODY.split("\n\n")[1])


def test_repeated_title_and_title_with_outlet():
    title = "Russia strikes power plants across Ukraine"
    text = f"{title}\n{title} | The Example Post\n\n{BODY}"
    removed = clean_text(text, title=title).removed
    assert [r.reason for r in removed] == ["repeated-title", "repeated-title"]


def test_related_block_with_times_between_headlines_without_header():
    text = BODY + ("Kremlin rejects new proposal for prisoner swap talks\n2 hours ago\n"
                   "Estonia expels Russian diplomat over spying claims\n4 hours ago\n")
    got = reasons_of(text)
    assert got["Kremlin rejects new proposal for prisoner swap talks"] == "related-block"
    assert got["4 hours ago"] == "related-block"


# -- article lines that look like furniture ----------------------------------------------------

def test_multi_paragraph_quote_is_kept_whole_even_where_short():
    text = (BODY + "The commander described the night in detail.\n\n"
            "“We heard the drones first.\n\n“Then nothing.\n\n“Then the whole street was on fire.”\n\n"
            "Share\n")
    result = clean_text(text)
    assert_kept(result, "“We heard the drones first.", "“Then nothing.", "“Then the whole street was on fire.”")
    assert reasons_of(text)["Share"] == "share-buttons"


def test_short_quote_line_and_quote_that_looks_like_a_headline_are_kept():
    text = BODY + '"We will not leave," she said.\n\n“Sign up or be left behind,” the recruiter told him.\n\n' \
        '"No comment"\n\n“Read more, listen more, trust less,” Petrenko says\n\nSource: Example Wire\n'
    result = clean_text(text)
    assert_kept(result, '"We will not leave," she said.', "“Sign up or be left behind,” the recruiter told him.",
                "“Read more, listen more, trust less,” Petrenko says")
    assert "Source: Example Wire" not in result.text


def test_short_article_lines_subheadings_and_lists_are_kept():
    text = ("The talks ended without agreement on Friday, both delegations said in separate statements.\n\n"
            "Nobody was surprised.\n\n"
            "What comes next\n\n"
            "Diplomats listed three open questions:\n"
            "- the line of contact\n- prisoner exchanges\n- security guarantees\n- frozen assets\n- sanctions relief\n\n"
            "A new round is expected in May, according to a Turkish official.\n")
    result = clean_text(text)
    assert result.removed == []
    assert result.text == text.rstrip("\n")


def test_subheading_after_related_block_is_kept():
    text = (BODY + "Related stories\n"
            "Kremlin says talks with Washington were constructive and useful\n"
            "Poland closes another crossing on its border with Belarus\n"
            "Ukraine receives first batch of new air-defence systems\n"
            "Grain exports\n"
            "Exports through the Black Sea corridor reached a record in February, the ministry said.\n")
    got = reasons_of(text)
    assert got["Related stories"] == "related-block"
    assert "Grain exports" not in got
    assert "Grain exports" in clean_text(text).text


# -- other languages -----------------------------------------------------------------------------

def test_russian_bulgarian_portuguese_hindi_blocks():
    ru = ("Силы ПВО ночью перехватили восемь беспилотников над областью, сообщил губернатор.\n\n"
          "Читайте также:\nВ Брянске объявлена воздушная тревога\nМинобороны сообщило о новых ударах\n\n"
          "Пострадавших нет, добавил он.\n\nПодпишитесь на наш Telegram-канал\nФото: пресс-служба\n")
    got = reasons_of(ru)
    assert got["Читайте также:"] == "related-block"
    assert got["В Брянске объявлена воздушная тревога"] == "related-block"
    assert got["Подпишитесь на наш Telegram-канал"] == "signup"
    assert got["Фото: пресс-служба"] == "caption"
    assert "Пострадавших нет, добавил он." in clean_text(ru).text

    bg = ("Министърът на отбраната посети базата край Ямбол в понеделник.\n\n"
          "Още по темата\nНовите изтребители пристигат през пролетта\nСАЩ одобриха продажбата на ракети\n\n"
          "„Армията е готова“, каза той.\n\nСнимка: БТА\nКоментари (5)\n")
    got = reasons_of(bg)
    assert got["Още по темата"] == "related-block"
    assert got["Снимка: БТА"] == "caption"
    assert got["Коментари (5)"] == "comment-prompt"
    assert "„Армията е готова“, каза той." in clean_text(bg).text

    pt = ("O governo anunciou um novo pacote de ajuda à Ucrânia nesta terça-feira.\n\n"
          "Leia também\nRússia ataca Odessa com drones\nZelensky visita Lisboa em abril\n\n"
          "Assine a nossa newsletter\nDeixe seu comentário\n")
    got = reasons_of(pt)
    assert got["Leia também"] == "related-block" and got["Zelensky visita Lisboa em abril"] == "related-block"
    assert got["Assine a nossa newsletter"] == "signup"
    assert got["Deixe seu comentário"] == "comment-prompt"

    hi = ("रूस ने रात भर यूक्रेन पर कई ड्रोन दागे, वायु सेना ने बताया।\n\n"
          "यह भी पढ़ें\nकीव में बिजली आपूर्ति बहाल\n\nमरम्मत का काम जारी है।\n")
    got = reasons_of(hi)
    assert got["यह भी पढ़ें"] == "related-block"
    assert "मरम्मत का काम जारी है।" in clean_text(hi).text


# -- edge cases ----------------------------------------------------------------------------------

def test_empty_and_blank_text():
    for text in ("", "   \n\n  "):
        result = clean_text(text)
        assert result.text == "" and result.removed == []


def test_not_a_string_is_refused():
    with pytest.raises(TypeError, match="expects str"):
        clean_text(None)  # type: ignore[arg-type]


def test_cleaning_twice_removes_nothing_more():
    once = clean_text(PRODUCT_SHAPE)
    twice = clean_text(once.text)
    assert twice.removed == [] and twice.text == once.text


def test_line_labels_cover_every_line():
    labels = line_labels(PRODUCT_SHAPE)
    assert len(labels) == len([ln for ln in PRODUCT_SHAPE.splitlines() if ln.strip()])
    assert {r for _, _, r in labels} >= {None, "related-block"}


# -- the pipeline component ----------------------------------------------------------------------

def test_component_sets_text_removed_raw_text_and_is_idempotent():
    clean = make_component({})
    art = Article(id="a1", text=PRODUCT_SHAPE, title="General says offensive has run out of fuel", language="en")
    clean(art)
    assert art.raw_text == PRODUCT_SHAPE
    assert "Related coverage:" not in art.text
    assert any(r.reason == "comment-prompt" for r in art.removed)
    for r in art.removed:
        assert art.raw_text[r.start:r.end] == r.text
    text, removed = art.text, list(art.removed)
    clean(art)
    assert art.text == text and art.removed == removed


def test_component_can_be_disabled():
    art = Article(id="a2", text=PRODUCT_SHAPE)
    make_component({"enabled": False})(art)
    assert art.text == PRODUCT_SHAPE and art.removed == []


def test_component_through_registry():
    from narrascope.registry import get_factory

    art = Article(id="a3", text=BODY + "Advertisement\n")
    get_factory("clean")({})(art)
    assert [r.reason for r in art.removed] == ["advert"]


# -- the optional learned line model -------------------------------------------------------------

def test_bundled_line_model_loads_and_scores_every_line():
    from narrascope.clean.lines import make_line
    from narrascope.clean.model import FEATURES, bundled_model, line_features
    from narrascope.clean.quotes import protected_lines
    from narrascope.clean.rules import rule_reasons
    from narrascope.text import paragraphs

    model = bundled_model()
    assert model is not None and 0.5 <= model.threshold <= 1.01
    lines = [make_line(PRODUCT_SHAPE[s:e], s, e) for s, e in paragraphs(PRODUCT_SHAPE)]
    prot = protected_lines([ln.text for ln in lines])
    reasons, free = rule_reasons(lines, prot)
    X = line_features(lines, reasons, prot, free)
    assert X.shape == (len(lines), len(FEATURES))
    p = model.proba(X)
    assert ((p >= 0) & (p <= 1)).all()


def test_line_model_never_removes_quotes_or_running_text():
    result = clean_text(PRODUCT_SHAPE, line_model=True)
    assert_kept(result, '"But neither will give back a single village, and each knows the other will not.',
                "Reuters reports this, citing two officials familiar with the plans.")
    assert all(r.reason in REASONS for r in result.removed)


def test_line_model_refuses_weights_for_other_features():
    from narrascope.clean.model import TreeModel

    with pytest.raises(ValueError, match="retrain"):
        TreeModel.from_json('{"kind": "boosted-trees", "features": ["x"], "baseline": 0, "threshold": 0.9, "trees": []}')


def test_article_sentences_with_furniture_words_are_kept():
    text = (
        "Sources in Kyiv said the talks would resume in May.\n\n"
        "Photos posted on Telegram showed the bridge had collapsed.\n\n"
        "Comments by the Kremlin spokesman drew a sharp response from Warsaw.\n\n"
        "Reservists were told to sign up at their local enlistment office by Friday.\n\n"
        "Victoria Nuland handed out cookies on the Maidan in 2013.\n\n"
        "Ukraine did not consent to the plan, the foreign ministry said.\n\n"
        "By Sunday, Russian troops had pushed into the outskirts of the town.\n\n"
        "Published in 2019, the report was ignored for years.\n\n"
        "Follow-up strikes hit the same district an hour later.\n\n"
        "Latest developments\n\n"
        "The governor declined to comment on the casualty figures when asked by reporters on Monday.\n\n"
        "Soldiers share their rations with civilians in the village, a volunteer said.\n"
    )
    result = clean_text(text)
    assert result.removed == [], [(r.reason, r.text) for r in result.removed]


def test_multi_paragraph_quotes_with_guillemets_and_low_marks():
    ru = ("Политолог считает, что переговоры зашли в тупик.\n\n"
          "«Никто не уступит.\n\n«Подпишитесь под любым планом — его не выполнят.\n\n«Ждите весны», — сказал он.\n\n"
          "Подписывайтесь на наш канал\n")
    result = clean_text(ru)
    assert_kept(result, "«Никто не уступит.", "«Подпишитесь под любым планом — его не выполнят.", "«Ждите весны», — сказал он.")
    assert reasons_of(ru) == {"Подписывайтесь на наш канал": "signup"}
    bg = ("Министърът говори пред журналисти.\n\n„Няма да отстъпим.\n\n„Абонирайте се за мира, не за войната.“\n\n"
          "Коментари (2)\n")
    result = clean_text(bg)
    assert_kept(result, "„Няма да отстъпим.", "„Абонирайте се за мира, не за войната.“")
    assert reasons_of(bg) == {"Коментари (2)": "comment-prompt"}


def test_unclosed_quote_does_not_protect_the_furniture_after_it():
    text = (BODY + 'He called it "a turning point in the war and the start of something bigger.\n\n'
            "Related stories\nFinland closes the last crossing on its eastern border\nEstonia expels a Russian diplomat over spying\n"
            "Share on Facebook\n")
    got = reasons_of(text)
    assert got.get("Related stories") == "related-block"
    assert got.get("Share on Facebook") == "share-buttons"
    assert 'He called it "a turning point' in clean_text(text).text
