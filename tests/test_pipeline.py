import pytest

from narrascope.doc import Article
from narrascope.errors import NarrascopeError
from narrascope.pipeline import Pipeline, load_config
from narrascope.registry import available, component


@component("test_upper")
def _make_upper(config):
    suffix = config.get("suffix", "")

    def upper(article):
        article.text = article.text.upper() + suffix
        return article

    return upper


@component("test_boom")
def _make_boom(config):
    def boom(article):
        raise ValueError("kaboom")

    return boom


def test_components_built_from_config_in_order():
    config = {"pipeline": {"components": ["test_upper"]}, "components": {"test_upper": {"suffix": "!"}}}
    nlp = Pipeline.from_config(config)
    art = nlp(Article(id="x", text="abc"))
    assert art.text == "ABC!"
    assert "test_upper" in art.timings


def test_failing_component_leaves_warning_and_later_stages_run():
    config = {"pipeline": {"components": ["test_boom", "test_upper"]}, "components": {}}
    art = Pipeline.from_config(config)(Article(id="x", text="abc"))
    assert art.text == "ABC"
    assert any("E103" in w and "kaboom" in w and "test_boom" in w for w in art.warnings)


def test_pipe_batches_keep_order():
    config = {"pipeline": {"components": ["test_upper"]}, "components": {}}
    arts = [Article(id=str(i), text=f"t{i}") for i in range(7)]
    out = list(Pipeline.from_config(config).pipe(arts, batch_size=3))
    assert [a.text for a in out] == [f"T{i}" for i in range(7)]


def test_unknown_component_is_a_numbered_error():
    with pytest.raises(NarrascopeError) as err:
        Pipeline.from_config({"pipeline": {"components": ["no_such_stage"]}})
    assert "E101" in str(err.value) and "clean" in str(err.value)


def test_default_config_lists_builtin_stages_and_merges_user_file(tmp_path):
    cfg = load_config()
    assert cfg["pipeline"]["components"][:2] == ["language", "clean"]
    user = tmp_path / "my.toml"
    user.write_text('[pipeline]\ncomponents = ["clean"]\n[components.explain]\nmax_words = 40\n')
    cfg = load_config(user)
    assert cfg["pipeline"]["components"] == ["clean"]
    assert cfg["components"]["explain"]["max_words"] == 40
    assert "narratives" in cfg["components"]  # untouched sections kept
    assert "test_upper" in available()


def test_bad_config_file_names_the_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[pipeline\n")
    with pytest.raises(NarrascopeError) as err:
        load_config(bad)
    assert "E102" in str(err.value) and "bad.toml" in str(err.value)


def test_describe_lists_what_each_stage_reads_writes_and_computes():
    from narrascope.pipeline import describe_stages

    rows = describe_stages(["language", "clean", "attribution", "narratives", "framing", "explain"])
    by = {r["name"]: r for r in rows}
    assert by["attribution"]["assigns"] == ["quotes"]
    # Each shared piece is computed by the first stage that reads it, never again.
    assert "analysis.doc (en)" in by["attribution"]["computes"] and not by["framing"]["computes"]
    assert by["narratives"]["computes"] == ["analysis.sentence_vectors"]
    only = {r["name"]: r for r in describe_stages(["clean", "framing"])}
    assert "analysis.doc (en)" in only["framing"]["computes"]  # with --only, framing computes the parse itself
