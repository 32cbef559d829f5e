"""Language identification on short paragraphs written for these tests."""
import pytest

from narrascope.doc import Article
from narrascope.ingest.language import detect_language, make_component

PARAGRAPHS = {
    "en": "The city council said on Monday that the new bridge over the river would open to traffic next spring, after two years of delays.",
    "ru": "Городской совет сообщил в понедельник, что новый мост через реку откроют для движения следующей весной, после двух лет задержек.",
    "bg": "Общинският съвет съобщи в понеделник, че новият мост над реката ще бъде открит за движение следващата пролет, след две години забавяне.",
    "pt": "A câmara municipal informou na segunda-feira que a nova ponte sobre o rio será aberta ao trânsito na próxima primavera, depois de dois anos de atrasos.",
    "hi": "नगर परिषद ने सोमवार को कहा कि नदी पर बना नया पुल दो साल की देरी के बाद अगले वसंत में यातायात के लिए खोल दिया जाएगा।",
}


@pytest.mark.parametrize("code", sorted(PARAGRAPHS))
def test_detect_language(code):
    found, score = detect_language(PARAGRAPHS[code])
    assert found == code
    assert 0.5 < score <= 1.0


def test_short_text_gives_none():
    assert detect_language("Kyiv") == (None, None)
    assert detect_language("") == (None, None)


def test_component_sets_language_and_warns_on_short_text():
    component = make_component({})
    art = component(Article(id="ru", text=PARAGRAPHS["ru"]))
    assert art.language == "ru" and art.language_score > 0.5
    short = component(Article(id="tiny", text="OK"))
    assert short.language is None and short.language_score is None
    assert any("too short" in w and "tiny" in w for w in short.warnings)


def test_component_uses_title_when_text_is_short():
    component = make_component({})
    art = component(Article(id="t", title=PARAGRAPHS["pt"], text="Ver vídeo"))
    assert art.language == "pt"


def test_component_batch_and_language_restriction():
    component = make_component({"languages": ["ru", "bg", "uk"]})
    arts = component.pipe([Article(id=c, text=PARAGRAPHS[c]) for c in ("ru", "bg")])
    assert [a.language for a in arts] == ["ru", "bg"]
    with pytest.raises(ValueError):
        make_component({"languages": ["xx"]})


def test_registered_as_pipeline_component():
    from narrascope.registry import get_factory

    assert get_factory("language") is make_component
