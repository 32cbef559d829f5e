"""Readers' comment blocks in scraped text go as one block (issue 13, "user comments"), in the shapes of
several kinds of site, EN / RU / PT / BG; article lines before the block, quote lines included, stay.
All pages are our own text: fictional outlets, people and commenters."""
from __future__ import annotations

import pytest

from narrascope.clean import clean_text

LEAD = ("Engineers restored power to most of the city's left bank on Sunday, two days after a missile strike "
        "knocked out the main substation, the regional administration said.")
SECOND = "About 14,000 households were still without electricity on Sunday evening, officials said."
QUOTE = "“We are working around the clock, but the equipment we need is not something you can buy in a shop,” the utility's director, Oksana Melnyk, said."
LAST = "Repairs to the substation itself are expected to take at least three weeks."
ARTICLE = [LEAD, SECOND, QUOTE, LAST]


def removed(text: str, **kw) -> dict[str, str]:
    return {r.text: r.reason for r in clean_text(text, **kw).removed}


def page(*blocks: str) -> str:
    return "\n\n".join(ARTICLE) + "\n\n" + "\n".join(blocks) + "\n"


def assert_block_goes(text: str, block: list[str], line_model: bool) -> None:
    got = removed(text, line_model=line_model)
    for line in block:
        assert line in got, (line, got)
    assert clean_text(text, line_model=line_model).text.split("\n\n") == ARTICLE


# A news site: "Comments (N)" header, name / relative time / text / Reply · Like · Report, "Show more comments".
NEWS_THREAD = [
    "Comments (12)",
    "Marko P.",
    "3 hours ago",
    "Three weeks without heating in November? Somebody has to answer for this.",
    "Reply",
    "Like 12",
    "Report",
    "Ann_Liddell",
    "2 hours ago",
    "The director says “around the clock” but our street has seen nobody since Friday.",
    "Reply",
    "Like 4",
    "Report",
    "viktor k",
    "1 hour ago",
    "Generators are sold out everywhere in town. Good luck buying one.",
    "Show more comments",
]

# A Disqus-like widget: "Join the conversation", sort order, "name · 2h", "Like · Reply" on one line.
WIDGET_THREAD = [
    "Join the conversation",
    "Log in to comment",
    "Most popular comments",
    "dnipro_dad · 2h",
    "My parents are on the left bank. They got power back at 4am, thank you to the crews.",
    "Like · Reply",
    "Halyna · 5h",
    "\"Not something you can buy in a shop\" – then who sold the last ones?",
    "12 · Reply · Report",
    "old_sailor · 1d",
    "Same story every winter.",
    "Like · Reply",
]

# A blog-style thread with no header at all: name, date, text, "Reply" after the article.
HEADLESS_THREAD = [
    "Petro Bondar",
    "November 12, 2026 at 9:15 am",
    "Thank you for reporting this, nobody else did.",
    "Reply",
    "Iryna S.",
    "November 12, 2026 at 11:02 am",
    "They said the same last year, “three weeks”, and it was two months.",
    "Reply",
]


@pytest.mark.parametrize("line_model", [False, True])
@pytest.mark.parametrize("thread", [NEWS_THREAD, WIDGET_THREAD, HEADLESS_THREAD], ids=["news", "widget", "headless"])
def test_english_comment_blocks_go_as_a_block(line_model, thread):
    text = page(*thread)
    got = removed(text, line_model=line_model)
    assert_block_goes(text, thread, line_model)
    for line in thread:
        assert got[line] in ("comment-prompt", "signup"), (line, got[line])  # the log-in prompt may stay "signup"


@pytest.mark.parametrize("line_model", [False, True])
def test_thread_block_stops_at_a_footer_block_and_the_footer_still_goes(line_model):
    footer = ["Most read", "City to open heating points in schools", "Bus routes change from Monday", "© 2026 Dnipro Evening Post"]
    text = page(*NEWS_THREAD, *footer)
    got = removed(text, line_model=line_model)
    assert got["Most read"] == "related-block" and got["Bus routes change from Monday"] == "related-block"
    assert got["© 2026 Dnipro Evening Post"] == "source-trailer"
    assert got["Generators are sold out everywhere in town. Good luck buying one."] == "comment-prompt"
    assert clean_text(text, line_model=line_model).text.split("\n\n") == ARTICLE


RU = [
    "Комментарии (5)",
    "Сергей_К",
    "2 часа назад",
    "Опять «временные трудности». Третий год слышим одно и то же.",
    "Ответить",
    "Нравится 7",
    "Пожаловаться",
    "Марина",
    "1 час назад",
    "У нас во дворе генератор привезли только вечером, спасибо волонтёрам.",
    "Ответить",
    "Нравится 2",
    "Показать ещё комментарии",
    "Войдите, чтобы оставить комментарий",
]

PT = [
    "Comentários (3)",
    "joao.silva",
    "há 3 horas",
    "A reportagem esqueceu de dizer que o bairro ficou sem água também.",
    "Responder",
    "Curtir 5",
    "Denunciar",
    "Ana Paula",
    "há 1 hora",
    "“Três semanas”, disseram. Vamos ver.",
    "Responder",
    "Curtir 1",
    "Ver mais comentários",
    "Faça login para comentar",
]

BG = [
    "Коментари (4)",
    "Иван Петров",
    "преди 2 часа",
    "Пак същото като миналата зима. Никой не си е взел поука.",
    "Отговори",
    "Харесай 6",
    "Гергана",
    "преди 1 час",
    "Браво на техниците, работят денонощно.",
    "Отговори",
    "Харесай 3",
    "Покажи още коментари",
]


@pytest.mark.parametrize("line_model", [False, True])
@pytest.mark.parametrize("thread", [RU, PT, BG], ids=["ru", "pt", "bg"])
def test_comment_blocks_in_other_languages_go(line_model, thread):
    assert_block_goes(page(*thread), thread, line_model)


@pytest.mark.parametrize("line_model", [False, True])
def test_comment_button_under_the_headline_takes_no_article_line(line_model):
    # "Comments (12)" sits between the byline and the lead: nothing of the article is behind it yet.
    text = "By Olena Hrytsenko\n2 hours ago\nComments (12)\n\n" + "\n\n".join(ARTICLE) + "\n"
    got = removed(text, line_model=line_model)
    assert got["Comments (12)"] == "comment-prompt"
    assert clean_text(text, line_model=line_model).text.split("\n\n")[-4:] == ARTICLE


@pytest.mark.parametrize("line_model", [False, True])
def test_liveblog_times_and_names_are_not_a_comment_thread(line_model):
    # A live blog: entries with a time and the reporter's name, no Reply/Like: every entry stays.
    entries = [
        "14:05", "Olena Hrytsenko",
        "Power has returned to the Sobornyi district, the utility says.",
        "13:40", "Taras Lysenko",
        "Queues are forming at the heating point in School No. 23.",
    ]
    text = "\n\n".join([LEAD, SECOND] + entries + [QUOTE, LAST]) + "\n"
    out = clean_text(text, line_model=line_model).text
    for line in (LEAD, SECOND, QUOTE, LAST, entries[2], entries[5]):
        assert line in out


@pytest.mark.parametrize("line_model", [False, True])
def test_article_sentence_about_comments_and_replies_stays(line_model):
    # Words of a comment widget inside article sentences are not a header.
    lines = ["The minister declined to comment on the figures, and her office did not reply to a request on Sunday.",
             "Recent comments by the mayor drew criticism from residents of the left bank.",
             "Polls show responses were mixed."]
    text = "\n\n".join([LEAD, SECOND] + lines + [LAST]) + "\n"
    assert clean_text(text, line_model=line_model).text.split("\n\n") == [LEAD, SECOND] + lines + [LAST]


# A forum-style site: "[ 14 comments ]" and "Top Rated Comments" header, handle / "2 days ago at 07:52 am" /
# text / "Rating: 36 Votes", closed by "[ Read All Comments ]".
RATED_THREAD = [
    "[ 14 comments ]",
    "Top Rated Comments",
    "kherson_kid",
    "2 days ago at 07:52 am",
    "Good to see the crews get some credit for once.",
    "Rating: 36 Votes",
    "Olha V.",
    "2 days ago at 08:10 am",
    "Three weeks is optimistic. The transformer has to come from abroad and nobody will say from where.",
    "Rating: 21 Votes",
    "[ Read All Comments ]",
]


@pytest.mark.parametrize("line_model", [False, True])
def test_rated_forum_thread_goes(line_model):
    text = page(*RATED_THREAD)
    assert_block_goes(text, RATED_THREAD, line_model)
    assert set(removed(text, line_model=line_model).values()) == {"comment-prompt"}


@pytest.mark.parametrize("line_model", [False, True])
def test_comment_form_labels_between_form_lines_go(line_model):
    # A WordPress form: the bare "Website" / "Site" labels sit between lines the rules know.
    form = ["Leave a Reply", "Want to join the discussion?", "Feel free to contribute!", "Leave a Reply",
            "Your email address will not be published. Required fields are marked *", "Comment", "Name *", "Email *",
            "Website", "Save my name, email, and website in this browser for the next time I comment."]
    text = page(*form)
    got = removed(text, line_model=line_model)
    for line in ("Feel free to contribute!", "Website"):
        assert got.get(line) == "comment-prompt", (line, got)
    assert clean_text(text, line_model=line_model).text.split("\n\n") == ARTICLE


def test_a_short_article_line_between_two_comment_notices_is_not_a_form():
    # The gaps of a form are short labels; a sentence of the article between two notices stays.
    text = ("\n\n".join([LEAD, SECOND, "Comments (2)", LAST, "Post a comment"]) + "\n")
    assert LAST in clean_text(text).text


PT_BLOG = [
    "2 Comentários",
    "Karina",
    "1 ano atrás",
    "Link permanente",
    "Alguém sabe se o abrigo da escola continua aberto à noite?",
    "Responder",
    "Lúcia M.",
    "1 ano atrás",
    "Link permanente",
    "Karina, continua sim, até às 22h, pelo menos foi o que disseram no sábado.",
    "Responder",
    "Deixe uma resposta",
]


@pytest.mark.parametrize("line_model", [False, True])
def test_portuguese_blog_thread_with_count_header_goes(line_model):
    assert_block_goes(page(*PT_BLOG), PT_BLOG, line_model)
