"""Evidence with its voice survives the store, also where an explanation reuses a label's evidence."""
from store_corpus import rich_article

from narrascope.doc import Evidence, Explanation
from narrascope.store import Store


def test_evidence_voice_round_trips_and_explanation_evidence_reads_back(db_url):
    art = rich_article()
    lab = art.narratives[0]
    lab.evidence = [Evidence(lab.evidence[0].start, lab.evidence[0].end, lab.evidence[0].text, quoted=True, speaker="Pavel Orlov", hedged=True)]
    art.explanation = Explanation("The text claims that reserves run low.", lab.label, list(lab.evidence))  # as explain does
    st = Store(db_url)
    try:
        st.add(art)
        back = st.get_article(art.id)
        ev = back.narratives[0].evidence[0]
        assert (ev.quoted, ev.speaker, ev.hedged) == (True, "Pavel Orlov", True)
        assert [(s.start, s.end) for s in back.explanation.evidence] == [(lab.evidence[0].start, lab.evidence[0].end)]
    finally:
        st.close()
