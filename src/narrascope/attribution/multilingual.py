"""Attribution without a parser (Russian, Ukrainian, Bulgarian, Portuguese, Hindi ...).

Best effort: quote-mark spans joined to a speech verb right before or after
them, "verb + complementiser" indirect speech ("заявил, что", "disse que",
"каза, че", "ने कहा कि"), and "according to" phrases ("по словам", "според",
"segundo", "के अनुसार"). The speaker is the capitalised name next to the cue,
or the last speaker when a pronoun stands there.
"""
from __future__ import annotations

import re

from ..doc import Quote
from ..text import sentences
from .lexicon import Lexicon
from .quotes import find_quote_spans, headline_paragraphs
from .sourcing import find_hedges, find_media

_UP = "A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ"
_NAME = rf"[{_UP}][\w’'.-]+(?:\s+(?:(?:da|de|do|dos|das|van|von|der|di|la|le)\s+)?[{_UP}][\w’'-]+){{0,3}}"
_NAME_RE = re.compile(_NAME)


_PREPOSITIONS = {"в", "на", "от", "из", "с", "со", "во", "при", "за", "до", "у", "de", "da", "do", "das", "dos", "em",
                 "no", "na", "nos", "nas", "of", "in", "at", "के", "की", "में", "з", "із", "про"}


def _source_length(rest: str, lex: Lexicon) -> int:
    """Length of the source phrase at the start of ``rest`` when no comma ends it."""
    m = re.match(r"\s*([„“«\"])([^”“»\"]{1,60})[”“»\"]", rest)
    if m:
        return m.end()
    words = list(re.finditer(r"\S+", rest))
    if not words:
        return 0
    end_i = 0
    i = 0
    while i + 2 < len(words) and words[i + 1].group(0).lower() in _PREPOSITIONS:
        i += 2
        end_i = i
    if words[0].group(0)[:1].isupper():  # a name: its capitalised words
        while end_i + 1 < len(words) and words[end_i + 1].group(0)[:1].isupper() and end_i < 3:
            end_i += 1
    return words[end_i].end()


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def attribute_rules(text: str, language: str | None, lex: Lexicon) -> list[Quote]:
    lang = (language or "").lower()[:2]
    rules = lex.multilingual.get(lang)
    if rules is None:
        # Unknown language: the union of all lexicons still finds quote marks and many cues.
        rules = {k: sorted({w for r in lex.multilingual.values() for w in r.get(k, [])}) for k in
                 ("verbs", "according_to", "complementisers", "pronouns", "hedges", "anonymous")}
    verb_re = re.compile(r"(?<!\w)(" + _alt(rules["verbs"]) + r")(?!\w)", re.I)
    pronouns = {p.lower() for p in rules["pronouns"]}
    sents = sentences(text)
    quotes: list[tuple[Quote, int]] = []
    last_speaker: list[str | None] = [None]

    def speaker_near(lo: int, hi: int, prefer_after: bool) -> tuple[str | None, int, int, bool]:
        """A name (or pronoun) in text[lo:hi] next to the cue; returns (mention, start, end, is_pronoun)."""
        window = text[lo:hi]
        if lang == "hi":
            m = re.search(r"(\S+(?:\s+\S+)?)\s+ने(?!\S)", window)
            if m:
                return m.group(1), lo + m.start(1), lo + m.end(1), m.group(1) in pronouns
        words = list(re.finditer(r"[\w’'-]+", window))
        cands = [m for m in _NAME_RE.finditer(window)]
        # A name after a preposition is a place or an object, never the speaker ("после поездки в Россию заверил").
        free = [m for m in cands if (window[:m.start()].split() or [""])[-1].lower() not in _PREPOSITIONS]
        cands = free or cands
        prons = [w for w in words if w.group(0).lower() in pronouns]
        pool = [(m, False) for m in cands] + [(w, True) for w in prons]
        if not pool:
            return None, -1, -1, False
        m, is_pron = (min(pool, key=lambda x: x[0].start()) if prefer_after else max(pool, key=lambda x: x[0].end()))
        return m.group(0), lo + m.start(), lo + m.end(), is_pron

    def make(content: tuple[int, int], kind: str, cue: tuple[int, int, str], who) -> Quote | None:
        mention, s, e, is_pron = who
        s0, e0 = content
        while s0 < e0 and (text[s0].isspace() or text[s0] in ",:—–-"):
            s0 += 1
        while e0 > s0 and (text[e0 - 1].isspace() or text[e0 - 1] in ",.—–-।"):
            e0 -= 1
        if e0 - s0 < 3:
            return None
        if mention and not is_pron:
            mention = mention.strip("„“”«»\"' ")
            words = mention.split()
            at_start = s <= 0 or text[:s].rstrip()[-1:] in ("", ".", "!", "?", "\n")
            if len(words) >= 3 and at_start:
                # "Президентът Румен Радев", "Министр Сергей Лавров": a capitalised title opens the sentence.
                s += len(mention) - len(" ".join(words[1:]))
                mention = " ".join(words[1:])
                words = words[1:]
                if len(words) >= 3 and re.match(r"[А-ЯЁІЇЄҐ]", words[0]) and not re.search(r"(?:вич|вна|ична|ьич)$", words[-2]):
                    # "Премьер-министр Венгрии Виктор Орбан": the country after the title is no part of the name.
                    s += len(mention) - len(" ".join(words[-2:]))
                    mention = " ".join(words[-2:])
            e = s + len(mention)
        speaker = last_speaker[0] if is_pron else mention
        q = Quote(speaker=speaker, text=text[s0:e0], kind=kind, start=s0, end=e0, cue=cue[2].lower(),
                  cue_start=cue[0], cue_end=cue[1], speaker_mention=mention, speaker_start=s, speaker_end=e,
                  confidence=0.6 if kind == "direct" else 0.45)
        if mention is None:
            q.speaker_type = "unknown"
            q.confidence = 0.3
        else:
            low = mention.lower()
            if any(a in low for a in rules.get("anonymous", [])):
                q.anonymous, q.speaker_type = True, "anonymous"
            else:
                q.speaker_type = "person" if (is_pron or len(mention.split()) >= 2) else "unknown"
            if not is_pron:
                last_speaker[0] = mention
        return q

    # Direct: quote marks with a cue beside them in the same paragraph.
    for qs in find_quote_spans(text):
        para_end = text.find("\n", qs.close_at)
        para_end = len(text) if para_end < 0 else para_end
        para_start = text.rfind("\n", 0, qs.open_at) + 1
        after = text[qs.close_at:min(para_end, qs.close_at + 80)]
        before = text[max(para_start, qs.open_at - 100):qs.open_at]
        m = verb_re.search(after)
        if m and not re.search(r"[.!?]\s", after[:m.start()]):
            cue = (qs.close_at + m.start(), qs.close_at + m.end(), m.group(1))
            end_of_clause = re.search(r"[.!?;\n]", after[m.end():])
            hi = qs.close_at + m.end() + (end_of_clause.start() if end_of_clause else len(after) - m.end())
            who = speaker_near(cue[1], hi, prefer_after=True)
            if who[0] is None:
                who = speaker_near(max(para_start, qs.close_at), cue[0], prefer_after=False)
        else:
            m = list(verb_re.finditer(before))
            if not m or not before.rstrip().endswith((":", ",", "—")):
                if before.rstrip().endswith(":") and len(text[qs.start:qs.end].split()) >= 3:
                    colon = qs.open_at - (len(before) - len(before.rstrip())) - 1
                    q = make((qs.start, qs.end), "direct", (colon, colon + 1, ":"), speaker_near(max(para_start, colon - 80), colon, False))
                    if q:
                        quotes.append((q, qs.start))
                continue
            m = m[-1]
            base = qs.open_at - len(before)
            cue = (base + m.start(), base + m.end(), m.group(1))
            who = speaker_near(max(para_start, base), cue[0], prefer_after=False)
            if who[0] is None:
                who = speaker_near(cue[1], qs.open_at, prefer_after=True)
        q = make((qs.start, qs.end), "direct", cue, who)
        if q:
            quotes.append((q, qs.start))

    # Indirect: "<verb>, <complementiser> ..." and "according to X, ...".
    comp = _alt(rules["complementisers"])
    ind_re = re.compile(r"(?<!\w)(" + _alt(rules["verbs"]) + r")(?!\w)\s*,?\s*(" + comp + r")(?!\w)", re.I)
    acc_re = re.compile(r"(?<!\w)(" + _alt(rules["according_to"]) + r")(?!\w)", re.I)
    taken = [(q.start, q.end) for q, _ in quotes]
    for ss, se in sents:
        sent = text[ss:se]
        for m in ind_re.finditer(sent):
            content = (ss + m.end(), se)
            if any(a < content[1] and content[0] < b for a, b in taken):
                continue
            who = speaker_near(ss, ss + m.start(1), prefer_after=False)
            if who[0] is None:
                continue
            q = make(content, "indirect", (ss + m.start(1), ss + m.end(1), m.group(1)), who)
            if q:
                quotes.append((q, q.start))
                taken.append((q.start, q.end))
        for m in acc_re.finditer(sent):
            if rules.get("source_before"):
                # "रिपोर्ट के अनुसार, ...": the source is the words before the postposition, the content after it.
                head = sent[:m.start()].rstrip()
                cut = max(head.rfind(","), head.rfind("।"), -1) + 1
                src_words = head[cut:].split()[-3:]
                if not src_words:
                    continue
                src = " ".join(src_words)
                s = ss + head.rfind(src)
                content = (ss + m.end(), se)
                if any(a < content[1] and content[0] < b for a, b in taken):
                    continue
                q = make(content, "indirect", (ss + m.start(), ss + m.end(), m.group(1)), (src, s, s + len(src), src in pronouns))
                if q:
                    quotes.append((q, q.start))
                    taken.append((q.start, q.end))
                continue
            # The source runs to the next comma (or the sentence end); the content is the rest of the sentence.
            src_end = sent.find(",", m.end())
            if m.start() < 3 and (src_end < 0 or len(sent[m.end():src_end].split()) > 6):
                # No comma closes the source ("Според източници в парламента гласуването ..."): take a quoted
                # name, or a noun with its prepositional phrases.
                src_end = m.end() + _source_length(sent[m.end():], lex)
            src_end = len(sent) if src_end < 0 else src_end
            src = sent[m.end():src_end].strip()
            if not src:
                continue
            s = ss + m.end() + (len(sent[m.end():src_end]) - len(sent[m.end():src_end].lstrip()))
            who = (src.rstrip(" ."), s, s + len(src.rstrip(" .")), src.lower() in pronouns)
            if m.start() < 3:
                content = (ss + src_end + (1 if sent[src_end:src_end + 1] == "," else 0), se)
            else:
                content = (ss, ss + m.start())
            if any(a < content[1] and content[0] < b for a, b in taken):
                continue
            q = make(content, "indirect", (ss + m.start(), ss + m.end(), m.group(1)), who)
            if q:
                q.speaker_type = "anonymous" if q.anonymous else ("organisation" if find_media(src, lex) else "person" if _NAME_RE.match(src) else "unknown")
                quotes.append((q, q.start))
                taken.append((q.start, q.end))

    quotes.sort(key=lambda x: x[1])
    # Headline-shaped lines (a title, related headlines left by cleaning) are never quoted.
    heads = headline_paragraphs(text)
    quotes = [(q, o) for q, o in quotes if not any(ps <= q.start < pe or ps <= q.cue_start < pe for ps, pe in heads)]
    out = []
    for q, _ in quotes:
        lo, hi = min(q.start, q.cue_start), max(q.end, q.cue_end)
        # Hedges count in the sentences of the cue and the content only.
        lo = max([s for s, e in sents if s <= lo] or [0])
        hi = min([e for s, e in sents if e >= hi] or [len(text)])
        window = text[lo:hi]
        q.hedges = [h for h in rules.get("hedges", []) if re.search(r"(?<!\w)" + re.escape(h) + r"(?!\w)", window, re.I)]
        q.hedges += [h for h in find_hedges(window, lex) if h not in q.hedges]
        q.hedges = [h for h in q.hedges if not any(h != o and h in o for o in q.hedges)]  # "कथित" inside "कथित तौर पर"
        q.hedged = bool(q.hedges)
        # The medium is named by the cue or the speaker ("написал в Telegram", "каза пред БНТ"), not in the quote.
        if q.cue_start >= q.end:
            zone = text[q.end:min(hi, q.cue_end + 80)]
        elif q.cue_end <= q.start:
            zone = text[min(q.cue_start, q.speaker_start if q.speaker_start >= 0 else q.cue_start):q.start]
        else:
            zone = text[q.cue_start:q.cue_end]
        media = find_media(zone + " " + (q.speaker_mention or ""), lex)
        if media:
            q.medium = media[0][2]
        out.append(q)
    return out
