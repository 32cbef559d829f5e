"""Shorten an evidence sentence on its parse, keeping only spans of the article (offsets kept).

``compress(doc, start, end, max_words)`` returns what is left of the sentence ``text[start:end]`` as a
list of character ranges of the article, plus the speaker when the sentence reports speech:

- a reporting frame is dropped: "X said (that) <content>", "<content>, X said", "According to X, <content>"
  keep only ``<content>`` and give ``X`` as the speaker (the explanation says who is quoted);
- then, while the sentence is over ``max_words``, whole removable subtrees go, longest first: adverbial
  and relative clauses, appositions, parentheticals, participial modifiers, a leading prepositional or
  adverbial phrase. A subject, the main verb and its object are never removed, nor a "conjunct" with no
  "and" before it (a misparsed main verb), nor the modifier of a noun right after "and"; a wh-clause left at
  the start goes with its head, a leading connective ("Moreover,") goes. So what is left is a clause of the
  sentence, not a cut-off opening. ``None`` when nothing short enough is left.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

REPORTING = {"say", "tell", "claim", "state", "add", "warn", "note", "argue", "write", "insist", "believe", "stress",
             "explain", "declare", "announce", "report", "suggest", "assert", "allege", "admit", "emphasize",
             "emphasise", "point", "acknowledge", "think", "accuse", "conclude", "predict", "urge", "reveal"}
_REMOVABLE = ("advcl", "relcl", "appos", "parataxis", "acl", "npadvmod")
_CONNECTIVES = {"moreover", "furthermore", "however", "essentially", "indeed", "additionally", "meanwhile",
                "nevertheless", "nonetheless", "besides", "therefore", "thus", "consequently", "basically", "ultimately",
                "finally", "instead", "notably", "importantly", "crucially", "still", "also", "again", "now", "so",
                "then", "secondly", "firstly", "thirdly", "lastly", "likewise", "similarly", "admittedly", "clearly"}
# A pronoun that says nothing without its clause: "something [farmers could not afford]", "anything [to do with
# it]". Its relative or infinitival clause is never removed (that left "… would be something." fragments).
_NEEDS_CLAUSE = {"something", "anything", "nothing", "everything", "someone", "anyone", "everyone", "those", "one",
                 "thing", "way", "kind", "sort"}


@dataclass
class Compressed:
    ranges: list[tuple[int, int]]  # character ranges of the article, in order
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None

    def words(self, text: str) -> int:
        return sum(len(text[s:e].split()) for s, e in self.ranges)

    def render(self, text: str) -> str:
        parts = [re.sub(r"\s+", " ", text[s:e]).strip() for s, e in self.ranges]
        out = " ".join(p for p in parts if p)
        out = re.sub(r"\s+([,.;:!?])", r"\1", out)
        out = re.sub(r",(\s*,)+", ",", out)
        return out


def _subtree_ids(tok) -> set[int]:
    return {t.i for t in tok.subtree}


def _speaker(tok) -> tuple[str, tuple[int, int]] | None:
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ == "PRON":
        return None
    toks = [t for t in subj.subtree if not t.is_punct]
    if not toks or len(toks) > 8:
        return None
    s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    return re.sub(r"\s+", " ", tok.doc.text[s:e]), (s, e)


_PLACE_TIME = ("DATE", "TIME", "GPE", "LOC", "FAC", "EVENT")


def _optional_prep(t, root) -> bool:
    """A prepositional or adverbial phrase of the main verb that can go without changing the claim: one before
    the verb ("In March, …"), or one of time or place after it ("… in Moscow on Tuesday"); never the agent
    ("carried out by the US") nor a negation."""
    if t.head.i != root.i or t.dep_ not in ("prep", "advmod", "npadvmod") or t.lower_ in ("by", "not", "never", "n't"):
        return False
    if t.i < root.i:
        return True
    if t.dep_ == "prep":
        obj = next((c for c in t.children if c.dep_ == "pobj"), None)
        return obj is not None and obj.ent_type_ in _PLACE_TIME
    return t.dep_ == "npadvmod" and t.ent_type_ in _PLACE_TIME


def _drop_commas(doc, keep: set[int], lo: int, hi: int) -> None:
    """After removing tokens lo..hi: the commas that framed them go too ("A, which …, has" -> "A has")."""
    before = lo - 1 if lo - 1 in keep and doc[lo - 1].text in (",", ";", "—", "–", "-", "(") else None
    after = hi + 1 if hi + 1 in keep and doc[hi + 1].text in (",", ";", "—", "–", "-", ")") else None
    if before is not None and after is not None:
        keep.discard(before)
        keep.discard(after)
    elif before is not None and (hi + 1 not in keep):
        keep.discard(before)
    elif before is not None and doc[before].text == "," and doc[hi + 1].pos_ in ("VERB", "AUX") and \
            doc[hi + 1].dep_ in ("ROOT", "ccomp", "conj"):
        keep.discard(before)  # "Felix Goltz, [research director at X] told …": no comma between subject and verb
    elif after is not None and (lo - 1 not in keep):
        keep.discard(after)
    elif before is not None and doc[before].text == "(":
        keep.discard(before)


# A wire dateline opening the sentence ("BERLIN, March 15 (Xinhua) --", "KYIV (Reuters) -"): not part of the claim.
# A date or an agency in brackets must be there, so "EU - leaders met" is left alone.
_DATELINE = re.compile(r"\s*[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*(?:\([^)]{1,30}\))?|\s*\([^)]{1,30}\))"
                       r"\s*(?:--|[-–—])\s*")


def _in_hyphenated_word(doc, ids: set[int]) -> bool:
    """The tokens ``ids`` are part of a hyphenated word ("war" of "war-mad"): removing them leaves half a word."""
    lo, hi = min(ids), max(ids)
    after = hi + 1 < len(doc) and doc[hi].whitespace_ == "" and doc[hi + 1].text in ("-", "–")
    before = lo > 0 and doc[lo - 1].text in ("-", "–") and doc[lo - 1].whitespace_ == ""
    return after or before


def _carried_noun(noun) -> bool:
    """A noun that only carries its modifier: right after "and" / "or" in a coordinated subject or object."""
    left = [t for t in noun.doc[max(noun.sent.start, noun.i - 3):noun.i] if not t.is_punct]
    return any(t.dep_ == "cc" for t in left[-3:]) and noun.dep_ in ("nsubj", "nsubjpass", "conj", "dobj")


def compress(doc, start: int, end: int, max_words: int, drop_reporting: bool = True) -> Compressed | None:
    if doc is not None:
        dateline = _DATELINE.match(doc.text, start, end)
        if dateline is not None and dateline.end() < end:
            start = dateline.end()
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    if span is None or len(span) == 0:
        return None
    keep = {t.i for t in span}
    speaker = None
    root = span.root
    if drop_reporting:
        # "X said (that) <content>" / "<content>, X said": keep the reported clause.
        if root.lemma_.lower() in REPORTING and root.pos_ == "VERB":
            comp = next((c for c in root.children if c.dep_ in ("ccomp", "xcomp") and len(list(c.subtree)) >= 5), None)
            if comp is not None:
                sp = _speaker(root)
                if sp is not None:
                    speaker = sp
                keep = {i for i in _subtree_ids(comp) if i in keep}
                mark = [t.i for t in comp.subtree if t.dep_ == "mark" and t.head is comp and t.lower_ in ("that",)]
                keep -= set(mark)
        # "As X explained, <content>" / "<content>, as X said": the frame goes, X (a name) is the speaker.
        if root.i in keep:
            for c in root.children:
                if c.dep_ == "advcl" and c.lemma_.lower() in REPORTING and c.i in keep and \
                        any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children) and \
                        not any(x.dep_ in ("ccomp", "dobj") for x in c.children):
                    if speaker is None:
                        speaker = _speaker(c)
                    ids = _subtree_ids(c)
                    keep -= ids
                    for j in (min(ids) - 1, max(ids) + 1):
                        if span.start <= j < span.end and doc[j].text == ",":
                            keep.discard(j)
        # "<content>, X said on Friday" parsed as a second clause of the content's verb ("Germany is on track …,
        # Minister X said"): the frame goes, X is the speaker.
        if root.i in keep:
            last = max((t.i for t in span if not t.is_punct), default=root.i)
            for c in span:  # a clause of the root's, or a second root the parser split off inside the sentence
                if (c.dep_ in ("conj", "parataxis", "ccomp") and c.head.i == root.i or c.dep_ == "ROOT") \
                        and c.i > root.i and c.lemma_.lower() in REPORTING \
                        and c.pos_ == "VERB" and any(x.dep_ == "nsubj" for x in c.children) and c.i in keep:
                    ids = _subtree_ids(c)
                    if max(ids) < last or not any(doc[j].text == "," for j in range(max(span.start, min(ids) - 1), min(ids))):
                        continue
                    if speaker is None:
                        speaker = _speaker(c)
                    keep -= ids | {min(ids) - 1}
        # "According to X, <content>"
        for t in span:
            if t.lower_ == "according" and t.i in keep and t.dep_ == "prep" and t.i - span.start <= 1:
                ids = _subtree_ids(t)
                pobj = next((x for x in t.subtree if x.dep_ == "pobj"), None)
                if pobj is not None and speaker is None:
                    sub = [x for x in pobj.subtree if not x.is_punct]
                    if len(sub) <= 8:
                        ss, se = sub[0].idx, sub[-1].idx + len(sub[-1].text)
                        speaker = (re.sub(r"\s+", " ", doc.text[ss:se]), (ss, se))
                keep -= ids
                nxt = max(ids) + 1
                if nxt < span.end and doc[nxt].is_punct:
                    keep.discard(nxt)
                break
    if len(keep) < 4:
        return None

    def n_words(ids):
        return sum(1 for i in ids if not doc[i].is_punct)

    # Remove whole optional subtrees, longest first, until the clause fits.
    protected_root = root if root.i in keep else doc[min(keep)].head
    while n_words(keep) > max_words:
        cands = []
        for i in keep:
            t = doc[i]
            if t.i == protected_root.i:
                continue
            ids = _subtree_ids(t) & keep
            if t.dep_ in ("relcl", "acl") and t.head.lower_ in _NEEDS_CLAUSE:
                continue
            if t.dep_ in ("relcl", "acl", "appos") and _carried_noun(t.head):
                continue  # "…, and the man dubbed the “Einstein of X” has …": the noun is there for its modifier
            if _in_hyphenated_word(doc, ids):
                continue  # "the war-mad leader" is not "the -mad leader"
            if t.dep_ in _REMOVABLE or _optional_prep(t, protected_root) \
                    or (t.dep_ == "conj" and t.head.i == protected_root.i):
                if t.dep_ == "conj":
                    if not any(c.dep_ == "cc" and c.i < t.i for c in t.head.children):
                        continue  # no "and" / "but": a misparse ("Communities opposed to X … do not have"), not a list
                    # "A and [unless B,] C": the conjunction and all between it and C go with C.
                    cc = [c.i for c in t.head.children if c.dep_ in ("cc", "punct") and c.i < t.i and c.i in keep]
                    if cc:
                        ids = ids | ({j for j in range(min(cc), max(ids) + 1)} & keep)
                if n_words(keep - ids) >= 5:
                    cands.append((len(ids), t.i, ids))
        if not cands:
            return None
        # The smallest removal that makes it fit, else the largest one.
        over = n_words(keep) - max_words
        fit = [c for c in cands if n_words(c[2]) >= over]
        size, _, ids = min(fit) if fit else max(cands)
        keep -= ids
        _drop_commas(doc, keep, min(ids), max(ids))
    # A wh-clause left at the start once what governed it went ("how to help people, activists are …"): it goes too.
    first = doc[min(keep)]
    if first.tag_ in ("WRB", "WP") and first.head.i != protected_root.i and first.head.i in keep:
        head = first.head
        ids = _subtree_ids(head) & keep
        if head.i != protected_root.i and protected_root.i not in ids and n_words(keep - ids) >= 5:
            keep -= ids
            _drop_commas(doc, keep, min(ids), max(ids))
    # Edges: no leading/trailing punctuation or conjunctions.
    ids = sorted(keep)
    # a connective that tied the sentence to the one before ("Moreover, no talks …"): it means nothing after "that"
    if len(ids) > 6 and doc[ids[0]].lower_ in _CONNECTIVES and doc[ids[1]].text == ",":
        ids = ids[2:]
    # (not the "That" of a clause that is the subject: "That the council ignored it is …" needs it)
    while ids and (doc[ids[0]].is_punct or doc[ids[0]].dep_ in ("cc", "mark") and doc[ids[0]].lower_ in ("and", "but", "so", "that")
                   and doc[ids[0]].head.dep_ not in ("csubj", "csubjpass")):
        ids.pop(0)
    while ids and (doc[ids[-1]].is_punct or doc[ids[-1]].dep_ == "cc" or
                   doc[ids[-1]].lower_ in ("however", "though") and len(ids) > 1 and doc[ids[-2]].text == ","):
        ids.pop()  # (", however" left at the end once the clause after it is gone)
    if len(ids) < 4:
        return None
    kept = set(ids)
    for i in ids:
        t = doc[i]
        if t.dep_ == "mark" and t.lower_ != "that":
            verb = t.head
            # "Because …" as a whole sentence, "… and unless B" (a misparse), or "… unless B" whose main clause
            # was removed: a fragment.
            if verb.dep_ in ("ROOT", "conj") or (verb.dep_ == "advcl" and verb.head.i not in kept):
                return None
        if i == ids[0] and t.lower_ in ("were", "had", "should") and (
                t.dep_ == "advcl" and t.head.i not in kept
                or t.dep_ == "ROOT" and any(c.dep_ == "nsubj" and c.i > t.i for c in t.children)):
            return None  # "Were these psychopaths to succeed with this": an inverted condition without its clause
        if t.dep_ == "mark" and t.lower_ == "that" and any(not x.is_punct and x.i not in kept for x in span) and \
                any(c.dep_ in ("nsubj", "nsubjpass") and c.i < t.i and c.i in kept for c in t.head.children):
            return None  # cut on a misparse: "the fact, that Europe is overrun" (a subject before its own "that")
    ranges: list[tuple[int, int]] = []
    for i in ids:
        t = doc[i]
        s, e = t.idx, t.idx + len(t.text)
        if ranges and (i - 1) in keep and ranges[-1][1] <= s and not doc.text[ranges[-1][1]:s].strip():
            ranges[-1] = (ranges[-1][0], e)
        else:
            ranges.append((s, e))
    out = Compressed(ranges, None, None)
    if speaker is not None:
        out.speaker, out.speaker_span = speaker
    return out
