"""Is every clause of an explanation a whole clause? A check for fragments (issue 12, item 4).

``fragments(text, nlp=None, article_text=None, language="en")`` returns ``(sentence, reason)`` for each
sentence of an explanation that reads as a fragment; ``[]`` when all are whole. Reasons:

- ``no stop``: the explanation does not end with a sentence stop;
- ``dangling end``: the sentence ends on a word that needs a continuation (a preposition, article,
  conjunction, "to", a possessive: "… the best way to.");
- ``unbalanced quote``: a quotation mark or bracket opened and never closed (or the reverse);
- ``cut sentence``: the sentence is copied from the article but the article goes on after it with a comma
  or another non-stop (an extract cut at a clause boundary, "Prices rose sharply, ." style);
- with an English parser (``nlp``, the shared spaCy pipeline) the clauses themselves are checked:
  ``no finite verb`` (a headline, "Group Executing Operation in Ukraine."), ``no subject`` (the subject
  was cut: "have no doubts that …", "in his book X, attempted to …"), ``dangling verb`` (a verb that needs
  its object or content ends the clause: "… a video posted by CNN claims.", "… has anything."),
  ``lone subordinate clause`` ("Because prices rose."), ``heading`` ("Headline: Research: …").

The parse of a short generated sentence is not perfect, so the check errs on flagging: it is a gate for
the composer (``note.compose`` drops a candidate clause that fails it) and a count for the bench.
"""
from __future__ import annotations

import re

# Words after which an English sentence cannot stop.
_EN_DANGLING = {"the", "a", "an", "of", "to", "for", "with", "by", "from", "and", "or", "but", "nor", "because",
                "that", "which", "who", "whom", "whose", "as", "than", "if", "when", "while", "although", "though",
                "its", "their", "his", "her", "our", "my", "your", "into", "onto", "at", "about", "between", "without",
                "such", "very", "whether", "unless", "since", "until", "via", "including", "like", "per", "not"}
# The same for the languages without a parser here (closed-class words only: prepositions, conjunctions).
_DANGLING = {
    "ru": {"и", "в", "во", "на", "с", "со", "что", "чтобы", "по", "к", "ко", "а", "но", "о", "об", "из", "за", "от",
           "для", "у", "не", "как", "который", "которая", "которые", "которое", "или", "при", "под", "над", "без",
           "до", "если", "когда", "хотя", "же", "ли", "его", "её", "их"},
    "bg": {"и", "в", "във", "на", "с", "със", "че", "за", "от", "да", "по", "до", "към", "но", "а", "не", "като",
           "който", "която", "които", "което", "или", "при", "под", "над", "без", "ако", "когато", "макар", "чрез"},
}
# Verbs that cannot end a clause: they need what is said, or what is had ("… X claims." / "… has anything.").
_NEEDS_OBJECT = {"say", "tell", "claim", "state", "argue", "insist", "allege", "assert", "suggest", "include", "reveal",
                 "describe", "call", "consider", "make", "give", "put", "show", "mean", "demand", "accuse", "blame"}
_VAGUE_OBJECT = {"anything", "something", "everything"}
_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
_STOP = re.compile(r"[.!?…]['\"”’»)]*$")
# Sentence boundaries of the explanation itself: a stop, then a space and an upper-case letter or a quote.
_SPLIT = re.compile(r"(?<=[.!?…])['\"”’»)]*\s+(?=[\"“«‘'(]?[A-ZА-ЯЁ0-9])")
_WORD = re.compile(r"[\w’'-]+", re.U)
_PAIRS = (("“", "”"), ("«", "»"), ("(", ")"), ("[", "]"))


# A stop after these is an abbreviation's, not a sentence's ("U.K. Climate", "Sen. Tuberville", "Sept. 21").
_ABBREV = re.compile(r"(?:\b[A-Za-zА-Яа-я]|Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Prof|Jr|Sr|Inc|Ltd|Co|Corp|No|vs|"
                     r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|etc|e\.g|i\.e|г|гг|им|ул|т\.е|т\.н|др)\.$")


def sentences(text: str) -> list[str]:
    text = text.strip()
    out, lo = [], 0
    for m in _SPLIT.finditer(text):
        if _ABBREV.search(text[max(0, m.start() - 6):m.start()].split(" ")[-1]) or _ABBREV.search(text[lo:m.start()]):
            continue
        out.append(text[lo:m.start()].strip())
        lo = m.end()
    out.append(text[lo:].strip())
    return [s for s in out if s]


def _unbalanced(s: str) -> bool:
    if "„" in s:  # „…“ (Bulgarian, Russian, German): the low mark opens, either high one closes
        if s.count("„") != s.count("“") + s.count("”"):
            return True
    elif s.count("“") != s.count("”"):
        return True
    if any(s.count(o) != s.count(c) for o, c in _PAIRS[1:]):
        return True
    # Straight double quotes pair up; a single straight quote is an apostrophe too often to count.
    return s.count('"') % 2 == 1


def _cut_in(sentence: str, article_text: str) -> bool:
    """Copied from the article, whose sentence goes on after it (no stop there)."""
    body = re.sub(r"[.!?…]+['\"”’»)]*$", "", sentence).strip()
    if len(body.split()) < 4:
        return False
    pat = re.compile(r"\s+".join(re.escape(w) for w in body.split()))
    found = False
    for m in pat.finditer(article_text):
        found = True
        nxt = article_text[m.end():m.end() + 3].lstrip("'\"”’»)")
        if not nxt or nxt[0] in ".!?…" or nxt[0] in "\r\n":
            return False  # one occurrence ends where a sentence ends
    return found


# The frame of a note's sentence ("In doing so, the text claims that", "It quotes X saying that"): the clause
# after it is parsed on its own, as the sentence it must be.
_FRAME = re.compile(r"^(?:[^.!?]{0,120}?)(?:\b(?:claims?|argues?|says?|saying|suggests?|states?|reports?|writes?|"
                    r"insists?|warns?|notes?)\s+that\s+|\bin which\s+)", re.I)


def content_clause(sent: str) -> str:
    """The clause a note's sentence reports (after its frame), else the sentence itself."""
    m = _FRAME.match(sent)
    if m and len(sent[:m.end()].split()) <= 16 and len(sent[m.end():].split()) >= 2:
        return sent[m.end():]
    return sent


def _finite(v) -> bool:
    if "Fin" in v.morph.get("VerbForm") or v.tag_ in ("VBD", "VBP", "VBZ", "MD"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and ("Fin" in c.morph.get("VerbForm") or c.tag_ in ("MD", "VBD", "VBP", "VBZ"))
               for c in v.children)


def _clause_reasons(sent: str, nlp) -> list[str]:
    body = content_clause(sent)
    doc = nlp(body[:1].upper() + body[1:])
    out: list[str] = []
    words = [t for t in doc if not t.is_punct and not t.is_space]
    if not words:
        return ["empty"]
    last = words[-1]
    if (last.pos_ in ("ADP", "DET", "CCONJ", "SCONJ") and last.dep_ != "prt"
            and last.lower_ not in ("this", "that", "these", "those", "all", "both", "each", "either", "neither", "any")) \
            or (last.lower_ == "to" and last.dep_ != "prt"):
        out.append("dangling end")
    # A verb that reports or gives must have what it reports or gives ("… a video posted by CNN claims.").
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in last.children) or last.tag_ == "VBN" and last.dep_ != "ROOT"
    if last.pos_ in ("VERB", "AUX") and last.lemma_.lower() in _NEEDS_OBJECT and not passive \
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd", "dative", "prep", "obj", "acomp") for c in last.children):
        out.append("dangling verb")
    if last.lower_ in _VAGUE_OBJECT and last.head.lemma_.lower() in ("have", "be") and not list(last.children):
        out.append("dangling verb")  # "None of these events has anything."
    # "Label: Text": a heading pasted in (a verbless opening before a colon).
    for t in doc:
        if t.text == ":" and t.i + 1 < len(doc) and doc[t.i + 1].text[:1].isupper():
            if not any(x.pos_ in ("VERB", "AUX") for x in doc[:t.i]):
                out.append("heading")
            break
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None and "heading" not in out:
        if root.pos_ in ("VERB", "AUX"):
            if not _finite(root):
                out.append("no finite verb")
            elif not any(c.dep_ in _SUBJECTS for c in root.children):
                out.append("no subject")
        elif not any(c.dep_ in ("cop", "aux") for c in root.children) and not any(
                c.pos_ in ("VERB", "AUX") and _finite(c) for c in root.subtree):
            out.append("no finite verb")  # a headline: "Group Executing Operation in Ukraine."
        if any(c.dep_ == "mark" and c.lower_ in ("because", "although", "though", "if", "unless", "whereas", "since")
               for c in root.children):
            out.append("lone subordinate clause")
        subj = [c.i for c in root.children if c.dep_ in _SUBJECTS]
        if subj and any(c.tag_ in ("WRB", "WP", "WDT") and c.i < min(subj) for c in root.children) and \
                not body.rstrip().endswith("?"):
            out.append("lone subordinate clause")  # "… speaking about why the US said that …" (a wh-clause)
    return sorted(set(out), key=out.index)


def fragments(text: str, nlp=None, article_text: str | None = None, language: str = "en") -> list[tuple[str, str]]:
    """(sentence, reason) for every fragment in ``text``; see the module docstring."""
    text = (text or "").strip()
    if not text:
        return []
    lang = (language or "en").lower()[:2]
    dangling = _EN_DANGLING if lang == "en" else _DANGLING.get(lang, set())
    out: list[tuple[str, str]] = []
    if not _STOP.search(text):
        out.append((sentences(text)[-1], "no stop"))
    for s in sentences(text):
        body = re.sub(r"[.!?…]+['\"”’»)]*$", "", s).strip()
        ws = _WORD.findall(body.lower())
        reasons: list[str] = []
        if ws and ws[-1] in dangling:
            reasons.append("dangling end")
        if _unbalanced(s):
            reasons.append("unbalanced quote")
        if article_text and _cut_in(s, article_text):
            reasons.append("cut sentence")
        if nlp is not None and lang == "en":
            reasons += [r for r in _clause_reasons(s, nlp) if r not in reasons]
        out += [(s, r) for r in reasons]
    return out


def is_whole(text: str, nlp=None, article_text: str | None = None, language: str = "en") -> bool:
    return not fragments(text, nlp, article_text, language)
