"""Speech cues found in the dependency parse (English).

A cue is a speech verb ("said", "told", "went on", "warned"), "according to X",
"as per X", or "citing X". For each we find the speaker phrase (the verb's
subject; "adding that ..." inherits the subject of the verb it hangs on),
the reported content (the verb's clausal complement, or the rest of the
clause for "according to"), the addressee ("told LBC") and a cited source
("reports this, citing three people ...").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import Lexicon
from .speakers import speaker_ok

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_ANAPHORIC_OBJECTS = {"this", "that", "so", "it", "these"}
_FIRST_SECOND = {"i", "we", "you", "me", "us"}
# What one declares by doing it: "declare war", "declared a state of emergency", "proclaimed independence".
_DECLARED_ACTS = {"war", "emergency", "independence", "law", "bankruptcy", "state", "mourning", "holiday", "curfew",
                  "mobilisation", "mobilization", "truce", "ceasefire"}
_PHRASAL = {"go": "on", "point": "out", "shoot": "back"}  # verbs that are cues only with this particle
# Naming verbs: a cue only with a subject and a quote inside their object ("Rubio called the plan “reckless”"),
# never "a group called the “Foundation”" or "called for talks".
_NAMING = {"call", "label", "dub"}
# "read" is a cue only for a written thing: "the sign read “...”".
_WRITTEN = {"sign", "message", "email", "e-mail", "letter", "statement", "banner", "tweet", "post", "poster", "placard",
            "note", "headline", "caption", "ad", "advertisement", "text", "shirt", "t-shirt", "card", "release", "memo",
            "leaflet", "flyer", "billboard", "slogan", "inscription", "one", "it", "which", "that", "video", "report",
            "ad", "advert", "comment", "remark", "speech", "interview", "notice", "update", "announcement"}


@dataclass
class Cue:
    text: str  # "said", "went on", "according to", "citing"
    start: int
    end: int
    lemma: str
    kind: str  # "verb" | "according" | "citing"
    tier: int = 1
    sent_start: int = 0
    sent_end: int = 0
    speaker_tokens: list = field(default_factory=list)
    content: tuple[int, int] | None = None  # char range of reported content (indirect)
    content_from_previous: bool = False  # "reports this": the content is the previous sentence
    addressee_tokens: list = field(default_factory=list)  # "told LBC", "in an interview with the BBC"
    cited_tokens: list = field(default_factory=list)  # "citing three people familiar with the matter"
    medium_tokens: list = field(default_factory=list)  # "on Telegram"
    negated: bool = False
    naming: tuple[int, int, int] | None = None  # a naming verb ("called X “...”"): (start, end) of its complements, end of its object
    reported_by: list = field(default_factory=list)  # "According to <outlet>, <person> said ...": the outlet
    outer: "Cue | None" = None  # the cue whose reported content holds this one ("sources said he complained ...")
    suppressed: bool = False  # the outlet's "according to" of a nested attribution: no attribution of its own
    token_i: int = -1  # the cue word's token
    clause_i: int = -1  # the token heading the reported clause (the ccomp, or the verb "according to" hangs on)


def np_tokens(tok) -> list:
    """The phrase a token heads, as a contiguous token list (at most 25 tokens)."""
    lo, hi = tok.left_edge.i, tok.right_edge.i  # the subtree's edges (projective parse): no walk over it
    if hi - lo > 25:
        lo, hi = max(lo, tok.i - 12), min(hi, max(lo, tok.i - 12) + 25)
    return [tok.doc[i] for i in range(lo, hi + 1)]


def _unfront(toks: list) -> list:
    """"According to Bloomberg, two officials briefed on the talks" parsed as one subject: drop the fronted phrase."""
    commas = [k for k, t in enumerate(toks) if t.text == ","]
    if commas and (toks[0].lower_ in ("according", "as", "per") or toks[0].pos_ in ("ADP", "SCONJ")) and commas[0] + 1 < len(toks):
        return toks[commas[0] + 1:]
    return toks


def _uncomment(toks: list, head) -> list:
    """'“...,” said Beau Correll, angered that ...': an inverted speaker stops at the comma that opens a participle
    clause about it (but "said the head of the union, Jan Novak" keeps the name after the comma)."""
    for k, t in enumerate(toks):
        if t.text == "," and t.i > head.i and k + 1 < len(toks):
            nxt = toks[k + 1]
            if nxt.pos_ in ("VERB", "AUX") and nxt.tag_ in ("VBN", "VBD", "VBG"):
                return toks[:k]
    return toks


def _content_range(tok, exclude: set[int] | None = None) -> tuple[int, int] | None:
    toks = [t for t in tok.subtree if not exclude or t.i not in exclude]
    return _trim(toks)


def _trim(toks) -> tuple[int, int] | None:
    toks = sorted(toks, key=lambda t: t.i)
    # Leading complementiser and punctuation; trailing punctuation except a final stop.
    while toks and (toks[0].is_punct and toks[0].text not in "“\"‘«" or toks[0].is_space or toks[0].dep_ == "mark" and toks[0].lower_ in ("that",)):
        toks = toks[1:]
    for k in range(len(toks) - 3, 0, -1):
        if toks[k].lower_ == "according" and toks[k - 1].text == "," and toks[k + 1].lower_ == "to" and \
                toks[-1].i <= toks[k].right_edge.i + 1:
            toks = toks[:k]  # "..., according to the Kyiv Independent": who reports it, not what is reported
            break
    while toks and toks[-1].dep_ == "cc" or toks and toks[-1].is_space:  # "..., but" cut off by the cue
        toks = toks[:-1]
    while toks and (toks[-1].is_space or toks[-1].is_punct):
        if toks[-1].text in "”\"’»" and sum(t.text in "“\"‘«" for t in toks[:-1]) % 2 == 1:
            break  # keep the mark that closes a quoted phrase inside the content
        toks = toks[:-1]
    if len([t for t in toks if not t.is_punct]) < 2:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _parenthetical(verb) -> bool:
    """Is the cue's clause set off by commas (or closing the sentence): ", she said," / ", she said."?"""
    doc = verb.doc
    lo, hi = verb.left_edge.i, verb.right_edge.i
    before = doc[lo].text if doc[lo].is_punct else doc[lo - 1].text if lo > 0 else ""
    after = doc[hi + 1].text if hi + 1 < len(doc) else "."
    if doc[hi].is_punct:  # the clause's own trailing comma
        after = doc[hi].text
    return before in (",", "—", "–", "(") and after in (",", ".", "—", "–", ")", ";", "!", "?", "\n") or \
        (before in (",",) and hi + 1 >= verb.sent.end - 1)


def _inverted_speaker(verb) -> list:
    """"..., people briefed on the talks said.": the words between the last comma and the cue."""
    sent = verb.sent
    toks = []
    i = verb.i - 1
    while i >= sent.start and not verb.doc[i].is_punct and len(toks) < 12:
        toks.insert(0, verb.doc[i])
        i -= 1
    if i < sent.start or verb.doc[i].text not in ",”\"’" or not toks:
        return []
    if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in toks) or any(t.pos_ == "VERB" and t.dep_ in ("ROOT", "ccomp") for t in toks):
        return []
    return toks


def _name_before(verb):
    """"In a statement to the paper, her adviser, Jake Sullivan, said: ...", parsed with "said" left without a subject
    (the name hung on the phrase before it): the name right before the verb."""
    i = verb.i - 1
    if i >= 0 and verb.doc[i].text == ",":
        i -= 1
    if i < verb.sent.start:
        return None
    t = verb.doc[i]
    if t.ent_type_ in ("PERSON", "ORG", "NORP") and t.pos_ == "PROPN" and t.ent_iob_ != "" and \
            (i + 1 >= len(verb.doc) or verb.doc[i + 1].ent_iob_ != "I"):
        return t
    return None


def _opening_name(verb):
    """"Ukrainian President Volodymyr Zelensky, responding to a warning that troops could lead to …, said: …", parsed
    with the name as the subject of the verb inside the participle clause and "said" without one: the person's name
    that opens the sentence, followed by a comma and a participle."""
    doc, i = verb.doc, verb.sent.start
    while i < verb.i and doc[i].ent_type_ != "PERSON":  # only a title before the name ("Ukrainian President")
        if not (doc[i].pos_ in ("PROPN", "ADJ", "DET") or doc[i].is_title):
            return None
        i += 1
    end = i + 1
    while end < verb.i and doc[end].ent_iob_ == "I":
        end += 1
    if end + 1 >= verb.i or doc[end].text != "," or doc[end + 1].tag_ not in ("VBG", "VBN"):
        return None
    return doc[i:end].root


def _swallowed_subject(verb) -> tuple[list, int] | None:
    """'As per the Kyiv Independent, the governor of Kharkiv Oblast, Oleh Syniehubov, stated ...' parsed with the
    speaker as an appositive of the outlet and the verb left without a subject: the words between the comma after
    the outlet and the verb, and that comma's token index."""
    if any(c.dep_ in _SUBJ for c in verb.children):
        return None
    doc = verb.doc
    for c in verb.children:
        if c.dep_ != "prep" or c.i > verb.i or c.lower_ not in ("according", "as"):
            continue
        prep = next((g for g in c.children if g.lower_ in ("to", "per")), None)
        src = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
        if src is None or not any(g.dep_ == "appos" and g.i > src.i for g in src.children):
            return None
        comma = next((t.i for t in doc[src.i + 1:verb.i] if t.text == ","), None)
        if comma is None:
            return None
        toks = list(doc[comma + 1:verb.i])
        while toks and (toks[-1].is_punct or toks[-1].is_space):
            toks = toks[:-1]
        commas = [k for k, t in enumerate(toks) if t.text == ","]
        name = toks[commas[-1] + 1:] if commas else []
        if 1 <= len(name) <= 4 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in name):
            toks = name  # "the governor of Kharkiv Oblast, Oleh Syniehubov": the name closing the description
        if toks and any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in toks):
            return toks, comma
    return None


def _misattached_that_clause(verb):
    """'said in a conversation with journalists that the shipment was delayed' parsed with the that-clause as a
    relative clause of "journalists": a clause opened by the complementiser "that" (dep mark, not a relative
    pronoun) under a prepositional phrase of the verb is what it reports."""
    for c in verb.children:
        if c.dep_ != "prep" or c.i < verb.i:
            continue
        for t in c.subtree:
            if t.dep_ == "relcl" and any(m.dep_ == "mark" and m.lower_ == "that" and m.i < t.i for m in t.children) \
                    and not any(m.dep_ in _SUBJ and m.lower_ in ("that", "which", "who") for m in t.children):
                return t
    return None


def _name_after_verb(verb) -> list:
    """'“...,” said delegate Marta Kolar, angered that ...' parsed with the name as the subject of "angered": the
    name right after the cue, up to the comma (a role noun before it may stand with it)."""
    doc, toks = verb.doc, []
    i = verb.i + 1
    while i < verb.sent.end and len(toks) < 8 and not doc[i].is_punct and doc[i].pos_ in ("PROPN", "NOUN", "DET", "ADJ"):
        toks.append(doc[i])
        i += 1
    if not toks or not any(t.ent_type_ == "PERSON" for t in toks) or toks[-1].ent_type_ != "PERSON":
        return []
    if i < verb.sent.end and not doc[i].is_punct:
        return []
    return toks


def _quoted_as(verb):
    """'TASS quoted a diplomat as saying ...' / 'a diplomat was quoted by TASS as saying ...': (the person quoted, the
    outlet that quotes them, or None), for the speech verb after "as"; None when the verb is not in that frame."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or prep.dep_ != "prep" or prep.head.lemma_.lower() not in ("quote", "cite"):
        return None
    quoting = prep.head
    obj = next((c for c in quoting.children if c.dep_ == "dobj"), None)
    if obj is not None:
        return obj, next((c for c in quoting.children if c.dep_ == "nsubj"), None)
    passive = next((c for c in quoting.children if c.dep_ == "nsubjpass"), None)
    if passive is None:
        return None
    by = next((g for a in quoting.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"), None)
    return passive, by


def _split_subject(verb, subj) -> list | None:
    """'A top ally of war mad President Vladimir Putin has claimed ...' parsed as two subjects, "ally" and "Putin":
    one phrase, headed by the first (the ally speaks, about Putin), when they touch and the first ends on a
    preposition's object."""
    subjects = sorted((c for c in verb.children if c.dep_ in ("nsubj",)), key=lambda c: c.i)
    if len(subjects) != 2 or subj not in subjects:
        return None
    first, second = subjects
    if first.pos_ != "NOUN" or not any(c.dep_ == "prep" for c in first.children) or \
            first.right_edge.i + 1 != second.left_edge.i or second.right_edge.i >= verb.i:
        return None
    return [verb.doc[i] for i in range(first.left_edge.i, second.right_edge.i + 1)]


def _subject(verb, depth: int = 0, inside_quote=None):
    subjects = [c for c in verb.children if c.dep_ in _SUBJ]
    if len(subjects) > 1 and inside_quote is not None:
        # '“..., folks,” Trump told a rally': a word inside the quote parsed as a second subject is not the speaker.
        outside = [c for c in subjects if not inside_quote(c.idx)]
        subjects = outside or subjects
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    for c in verb.children:  # passive with an agent: "was told by X"
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if depth < 3 and verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in _WRITTEN:
        # "His office issued a statement saying ...", "Kyiv posted a video on Telegram saying ...": who issued it.
        noun = verb.head
        gov = noun.head if noun.dep_ in ("dobj", "nsubjpass") else noun.head.head if noun.dep_ == "pobj" else None
        if gov is not None and gov.i != noun.i and gov.pos_ in ("VERB", "AUX"):
            return _subject(gov, depth + 1, inside_quote)
    if depth < 3 and verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head.head, depth + 1, inside_quote)  # "Husted continued by saying ..."
    if depth < 3 and verb.dep_ in ("conj", "advcl", "xcomp", "ccomp", "relcl") and verb.head.i != verb.i:
        if verb.dep_ == "relcl":
            return verb.head  # "Orlov, who said ..."
        if verb.dep_ in ("conj", "advcl", "xcomp"):
            return _subject(verb.head, depth + 1, inside_quote)
    return None


def find_cues(doc, lex: Lexicon, inside_quote) -> list[Cue]:
    """Cues in the parsed ``doc``; ``inside_quote(offset)`` says whether a character is within quote marks."""
    cues: list[Cue] = []
    doc_text = doc.text
    for tok in doc:
        if inside_quote(tok.idx):
            continue
        lemma = tok.lemma_.lower()
        if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
            cue = _according(tok, "according to", doc_text, lex)
            if cue:
                cues.append(cue)
            continue
        if tok.lower_ == "per" and tok.i > 0 and doc[tok.i - 1].lower_ == "as":
            cue = _according(tok, "as per", doc_text, lex)
            if cue:
                cues.append(cue)
            continue
        if tok.pos_ not in ("VERB", "AUX") or lemma not in lex.speech_verbs:
            continue
        if lemma == "cite":
            continue
        text = tok.text
        end = tok.idx + len(tok)
        if lemma in _PHRASAL:
            prt = [c for c in tok.children if c.dep_ == "prt" and c.lower_ == _PHRASAL[lemma]]
            if not prt:
                continue
            text = doc_text[tok.idx:prt[0].idx + len(prt[0])]
            end = prt[0].idx + len(prt[0])
        if tok.dep_ in ("acl", "relcl") and tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            continue  # "a leader to counter the threats", "a plan to announce": a purpose, not a statement
        if lemma == "continue" and not any(c.dep_ in ("ccomp",) for c in tok.children):
            continue  # "fighting continued" is no speech; "he continued: ..." has a complement or a quote
        tier = lex.speech_verbs[lemma]
        if lemma in ("declare", "announce", "proclaim") and any(
                c.dep_ in ("dobj", "obj") and c.lemma_.lower() in _DECLARED_ACTS for c in tok.children):
            continue  # "the militias will declare war on Kiev", "declared a state of emergency": an act, not a statement
        if lemma == "see" and not any(c.dep_ == "ccomp" and c.i > tok.i and any(
                m.dep_ == "mark" and m.lower_ == "that" and m.i <= tok.i + 3 for m in c.children) for c in tok.children):
            continue  # "the EU has seen imports rise": a perception; "sees that …" (right after the verb) is a view
        if tok.dep_ == "pcomp" and (tok.head.lower_ in ("from", "without") or
                                    tier == 2 and tok.head.lower_ in ("after", "before", "upon", "since")):
            continue  # "refrains from responding", "left without saying", "after seeing …": no statement is made
        if tier == 2 and tok.tag_ == "VB" and tok.dep_ == "advcl" and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            continue  # "look at the warrants to see that ...": the writer's purpose, no one's belief
        sent = tok.sent
        naming = None
        if lemma in _NAMING:
            if tok.dep_ in ("acl", "amod") or tok.tag_ in ("VBP", "VB", "VBN") or any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) \
                    or not any(c.dep_ in ("nsubj",) for c in tok.children) and tok.dep_ not in ("conj", "advcl", "xcomp", "relcl") \
                    or any(c.dep_ in ("prt", "prep") and c.i == tok.i + 1 for c in tok.children):
                continue  # "a group called ...", "was called", "called for talks", "called on"
            lo = min(c.left_edge.idx for c in tok.children if c.i > tok.i) if any(c.i > tok.i for c in tok.children) else None
            if lo is None:
                continue
            naming = (lo, max(c.right_edge.idx + len(c.right_edge) for c in tok.children if c.i > tok.i))
            obj = [c for c in tok.children if c.dep_ in ("dobj",) and c.i > tok.i]
            # The quote must be the whole complement after the object ("called Trump “unhinged”"), not a phrase
            # inside it ("calling the move part of a “historic return”").
            words = [t for t in obj[0].subtree if not t.is_punct] if obj else []
            naming = (naming[0], naming[1], words[-1].idx + len(words[-1]) if words else tok.idx + len(tok))
        if lemma == "read":
            subj0 = _subject(tok)
            if subj0 is None or subj0.lemma_.lower() not in _WRITTEN:
                continue
        cue = Cue(text, tok.idx, end, lemma, "verb", tier, sent.start_char, sent.end_char)
        cue.naming = naming
        cue.token_i = tok.i
        cue.negated = any(c.dep_ == "neg" for c in tok.children)
        quoted_as = _quoted_as(tok)
        subj = quoted_as[0] if quoted_as else _subject(tok, inside_quote=inside_quote)
        if quoted_as and quoted_as[1] is not None:
            reporter = quoted_as[1]
            cue.reported_by = np_tokens(reporter) if reporter.pos_ != "PRON" else [reporter]
        if subj is None and tok.tag_ in ("VBD", "VBZ") and tok.dep_ == "ROOT":
            subj = _name_before(tok) or _opening_name(tok)
        after_name = _name_after_verb(tok) if subj is None and tok.dep_ == "ROOT" and tok.tag_ in ("VBD", "VBZ") else []
        swallowed = _swallowed_subject(tok) if subj is None and not after_name else None
        if subj is not None and (subj.lower_ in ("it", "there") or subj.dep_ == "nsubjpass" and not quoted_as):
            subj = None  # "it was reported that ...", "a cap could be agreed": the subject is not a speaker
        if subj is not None and subj.pos_ == "NOUN" and subj.lemma_.lower() in lex.non_speakers:
            continue  # "the counteroffensive has confirmed that ...": an event proves, it does not speak
        if subj is not None and subj.lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
            subj = tok.head  # "McConnell, who said ...": the relative clause's noun is the speaker
        if subj is not None:
            cue.speaker_tokens = _unfront(np_tokens(subj)) if subj.pos_ != "PRON" else [subj]
            joined = _split_subject(tok, subj)
            if joined:
                cue.speaker_tokens = joined
            if subj.i > tok.i:
                cue.speaker_tokens = _uncomment(cue.speaker_tokens, subj)
        elif after_name:
            cue.speaker_tokens = after_name  # '“...,” said delegate Marta Kolar, angered that ...' (Kolar parsed under "angered")
        elif swallowed is not None:
            cue.speaker_tokens = swallowed[0]  # "As per <outlet>, <description>, <name>, stated ..."
        else:
            cue.speaker_tokens = _inverted_speaker(tok)
        content = None
        hosts = [tok]
        if quoted_as and not any(c.dep_ == "ccomp" for c in tok.children):
            hosts.append(tok.head.head)  # "Prices will stay high, X was quoted as saying": the clause hangs on "quoted"
        for c in (c for h in hosts for c in h.children):
            if c.dep_ == "ccomp" and not inside_quote(c.idx):
                cue.clause_i = c.i
                content = _content_range(c)
                if content and cue.speaker_tokens and c.i < tok.i:
                    # "X happened, people briefed on it said": the content stops before the speaker.
                    content = _trim([t for t in c.subtree if t.i < cue.speaker_tokens[0].i])
                break
        if content is None:
            mis = _misattached_that_clause(tok)
            if mis is not None and not inside_quote(mis.idx):
                cue.clause_i = mis.i
                content = _content_range(mis)
        if content is None and tok.dep_ == "advcl" and tok.head.i != tok.i and subj is not None and \
                any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) and any(c.dep_ == "agent" for c in tok.children):
            # "As reported by Western Journalism, investigators found ...": the main clause is the content.
            lo, hi = tok.left_edge.i, tok.right_edge.i
            content = _trim([t for t in tok.head.subtree if not lo <= t.i <= hi and sent.start <= t.i < sent.end])
        if content is None and tok.dep_ in ("parataxis", "ccomp", "advcl") and subj is not None and tok.head.i != tok.i \
                and tok.tag_ != "VBG" and _parenthetical(tok):
            # Inverted or inserted: "The talks stalled, she said." / "The museum, Mr. Bush said, celebrated ..."
            # parsed with "said" under the main verb: the content is the main clause without the cue.
            lo, hi = tok.left_edge.i, tok.right_edge.i
            content = _trim([t for t in tok.head.subtree if not lo <= t.i <= hi and sent.start <= t.i < sent.end])
        if content is None and subj is not None and tok.dep_ == "ROOT":
            front = next((c for c in tok.children if c.dep_ == "dobj" and c.i < subj.i < tok.i), None)
            span = list(front.subtree) if front is not None else []
            if span and span[0].i == sent.start and any(t.pos_ in ("VERB", "AUX") for t in span) and len(span) >= 4 \
                    and doc[span[-1].i + 1].text == "," and not inside_quote(span[0].idx):
                # "His conviction that the war was lost grew, his aide said.": the clause before the comma, parsed
                # as the object of "said", is what was said.
                cue.clause_i = front.i
                content = _trim(span)
        if content is None:
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            if objs and objs[0].lower_ in _ANAPHORIC_OBJECTS and tok.lemma_ in ("report", "say", "confirm", "write", "claim", "deny", "reveal", "tell"):
                nxt = doc[objs[0].i + 1] if objs[0].i + 1 < sent.end else None
                if nxt is not None and nxt.pos_ in ("AUX", "VERB") and objs[0].i == tok.i + 1:
                    # "The Commission said this will bring “...” damage": "this" opens the reported clause.
                    content = _trim([t for t in doc[objs[0].i:sent.end]])
                else:
                    cue.content_from_previous = True
        if naming is not None:
            content, cue.content_from_previous = None, False  # a naming verb reports no clause
        cue.content = content
        if cue.speaker_tokens and not speaker_ok(cue.speaker_tokens, lex):
            inv = _inverted_speaker(tok) if subj is not None and subj.i > tok.i else []
            cue.speaker_tokens = inv if inv and speaker_ok(inv, lex) else []
        for c in tok.children:
            if c.dep_ in ("dative", "dobj") and lemma in ("tell", "brief", "write", "say", "post", "report", "confirm", "answer"):
                cue.addressee_tokens = np_tokens(c)
            elif c.dep_ == "prep" and c.lower_ in ("to", "on", "in", "with"):
                for g in c.children:
                    if g.dep_ == "pobj":
                        if g.lower_ in ("interview", "broadcast", "post", "statement", "article", "column", "op-ed", "video", "address", "appearance", "podcast", "programme", "program", "show", "message"):
                            inner = [x for p in g.children if p.dep_ == "prep" and p.lower_ in ("with", "to", "on") for x in p.children if x.dep_ == "pobj"]
                            # "in an interview with the BBC", "in a post on Telegram"; also "in a Telegram post"
                            comp = [x for x in g.children if x.dep_ in ("compound", "poss") and x.pos_ == "PROPN"]
                            if inner:
                                cue.medium_tokens = np_tokens(inner[0])
                            elif comp:
                                cue.medium_tokens = [comp[0]]
                        elif c.lower_ in ("on", "to") and g.pos_ == "PROPN":
                            cue.medium_tokens = np_tokens(g)
            elif c.dep_ == "advcl" and c.lemma_ in ("cite", "quote"):
                obj = [g for g in c.children if g.dep_ == "dobj"]
                if obj:
                    cue.cited_tokens = np_tokens(obj[0])
                elif c.tag_ == "VBN":
                    # "Quoted by Interfax, the deputy minister said ...": the outlet that carried it is the medium.
                    by = [g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
                    if by:
                        cue.medium_tokens = np_tokens(by[0])
            elif c.dep_ == "advcl" and c.lemma_ in ("speak", "talk", "write", "post"):
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ in ("to", "on", "with"):
                        obj = [g for g in p.children if g.dep_ == "pobj"]
                        if obj:
                            cue.medium_tokens = np_tokens(obj[0])
        if tier == 2:
            # Beliefs count only as a third party's, with a clause, outside quotes.
            if content is None or subj is None or subj.lower_ in _FIRST_SECOND:
                continue
        if subj is not None and subj.lower_ in ("you",):
            continue
        cues.append(cue)
    return cues


def _according(tok, label: str, doc_text: str, lex: Lexicon | None = None) -> Cue | None:
    """"according to X" / "as per X": X is the source, the clause it modifies the content."""
    doc = tok.doc
    prep = next((c for c in tok.children if c.lower_ == "to"), tok)
    src = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if src is None:
        return None
    phrase = {t.i for t in tok.subtree}
    if label == "as per":
        phrase.add(tok.i - 1)
    sent = tok.sent
    end = prep.idx + len(prep)
    start = tok.idx if label != "as per" else doc[tok.i - 1].idx
    cue = Cue(doc_text[start:end], start, end, "according to", "according", 1, sent.start_char, sent.end_char)
    cue.speaker_tokens = np_tokens(src)
    head = tok.head  # the root is its own head
    if label == "as per" and tok.head.i == tok.i - 1:
        head = tok.head.head
    speech_head = lex is not None and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in lex.speech_verbs
    swallowed = _swallowed_subject(head) if speech_head else None
    if swallowed is not None:
        # The speaker parsed as the outlet's appositive: the outlet alone is the source, the speaker is the clause's.
        cut = swallowed[1]
        cue.speaker_tokens = [t for t in cue.speaker_tokens if t.i < cut]
        phrase -= {t.i for t in swallowed[0]}
    elif speech_head and any(c.dep_ in _SUBJ and c.i > src.i for c in head.children):
        # "According to Reuters, the head of the union, Jan Novak, said ...": the description after the outlet is the
        # speaker's (parsed as the outlet's appositive); the outlet's name ends at its first comma.
        appos = next((g for g in src.children if g.dep_ == "appos" and g.i > src.i), None)
        if appos is not None and appos.left_edge.i > 0 and doc[appos.left_edge.i - 1].text == ",":
            cut = appos.left_edge.i - 1
            cue.speaker_tokens = [t for t in cue.speaker_tokens if t.i < cut]
    if lex is not None and not speaker_ok(cue.speaker_tokens, lex, documents=True):
        return None
    # The clause the phrase modifies: the head verb's subtree minus the phrase.
    clause = [t for t in head.subtree if t.i not in phrase and sent.start <= t.i < sent.end]
    cue.content = _trim(clause)
    cue.token_i, cue.clause_i = tok.i, head.i
    return cue
