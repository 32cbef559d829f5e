"""English attribution: quote-mark spans and parsed speech cues joined up.

1. quote spans (quotes.py) and cues (speech.py) are found independently; headline-shaped lines (a title,
   a list of related headlines: short, no final stop, or title case) give neither;
2. attributions inside reported content are nested (``_nest``): "According to <outlet>, <person> said ..."
   goes to the person with the outlet as medium (the medium spoken to, "in an interview with <medium>", wins
   the medium field; the outlet goes to ``reported_by`` where the record has it); "Three sources said he
   complained “...”" to the sources;
3. each quote span takes the nearest cue around it in its paragraph (a speech verb right after the closing
   mark first: '“...,” says Petrov'), or else the colon that introduces it ("His verdict: '...'"), a
   signature after a dash, or — for a quoted paragraph, or a quote right after an attributed one — the
   speaker before it; a short quoted phrase with no cue is a scare quote or a title and is dropped, and one
   inside reported speech stays part of the indirect quote;
4. cues whose content is not quoted become indirect quotes, and so do body lines shaped "Kallas: Europe
   must ...";
5. speakers are resolved in text order (speakers.py); a speaker is a noun phrase naming a person, group or
   organisation (``speakers.speaker_ok``), never a clause fragment, a quantifier alone or a dateline;
   media, hedges and anonymity are marked (sourcing.py).
"""
from __future__ import annotations

import bisect
import re

from ..doc import Quote
from ..text import ABBREVIATIONS  # the sentence splitter's abbreviations: "Mr. Hale said" is one sentence
from .lexicon import Lexicon
from .quotes import QuoteSpan, find_quote_spans, headline_shaped as _headline_shaped
from .sourcing import find_hedges, is_anonymous, looks_like_medium
from .speakers import MEDIA_NOUNS, Resolver, Speaker
from .speech import _NAMING, Cue, _name_before, _subject, find_cues, np_tokens

# The outlet that reports a nested attribution has a field of its own once narrascope.doc.Quote carries it.

# Words before a quoted phrase that make it a name or a scare quote, not speech.
_TITLE_BEFORE = re.compile(r"(?:so-called|dubbed|called|titled|entitled|named|nicknamed|term|word|words|slogan|headline|"
                           r"book|film|documentary|song|series|programme|program|operation|codenamed|code-named|known as|"
                           r"label|labelled|labeled|branded|as)\s*[,:]?\s*$", re.I)


class _Spans:
    """Fast 'is this offset inside a quote?' over sorted spans."""

    def __init__(self, spans: list[QuoteSpan]):
        self.spans = spans
        self.starts = [s.open_at for s in spans]
        self.cue_starts: list[int] = []

    def find(self, offset: int) -> QuoteSpan | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.spans[i].open_at <= offset < self.spans[i].close_at:
            return self.spans[i]
        return None

    def inside(self, offset: int) -> bool:
        return self.find(offset) is not None

    def any_between(self, lo: int, hi: int, but: QuoteSpan) -> bool:
        """Does a quote other than ``but`` open within [lo, hi)?"""
        i = bisect.bisect_left(self.starts, lo)
        while i < len(self.spans) and self.starts[i] < hi:
            if self.spans[i] is not but:
                return True
            i += 1
        return False


# A reporter's credit line ("a Nordpress correspondent reports"), taken by the parse as a reported clause.
_CREDIT_LINE = re.compile(r"^(?:an?|the)\s+(?:[\w'’.-]+\s+){0,3}(?:correspondent|reporter)s?\s+"
                          r"(?:reports|reported|writes|wrote|says|said)\W*$", re.I)


def attribute_doc(doc, lex: Lexicon, min_quote_words: int = 4, title: str | None = None) -> list[Quote]:
    """Quotes of a parsed English text. ``title``: the article's title; a sentence that repeats it (aggregator
    pages open each copied paragraph with the headline) is a headline, not a statement."""
    # doc.text joins all tokens on every access: read it once and keep it on the doc for the helpers.
    text = doc.user_data["narrascope_text"] = doc.text
    spans = find_quote_spans(text)
    paras = _paragraph_index(text)
    headlines = [(ps, pe) for i, (ps, pe) in enumerate(paras) if _headline_shaped(text, ps, pe, i == 0 and len(paras) > 1)]
    if title:
        headlines = sorted(set(headlines) | set(_title_repeats(doc, title)))
    heads_at = [h[0] for h in headlines]

    def in_headline(offset: int) -> bool:
        i = bisect.bisect_right(heads_at, offset) - 1
        return i >= 0 and headlines[i][0] <= offset < headlines[i][1]

    # Headline-shaped lines (a title, a "related" list that survived cleaning) are never quoted.
    spans = [q for q in spans if not in_headline(q.open_at)]
    index = _Spans(spans)
    cues = sorted((c for c in find_cues(doc, lex, index.inside) if not in_headline(c.start)), key=lambda c: c.start)
    _borrow_speaker(cues, text)
    _nest(cues, lex, text, index)
    index.cue_starts = [c.start for c in cues]
    resolver = Resolver(doc, lex, quoted=[(q.open_at, q.close_at) for q in spans])

    # -- 2. direct quotes: which cue (or colon, or paragraph before) each quote span belongs to ------------
    pending: list[tuple[int, str, object, object]] = []  # (start, how, quote span or content, cue)
    for qi, q in enumerate(spans):
        before = text[max(0, q.open_at - 60):q.open_at]
        words = len(text[q.start:q.end].split())
        cue = _nearest_cue(q, cues, text, index)
        if cue is not None and q.lost_from >= 0 and q.lost_from < cue.start < q.open_at and \
                _LOST_QUOTE_WENT_ON.search(text, q.lost_from, cue.start):
            # '“I think … and it is said that it will taste better. “Over time …”': the first quote lost its closing
            # mark, so a cue inside it ("it is said") is the speaker's own words, not this quote's cue; the
            # quote goes on from the one before (its speaker, below).
            cue = None
        if cue is not None and cue.kind == "verb" and cue.speaker_tokens and cue.speaker_tokens[-1].idx < q.open_at \
                and q.close_at <= cue.start and _aside_after(cue.speaker_tokens[-1]):
            # 'Zelensky, responding to a warning of a “full invasion,” said: …': a quote between the speaker and the
            # verb belongs to the aside about the speaker, not to what they said.
            cue = None
        if cue is not None and cue.outer is not None and not cue.reported_by and cue.outer.kind == "verb" \
                and len(cue.speaker_tokens) == 1 and cue.speaker_tokens[0].pos_ == "PRON":
            # "Three sources familiar with the matter said he expressed frustration, saying “...”": the sources
            # speak, "he" is the one they talk about.
            o = cue.outer.speaker_tokens
            if is_anonymous(text[o[0].idx:o[-1].idx + len(o[-1])], lex, has_name=False):
                cue = cue.outer
        # '“...,” says Petrov': only the speaker stands between the quote and its cue (not '“X” has failed, Y said').
        inverted = cue is not None and cue.start >= q.close_at and bool(cue.speaker_tokens) and \
            cue.speaker_tokens[0].idx >= q.close_at and len(text[q.close_at:cue.start].split()) <= 3 and \
            not re.search(r"\w", text[q.close_at:min(cue.start, cue.speaker_tokens[0].idx)])
        if cue is not None and cue.content and cue.content[0] <= q.open_at and q.start < cue.content[1] and not inverted:
            # The quote sits inside reported speech: a partial quote ("said it is 'obvious ...'") unless it is most of it.
            content_words = len(text[cue.content[0]:cue.content[1]].split())
            if words < 0.5 * content_words:
                continue
        naming = cue is not None and cue.naming is not None
        if not naming and (_TITLE_BEFORE.search(before) and (cue is None or words < 3) or _looks_like_title(text[q.start:q.end]) and not before.rstrip().endswith(":")):
            continue
        if cue is not None and cue.speaker_tokens and cue.speaker_tokens[0].idx <= q.open_at < cue.speaker_tokens[-1].idx + len(cue.speaker_tokens[-1]):
            continue  # a quoted phrase inside the speaker's own description
        if cue is not None and before.rstrip().endswith(":") and words >= 2 and _next_sentence_cue(q, cue, text):
            # 'X ripped the report: “...” Others claimed that ...': the colon hands the quote to X, not to the
            # next sentence's speaker.
            cue = None
        if cue is not None:
            pending.append((q.start, "cue", q, cue))
        elif before.rstrip().endswith(":") and words >= 2:
            pending.append((q.start, "colon", q, None))
        elif words >= 2 and _DASH_AFTER.match(text, q.close_at) and _name_after(doc, _DASH_AFTER.match(text, q.close_at).end()):
            pending.append((q.start, "dash", q, None))
        elif words >= min_quote_words and (_is_quote_paragraph(q, text, paras) or _follows_quote(q, spans[:qi], text)
                                           or q.lost_from >= 0 and _LOST_QUOTE_WENT_ON.match(text, q.lost_from, q.open_at)):
            pending.append((q.start, "previous", q, None))
        # else: a short quoted phrase with no speech cue: a scare quote or a title.

    # -- 3. indirect quotes: cues whose content is not quoted ---------------------------------------------
    direct_ranges = [(q.open_at, q.close_at) for _, _, q, _ in pending]
    for ps, pe in paras:
        # "Zelensky: Ukraine will not cede territory" (headline style): a name, a colon, the claim.
        m = _NAME_COLON.match(text, ps, pe)
        if m and not index.inside(m.end()) and len(text[m.end():pe].split()) >= 3 and not in_headline(ps):
            span = doc.char_span(ps, m.end(1), alignment_mode="contract")
            if span is not None and len(span) and all(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in span):
                content = (m.end() + (len(text[m.end():pe]) - len(text[m.end():pe].lstrip())), pe)
                if not any(_overlap(content, r) for r in direct_ranges):
                    pending.append((content[0], "headline", (content, list(span), m.end(1)), None))
                    direct_ranges.append(content)
    for cue in cues:
        if cue.negated or cue.lemma == "ask" or cue.suppressed:
            continue  # "did not say", "asked whether": no claim reported; an outlet reporting a nested attribution
        content = cue.content
        if content is None and cue.content_from_previous:
            content = _previous_sentence(doc, cue.sent_start)
        if content is None or not cue.speaker_tokens:
            continue
        content = _after_dateline(text, content)
        if any(_overlap(content, r) for r in direct_ranges):
            continue
        if len(text[content[0]:content[1]].split()) < 3:
            continue
        pending.append((content[0], "indirect", content, cue))
        direct_ranges.append(content)

    # -- 4. speakers, resolved in text order so that "he", "the officer" find what came before -----------
    pending.sort(key=lambda x: x[0])
    found: list[tuple[Quote, Cue | None]] = []
    for _, how, item, cue in pending:
        if how == "headline":
            (cs, ce), name_tokens, colon = item
            quote = Quote(speaker=None, text=text[cs:ce], kind="indirect", start=cs, end=ce, cue=":",
                          cue_start=colon, cue_end=colon + 1, confidence=0.6)
            _set_speaker(quote, resolver.resolve(name_tokens))
            found.append((quote, None))
            continue
        if how == "indirect":
            quote = Quote(speaker=None, text=text[item[0]:item[1]], kind="indirect", start=item[0], end=item[1])
            _fill_from_cue(quote, cue, resolver, lex, text)
            if quote.speaker is None:
                continue
            quote.confidence = 0.75 if cue.tier == 1 else 0.55
            found.append((quote, cue))
            continue
        q = item
        quote = Quote(speaker=None, text=text[q.start:q.end], kind="direct", start=q.start, end=q.end)
        if how == "cue":
            quote.confidence = 0.9 if q.closed else 0.7
            _fill_from_cue(quote, cue, resolver, lex, text)
        elif how == "colon":
            colon = text.rfind(":", 0, q.open_at)
            quote.cue, quote.cue_start, quote.cue_end = ":", colon, colon + 1
            quote.confidence = 0.75
            _set_speaker(quote, _speaker_before_colon(doc, colon, resolver))
        elif how == "dash":
            m = _DASH_AFTER.match(text, q.close_at)
            quote.cue, quote.cue_start, quote.cue_end = text[m.start():m.end()].strip() or "—", m.start(), m.end()
            quote.confidence = 0.7
            _set_speaker(quote, resolver.resolve(_name_after(doc, m.end())))
        else:
            prev = _previous_attribution(found, q.open_at, paras)
            if prev is None:
                continue
            quote.speaker, quote.speaker_type = prev.speaker, prev.speaker_type
            quote.speaker_mention, quote.speaker_start, quote.speaker_end = prev.speaker_mention, prev.speaker_start, prev.speaker_end
            quote.cue, quote.cue_start, quote.cue_end = prev.cue, prev.cue_start, prev.cue_end
            quote.anonymous, quote.medium = prev.anonymous, prev.medium
            quote.confidence = 0.6
        if quote.speaker is None:
            quote.confidence = min(quote.confidence, 0.5)
        found.append((quote, cue))

    # "…, Milley said at the Pentagon, a Nordpress correspondent reports.": the credit line is nobody's statement
    found = [(q, c) for q, c in found if not _CREDIT_LINE.match(q.text)]
    quotes = [q for q, _ in found]
    _resolve_forward(quotes, resolver, paras)
    _media_reports(quotes, cues, lex, text)
    _share_medium(quotes, paras)
    for quote, cue in found:
        _mark_hedges(quote, cue, doc, lex)
    return quotes


# A wire dateline opening a line: "KYIV, Ukraine (AP) — ", "MOSCOW, Dec 2 (Reuters) - ", "BERLIN — ".
# A place in capitals, or a place in title case with the agency in brackets ("Kyiv (Reuters) -").
_DATELINE = re.compile(r"(?:[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)*(?:, [A-Z][\w.]*(?: [\w.]+){0,2})*(?: \([A-Z][\w .&-]{0,30}\))?"
                       r"|[A-Z][a-z]+(?: [A-Z][a-z]+)?(?:, [A-Z][\w.]*(?: [\w.]+){0,2})* \([A-Z][\w .&-]{0,30}\))"
                       r"\s*[—–-]{1,2}\s+")


def _after_dateline(text: str, content: tuple[int, int]) -> tuple[int, int]:
    """Reported content that starts with the article's dateline starts after it: "KYIV, Ukraine (AP) — Russian
    drones struck ..., the governor wrote" reports "Russian drones struck ..."."""
    start, end = content
    if text.rfind("\n", 0, start) + 1 != start and start != 0:
        return content
    m = _DATELINE.match(text, start, end)
    if m is None or not any(c.isupper() for c in text[start:start + 3]) or len(text[m.end():end].split()) < 3:
        return content
    return m.end(), end


def _borrow_speaker(cues: list[Cue], text: str) -> None:
    """'Maher said the report "wasn't good." Adding, "..."': a participle that opens a sentence without a subject
    continues the speaker of the cue just before it in the paragraph."""
    for k, cue in enumerate(cues):
        if cue.speaker_tokens or cue.kind != "verb" or k == 0 or cue.token_i < 0:
            continue
        prev = next((c for c in reversed(cues[:k]) if c.speaker_tokens and c.start < cue.sent_start), None)
        if prev is None or "\n" in text[prev.end:cue.start] or cue.sent_start - prev.sent_end > 20:
            continue
        tok = prev.speaker_tokens[0].doc[cue.token_i]
        if tok.tag_ == "VBG" and tok.i - tok.sent.start <= 1 and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            cue.speaker_tokens = prev.speaker_tokens


def _nest(cues: list[Cue], lex: Lexicon, text: str, index: "_Spans") -> None:
    """Attributions inside reported content: "According to <outlet>, <person> claimed ... that ...", "<outlet>
    reported that <person> said ...", "Three sources said he complained ...". The inner cue keeps its speaker and
    takes the outlet as its medium; the outlet's own "according to" is then no attribution. The outer cue is
    remembered, so that a quote may go to the sources rather than to the person they talk about."""
    outers = [c for c in cues if c.content and c.speaker_tokens]
    for inner in cues:
        if inner.kind != "verb" or not inner.speaker_tokens:
            continue
        best, best_heads = None, False
        for c in outers:
            # The inner cue heads the clause the outer one reports ("According to X, Y said ...": "said"; "X
            # reported that Y said ...": "said"), or stands inside the outer content after its own speaker.
            heads_clause = c.clause_i >= 0 and c.clause_i == inner.token_i or c.kind == "according" and \
                c.sent_start == inner.sent_start and c.content[0] <= inner.speaker_tokens[0].idx < c.content[1] <= inner.start
            if c is not inner and (c.content[0] <= inner.start < c.content[1] or heads_clause) and c.content[0] <= inner.speaker_tokens[0].idx \
                    and (heads_clause or c.kind == "verb") \
                    and (best is None or c.content[1] - c.content[0] < best.content[1] - best.content[0]):
                best, best_heads = c, heads_clause
        if best is None:
            continue
        inner.outer = best
        src = best.speaker_tokens
        name = text[src[0].idx:src[-1].idx + len(src[-1])]
        if best.kind == "according" or _medium_name(name, lex):
            if not best_heads or inner.tier != 1 or inner.negated or \
                    inner.content is None and not index.any_between(inner.end, inner.sent_end, None):
                continue  # "according to a poll, voters are more likely to describe ...": the poll is the source
            inner.reported_by = src
            if best.kind == "according":
                best.suppressed = True


_DASH_AFTER = re.compile(r"[ \t]*[―—–][ \t]*")
_NAME_COLON = re.compile(r"([A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,2})\s*:\s")


def _name_after(doc, offset: int) -> list:
    """A proper name right after ``offset`` (a signature under a quote), as tokens."""
    span = doc.char_span(offset, min(len(doc.user_data["narrascope_text"]), offset + 60), alignment_mode="contract")
    toks = []
    for t in span or []:
        if t.pos_ == "PROPN" or t.ent_type_ == "PERSON" and not t.is_punct:
            toks.append(t)
        else:
            break
    return toks if 1 <= len(toks) <= 4 else []


_SMALL_WORDS = {"of", "the", "and", "with", "in", "on", "for", "a", "an", "to", "at", "by", "or", "from"}


def _words_of(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


def _title_repeats(doc, title: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences after the title line that repeat the title, or its opening, word for word
    (five words or more). The title line itself is left to the headline rules."""
    head = _words_of(title)
    if len(head.split()) < 5:
        return []
    text = doc.user_data.get("narrascope_text") or doc.text
    lead = len(title) if text.lstrip().startswith(title.strip()[:40]) else 0
    out = []
    for sent in doc.sents:
        words = _words_of(sent.text)
        if sent.start_char >= lead and len(words.split()) >= 5 and head.startswith(words):
            out.append((sent.start_char, sent.end_char))
    return out


def _looks_like_title(quoted: str) -> bool:
    """'"Morning Joe"', '"Spring in Bucha"': a short run of capitalised words is a name, not speech."""
    quoted = quoted.strip()
    if not quoted or quoted[-1] in "!?":
        return False
    words = re.findall(r"[^\W\d_][\w’'-]*", quoted)
    if not words or len(words) > 7:
        return False
    return words[0][0].isupper() and all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words) and len(words) >= 1 \
        and not (len(words) == 1 and quoted.endswith("."))


def _follows_quote(q: QuoteSpan, earlier: list[QuoteSpan], text: str) -> bool:
    """'"...," he said. "That is all."': a quote right after an attributed one, same paragraph, continues it."""
    if not earlier:
        return False
    prev = earlier[-1]
    gap = text[prev.close_at:q.open_at]
    return "\n" not in gap and len(gap) <= 80


# -- linking -------------------------------------------------------------------
def _aside_after(tok) -> bool:
    """Does a participle clause set off by a comma follow the speaker's name ("Zelensky, responding to …,")? Not one
    of speech ("Manafort, citing “the unique magic of Trump,” said"): that quote is the speaker's."""
    doc = tok.doc
    if tok.i + 2 >= len(doc) or doc[tok.i + 1].text != "," or doc[tok.i + 2].tag_ not in ("VBG", "VBN"):
        return False
    verb = doc[tok.i + 2].lemma_.lower()
    return verb not in _NAMING and verb not in ("cite", "quote", "describe", "brand", "say", "add", "write", "tell",
                                                "insist", "argue", "claim", "term")


def _nearest_cue(q: QuoteSpan, cues: list[Cue], text: str, index: _Spans) -> Cue | None:
    """The closest cue in the quote's paragraph, with no sentence end and no other quote in between.

    Cues that found a speaker come first; a speech verb right after the closing mark ('“...,” says Petrov',
    '“...,” he said') is the quote's own attribution and wins over a cue before it ('others will say “...”')."""
    cands: list[tuple[int, Cue, bool]] = []
    # Only cues within 160 characters of the quote can qualify (cues are in text order).
    lo_i = bisect.bisect_left(index.cue_starts, q.open_at - 400)
    hi_i = bisect.bisect_right(index.cue_starts, q.close_at + 160)
    for cue in cues[lo_i:hi_i]:
        if cue.naming is not None:
            # Like the scare-quote rule below: a label of one or two words after "called" is a name, not speech.
            if len(text[q.start:q.end].split()) >= 3 and cue.naming[0] <= q.open_at and cue.naming[2] <= q.open_at and \
                    (q.close_at <= cue.naming[1] or not text[cue.naming[1]:q.close_at].strip(".,;:!?…\"”’»)")) and \
                    re.fullmatch(r"[\s,]*(?:(?:a|an|the|as|his|her|their|its)\s+)?", text[cue.naming[2]:q.open_at]):
                cands.append((0, cue, False))
            continue
        if cue.end <= q.open_at:
            gap = text[cue.end:q.open_at]
            d = len(gap)
        elif cue.start >= q.close_at:
            gap = text[q.close_at:cue.start]
            d = len(gap)
        else:
            continue
        if "\n" in gap or d > 160:
            continue
        if cue.start >= q.close_at and cue.sent_start >= q.close_at and not text[cue.sent_start:cue.start].strip() \
                and text[q.open_at:q.close_at].rstrip("”\"’»' ")[-1:] in (".", "!", "?"):
            continue  # '... “wasn't good.” Adding, “...”': a cue opening the next sentence is not this quote's
        # No other quote in between, and no sentence end between the cue and the quote.
        lo, hi = (cue.end, q.open_at) if cue.end <= q.open_at else (q.close_at, cue.start)
        if index.any_between(lo, hi, q):
            continue
        if _sentence_break(gap):
            continue
        if cue.end <= q.open_at and cue.kind == "according":
            d += 40  # "according to" usually follows the quote
        # A cue before the quote with its own unquoted clause ('told LBC the talks had stalled') is the quote's
        # cue only when close by; cues after the quote ('..." he said') always qualify.
        if not (cue.content is None or _overlap(cue.content, (q.start, q.end)) or cue.start >= q.close_at or d < 60):
            continue
        tight = cue.start >= q.close_at and cue.kind == "verb" and bool(cue.speaker_tokens) and \
            re.fullmatch(r"[\s,]*(\S+\s+){0,3}", gap) is not None and \
            (cue.speaker_tokens[0].idx >= cue.end or cue.speaker_tokens[-1].idx >= q.close_at)
        if _next_sentence_cue(q, cue, text):
            # 'Novak called the move “arbitrary.” Horvat, an analyst, warned that ...': a cue in the next sentence
            # is this quote's only when no other cue is.
            d, tight = d + 1000, False
        cands.append((d, cue, tight))
    if not cands:
        return None
    if any(c[1].start >= q.close_at and c[1].sent_start <= q.open_at and c[1].speaker_tokens for c in cands):
        # '… denied Ukraine attacked them. “…,” Medvedev, a former president who …, said': a cue in the quote's own
        # sentence wins over one that closed the sentence before.
        cands = [c for c in cands if not (c[1].end <= q.open_at and c[1].sent_end <= q.open_at)] or cands
    tight = [c for c in cands if c[2]]
    if tight:
        return min(tight, key=lambda c: c[0])[1]
    with_speaker = [c for c in cands if c[1].speaker_tokens]
    return min(with_speaker or cands, key=lambda c: c[0])[1]


def _next_sentence_cue(q: QuoteSpan, cue: Cue, text: str) -> bool:
    """Does ``cue`` stand in a sentence that begins after the quote has ended with a stop ('“... arbitrary.” Horvat
    warned that ...')?"""
    return cue.start >= q.close_at and cue.sent_start >= q.close_at and text[cue.sent_start:cue.sent_start + 1].isupper() \
        and text[q.open_at:q.close_at].rstrip("”\"’»' ")[-1:] in (".", "!", "?")


_BREAK = re.compile(r"(\S*)[.!?]\s+\S")


def _sentence_break(gap: str) -> bool:
    """Does a sentence end in ``gap``? Not after "Mr." or "Sen." or an initial ("John F. Kennedy")."""
    for m in _BREAK.finditer(gap):
        word = m.group(1).lower().rstrip(".")
        if word in ABBREVIATIONS or len(word) == 1 and word.isalpha():
            continue
        return True
    return False


def _fill_from_cue(quote: Quote, cue: Cue, resolver: Resolver, lex: Lexicon, text: str) -> None:
    quote.cue, quote.cue_start, quote.cue_end = cue.text.lower() if cue.kind != "verb" else cue.text, cue.start, cue.end
    sp = None
    subject_medium = None
    if cue.speaker_tokens:
        after = text[cue.speaker_tokens[-1].idx + len(cue.speaker_tokens[-1]):][:120]
        sp = resolver.resolve(cue.speaker_tokens, after=after)
        if sp.name and (sp.type != "person" and looks_like_medium(sp.name, lex) or lex.media_re.fullmatch(sp.name)):
            subject_medium = sp.name
            sp.type = "organisation"
    if cue.cited_tokens and _cites_someone(cue.cited_tokens, lex):
        cited = resolver.resolve(cue.cited_tokens, after=text[cue.cited_tokens[-1].idx + len(cue.cited_tokens[-1]):][:120])
        if cited.name and (cited.type in ("anonymous", "person") or cited.type == "organisation" and cited.resolved_by == "name"):
            if subject_medium is None and sp is not None and sp.name and sp.type == "organisation":
                subject_medium = sp.name
            sp = cited
    if sp is not None:
        _set_speaker(quote, sp)
    medium = None
    for toks in (cue.addressee_tokens, cue.medium_tokens):
        if toks:
            name = _medium_name(text[toks[0].idx:toks[-1].idx + len(toks[-1])], lex) or _outlet_described(toks, resolver)
            if name:
                medium = name
                break
    if medium is None and cue.kind == "according" and quote.speaker and looks_like_medium(quote.speaker, lex):
        medium = _medium_name(quote.speaker, lex) or quote.speaker
    reporter = None
    if cue.reported_by:
        toks = cue.reported_by
        name = text[toks[0].idx:toks[-1].idx + len(toks[-1])]
        # "According to the publication, ...": the outlet named before, as for a medium spoken to.
        reporter = _medium_name(name, lex) or _outlet_described(toks, resolver) or _strip_article(name)
    if medium is None:
        medium = reporter
    quote.medium = medium or subject_medium
    # "According to Reuters, X claimed in an interview with the BBC ...": the BBC is the medium spoken to, Reuters
    # the outlet that reports it.
    quote.reported_by = reporter
    if cue.lemma in lex.hedging_verbs:
        quote.hedges.append(cue.text.lower())


def _outlet_described(tokens, resolver: Resolver) -> str | None:
    """'Ukrainska Pravda published the letter. “...,” the officer told the publication.': "the publication", "the
    agency" spoken to is the outlet named before."""
    words = [t for t in tokens if not t.is_punct]
    if len(words) == 2 and words[0].lower_ == "the" and words[1].lemma_.lower() in MEDIA_NOUNS:
        return resolver.outlet_before(words[0].idx, noun=words[1].lemma_.lower())
    return None


def _cites_someone(tokens, lex: Lexicon) -> bool:
    """"citing three people familiar with the matter", "citing the ministry": a source; "citing Trump's appeal and
    Clinton's unpopularity": reasons, not a source."""
    ids = {t.i for t in tokens}
    head = next((t for t in tokens if t.head.i not in ids or t.head.i == t.i), tokens[-1])
    lemma = head.lemma_.lower()
    return head.pos_ in ("PROPN", "PRON") or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or \
        lemma in lex.person_roles or lemma in lex.anonymous_heads or lemma in lex.speaker_heads


def _medium_name(name: str, lex: Lexicon) -> str | None:
    name = name.strip(" ,.")
    m = lex.media_re.search(name)
    if m:
        return m.group(1)
    bare = re.sub(r"^(the|The)\s+", "", name)
    if looks_like_medium(bare, lex):
        return bare
    return None


def _set_speaker(quote: Quote, sp: Speaker | None) -> None:
    if sp is None:
        quote.speaker_type = "unknown"
        return
    quote.speaker = sp.name
    quote.speaker_type = sp.type
    quote.anonymous = sp.type == "anonymous"
    quote.speaker_mention = sp.mention or None
    quote.speaker_start, quote.speaker_end = sp.start, sp.end
    if sp.resolved_by in ("pronoun", "description"):
        quote.confidence = min(quote.confidence, 0.8)


def _speaker_before_colon(doc, colon: int, resolver: Resolver) -> Speaker | None:
    """The speaker named before an introducing colon: "Peskov's answer: ..." or "Zelensky on Telegram: ..."."""
    span = doc.char_span(max(0, colon - 200), colon, alignment_mode="contract")
    if span is None or not len(span):
        return None
    toks = [t for t in span if t.sent == span[-1].sent]
    # "Reynolds said keeping him in jail will only make his voice louder: ...": the speech verb's subject, not the
    # last subject of the clause it reports.
    lex = resolver.lex
    for v in reversed(toks):
        if v.pos_ in ("VERB", "AUX") and v.lemma_.lower() in lex.speech_verbs and lex.speech_verbs[v.lemma_.lower()] == 1:
            s0 = _subject(v)
            if s0 is not None and s0.i < v.i and s0.lower_ not in ("it", "there", "what", "which", "that", "who"):
                sp = resolver.resolve(np_tokens(s0) if s0.pos_ != "PRON" else [s0])
                if sp.name:
                    return sp
            break
    subj = [t for t in toks if t.dep_ in ("nsubj", "nsubjpass")]
    root = next((t for t in toks if t.dep_ == "ROOT"), None)
    if root is not None and root.pos_ in ("VERB", "AUX") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children):
        # "While Washington escalated it, the Senator from South Carolina, Lindsey Graham, blames …: “…”", the name
        # hung on the clause before: the name right before the verb.
        name = _name_before(root)
        if name is not None:
            sp = resolver.resolve(np_tokens(name))
            if sp.name:
                return sp
    for s in reversed(subj):
        low = s.lower_
        if low in ("who", "that", "which") and s.head.dep_ == "relcl" and s.head.head.pos_ in ("NOUN", "PROPN"):
            s = s.head.head  # "Parker Eaton, a Republican who voted for Kennedy, put it this way: ..."
        elif low in ("it", "there", "what", "this", "that", "which", "who") or s.dep_ == "nsubjpass":
            continue  # "What it came down to: ...", "It was put this way: ..."
        owner = next((c for c in s.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
        if owner is not None and s.pos_ == "NOUN" and s.lemma_.lower() not in lex.person_roles | lex.speaker_heads | \
                lex.anonymous_heads:
            # "Peskov's answer was short: …", "Graham's target is Hezbollah: …": the owner speaks
            sp = resolver.resolve([t for t in np_tokens(owner) if t.dep_ != "case"])
            if sp.name:
                return sp
            continue
        sp = resolver.resolve(np_tokens(s))
        if sp.name:
            return sp
    if subj:
        return resolver.resolve(np_tokens(subj[-1]))
    names = [e for e in resolver.ents_within(toks[0].i, toks[-1].i + 1) if e.label_ in ("PERSON", "ORG", "NORP", "GPE")]
    if names:
        return resolver.resolve(list(names[0]))
    roots = [t for t in toks if t.dep_ == "ROOT" and t.pos_ in ("NOUN", "PROPN")]
    if roots:
        return resolver.resolve(np_tokens(roots[0]))
    return None


def _paragraph_index(text: str) -> list[tuple[int, int]]:
    from ..text import paragraphs

    return paragraphs(text)


def _para_of(offset: int, paras: list[tuple[int, int]]) -> int:
    i = bisect.bisect_right([p[0] for p in paras], offset) - 1
    return max(i, 0)


def _is_quote_paragraph(q: QuoteSpan, text: str, paras) -> bool:
    """The quote is (nearly) its whole paragraph(s): the speaker is the one of the paragraph before."""
    pi = _para_of(q.open_at, paras)
    ps = paras[pi][0]
    last = _para_of(max(q.close_at - 1, q.open_at), paras)
    pe = paras[last][1]
    outside = len(text[ps:q.open_at].strip()) + len(text[q.close_at:pe].strip())
    return outside <= 0.2 * (pe - ps) and q.open_at - ps <= 2


# The quote whose closing mark was lost went on for a sentence and more before the cue: the cue is inside it. (A
# "“" written for a closing mark, '“It's unusual,“ said Noble', leaves no sentence before its cue.)
_LOST_QUOTE_WENT_ON = re.compile(r"[“„]\s*(?:\S+\s+){6,}?\S*[.!?]\s+[A-Z]")


def _previous_attribution(found, offset: int, paras) -> Quote | None:
    pi = _para_of(offset, paras)
    best = None
    for quote, _ in found:
        if quote.start < offset and quote.speaker and pi - _para_of(quote.start, paras) <= 2:
            best = quote
    return best


def _previous_sentence(doc, sent_start: int) -> tuple[int, int] | None:
    sents = _sentences(doc)
    i = bisect.bisect_left([s.start_char for s in sents], sent_start) - 1
    while i >= 0 and not sents[i].text.strip():
        i -= 1
    if i < 0:
        return None
    prev = sents[i]
    toks = [t for t in prev if not t.is_space]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if len(toks) < 3:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _share_medium(quotes: list[Quote], paras) -> None:
    """'Harper told LBC the talks had stalled, she said, "..."': the quote was made to LBC too."""
    for q in quotes:
        if q.medium or not q.speaker:
            continue
        pq = _para_of(q.start, paras)
        for other in quotes:
            if other is not q and other.medium and other.speaker == q.speaker and _para_of(other.start, paras) == pq:
                q.medium = other.medium
                break


def _resolve_forward(quotes: list[Quote], resolver: Resolver, paras) -> None:
    """'A Ukrainian general has warned ...' in the lead, 'General Serhiy Naiev said ...' below: the same person."""
    for q in quotes:
        m = q.speaker_mention or ""
        if q.anonymous or q.speaker_type not in ("person", "unknown") or not re.match(r"(?i)an?\s", m) or q.speaker not in (m, _strip_article(m)):
            continue
        role = m.split()[-1].lower()
        pq = _para_of(q.start, paras)
        for p in resolver.persons:
            first = min(p.mentions or [10**9])
            if not p.pseudo and role in p.descriptors and first > q.speaker_start and _para_of(first, paras) - pq <= 2:
                q.speaker, q.speaker_type = p.name, "person"
                q.confidence = min(q.confidence, 0.6)
                break


def _strip_article(text: str) -> str:
    return re.sub(r"^(the|The|a|A|an|An)\s+", "", text).strip()


def _media_reports(quotes: list[Quote], cues: list[Cue], lex: Lexicon, text: str) -> None:
    """'The ministry said ..., TASS reported.', '... said, according to TASS': the medium that carried a statement made
    in its sentence."""
    for cue in cues:
        # '“We will respond,” Medvedev said, according to RIA Novosti.': an outlet's "according to" carries it too.
        reports = cue.kind == "verb" and cue.lemma in ("report", "say", "write", "tell", "quote", "cite")
        if not (reports or cue.kind == "according") or not cue.speaker_tokens:
            continue
        toks = cue.speaker_tokens
        name = _medium_name(text[toks[0].idx:toks[-1].idx + len(toks[-1])], lex)
        if not name:
            continue
        for q in quotes:
            if q.cue_start != cue.start and cue.sent_start <= q.start < cue.sent_end:
                if q.medium is None:
                    q.medium = name
                if q.reported_by is None and q.speaker != name:
                    q.reported_by = name  # the outlet that carried it, also beside a medium spoken to


_VERIFICATION = re.compile(r"\b(could not|cannot|can not|could not be|has not been|have not been|was not|were not)\s+(be\s+)?"
                           r"(independently\s+)?(verified|confirmed|verify|confirm)", re.I)


def _sentences(doc) -> list:
    """The parsed sentences, computed once per doc (doc.sents walks the whole doc on each access)."""
    if doc.user_data.get("narrascope_sents") is None:
        doc.user_data["narrascope_sents"] = list(doc.sents)
    return doc.user_data["narrascope_sents"]


def _sentence_at(doc, offset: int):
    sents = _sentences(doc)
    i = bisect.bisect_right([s.start_char for s in sents], offset) - 1
    return sents[i] if i >= 0 else None


def _mark_hedges(quote: Quote, cue: Cue | None, doc, lex: Lexicon) -> None:
    """Hedges in the sentences of the cue and the content (for a direct quote: around the quoted words)."""
    text = doc.user_data["narrascope_text"]
    lo = min(quote.start, quote.cue_start) if quote.cue_start >= 0 else quote.start
    hi = max(quote.end, quote.cue_end)
    first, last = _sentence_at(doc, lo), _sentence_at(doc, max(hi - 1, lo))
    s_lo = first.start_char if first is not None else lo
    s_hi = last.end_char if last is not None else hi
    if quote.kind == "direct":
        window = text[s_lo:quote.start] + " " + text[quote.end:s_hi]
    else:
        window = text[s_lo:s_hi]
    for h in find_hedges(window, lex):
        if h not in quote.hedges:
            quote.hedges.append(h)
    # "The claim could not be independently verified." right after the attribution hedges it too.
    if last is not None and last.end < len(doc):
        nxt = _sentence_at(doc, doc[last.end].idx)
        if "\n" not in text[s_hi:nxt.start_char]:
            v = _VERIFICATION.search(nxt.text)
            if v and v.group(0).lower() not in quote.hedges:
                quote.hedges.append(v.group(0).lower())
    quote.hedged = bool(quote.hedges)
