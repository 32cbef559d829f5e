"""The HTML report: an index page and one page per analysed article.

``write_report(articles, out_dir)`` writes ``index.html``, ``articles/*.html``
and ``report.css`` — plain files that open offline from disk (no script, no
CDN). Templates are Jinja2 with autoescaping on: article text is untrusted, so
everything reaches the page escaped; the only HTML built here is the
highlighted text (see :mod:`.highlight`), which escapes every piece itself.
"""
from __future__ import annotations

import hashlib
import re
import shutil
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path
from typing import Iterable
from urllib.parse import urlparse

import jinja2
from markupsafe import Markup, escape

from .. import __version__
from ..doc import Article, Entity, Evidence, Label, Quote
from ..errors import E, NarrascopeError
from ..text import sentences
from .highlight import Mark, excerpt, render, valid

# Distinct hues, readable as a light tint behind dark text; speakers beyond
# these get golden-angle hues so colours never repeat within a page.
PALETTE = ["#e07a1f", "#3a9d4a", "#1f8fc2", "#8a63d2", "#d6479b", "#c9a300", "#3f6fd8", "#d0473a",
           "#16a08e", "#9a6b3c", "#7a9a2a", "#b05fa0"]
ANONYMOUS_COLOUR = "#7d8797"
UNATTRIBUTED = "(unattributed)"
ROLE_CLASS = {"protagonist": "role-protagonist", "antagonist": "role-antagonist", "innocent": "role-innocent"}


def write_report(articles: Iterable[Article], out_dir: Path | str) -> Path:
    """Write the report for ``articles`` into ``out_dir``; returns the path of ``index.html``."""
    out_dir = Path(out_dir)
    articles = list(articles)
    try:
        (out_dir / "articles").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NarrascopeError(E.E501, path=out_dir, detail=exc) from exc
    env = _environment()
    pages = _page_names(articles)
    article_tpl = env.get_template("article.html")
    try:
        with resources.as_file(resources.files(__package__).joinpath("static", "report.css")) as css:
            shutil.copyfile(css, out_dir / "report.css")
        for art in articles:
            html = article_tpl.render(a=article_view(art, pages), version=__version__, css="../report.css",
                                      index="../index.html")
            (out_dir / pages[art.id]).write_text(html, encoding="utf-8")
        index = out_dir / "index.html"
        index.write_text(env.get_template("index.html").render(
            rows=[index_row(a, pages) for a in articles], summary=corpus_summary(articles),
            version=__version__, css="report.css"), encoding="utf-8")
    except OSError as exc:
        raise NarrascopeError(E.E501, path=out_dir, detail=exc) from exc
    return index


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("narrascope.report", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["pct"] = lambda x: f"{100 * x:.0f}%"
    env.filters["score"] = lambda x: f"{x:.2f}" if isinstance(x, (int, float)) else ""
    return env


def _page_names(articles: list[Article]) -> dict[str, str]:
    """A safe, unique file name per article id (ids may hold any character)."""
    names = {}
    for art in articles:
        slug = re.sub(r"[^A-Za-z0-9._-]+", "-", art.id).strip("-.")[:60] or "article"
        digest = hashlib.sha1(art.id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        names[art.id] = f"articles/{slug}-{digest}.html"
    return names


def safe_url(url: str | None) -> str | None:
    """Only http(s) links become clickable: a ``javascript:`` URL in the input must not."""
    if not url:
        return None
    return url if urlparse(url.strip()).scheme.lower() in ("http", "https") else None


# -- speakers and their colours ----------------------------------------------

# A quoted phrase of a word or three that no one is said to say ("so-called “stealing”", a term): kept in the
# JSON (PolNeAR counts such spans), listed apart from the statements. The dashboard (web/static/app.js,
# quotedPhrase) uses the same rule.
PHRASE_MAX_WORDS = 3


def quoted_phrase(q: Quote) -> bool:
    """A short quoted phrase with no speaker: a scare quote or a term, not a statement."""
    return not (q.speaker or "").strip() and len(re.findall(r"\w+", q.text or "")) <= PHRASE_MAX_WORDS


def speaker_key(q: Quote) -> str:
    return (q.speaker or "").strip() or UNATTRIBUTED


def speaker_colours(quotes: list[Quote]) -> dict[str, str]:
    """Colour per speaker, most-quoted first; anonymous sources share one grey."""
    counts = Counter(speaker_key(q) for q in quotes if not q.anonymous)
    first = {}
    for i, q in enumerate(quotes):
        first.setdefault(speaker_key(q), i)
    named = sorted(counts, key=lambda s: (s == UNATTRIBUTED, -counts[s], first[s]))
    colours = {}
    for i, name in enumerate(named):
        colours[name] = PALETTE[i] if i < len(PALETTE) else f"hsl({(i * 137.5) % 360:.0f} 60% 45%)"
    for q in quotes:
        if q.anonymous:
            colours.setdefault(speaker_key(q), ANONYMOUS_COLOUR)
    return colours


# -- one article ---------------------------------------------------------------

def article_view(art: Article, pages: dict[str, str] | None = None) -> dict:
    """Everything the article template shows, with the highlighted text prepared."""
    text = art.text or ""
    colours = speaker_colours(art.quotes)
    quotes = sorted(enumerate(art.quotes, 1), key=lambda iq: (iq[1].start if iq[1].start >= 0 else 10**12, iq[0]))
    marks: list[Mark] = []
    rows = []
    for n, (_, q) in enumerate(quotes, 1):
        key = speaker_key(q)
        colour = colours[key]
        reported = q.reported_by if q.reported_by and q.reported_by != q.medium else None
        where = (f"{key}" + (f" (to/via {q.medium})" if q.medium else "") + (f", reported by {reported}" if reported else "")
                 + f" — {q.kind}" + (f", cue '{q.cue}'" if q.cue else ""))
        style = f"--c:{colour}"
        if valid(q.start, q.end, len(text)):
            classes = f"q q-{_css_word(q.kind)}" + (" anon" if q.anonymous else "") + (" hedged" if q.hedged else "")
            prefix = Markup(f'<a class="qn" id="q{n}" href="#w{n}" style="{style}" title="{escape(where)}">{n}</a>')
            marks.append(Mark(q.start, q.end, classes, {"style": style, "title": where}, prefix))
        if valid(q.speaker_start, q.speaker_end, len(text)):
            marks.append(Mark(q.speaker_start, q.speaker_end, "spk", {"style": style, "title": f"speaker: {key}"}))
        if valid(q.cue_start, q.cue_end, len(text)):
            marks.append(Mark(q.cue_start, q.cue_end, "cue", {"title": f"cue of quote {n}"}))
        if q.hedged:
            marks.extend(_hedge_marks(text, q))
        rows.append({"n": n, "speaker": key, "phrase": quoted_phrase(q), "colour": colour, "kind": q.kind, "cue": q.cue, "medium": q.medium,
                     "anonymous": q.anonymous, "hedged": q.hedged, "hedges": q.hedges,
                     "mention": q.speaker_mention if q.speaker_mention and q.speaker_mention != q.speaker else None,
                     "text": text[q.start:q.end] if valid(q.start, q.end, len(text)) else q.text,
                     "located": valid(q.start, q.end, len(text)), "confidence": q.confidence})

    # Cast actors (framed) get a card each; actors the article merely mentions go to a quieter list.
    actors = [_actor_view(art, e) for e in art.entities if getattr(e, "framed", True)]
    mentioned = [{"name": e.text, "type": e.type, "mentions": len(e.mentions) or 1,
                  "framed_score": getattr(e, "framed_score", None)}
                 for e in art.entities if not getattr(e, "framed", True)]
    for e in art.entities:
        if not getattr(e, "framed", True):
            for m in e.mentions or [e]:
                marks.append(Mark(m.start, m.end, "ent role-none ent-mentioned", {"title": f"{e.text}: mentioned, not cast"}))
            continue
        role = ROLE_CLASS.get((e.main_role or "").lower(), "role-none")
        label = f"{e.text}: {e.main_role or 'no role'}" + (f" ({', '.join(e.fine_roles)})" if e.fine_roles else "")
        for m in e.mentions or [e]:
            marks.append(Mark(m.start, m.end, f"ent {role}", {"title": label}))

    explanation = None
    if art.explanation is not None:
        ex = art.explanation
        for s in ex.evidence:
            marks.append(Mark(s.start, s.end, "ev-expl", {"title": "evidence for the explanation"}))
        explanation = {"text": ex.text, "narrative": ex.narrative,
                       "evidence": [excerpt(text, s.start, s.end) for s in ex.evidence if valid(s.start, s.end, len(text))]}

    narratives = _narrative_tree(art, text)
    for lab in art.narratives + art.subnarratives:
        for s in lab.evidence:
            marks.append(Mark(s.start, s.end, "ev-narr", {"title": f"evidence: {lab.label} ({lab.score:.2f})"}))

    legend = []
    counts = Counter(speaker_key(q) for q in art.quotes)
    anon = {speaker_key(q) for q in art.quotes if q.anonymous}
    for name, colour in colours.items():
        legend.append({"speaker": name, "colour": colour, "count": counts[name], "anonymous": name in anon})

    reasons = Counter(r.reason for r in art.removed)
    dup = art.duplicate_of
    return {
        "id": art.id,
        "title": art.title or art.id,
        "has_title": bool(art.title),
        "outlet": art.outlet, "published": art.published, "author": art.author,
        "language": art.language, "language_score": art.language_score,
        "url": art.url, "href": safe_url(art.url), "source_path": art.source_path,
        "duplicate": {"of": dup.of, "kind": dup.kind, "similarity": dup.similarity,
                      "href": "../" + pages[dup.of] if pages and dup.of in pages else None} if dup else None,
        "warnings": art.warnings,
        "body": render(text, marks),
        "empty": not text.strip(),
        "legend": legend,
        "quotes": [r for r in rows if not r["phrase"]],
        "phrases": [r for r in rows if r["phrase"]],
        "sourcing": _sourcing(art),
        "actors": actors,
        "mentioned": mentioned,
        "narratives": narratives,
        "explanation": explanation,
        "removed": [{"text": r.text, "reason": r.reason} for r in art.removed],
        "removed_reasons": reasons.most_common(),
        "timings": [(k, v) for k, v in art.timings.items()],
        "has_entities": bool(art.entities),
        "has_narrative_evidence": any(lab.evidence for lab in art.narratives + art.subnarratives),
    }


def _css_word(value: str | None) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", (value or "other").lower())


def _hedge_marks(text: str, q: Quote) -> list[Mark]:
    """Mark the hedge words ("reportedly") where they stand: in the sentences that carry the quote."""
    ends = [x for x in (q.start, q.end, q.speaker_start, q.speaker_end, q.cue_start, q.cue_end) if x >= 0]
    if not ends or not q.hedges:
        return []
    lo, hi = min(ends), max(ends)
    for s, e in sentences(text):
        if s <= lo < e:
            lo = s
        if s < hi <= e:
            hi = e
    marks = []
    for hedge in {h for h in q.hedges if h and h.strip()}:
        for m in re.finditer(r"\b" + re.escape(hedge) + r"\b", text[lo:hi], flags=re.IGNORECASE):
            marks.append(Mark(lo + m.start(), lo + m.end(), "hedge", {"title": "hedge"}))
    return marks


def _sourcing(art: Article) -> dict:
    qs = art.quotes
    return {
        "quotes": len(qs),
        "direct": sum(q.kind == "direct" for q in qs),
        "indirect": sum(q.kind != "direct" for q in qs),
        "speakers": len({speaker_key(q) for q in qs if not q.anonymous and q.speaker}),
        "anonymous": sum(q.anonymous for q in qs),
        "hedged": sum(q.hedged for q in qs),
        "media": sorted({q.medium for q in qs if q.medium}),
    }


def _actor_view(art: Article, e: Entity) -> dict:
    text = art.text or ""
    mentions = [m for m in (e.mentions or [e]) if valid(m.start, m.end, len(text))]
    mention_marks = [Mark(m.start, m.end, "ent-mention") for m in mentions]
    evidence = [s for s in e.evidence if valid(s.start, s.end, len(text))]
    casting = "evidence"
    if not evidence:
        # No casting sentences given: show where the actor is mentioned instead, and say so.
        casting = "mentions"
        spans = sentences(text)
        seen = []
        for m in mentions:
            for s, t in spans:
                if s <= m.start < t and (s, t) not in seen:
                    seen.append((s, t))
        evidence = [art.span(s, t) for s, t in seen[:5]]
    fine = sorted(e.fine_roles, key=lambda r: -e.fine_role_scores.get(r, 0.0))
    return {
        "name": e.text, "type": e.type, "role": e.main_role, "score": e.score,
        "role_class": ROLE_CLASS.get((e.main_role or "").lower(), "role-none"),
        "fine": [(r, e.fine_role_scores.get(r)) for r in fine],
        "mentions": len(mentions),
        "mention_texts": sorted({text[m.start:m.end] for m in mentions} - {e.text}),
        "casting": casting,
        "sentences": [excerpt(text, s.start, s.end, mention_marks) for s in evidence],
    }


def evidence_voice(span: Evidence) -> str:
    """"" for the article's own voice; else who the article quotes ("quoted: Peskov, hedged")."""
    if not span.quoted:
        return ""
    return "quoted: " + (span.speaker or "unattributed") + (", hedged" if span.hedged else "")


def _narrative_tree(art: Article, text: str) -> list[dict]:
    """Narratives by score, each with the subnarratives that belong to it ("N: sub")."""
    def view(lab: Label) -> dict:
        ev = [s for s in lab.evidence if valid(s.start, s.end, len(text))]
        return {"label": lab.label, "short": lab.label, "score": lab.score, "tier": lab.tier,
                "evidence": [{"text": excerpt(text, s.start, s.end), "voice": evidence_voice(s)} for s in ev],
                # every evidence sentence is someone else's statement: the article reports the narrative
                "reported_only": bool(ev) and all(s.quoted for s in ev)}

    tree = []
    placed = set()
    for lab in sorted(art.narratives, key=lambda x: -x.score):
        node = view(lab)
        node["subs"] = []
        for i, sub in enumerate(sorted(art.subnarratives, key=lambda x: -x.score)):
            if sub.label.startswith(lab.label + ":"):
                child = view(sub)
                child["short"] = sub.label[len(lab.label) + 1:].strip()
                node["subs"].append(child)
                placed.add(sub.label)
        tree.append(node)
    orphans = [s for s in art.subnarratives if s.label not in placed]
    if orphans:
        tree.append({"label": "Subnarratives without their narrative", "short": "Subnarratives without their narrative",
                     "score": None, "tier": None, "reported_only": False, "evidence": [],
                     "subs": [view(s) for s in sorted(orphans, key=lambda x: -x.score)]})
    return tree


def top_narrative(art: Article) -> Label | None:
    return max(art.narratives, key=lambda x: x.score) if art.narratives else None


# -- the index -------------------------------------------------------------------

def index_row(art: Article, pages: dict[str, str]) -> dict:
    top = top_narrative(art)
    dup = art.duplicate_of
    return {
        "href": pages[art.id], "id": art.id, "title": art.title or art.id, "outlet": art.outlet,
        "published": art.published, "language": art.language, "quotes": len(art.quotes),
        "anonymous": sum(q.anonymous for q in art.quotes),
        "top": {"label": top.label, "score": top.score} if top else None,
        "duplicate": {"of": dup.of, "kind": dup.kind, "similarity": dup.similarity,
                      "href": pages.get(dup.of)} if dup else None,
        "warnings": art.warnings,
    }


def corpus_summary(articles: list[Article], top_n: int = 15) -> dict:
    quotes = [q for a in articles for q in a.quotes]
    speakers: Counter = Counter()
    speaker_articles: dict[str, set] = defaultdict(set)
    for a in articles:
        for q in a.quotes:
            if not q.anonymous and q.speaker:
                speakers[q.speaker] += 1
                speaker_articles[q.speaker].add(a.id)
    narratives: Counter = Counter()
    tops: Counter = Counter()
    for a in articles:
        for lab in {x.label for x in a.narratives}:
            narratives[lab] += 1
        top = top_narrative(a)
        if top:
            tops[top.label] += 1
    media = Counter(q.medium for q in quotes if q.medium)
    return {
        "articles": len(articles),
        "languages": Counter(a.language or "?" for a in articles).most_common(),
        "quotes": len(quotes),
        "anonymous": sum(q.anonymous for q in quotes),
        "anonymous_share": (sum(q.anonymous for q in quotes) / len(quotes)) if quotes else 0.0,
        "hedged_share": (sum(q.hedged for q in quotes) / len(quotes)) if quotes else 0.0,
        "duplicates": sum(a.duplicate_of is not None for a in articles),
        "with_warnings": sum(bool(a.warnings) for a in articles),
        "removed": sum(len(a.removed) for a in articles),
        "speakers": [(s, c, len(speaker_articles[s])) for s, c in speakers.most_common(top_n)],
        "narratives": sorted(((lab, c, tops[lab]) for lab, c in narratives.items()), key=lambda x: (-x[1], -x[2], x[0])),
        "media": media.most_common(top_n),
    }
