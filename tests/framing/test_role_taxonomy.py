"""The bundled role taxonomy (roles.toml) and user taxonomies in TOML or TSV."""
from narrascope.framing.model import MAIN_ROLES, load_taxonomy
from shared_data import shared_path


def test_bundled_taxonomy_has_22_fine_roles_under_the_3_main_roles():
    roles = load_taxonomy()
    assert len(roles) == 22
    assert set(roles.values()) == set(MAIN_ROLES)
    assert roles["Peacemaker"] == "Protagonist" and roles["Foreign Adversary"] == "Antagonist" and roles["Scapegoat"] == "Innocent"


def test_user_taxonomy_from_toml_and_tsv(tmp_path):
    toml = tmp_path / "mine.toml"
    toml.write_text('[Protagonist]\nHelper = "helps"\n[Antagonist]\nBully = "bullies"\n', encoding="utf-8")
    assert load_taxonomy(toml) == {"Helper": "Protagonist", "Bully": "Antagonist"}
    tsv = tmp_path / "mine.tsv"
    tsv.write_text("main_role\tfine_grained_role\nInnocent\tBystander\n", encoding="utf-8")
    assert load_taxonomy(tsv) == {"Bystander": "Innocent"}


def test_bundled_taxonomy_matches_the_official_role_list():
    official = load_taxonomy(shared_path("data", "semeval2025", "taxonomy", "subtask1_roles.tsv"))
    assert list(load_taxonomy().items()) == list(official.items())
