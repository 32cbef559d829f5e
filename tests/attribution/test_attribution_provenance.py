"""Lexicons and the learned speaker-noun model: where they come from, and headline lines in the rule path."""
import json
from importlib import resources

from narrascope.attribution.lexicon import load_lexicon
from narrascope.attribution.multilingual import attribute_rules
from narrascope.attribution.quotes import headline_paragraphs

LEXICONS = resources.files("narrascope.attribution").joinpath("lexicons")


def test_first_names_taken_from_the_dev_articles_are_gone():
    lex = load_lexicon()
    for name in ("margarita", "kamala", "claire", "victor", "laura", "alexander", "lloyd", "liz", "ivana"):
        assert name not in lex.female_names and name not in lex.male_names


def test_speaker_resources_are_loaded():
    lex = load_lexicon()
    assert {"campaign", "official", "poll"} <= lex.speaker_heads
    assert {"ministry", "pensioner"} <= lex.speaker_heads  # the hand-written speaker: lines
    model = json.loads(LEXICONS.joinpath("speaker_nouns.json").read_text("utf-8"))
    assert model["dim"] == len(model["weights"]) == 300 and "train" in model["about"]
    assert lex.speaker_model is not None


def test_headline_paragraphs():
    text = ("Minister warned never to ‘write off the army’ as front shifts\n\n"
            "The minister said the army would hold. “We have shells,” he said.\n\n"
            "Leader Says Deserters Will Get ‘Fair Treatment’\n\n"
            "“We cannot wait for another winter like this one.” — Kaja Kallas")
    heads = [text[s:e] for s, e in headline_paragraphs(text)]
    assert heads == ["Minister warned never to ‘write off the army’ as front shifts",
                     "Leader Says Deserters Will Get ‘Fair Treatment’"]


def test_rule_path_never_quotes_a_headline():
    text = ("Песков: «Переговоры зашли в тупик»\n\n"
            "«Переговоры зашли в тупик», — заявил Дмитрий Песков журналистам в понедельник.")
    quotes = attribute_rules(text, "ru", load_lexicon())
    assert [q.start for q in quotes] == [text.rindex("Переговоры")]
    assert quotes[0].speaker == "Дмитрий Песков"
