"""The analyst's note (English): what the text argues, and the evidence it gives, with who says it.

Two sentences, each traceable to spans of ``article.text`` (``explanation.evidence``):

1. the claim: "The text <does what the narrative does>, claiming that <gloss of the subnarrative>" — the
   gloss is narrascope's own paraphrase of the label (``glosses``); its spans are the sentences that carry
   the narrative (the narratives stage's evidence and the evidence sentences below);
2. the evidence: "The text quotes <speaker> saying that <content>" when the best evidence sentence
   reports speech (the parse's reporting verb, or attribution's quote with a resolved speaker), else
   "The text claims that <content>" (``Settings.intro`` / ``quote_intro``). The content is the article's
   sentence shortened on its parse (``compress``: the reporting frame, then whole subordinate clauses and
   appositions removed), never cut mid-clause. The sentence is chosen by similarity of the shared sentence
   vectors to the label, and is never the title line, a caption, a fragment or a heading; a candidate
   clause that ``fragments`` flags (a cut subject, a dangling verb, a pasted heading: the parse of the clause
   as written) is passed over for the next sentence (``Settings.fragment_check``).

A third clause, "It casts <actor> as <role>", is added for the most confidently cast actor when framing
has run and ``Settings.casting`` is on.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from ..doc import Explanation, Span
from .analyst import VERBS, Piece, casting_piece, Settings, _as_clause, _lower_first, _strip_domain, is_title_line, rank
from .compress import compress
from .fragments import fragments
from .glosses import gloss

if TYPE_CHECKING:  # pragma: no cover
    from ..doc import Article
    from .core import DominantLabel

_WORD = re.compile(r"\S+")
HEADS = ("verb-gloss", "verb-doing-so", "paragraphs", "argues", "paragraphs-doing-so", "verb-argues", "argues-verb",
         "article-argues", "desc-arguing", "desc-paragraphs", "desc-full-argues")


@lru_cache(maxsize=1)
def _describer():
    from .component import taxonomy_describer

    return taxonomy_describer("semeval2025")


def narrative_description(narrative: str) -> str | None:
    """The taxonomy's own description of a narrative (narratives.taxonomy, written for narrascope), as a verb
    phrase after "The text" ("Undermines Ukraine as a state: …" -> "undermines Ukraine as a state: …")."""
    try:
        d = _describer()(narrative) if _describer() else None
    except (KeyError, ValueError):
        d = None
    if not d or not re.match(r"^[A-Z][a-z]+s\b", d):
        return None
    return d[0].lower() + d[1:].rstrip(". ")


def head_text(dom: "DominantLabel", style: str = "verb-gloss", several: bool = True) -> str:
    nar = _strip_domain(dom.narrative)
    verb = VERBS.get(nar) or f"advances the narrative that {_lower_first(nar)}"
    g = gloss(dom.label)
    if g is None:  # a label we have no gloss for: its own name
        name = _strip_domain(dom.name)
        return f"The text {verb}" + (f", through {_lower_first(name)}." if name != nar else ".")
    # The taxonomy's description of the narrative as the verb phrase (lost on the EN tune part; README).
    d = narrative_description(dom.narrative) if style.startswith("desc-") else None
    if d is not None and style == "desc-arguing":
        return f"The text {d.split(':')[0]}, arguing that {g}."
    if d is not None and style == "desc-paragraphs":
        return f"The text {d.split(':')[0]}. It presents {'several paragraphs' if several else 'a paragraph'} in which {g}."
    if d is not None:
        return f"The text {d}. It argues that {g}."
    if style.startswith("desc-"):
        style = "paragraphs"  # a narrative without a description: the default wording
    if style == "verb-doing-so":
        return f"The text {verb}. In doing so, the text argues that {g}."
    if style == "paragraphs-doing-so":
        return (f"The text presents {'several paragraphs' if several else 'a paragraph'} in which {g}. "
                f"In doing so, the text {verb}.")
    if style == "paragraphs":
        return f"The text presents {'several paragraphs' if several else 'a paragraph'} in which {g}."
    if style == "argues":
        return f"The text argues that {g}."
    if style == "article-argues":
        return f"The article argues that {g}."
    if style == "verb-argues":
        return f"The text {verb} and argues that {g}."
    if style == "argues-verb":
        return f"The text argues that {g}, and {verb}."
    return f"The text {verb}, claiming that {g}."


def _quote_speaker(article: "Article", s: int, e: int):
    for q in article.quotes:
        if q.speaker and not q.anonymous and q.start >= 0 and s <= q.start < e and len(q.speaker.split()) <= 6:
            span = (q.speaker_start, q.speaker_end) if q.speaker_start >= 0 else None
            return q.speaker, span
    return None


_NOT_A_NAME = re.compile(r"^(?:this|that|these|those|it|one|some|many|others?|which|who|what)\b", re.I)


def _named(who: str) -> bool:
    """A speaker worth naming: not a pronoun or a bare determiner phrase ("This one", "Some")."""
    return bool(who) and not _NOT_A_NAME.match(who.strip()) and any(c.isupper() for c in who)


def _balance_quotes(t: str) -> str:
    """No stray quotation mark: a quote that encloses the whole clause goes, an unmatched one goes, one left
    open at the end is closed."""
    t = t.strip()
    for o, c in (("“", "”"), ("«", "»"), ('"', '"')):
        if len(t) > 2 and t[0] == o and t[-1] == c and t.count(o if o != c else '"') == (1 if o != c else 2):
            t = t[1:-1].strip()
        if o != c:
            while t.count(c) > t.count(o) and c in t:  # a closing mark without its opening one
                i = t.index(c)
                t = (t[:i] + t[i + 1:]).replace("  ", " ")
            if t.count(o) > t.count(c):
                t = t.rstrip(".!?…,;:—– ") + c
        elif t.count('"') % 2:
            t = t.rstrip(".!?…,;:—– ") + '"' if t.rfind('"') > 0 and not t.startswith('"') else t.replace('"', "", 1)
    return t.rstrip(",;:—– ").strip()


def _clause(rendered: str, doc, start: int) -> str:
    """The shortened sentence as a clause after "that": no closing stop, lower-case first word unless the parse
    says it is a name (PROPN, "I", an acronym) — "European", "Climate" keep their case only as names do."""
    t = _balance_quotes(re.sub(r"\s+", " ", rendered).strip().rstrip(".!?…,;:—– "))
    tok = next((x for x in doc if x.idx >= start and not x.is_punct), None) if doc is not None else None
    if t and tok is not None and tok.lower_ in ("the", "a", "an") and t.startswith(tok.text) and tok.text != "A":
        return t[0].lower() + t[1:]  # "The World Economic Forum’s plan" -> "the World Economic Forum’s plan"
    if t and tok is not None and tok.tag_ == "NNS" and not tok.ent_type_ and t.startswith(tok.text):
        return t[0].lower() + t[1:]  # "Propagandists were forbidden …": a plural common noun
    if t and tok is not None and tok.pos_ not in ("PROPN",) and tok.text != "I" \
            and (not tok.text.isupper() or tok.text == "A") \
            and tok.ent_type_ not in ("NORP", "GPE", "ORG", "PERSON") and t.startswith(tok.text) \
            and (tok.text.lower() in _FUNCTION or tok.pos_ in ("ADV", "ADP", "DET", "PRON", "SCONJ", "CCONJ", "AUX", "VERB",
                                                               "NUM", "PART") or re.search(rf"(?<![.!?] )\b{re.escape(tok.text.lower())}\b", doc.text)):
        # lower-case only a word the article itself writes in lower case ("Trump" stays, "Prices" goes)
        t = t[0].lower() + t[1:]
    return t


# A reporting frame inverted before a colon: "Notes Pielke:", "writes Greenfield:", "Says the minister:".
_INVERTED = re.compile(r"^(?:notes|writes|says|adds|explains|warns|concludes|argues|claims|insists|continues|"
                       r"recalls|observes|tweeted|wrote|said)\s+((?:(?:the\s+)?[A-Z][\w’'.-]+\s?){1,3}):\s*", re.I)
_FUNCTION = {"a", "an", "the", "this", "that", "these", "those", "it", "its", "they", "their", "he", "she", "his",
             "her", "we", "our", "there", "in", "on", "at", "for", "as", "after", "before", "while", "when", "if",
             "once", "some", "many", "most", "all", "no", "not", "such", "one", "two", "what", "who", "how"}
_BOILERPLATE = re.compile(r"reserve the right|comment policy|privacy policy|all rights reserved|subscribe|newsletter|"
                          r"cookies?\b|click here|sign up|follow us|terms of (?:use|service)|this (?:web ?)?site|"
                          r"websites? administrators?|at the discretion of", re.I)


def _names_speaker(body: str, who: str) -> bool:
    """Whether the clause already names the speaker (the whole name, or a surname-like word of it, as in
    "Orban said ..."): then "The text quotes Viktor Orban saying that Orban said ..." would name them twice."""
    if who.lower() in body.lower():
        return True
    words = set(re.findall(r"\w+", body))
    return any(len(w) >= 3 and w[:1].isupper() and w in words for w in re.findall(r"\w+", who))


def _tentative(head: str) -> str:
    """The head for a label the narratives stage shows only as a guess: the note must not read as a finding."""
    if head.startswith("The text presents "):
        return "The text may present " + head[len("The text presents "):]
    return "Possibly: " + head[:1].lower() + head[1:]


def _with_article(text: str, who: str, span) -> str:
    """A one-word organisation the text gives an article to ("The federal Coalition … argue") keeps it: "the
    Coalition", not "The text quotes Coalition saying …". Names, acronyms and longer phrases are left alone."""
    if span is None or " " in who.strip() or not who[:1].isupper() or who.isupper() or not 0 <= span[0] <= len(text):
        return who
    if re.search(r"\b[Tt]he\s+(?:[a-z][\w-]*\s+)?$", text[max(0, span[0] - 24):span[0]]) or \
            re.match(r"[Tt]he\s+(?:[a-z][\w-]*\s+)?" + re.escape(who) + r"\b", text[span[0]:span[1] + 1]):
        return "the " + who
    return who


def _speaker_words(who: str) -> str:
    """"The Leftist elites" -> "the Leftist elites", "Former president X" -> "former president X"."""
    first = who.split()[0] if who.split() else ""
    if first in ("The", "A", "An", "Former", "Ex", "Some", "Many", "Several"):
        return first.lower() + who[len(first):]
    return who


def _nearby_quote(article: "Article", s: int, e: int, room: int) -> Piece | None:
    """A named source's quote close to an evidence sentence (attribution): "It quotes X saying that <quote>"."""
    for q in article.quotes:
        if not q.speaker or q.anonymous or q.start < 0 or not _named(q.speaker) or "\n" in q.text:
            continue
        if s <= q.start < e or abs(q.start - s) >= 400:
            continue
        words = len(q.text.split())
        if 5 <= words <= min(25, room - 5):
            spans = [(q.start, q.end)] + ([(q.speaker_start, q.speaker_end)] if q.speaker_start >= 0 else [])
            return Piece(f"It quotes {_speaker_words(q.speaker)} saying that {_as_clause(q.text)}.", spans)
    return None


# A clause whose subject points back to someone or something the note never names.
_DANGLING = re.compile(r"(?i)(?:he|she|they|him|her|them|his|their|its|this|these|those|it)\b(?!['’]s\b)(?!\s+(?:is|was)\s+(?:clear|obvious|evident|true|likely|possible)\b)")


def compose(article: "Article", dom: "DominantLabel", spec: str, query_vec: np.ndarray,
            settings: Settings | None = None, max_words: int = 80, head_style: str | None = None,
            intro: str | None = None, quote_intro: str | None = None) -> Explanation | None:
    settings = settings or Settings()
    head_style = head_style or settings.head_style
    intro = settings.intro if intro is None else intro
    quote_intro = quote_intro or settings.quote_intro
    budget = min(settings.budget, max_words)
    text = article.text
    a = article.analysis
    doc = a.doc if a.has_parser else None
    nlp = None
    if doc is not None and settings.fragment_check:
        from ..analysis import load_parser

        nlp = load_parser()
    ranked = rank(article, dom, query_vec, spec, settings)
    if settings.quotes and ranked:
        # Among the sentences that carry the narrative, one where a named source says it comes first.
        said = {k for k, _ in ranked if _quote_speaker(article, *a.embedded_sentences[k])}
        ranked = sorted(ranked, key=lambda t: -(t[1] + (settings.quote_bonus if t[0] in said else 0.0)))
    several = len(ranked) >= 2
    # The claim's spans: the narratives stage's evidence (not the title line), then the chosen sentences.
    head = Piece(_tentative(head_text(dom, head_style, several)) if dom.tentative else head_text(dom, head_style, several),
                 [(sp.start, sp.end) for sp in dom.evidence if not is_title_line(text[sp.start:sp.end], article.title)])
    if ranked and not head.spans:
        # The claim rests on the sentence that carries the narrative best (also when it is not quoted below).
        head.spans.append(a.embedded_sentences[ranked[0][0]])
    pieces = [head]
    used = len(head.text.split())
    attributed = False
    for k, _ in ranked:
        if len(pieces) > settings.evidence_sentences:
            break
        s, e = a.embedded_sentences[k]
        if text[s:e].rstrip().rstrip("\"”’»'").endswith("?"):
            continue  # a question is not a claim
        if _BOILERPLATE.search(text[s:e]):
            continue  # the site's own notices (comments, cookies, newsletters)
        if doc is not None:
            first_tok = next((x for x in doc if x.idx >= s and not x.is_punct), None)
            if first_tok is not None and first_tok.pos_ == "INTJ":
                continue  # "No, it's not fair …": a retort, not a claim the reader can follow
        first = len(pieces) == 1 and settings.require_evidence
        # The first evidence clause may go past the target (never past max_words): a note points at evidence.
        room = min(settings.max_clause_words, (max_words if first else budget) - used - len(intro.split()))
        if room < settings.min_words:
            break
        c = compress(doc, s, e, room) if doc is not None else None
        if c is None:
            continue
        body = _clause(c.render(text), doc, c.ranges[0][0])
        if len(body.split()) < settings.min_words:
            continue
        spans = list(c.ranges)
        who = (c.speaker, c.speaker_span) if c.speaker else (_quote_speaker(article, s, e) if settings.quotes else None)
        inverted = _INVERTED.match(body)
        if inverted:  # "Notes Pielke: “It's a story …”": the frame names the speaker; the content is after the colon
            body = _balance_quotes(body[inverted.end():])
            body = body[:1].lower() + body[1:] if body[:2].isalpha() and not body[:2].isupper() else body
            who = who or (inverted.group(1).strip(), None)
            if len(body.split()) < settings.min_words:
                continue
        if who and settings.quotes and _named(who[0]) and not _names_speaker(body, who[0]):
            lead = quote_intro.format(who=_speaker_words(_with_article(text, *who)))
            if who[1]:
                spans.append(who[1])
        else:
            lead = intro
            if _DANGLING.match(body):
                continue  # "The text claims that he is often used …": no one in the note for "he" to be
        piece = Piece(f"{lead} {body}." if lead else body[:1].upper() + body[1:] + ".", spans)
        if used + len(piece.text.split()) > (max_words if first else budget + 8):
            continue
        if settings.fragment_check and nlp is not None and fragments(piece.text, nlp):
            continue  # a clause the parse cannot read as whole (a cut subject, a dangling verb, a heading)
        pieces.append(piece)
        used += len(piece.text.split())
        if (s, e) not in head.spans:
            head.spans.append((s, e))  # the head's claim rests on this sentence too
        if settings.quotes and not attributed and lead != intro:
            attributed = True
        if settings.quotes and not attributed and len(pieces) <= settings.evidence_sentences:
            qp = _nearby_quote(article, s, e, budget - used)
            if qp is not None and settings.fragment_check and nlp is not None and fragments(qp.text, nlp):
                qp = None
            if qp is not None:
                pieces.append(qp)
                used += len(qp.text.split())
                attributed = True
    if settings.casting and used + 6 <= max_words:
        cp = casting_piece(article)
        if cp is not None:
            pieces.append(cp)
    out = re.sub(r"\s+", " ", " ".join(p.text for p in pieces)).strip()
    while len(_WORD.findall(out)) > max_words and len(pieces) > 1:
        pieces.pop()
        out = re.sub(r"\s+", " ", " ".join(p.text for p in pieces)).strip()
    if len(_WORD.findall(out)) > max_words:
        return None
    spans = sorted({sp for p in pieces for sp in p.spans if 0 <= sp[0] < sp[1] <= len(text)})
    return Explanation(out, dom.label, [Span(s, e, text[s:e]) for s, e in spans])
