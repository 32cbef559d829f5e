"""Quality and speed of quote attribution; prints figures.

    .venv/bin/python bench/quality_attribution.py                 # both parts
    .venv/bin/python bench/quality_attribution.py --only eval     # our own war-news set (eval/attribution)
    .venv/bin/python bench/quality_attribution.py --only polnear  # PolNeAR dev (../shared/data/polnear)

PolNeAR (political news, 2016): every attribution, quoted or paraphrased, with source, cue and content
spans; one annotator file per article (the first by name). A prediction matches a gold attribution when
their contents overlap (one-to-one, largest overlap first). Figures:
  attribution P/R/F1   matched / predicted, matched / gold (content overlap)
  recall, quoted       recall on gold attributions whose content holds a quotation mark
  content F1 exact     contents equal after dropping quote marks, a leading "that" and edge punctuation
  source F1            matched and our speaker mention overlaps the gold source span
  speaker accuracy     of matched ones, two ways. Lenient: our mention overlaps the gold source, or our resolved
                       speaker shares a last word or a substring with the gold source after the same resolution.
                       Strict (the headline): the exact normalised name (titles, initials, ages, "Jr"/"III" and
                       the possessive dropped) -- given name and surname where the gold source has both, the
                       surname ("Cruz", "de Blasio") where it has only that; organisations and descriptions by
                       their words or the same mention; pronouns by the same mention (PolNeAR has no coreference).
                       Also by what the gold source is (person / other / pronoun / none: no source annotated).
  by phenomenon        gold side: recall (found) and recall with the speaker right (strict); predicted side:
                       precision with the speaker right (strict), for nested attributions, a cue after the quote,
                       pronoun, description and anonymous speakers, quotes over several paragraphs.
Rules and lexicons are tuned on the train split only (--split train --errors N prints its misses); dev is the
report split and its single errors are never printed.
eval/attribution: 25+ articles written for this project with gold quotes; 'tune' and 'heldout' parts.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# NARRASCOPE_SRC: score another source tree (e.g. an export of the previous commit) with this bench.
sys.path.insert(0, os.environ.get("NARRASCOPE_SRC") or str(ROOT / "src"))

from narrascope.attribution import Attributor  # noqa: E402
from narrascope.attribution.english import attribute_doc  # noqa: E402
from narrascope.attribution.speakers import Resolver  # noqa: E402

SHARED = Path(os.environ.get("NARRASCOPE_SHARED", ROOT.parent / "shared"))
QUOTE_CHARS = "\"“”«»„‘’'"
ANCHORS = ("anchors: BBC citron (PARC-trained) source F1 0.82, content F1 0.59 exact / 0.83 overlap; "
           "GenderGapTracker (spaCy rules) quote F1 0.84, speaker accuracy 0.87")


# -- shared helpers ---------------------------------------------------------------------------
def prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def fmt(p: float, r: float, f: float) -> str:
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def match(preds: list[list[tuple[int, int]]], golds: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """One-to-one matching of content spans, largest character overlap first."""
    pairs = sorted(((overlap(p, g), i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)), reverse=True)
    used_p, used_g, out = set(), set(), []
    for ov, i, j in pairs:
        if ov <= 0:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def norm_content(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip()
    s = s.strip(QUOTE_CHARS + " ,.;:!?—–-")
    s = re.sub(r"^(that|whether)\s+", "", s, flags=re.I)
    s = "".join(ch for ch in s if ch not in QUOTE_CHARS)
    return s.strip(" ,.;:!?—–-").lower()


def norm_name(s: str | None) -> str:
    s = (s or "").lower()
    s = re.sub(r"[’']s\b", "", s)
    s = re.sub(r"^(the|a|an)\s+", "", s.strip())
    return re.sub(r"[^\w ]", " ", s).split() and " ".join(re.sub(r"[^\w ]", " ", s).split()) or ""


def same_speaker(pred: str | None, gold: str | None) -> bool:
    p, g = norm_name(pred), norm_name(gold)
    if not p or not g:
        return False
    if p == g or p in g or g in p:
        return True
    return p.split()[-1] == g.split()[-1]


# -- PolNeAR ----------------------------------------------------------------------------------
def read_ann(path: Path) -> list[dict]:
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events = []
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offs = parts[1].partition(" ")
            frags = [tuple(int(x) for x in f.split()) for f in offs.split(";")]
            spans[parts[0]] = (label, frags, parts[2] if len(parts) > 2 else "")
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(x.split(":") for x in parts[1].split()))
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if content is None:
            continue
        source = spans.get(ev.get("Source", ""))
        cue = spans.get(ev.get("Cue", ""))
        out.append({"content": content[1], "content_text": content[2],
                    "source": source[1] if source else [], "source_text": source[2] if source else "",
                    "cue": cue[1] if cue else [], "cue_text": cue[2] if cue else ""})
    return out


def load_polnear(split: str, limit: int | None) -> list[tuple[str, str, list[dict]]]:
    """(stem, text, gold attributions) for a PolNeAR split; the first annotator file by name."""
    base = SHARED / "data" / "polnear" / split
    if not base.exists():
        return []
    items = []
    for txt in sorted((base / "text").glob("*.txt")):
        anns = sorted((base / "attributions").glob(txt.stem + "_*.ann"))
        if anns:
            items.append((txt.stem, txt.read_text("utf-8"), read_ann(anns[0])))
    return items[:limit] if limit else items


def parse_cached(nlp, texts: list[str], cache: Path | None, key: str) -> list:
    """spaCy docs for ``texts``, kept in a DocBin under ``cache`` (keyed by split, model and sentence splitter)."""
    import hashlib

    from spacy.tokens import DocBin

    path = None
    if cache is not None:
        sig = hashlib.sha1((key + nlp.meta.get("name", "") + nlp.meta.get("version", "") + "|".join(nlp.pipe_names)).encode()
                           + "".join(texts).encode() + (ROOT / "src" / "narrascope" / "text.py").read_bytes()).hexdigest()[:12]
        path = cache / f"polnear_{key}_{sig}.spacy"
        if path.exists():
            return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=16))
    if path is not None:
        cache.mkdir(parents=True, exist_ok=True)
        db = DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "LEMMA", "MORPH", "POS", "SENT_START"])
        for d in docs:
            db.add(d)
        db.to_disk(path)
    return docs


_PRONOUN_SOURCES = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "him", "her", "them", "his",
                    "its", "their", "one", "us", "me"}
_ANON_WORDS = re.compile(r"(?i)\b(sources?|officials?|people|persons?|insiders?|aides?|advisers?|advisors?|diplomats?|"
                         r"someone|strategists?|operatives?|staffers?|spokesm[ae]n|spokeswom[ae]n|spokespersons?|"
                         r"employees?|members?|officers?|lawmakers?|observers?|experts?|analysts?|individuals?)\b")
_DETERMINER = re.compile(r"(?i)^(the|a|an|this|that|these|those|another|one|two|three|four|several|some|many|other)\b")
_TITLE_WORDS = {"mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "gov", "governor", "president", "gen", "general",
                "sir", "lord", "lady", "prof", "professor", "judge", "mayor", "secretary", "minister", "vice", "former",
                "the", "a", "an", "speaker", "leader", "chairman", "candidate", "nominee", "rev", "reverend", "jr", "sr"}


_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_SURNAME_PARTICLES = {"de", "da", "di", "del", "van", "von", "der", "la", "le", "al", "el", "bin", "ibn"}


def _name_key(s: str | None) -> list[str]:
    """A name as lower-case words without titles, initials, possessive or punctuation ("Sen. Ted Cruz's" -> [ted, cruz])."""
    s = re.sub(r"[’']s\b", "", s or "")
    s = re.sub(r"\([^)]*\)", " ", s)  # "(D-Mo.)"
    words = [w for w in re.sub(r"[^\w\s-]", " ", s.lower()).split() if w.strip("-")]
    while words and words[0] in _TITLE_WORDS:
        words = words[1:]
    while len(words) > 1 and words[-1] in _NAME_SUFFIXES:  # "Brent Bozell III" is Bozell
        words = words[:-1]
    return [w for w in words if (len(w) > 1 or not w.isalpha()) and not w.isdigit()]  # no initials, no ages ("Ki Hong, 33")


def _doc_person_words(doc) -> set[str]:
    words = doc.user_data.get("bench_person_words")
    if words is None:
        words = {w for e in doc.ents if e.label_ == "PERSON" for w in _name_key(e.text)}
        doc.user_data["bench_person_words"] = words
    return words


def gold_name(doc, g: dict) -> tuple[str, list[str]]:
    """What a gold source names: ("pronoun", []), ("person", name words), ("other", phrase words)."""
    st = g["source_text"].strip()
    if not g["source"] or not st:
        return "none", []
    if st.lower() in _PRONOUN_SOURCES:
        return "pronoun", []
    span = doc.char_span(g["source"][0][0], g["source"][-1][1], alignment_mode="expand")
    persons = [e for e in (span.ents if span is not None else []) if e.label_ == "PERSON"]
    if persons:
        # The person the phrase is about: the one holding its head ("Cruz spokesman Rick Tyler" -> Rick Tyler).
        root = span.root.i
        own = [e for e in persons if e.start <= root < e.end]
        if not own and all(_served_by(e.root, span.root) for e in persons):
            return "other", _name_key(st)  # "Trump's spokeswoman", "an aide to Clinton": the aide speaks, not Trump
        return "person", _name_key((own or persons[-1:])[0].text)
    words = [w for w in re.sub(r"\([^)]*\)", " ", st).split() if w[:1].isalpha()]
    key = _name_key(st)
    if words and all(w[:1].isupper() for w in words) and len(words) <= 3 and span is not None \
            and (all(t.pos_ == "PROPN" for t in span if t.is_alpha and t.lower_ not in _TITLE_WORDS)
                 or key and key[-1] in _doc_person_words(doc)):
        # A name the NER did not mark here ("Christie", "Espinoza"), or a surname tagged as a common word ("Trump")
        # of a person the NER marks elsewhere in the article.
        return "person", key
    return "other", _name_key(st)


def _served_by(tok, root) -> bool:
    """Does the name at ``tok`` hang on the phrase's head through a possessive or a preposition ("Trump's
    spokeswoman", "a spokesman for Zelensky"), rather than stand beside it ("Cruz spokesman Rick Tyler")?"""
    for _ in range(6):
        if tok.i == root.i or tok.head.i == tok.i:
            return False
        if tok.dep_ in ("poss", "pobj"):
            return True
        tok = tok.head
    return False


def strict_speaker(q, g: dict, kind: str, gname: list[str]) -> bool:
    """Exact normalised name: given name and surname where the gold source has both, the surname where it has only
    that; organisations and descriptions by their words (or the same mention); pronouns by the same mention
    (PolNeAR has no coreference, so the pronoun's resolution is not judged)."""
    mention_hit = q.speaker_start >= 0 and overlap([(q.speaker_start, q.speaker_end)], g["source"]) > 0
    p = _name_key(q.speaker)
    if kind == "pronoun":
        return mention_hit
    if kind == "person":
        if not p or not gname:
            return False
        if len(gname) == 1 or gname[0] in _SURNAME_PARTICLES:  # "Cruz", "de Blasio": the surname alone
            return p[-len(gname):] == gname
        return p == gname or (p[0] == gname[0] and p[-1] == gname[-1])
    if kind == "other":
        return bool(p) and (p == gname or (mention_hit and _name_key(q.speaker_mention) == gname)) \
            or mention_hit and not any(w[:1].isupper() for w in g["source_text"].split()[1:])
    return False


def gold_phenomena(text: str, gold: list[dict], j: int, kind: str) -> set[str]:
    g = gold[j]
    out = set()
    ctext = g["content_text"]
    if "\n" in text[g["content"][0][0]:g["content"][-1][1]]:
        out.add("multi-paragraph")
    cue = g.get("cue") or []
    if cue and any(c in ctext for c in "\"“”") and cue[0][0] >= g["content"][-1][1]:
        out.add("after-quote cue")
    # Nested: this attribution's cue stands inside another one's content ("X reports that Y said ..."). PolNeAR
    # mostly annotates only the outer one of "According to <outlet>, <person> said ...", so these are few.
    if cue and any(other["content"][0][0] <= cue[0][0] < other["content"][-1][1] for k, other in enumerate(gold) if k != j):
        out.add("nested")
    st = g["source_text"].strip()
    if kind == "pronoun":
        out.add("pronoun speaker")
    elif kind == "other" and _ANON_WORDS.search(st) and not any(w[:1].isupper() for w in st.split()[1:]):
        out.add("anonymous")
    elif kind == "other" and (_DETERMINER.match(st) or st[:1].islower()) and not any(w[:1].isupper() for w in st.split()[1:]):
        out.add("description speaker")
    return out


def pred_phenomena(q, pred: list) -> set[str]:
    out = set()
    m = (q.speaker_mention or "").strip()
    if "\n" in q.text:
        out.add("multi-paragraph")
    if q.kind == "direct" and q.cue_start >= q.end:
        out.add("after-quote cue")
    if q.medium and q.speaker and q.medium != q.speaker or any(o is not q and o.start <= q.cue_start < o.end for o in pred):
        out.add("nested")
    if m.lower() in _PRONOUN_SOURCES:
        out.add("pronoun speaker")
    elif q.anonymous:
        out.add("anonymous")
    elif m and (_DETERMINER.match(m) or m[:1].islower()) and not any(w[:1].isupper() for w in m.split()[1:]):
        out.add("description speaker")
    return out


PN_PHENOMENA = ("nested", "after-quote cue", "pronoun speaker", "description speaker", "anonymous", "multi-paragraph")


def polnear(lex, nlp, attribute, split: str, limit: int | None, cache: Path | None, errors: int = 0) -> dict:
    items = load_polnear(split, limit)
    if not items:
        print(f"PolNeAR: {SHARED / 'data' / 'polnear' / split} not found; skipped")
        return {}
    texts = [t for _, t, _ in items]
    golds = [g for _, _, g in items]
    t0, c0 = time.perf_counter(), time.process_time()
    docs = parse_cached(nlp, texts, cache, split)
    t1, c1 = time.perf_counter(), time.process_time()
    preds = [attribute(d, lex) for d in docs]
    elapsed, cpu = time.perf_counter() - t1, time.process_time() - c1
    parse_s = t1 - t0
    words = sum(len(t.split()) for t in texts)

    n_pred = n_gold = tp = tp_exact = tp_source = tp_speaker = tp_strict = n_split = 0
    n_gold_q = tp_q = tp_q_strict = n_direct = tp_direct = tp_direct_strict = 0
    by_kind = {k: [0, 0] for k in ("person", "other", "pronoun", "none")}
    ph = {n: [0, 0, 0, 0, 0] for n in PN_PHENOMENA}  # gold n, gold found, gold found+speaker, pred n, pred right
    shown = 0
    for (stem, text, _), doc, pred, gold in zip(items, docs, preds, golds):
        pairs = match([[(q.start, q.end)] for q in pred], [g["content"] for g in gold])
        # A gold quote interrupted by its cue ('"A," she said, "B."') is one attribution in several fragments;
        # we give one quote per fragment. The extra ones overlap a matched fragment of their own: neither
        # right nor wrong, they are left out of the count (and reported).
        matched_p = {i for i, _ in pairs}
        taken = {}
        for i, j in pairs:
            taken.setdefault(j, []).append((pred[i].start, pred[i].end))
        split_frags = []
        for i, q in enumerate(pred):
            if i in matched_p:
                continue
            for j, frags in taken.items():
                g = gold[j]["content"]
                if len(g) > 1 and any(overlap([(q.start, q.end)], [f]) for f in g) and not overlap([(q.start, q.end)], taken[j]):
                    split_frags.append(i)
                    break
        n_split += len(split_frags)
        keep = [i for i in range(len(pred)) if i not in set(split_frags)]
        remap = {old: new for new, old in enumerate(keep)}
        pairs = [(remap[i], j) for i, j in pairs]
        pred = [pred[i] for i in keep]
        n_pred += len(pred)
        n_gold += len(gold)
        tp += len(pairs)
        by_gold = {j: i for i, j in pairs}
        by_pred = dict(pairs)
        kinds = {j: gold_name(doc, g) for j, g in enumerate(gold)}
        strict_ok = {}
        for i, j in pairs:
            strict_ok[j] = strict_speaker(pred[i], gold[j], *kinds[j])
        quoted = [j for j, g in enumerate(gold) if any(c in g["content_text"] for c in "\"“”")]
        n_gold_q += len(quoted)
        tp_q += sum(j in by_gold for j in quoted)
        tp_q_strict += sum(j in by_gold and strict_ok[j] for j in quoted)
        # Quote F1 (as GenderGapTracker reports it): our direct quotes against gold attributions with a quote mark.
        direct = [i for i, q in enumerate(pred) if q.kind == "direct"]
        qpairs = match([[(pred[i].start, pred[i].end)] for i in direct], [gold[j]["content"] for j in quoted])
        n_direct += len(direct)
        tp_direct += len(qpairs)
        tp_direct_strict += sum(strict_speaker(pred[direct[a]], gold[quoted[b]], *kinds[quoted[b]]) for a, b in qpairs)
        # Exact content: one-to-one on equal normalised strings.
        gold_norm = [norm_content(" ".join(text[s:e] for s, e in g["content"])) for g in gold]
        free = list(range(len(gold)))
        for q in pred:
            n = norm_content(q.text)
            hit = next((j for j in free if gold_norm[j] == n), None)
            if hit is not None:
                free.remove(hit)
                tp_exact += 1
        # Lenient: gold sources resolved the same way as ours, in text order, and a shared last word or a substring.
        resolver = Resolver(doc, lex)
        gold_names = {}
        for j in sorted(range(len(gold)), key=lambda j: gold[j]["source"][0][0] if gold[j]["source"] else 10**9):
            src = gold[j]["source"]
            if not src:
                continue
            span = doc.char_span(src[0][0], src[-1][1], alignment_mode="expand")
            gold_names[j] = resolver.resolve(list(span)).name if span is not None and len(span) else gold[j]["source_text"]
        for i, j in pairs:
            q, g = pred[i], gold[j]
            mention_hit = q.speaker_start >= 0 and overlap([(q.speaker_start, q.speaker_end)], g["source"]) > 0
            tp_source += mention_hit
            tp_speaker += mention_hit or same_speaker(q.speaker, gold_names.get(j)) or same_speaker(q.speaker, g["source_text"])
            tp_strict += strict_ok[j]
            by_kind[kinds[j][0]][0] += 1
            by_kind[kinds[j][0]][1] += strict_ok[j]
        for j in range(len(gold)):
            for name in gold_phenomena(text, gold, j, kinds[j][0]):
                ph[name][0] += 1
                ph[name][1] += j in by_gold
                ph[name][2] += j in by_gold and strict_ok[j]
        for i, q in enumerate(pred):
            for name in pred_phenomena(q, pred):
                ph[name][3] += 1
                ph[name][4] += i in by_pred and strict_ok[by_pred[i]]
        if errors and split == "train" and shown < errors:  # never print single errors of the dev split
            for j, g in enumerate(gold):
                if any(c in g["content_text"] for c in "\"“”") and (j not in by_gold or not strict_ok[j]):
                    got = pred[by_gold[j]] if j in by_gold else None
                    how = f" ({kinds[j][0]}; mention {got.speaker_mention!r}, cue {got.cue!r})" if got is not None else ""
                    print(f"  {'SPKR' if j in by_gold else 'MISS'} {stem}: gold {g['source_text']!r} got "
                          f"{got.speaker if got is not None else None!r}{how}: {g['content_text'][:90]!r}")
                    shown += 1
            for i, q in enumerate(pred):
                if i not in by_pred:
                    print(f"  FP   {stem}: {q.speaker!r} [{q.kind}/{q.cue}]: {q.text[:90]!r}")
                    shown += 1
    p, r, f = prf(tp, n_pred, tp, n_gold)
    pe, re_, fe = prf(tp_exact, n_pred, tp_exact, n_gold)
    ps, rs, fs = prf(tp_source, n_pred, tp_source, n_gold)
    pq, rq, fq = prf(tp_direct, n_direct, tp_direct, n_gold_q)
    res = {"split": split, "articles": len(items), "gold": n_gold, "gold_quoted": n_gold_q, "predicted": n_pred,
           "extra_fragments": n_split, "P": p, "R": r, "F1": f, "P_fragments_wrong": tp / (n_pred + n_split) if n_pred else 0,
           "R_quoted": tp_q / n_gold_q if n_gold_q else 0, "R_quoted_strict": tp_q_strict / n_gold_q if n_gold_q else 0,
           "quote_P": pq, "quote_R": rq, "quote_F1": fq, "quote_P_strict": tp_direct_strict / n_direct if n_direct else 0,
           "content_exact_F1": fe, "content_exact_P": pe, "content_exact_R": re_,
           "source_P": ps, "source_R": rs, "source_F1": fs,
           "speaker_lenient": tp_speaker / tp if tp else 0, "speaker_strict": tp_strict / tp if tp else 0,
           "speaker_strict_by_gold": {k: (v[1] / v[0] if v[0] else 0, v[0]) for k, v in by_kind.items()},
           "phenomena": ph, "attr_s_per_article": elapsed / len(items), "attr_cpu_s_per_article": cpu / len(items),
           "parse_s": parse_s}
    print(f"PolNeAR {split}: {len(items)} articles, {n_gold} gold attributions ({n_gold_q} with a quotation mark), {n_pred} predicted"
          f" (+{n_split} more fragments of interrupted gold quotes, not counted)")
    print(f"  attribution (content overlap)  {fmt(p, r, f)}   (P {res['P_fragments_wrong']:.3f} if the extra fragments count as wrong)")
    print(f"  recall, quoted attributions    R {res['R_quoted']:.3f}   (with the speaker right, strict: {res['R_quoted_strict']:.3f})")
    print(f"  quote F1 (our direct quotes vs gold attributions with a quote mark)  {fmt(pq, rq, fq)}   "
          f"(P with the speaker right, strict: {res['quote_P_strict']:.3f})")
    print(f"  content F1 exact               {fmt(pe, re_, fe)}")
    print(f"  content F1 overlap             F1 {f:.3f}")
    print(f"  source F1                      {fmt(ps, rs, fs)}")
    print(f"  speaker accuracy (of matched)  lenient {res['speaker_lenient']:.3f} ({tp_speaker}/{tp})   "
          f"strict {res['speaker_strict']:.3f} ({tp_strict}/{tp})")
    print("    strict, by what the gold source is: " + "   ".join(
        f"{k} {v[1] / v[0] if v[0] else 0:.3f} ({v[1]}/{v[0]})" for k, v in by_kind.items() if v[0]))
    print("  by phenomenon (gold side: found / found with the speaker right, strict; predicted side: right, strict)")
    print(f"    {'phenomenon':20s} {'gold':>5s} {'R found':>8s} {'R spkr':>7s} {'pred':>5s} {'P':>6s}")
    for name in PN_PHENOMENA:
        gn, gf, gs, pn, pr = ph[name]
        print(f"    {name:20s} {gn:5d} {gf / gn if gn else 0:8.3f} {gs / gn if gn else 0:7.3f} {pn:5d} {pr / pn if pn else 0:6.3f}")
    print(f"  speed: attribution {elapsed / len(items):.3f} s/article wall, {cpu / len(items):.3f} CPU-s (parse excluded: "
          f"{parse_s:.1f} s, cached when --cache); {words / len(items):.0f} words/article, load average {os.getloadavg()[0]:.1f}")
    print(f"  {ANCHORS}")
    return res


# -- our evaluation set ------------------------------------------------------------------------
PHENOMENA = ("multi_paragraph", "pronoun_speaker", "description_speaker", "surname_speaker", "anonymous", "media",
             "hedged", "colon", "according_to", "indirect")
PRONOUNS = {"he", "she", "they", "him", "her", "them"}


def load_eval(folder: Path) -> list[dict]:
    """Articles with gold quotes; each gold content is located in the text (it must occur there)."""
    items = []
    for path in sorted(folder.glob("*.json")):
        art = json.loads(path.read_text("utf-8"))
        text = art["text"]
        for g in art["quotes"]:
            if "start" in g:
                if text[g["start"]:g["end"]] != g["content"]:
                    raise SystemExit(f"{path}: gold offsets {g['start']}-{g['end']} do not hold {g['content'][:60]!r}")
                continue
            start = text.find(g["content"])
            nth = g.get("occurrence", 1)
            while nth > 1 and start >= 0:
                start = text.find(g["content"], start + 1)
                nth -= 1
            if start < 0:
                raise SystemExit(f"{path}: gold content not in text: {g['content'][:60]!r}")
            g["start"], g["end"] = start, start + len(g["content"])
        art["path"] = str(path)
        items.append(art)
    return items


def has_property(name: str, q, text: str) -> bool:
    """Does a predicted quote claim the phenomenon?"""
    if name == "multi_paragraph":
        return "\n" in q.text
    if name == "pronoun_speaker":
        return (q.speaker_mention or "").lower() in PRONOUNS
    if name == "anonymous":
        return q.anonymous
    if name == "media":
        return q.medium is not None
    if name == "hedged":
        return q.hedged
    if name == "colon":
        return q.cue == ":"
    if name == "according_to":
        return (q.cue or "").lower() in ("according to", "as per")
    if name == "indirect":
        return q.kind == "indirect"
    if name == "surname_speaker":
        m = q.speaker_mention or ""
        return bool(q.speaker) and m != q.speaker and len(m.split()) == 1 and m[:1].isupper()
    if name == "description_speaker":
        return (q.speaker_mention or "").lower().startswith(("the ", "this ")) and q.speaker_type == "person"
    return False


def property_correct(name: str, q, g) -> bool:
    """Is the matched prediction right on the phenomenon the gold quote shows?"""
    if name == "multi_paragraph":
        return q.start <= g["start"] + 3 and q.end >= g["end"] - 3
    if name in ("pronoun_speaker", "description_speaker", "surname_speaker"):
        return same_speaker(q.speaker, g["speaker"])
    if name == "anonymous":
        return q.anonymous == g.get("anonymous", False)
    if name == "media":
        return norm_name(q.medium) == norm_name(g.get("medium"))
    if name == "hedged":
        return q.hedged == g.get("hedged", False)
    if name == "colon":
        return q.cue == ":" or same_speaker(q.speaker, g["speaker"])
    if name == "according_to":
        return same_speaker(q.speaker, g["speaker"]) or q.anonymous and g.get("anonymous", False)
    if name == "indirect":
        return q.kind == "indirect"
    return True


def gold_has(name: str, g) -> bool:
    if name in ("anonymous", "hedged"):
        return bool(g.get(name))
    if name == "media":
        return bool(g.get("medium"))
    if name == "indirect":
        return g.get("kind") == "indirect"
    if name == "multi_paragraph":
        return "\n" in g["content"]
    return name in g.get("phenomena", [])


def eval_set(attributor: Attributor, folder: Path, verbose: bool) -> None:
    items = load_eval(folder)
    if not items:
        print(f"eval set: no articles in {folder}")
        return
    t0 = time.perf_counter()
    results = attributor.pipe([a["text"] for a in items], [a.get("language", "en") for a in items])
    elapsed = time.perf_counter() - t0
    for part in ("tune", "heldout", "all"):
        arts = [(a, r) for a, r in zip(items, results) if part == "all" or a.get("split", "tune") == part]
        if not arts:
            continue
        n_pred = n_gold = tp = tp_speaker = tp_kind = 0
        trap_hits = 0
        ph = {n: [0, 0, 0, 0] for n in PHENOMENA}  # pred-claims, pred-correct, gold-has, gold-found
        for art, pred in arts:
            gold = art["quotes"]
            n_pred += len(pred)
            n_gold += len(gold)
            pairs = match([[(q.start, q.end)] for q in pred], [[(g["start"], g["end"])] for g in gold])
            tp += len(pairs)
            by_pred = dict(pairs)
            by_gold = {j: i for i, j in pairs}
            for i, j in pairs:
                tp_speaker += same_speaker(pred[i].speaker, gold[j]["speaker"]) or (
                    pred[i].anonymous and gold[j].get("anonymous") and overlap([(pred[i].speaker_start, pred[i].speaker_end)], [(art["text"].find(gold[j]["speaker"]), art["text"].find(gold[j]["speaker"]) + len(gold[j]["speaker"]))]) > 0)
                tp_kind += pred[i].kind == gold[j].get("kind", "direct")
            for trap in art.get("traps", []):
                s = art["text"].find(trap)
                trap_hits += any(overlap([(q.start, q.end)], [(s, s + len(trap))]) > 0 for q in pred)
            for name in PHENOMENA:
                for i, q in enumerate(pred):
                    if has_property(name, q, art["text"]):
                        ph[name][0] += 1
                        j = by_pred.get(i)
                        # Speaker phenomena: right when the speaker is right; the others: the gold quote has it too.
                        speaker_ph = name in ("pronoun_speaker", "description_speaker", "surname_speaker")
                        ph[name][1] += j is not None and (speaker_ph or gold_has(name, gold[j])) and property_correct(name, q, gold[j])
                for j, g in enumerate(gold):
                    if gold_has(name, g):
                        ph[name][2] += 1
                        i = by_gold.get(j)
                        ph[name][3] += i is not None and property_correct(name, pred[i], g)
            if verbose and part == "tune":  # never print the held-out part's errors: we do not tune on it
                for j, g in enumerate(gold):
                    i = by_gold.get(j)
                    if i is None:
                        print(f"    MISS {Path(art['path']).name}: {g['speaker']!r}: {g['content'][:70]!r}")
                    elif not same_speaker(pred[i].speaker, g["speaker"]):
                        print(f"    SPKR {Path(art['path']).name}: {pred[i].speaker!r} != {g['speaker']!r}: {g['content'][:50]!r}")
                for i, q in enumerate(pred):
                    if i not in by_pred:
                        print(f"    FP   {Path(art['path']).name}: {q.speaker!r}: {q.text[:70]!r}")
        p, r, f = prf(tp, n_pred, tp, n_gold)
        print(f"eval/attribution [{part}]: {len(arts)} articles, {n_gold} gold quotes, {n_pred} predicted")
        print(f"  quotes (content overlap)       {fmt(p, r, f)}")
        print(f"  speaker accuracy (of matched)  {tp_speaker / tp if tp else 0:.3f}   kind accuracy {tp_kind / tp if tp else 0:.3f}")
        print(f"  traps quoted (scare quotes, titles, narration): {trap_hits} of {sum(len(a.get('traps', [])) for a, _ in arts)}")
        for name in PHENOMENA:
            c, cc, g, gf = ph[name]
            if g or c:
                print(f"    {name:20s} P {cc / c if c else 0:.3f} ({cc}/{c})   R {gf / g if g else 0:.3f} ({gf}/{g})")
    print(f"  speed: {len(items) / elapsed:.2f} articles/s on the eval set (model load excluded)")


def speed(attributor: Attributor) -> None:
    """Articles/s on ~600-word English articles (our eval texts, joined to that length)."""
    items = load_eval(ROOT / "eval" / "attribution")
    en = [a["text"] for a in items if a.get("language", "en") == "en"]
    texts, cur = [], ""
    for t in en * 8:
        cur += t + "\n\n"
        if len(cur.split()) >= 600:
            texts.append(cur)
            cur = ""
    attributor.pipe(texts[:2])  # warm up
    t0, c0 = time.perf_counter(), time.process_time()
    attributor.pipe(texts)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    words = sum(len(t.split()) for t in texts) / len(texts)
    # CPU time as well as wall time: on a shared machine the wall clock counts other people's work.
    print(f"speed: {len(texts) / elapsed:.2f} articles/s wall, {len(texts) / cpu:.2f} articles per CPU-second, on "
          f"{len(texts)} English articles of ~{words:.0f} words (OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}, "
          f"load average {os.getloadavg()[0]:.1f})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=["eval", "polnear", "speed"])
    ap.add_argument("--split", default="dev", choices=["dev", "train"], help="PolNeAR split (rules are tuned on train only)")
    ap.add_argument("--limit", type=int, help="PolNeAR: first N articles of the split")
    ap.add_argument("--cache", type=Path, help="PolNeAR: keep the spaCy parses in this folder (DocBin)")
    ap.add_argument("--errors", type=int, default=0, help="PolNeAR train only: print up to N misses / wrong speakers / FPs")
    ap.add_argument("--json", type=Path, help="write the PolNeAR figures to this file")
    ap.add_argument("--verbose", "-v", action="store_true", help="eval set: print misses and false positives")
    ap.add_argument("--model", help="spaCy model package or path")
    args = ap.parse_args()
    attributor = Attributor(model=args.model)
    t0 = time.perf_counter()
    nlp = attributor.nlp
    print(f"model loaded in {time.perf_counter() - t0:.1f}s")
    if args.only in (None, "eval"):
        eval_set(attributor, ROOT / "eval" / "attribution", args.verbose)
    if args.only in (None, "speed"):
        speed(attributor)
    if args.only in (None, "polnear"):
        res = polnear(attributor.lex, nlp, lambda d, lex: attribute_doc(d, lex, attributor.min_quote_words),
                      args.split, args.limit, args.cache, args.errors)
        if args.json and res:
            args.json.write_text(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
