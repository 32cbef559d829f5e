"""The rule layer: which lines of scraped text are not the article, and why.

Two passes. :func:`line_reason` looks at one line alone and fires only where
a cue word meets a furniture shape (short, no sentence punctuation, an
imperative at the start, the reader addressed as "you", menu separators, a
photo credit ...). :func:`classify` then reads the lines in order: the runs
of headlines under a "Related" / "Read more" / "Читайте также" header, runs of
headlines interleaved with times, runs of five or more menu labels, short
unpunctuated lines before the article starts and after it ends, title
repeats, the lines of a sign-up, consent or comment-form box, and a thread of
readers' comments after the article as one block. Lines that belong to a
quotation (:mod:`narrascope.clean.quotes`) are never removed (except inside
that block of readers' comments: readers quote too), and a list
introduced by an article sentence ending in a colon stays with the article.
"""
from __future__ import annotations

import math
import re

import numpy as np

from ..text import sentences
from . import lexicon as L
from .lines import Line, make_line, normalise, tokens

# Marks of a headline that links elsewhere: "WATCH: …", "… | Video", "► …".
_HEADLINE_PREFIX = re.compile(
    r"^(?:(?:watch|video|live|listen|pictures|photos|gallery|opinion|analysis|explainer|exclusive|breaking|update|"
    r"видео|онлайн|фото|live|vídeo|ao\s+vivo|वीडियो|लाइव)\s*[:|]\s*)",
    re.I,
)
_HEADLINE_SUFFIX = re.compile(r"(?:\s[|–—-]\s*(?:video|watch|photos|live|opinion|podcast|видео|фото|vídeo|वीडियो)|\s[(\[](?:video|photos|watch|видео|фото|vídeo)[)\]])\s*$", re.I)
_LINK_MARK = re.compile(r"^\s*(?:[►▶▸→⟶➜➤]|>>|»\s)")
_CLICK_HERE = re.compile(r"\b(?:click|tap|press)\s+here\b|\bнажмите\s+здесь\b|\bнатиснете\s+тук\b|\bclique\s+aqui\b|\bयहां\s+क्लिक\b", re.I)
_CONSENT_UI = re.compile(
    r"\b(?:site|website|web\s*site|our|we|you|your|accept|agree|consent|settings|preferences|policy|browser|experience|partners|personali[sz]\w*|analytics|ads|advertising|newsletters?|data)\b"
    r"|сайт|мы\s|наш|вы\s|ваш|соглас|принима|настройк|използва|сайта|приема|съглас|usamos|nosso|site|você|aceit|concord|वेबसाइट|हम\s|आप",
    re.I,
)
_WE = re.compile(r"\b(?:we|our|us)\b|\bмы\b|\bнаш\w*|\bние\b|\bнаш\w*|\bnós\b|\bnoss[oa]s?\b|\bहम\b", re.I)
_SHARE_NETWORKS = {
    "share", "tweet", "facebook", "twitter", "whatsapp", "telegram", "email", "e-mail", "print", "linkedin", "reddit",
    "pinterest", "vk", "vkontakte", "viber", "messenger", "flipboard", "bluesky", "copy", "поделиться", "поделитесь",
    "вконтакте", "одноклассники", "сподели", "споделете", "compartilhe", "compartilhar", "partilhar", "शेयर",
}


# Reasons that may also cut the end off an article paragraph ("… the matter. Post a comment").
_TAIL_REASONS = ("consent", "signup", "comment-prompt", "source-trailer", "share-buttons", "advert", "promo")


def line_reason(line: Line) -> str | None:
    """A reason to drop this line judged alone, or None."""
    reason = _line_reason(line)
    if reason in _TAIL_REASONS and line.sentences >= 2:
        # "… familiar with the matter. Post a comment": the article sentence stays, the tail goes.
        spans = sentences(line.text)
        if len(spans) >= 2:
            head = line.text[spans[0][0]:spans[0][1]]
            head_line = make_line(head, 0, len(head))
            if is_article_like(head_line) and _line_reason(head_line) is None:
                return None
    return reason


def caption_shape(line: Line) -> bool:
    """A photo caption with a place and a date: "A at a meeting with B in C on 3 May 2024."."""
    if line.words < 4 or line.words > 40 or line.sentences > 1 or not L.DATE_YEAR_END.search(line.text[-130:]):
        return False
    text = line.text
    if not L.PLACE.search(text) or L.SPEECH_VERB.search(text) or L.FINITE.search(text):
        return False
    return bool(L.CAPTION_SCENE.search(text) or L.CAPTION_VERB.search(text))


def _line_reason(line: Line) -> str | None:
    core = line.core
    w = line.words
    if w == 0 or w > 90:  # no furniture runs this long: spare the regexes on long paragraphs
        return None
    if L.ADVERT.match(core.rstrip(" .:-–—")) and w <= 8:
        return "advert"
    cm = L.CONSENT.search(core)
    # the cue alone is not enough ("Ukraine did not consent"): another word of a consent box must be there
    if cm and w <= 90 and _CONSENT_UI.search(core[:cm.start()] + " " + core[cm.end():]) and (
        w <= 12 or cm.start() == 0 or L.SECOND_PERSON.search(core) or _WE.search(core) or not line.terminal
    ):
        return "consent"
    if L.BUTTON.match(core.rstrip(" .!")):
        return "consent"
    if w <= 40 and L.SIGNUP.search(core) and (
        L.SECOND_PERSON.search(core) or L.IMPERATIVE_START.match(core) or (w <= 5 and not line.terminal)
        or (_WE.search(core) and w <= 20)
    ):
        return "signup"
    m = L.COMMENT.search(core) if w <= 20 else None
    if m:
        hindi_word_only = m.group(0) in ("टिप्पणी", "कमेंट")
        if not hindi_word_only or (not line.terminal and w <= 6):
            return "comment-prompt"
    m = L.SOURCE_TRAILER.search(core) if w <= 30 else None
    if m and (m.start() == 0 or w <= 15 or line.url):
        return "source-trailer"
    m = L.CAPTION.search(line.text) if w <= 60 else None
    # A credit glued inside a long paragraph does not make the paragraph a caption.
    if m and (w <= 40 or w <= 60 and m.end() >= len(line.text) - 60):
        return "caption"
    if L.AGENCY_END.search(line.text) and w <= 20 and not L.AGENCY_SIGNOFF.search(line.text):
        return "caption"
    if caption_shape(line):
        return "caption"
    if _is_share_bar(core, w):
        return "share-buttons"
    if (L.NAVIGATION.match(core.rstrip(" :")) and w <= 25) or (line.menu_items >= 3 and not line.terminal and w <= 30):
        return "navigation"
    if _CLICK_HERE.search(core) and w <= 20:
        return "navigation"
    if L.DATE_TIME_ONLY.match(core) or _is_dateline(core):
        return "byline-meta"
    if L.BYLINE.match(core) and w <= 12 and not line.terminal:
        return "byline-meta"
    if w <= 30 and L.PROMO.search(core) and (not line.terminal or L.SECOND_PERSON.search(core) or w <= 12):
        return "promo"
    # A headline that links to another story: "Read more: …", "► …", "WATCH: …", "… | Video".
    hm = L.RELATED_HEADER.match(core)
    if hm:
        rest = core[hm.end():]
        if re.match(r"^\s*[:|–—\-»›>]+\s*\S", rest) and len(tokens(rest)) <= 30:
            return "headline-link"
    if not line.terminal and w <= 25 and (_LINK_MARK.match(line.text) or _HEADLINE_PREFIX.match(core) or _HEADLINE_SUFFIX.search(core)):
        return "headline-link"
    return None


_DATE_PIECE = re.compile(
    r"\d{1,4}(?:[:./-]\d{1,4}){1,2}|\b\d{1,2}(?:st|nd|rd|th)?\b|\b\d{4}\b|\b(?:am|pm|a\.m\.|p\.m\.)", re.I
)
_DATELINE_WORDS = re.compile(
    r"\b(?:updated|published|posted|modified|last|on|at|gmt|utc|bst|cet|eet|est|edt|msk|ist|mon|tue|wed|thu|fri|sat|sun"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|обновлено|опубликовано|публикувано|обновено|atualizado|publicado|em|às)\b",
    re.I,
)


# A clock time with a colon, or a full numeric date; not a price ("$139.00").
_HAS_DATE = re.compile(r"(?<![\d$€£.,])\d{1,2}:\d{2}\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b")


def _is_dateline(core: str) -> bool:
    """Only dates, times and words like "Updated" ("10:15, Mon, Mar 9, 2026 | UPDATED: 10:44")."""
    if len(core) > 120 or not (_HAS_DATE.search(core) or L.MONTH_WORD.search(core) and re.search(r"\d", core)):
        return False
    rest = _DATE_PIECE.sub(" ", core)
    rest = L.MONTH_WORD.sub(" ", rest)
    rest = _DATELINE_WORDS.sub(" ", rest)
    return not re.search(r"\w", rest)


def _is_share_bar(core: str, words: int) -> bool:
    if words > 12:
        return False
    toks = [t.strip(".,:;|•·()[]").lower() for t in core.split()]
    toks = [t for t in toks if t]
    if not toks:
        return False
    if L.SHARE_START.match(core) and words <= 6:
        return True
    known = sum(1 for t in toks if t in L.SHARE_WORDS)
    networks = sum(1 for t in toks if t in _SHARE_NETWORKS)
    return networks >= 2 and known / len(toks) >= 0.75


def is_related_header(line: Line) -> bool:
    """A line that opens a block of links: "Related coverage:", "ALSO READ", "Още по темата"."""
    core = line.core.rstrip(" :：»›>|-–—→")
    m = L.RELATED_HEADER.match(core)
    if not m or line.terminal and not core.endswith("?"):
        return False
    rest = tokens(core[m.end():])
    return len(rest) <= 5


def is_headline_like(line: Line) -> bool:
    """One headline: a single clause, no full stop, not too long."""
    if line.words == 0 or line.words > 22:
        return False
    stripped = line.text.rstrip().rstrip(L_CLOSE)
    if stripped.endswith(("।", "。")) or stripped.endswith(".") and not stripped.endswith("..."):
        return False
    return line.sentences == 1 and not line.colon


L_CLOSE = "\"'”’»)]›"


def is_meta_like(line: Line) -> bool:
    """Times, dates and section labels that sit between headlines in a list of links."""
    core = line.core
    if L.DATE_TIME_ONLY.match(core):
        return True
    if line.words <= 3 and not line.terminal and not line.colon:
        return True
    return bool(re.match(r"^(?:\d+\s*(?:comments?|views?|shares?|min(?:ute)?s?(?:\s+read)?)|\d+[:.]\d{2})$", core, re.I))


MENU_RUN = 5  # this many labels in a row make a menu


def _is_label(line: Line) -> bool:
    return line.words <= 3 and not line.terminal and not line.colon


def is_time_like(line: Line) -> bool:
    """A date, a time or a relative time, alone on its line."""
    return bool(L.DATE_TIME_ONLY.match(line.core) or _is_dateline(line.core))


def is_article_like(line: Line) -> bool:
    """A sentence of running text."""
    return line.terminal and line.words >= 8 or line.words >= 25 and line.sentences >= 2


# Reasons of rules that fire on a cue word in a furniture shape: exact, the model never overrules
# them. The other rules (runs of labels, headlines after the article, blocks under a header) judge
# by layout, and with a model the model has the last word on those lines.
EXACT_REASONS = frozenset({
    "consent", "signup", "comment-prompt", "share-buttons", "advert", "repeated-title", "promo", "byline-meta",
    "source-trailer",
})


def classify(lines: list[Line], protected: list[bool], title: str | None = None, model=None) -> list[str | None]:
    """A reason for every line that is not the article, None for article lines.

    ``model``: a :class:`narrascope.clean.model.TreeModel`. It has the last word on the lines the rules
    judge by layout: a line the rules kept goes when its probability reaches ``model.threshold``; one
    they dropped by layout (navigation, related-block, headline-link, caption) stays when its
    probability is under ``model.keep_threshold``. It never touches a protected quote line,
    a list the article introduces, or a line an exact cue rule dropped (EXACT_REASONS).
    """
    reasons, free = rule_reasons(lines, protected, title)
    if model is None or not lines:
        return reasons
    from .model import FEATURES, line_features

    # only the lines whose verdict the model can change
    need = [i for i in range(len(lines)) if free[i] and reasons[i] not in EXACT_REASONS
            and (model.threshold <= 1.0 if reasons[i] is None else model.keep_threshold > 0.0)]
    if not need:
        return reasons
    X = line_features(lines, reasons, protected, free, title)
    proba = np.zeros(len(lines))
    proba[need] = model.proba(X[need])
    col = {f: k for k, f in enumerate(FEATURES)}
    out = list(reasons)
    for i in need:
        line = lines[i]
        if out[i] is not None:
            if proba[i] < model.keep_threshold:
                out[i] = None  # the model is sure the layout rule was wrong
        elif proba[i] >= model.threshold:
            out[i] = _model_reason(line, X[i], col)
    return out


def _model_reason(line: Line, x, col: dict[str, int]) -> str:
    """The reason for a line the model drops, from its shape and place."""
    if x[col["related_header"]] or x[col["log_after_header"]] > 0:
        return "related-block"
    if x[col["caption_shape"]]:
        return "caption"
    if x[col["comment_cue"]]:
        return "comment-prompt"
    if x[col["headline_like"]] and line.words >= 4:
        return "related-block" if x[col["after_last_anchor"]] and x[col["tail_headlines"]] >= math.log1p(2) else "headline-link"
    if line.words <= 3 and not line.terminal:
        return "navigation"
    return "layout"


def rule_reasons(lines: list[Line], protected: list[bool], title: str | None = None) -> tuple[list[str | None], list[bool]]:
    """The rules' verdicts, and which lines are free to be judged (not a quote, not an article list)."""
    n = len(lines)
    reasons: list[str | None] = [None] * n
    for i, line in enumerate(lines):
        if not protected[i]:
            reasons[i] = line_reason(line)

    # Lists the article itself introduces ("The strikes hit:") stay with it.
    in_article_list = [False] * n
    for i, line in enumerate(lines):
        if line.colon and line.words >= 3 and reasons[i] is None and not is_related_header(line):
            k = i + 1
            while k < n and reasons[k] is None and (lines[k].bullet or lines[k].words <= 14) and not is_related_header(lines[k]):
                in_article_list[k] = True
                k += 1
            if k > i + 1 and (line.words >= 4 or k - i - 1 >= 2):
                in_article_list[i] = True  # the sentence that opens the list stays with it ("The package includes:")

    def free(k: int) -> bool:
        return not protected[k] and not in_article_list[k]

    # A sign-up or consent box: short lines between two of its lines belong to it ("Invalid email").
    box = ("signup", "consent", "promo", "comment-prompt")  # a comment form: "Email *" / "Website" / "Save my name …"
    for i in range(1, n - 1):
        if reasons[i] is not None or not free(i):
            continue
        for gap in (1, 2):
            j = i + gap
            if j >= n or any(reasons[k] is not None or not free(k) for k in range(i, j)):
                break
            # a comment form's gaps only between two comment lines; not a header of the next block
            same = (reasons[i - 1] == "comment-prompt") == (reasons[j] == "comment-prompt")
            if reasons[i - 1] in box and reasons[j] in box and same and not is_related_header(lines[i]):
                # a comment form's gaps are its labels ("Website", "Nome *"), not the headlines of a "N comments" list
                most = 4 if reasons[j] == "comment-prompt" else 25
                if all((not lines[k].terminal or lines[k].words <= 6) and lines[k].words <= most for k in range(i, j)):
                    for k in range(i, j):
                        reasons[k] = reasons[i - 1]
                break

    # A thread of readers' comments under a comment header: "Name says:", times, "Reply" between the comments.
    _mark_comment_threads(lines, reasons)

    # Repeated title (and "Title | Outlet").
    if title and normalise(title):
        t = normalise(title)
        for i, line in enumerate(lines):
            if not free(i) or reasons[i]:
                continue
            nl = normalise(line.text)
            if nl == t or (nl.startswith(t + " ") and len(nl) - len(t) <= 40 and re.search(r"[|–—\-:]", line.text[len(title) - 2:])):
                reasons[i] = "repeated-title"

    # Blocks of links under a header.
    i = 0
    while i < n:
        line = lines[i]
        if free(i) and (reasons[i] in (None, "headline-link") or reasons[i] == "source-trailer" and not line.url) and is_related_header(line):
            reasons[i] = "related-block"
            items: list[int] = []
            k = i + 1
            while k < n and free(k):
                cand = lines[k]
                if reasons[k] is not None and reasons[k] != "headline-link":
                    k += 1  # furniture inside the block (times, share buttons): part of it
                    continue
                if not (is_headline_like(cand) or is_meta_like(cand)):
                    break
                if _looks_like_subheading(lines, reasons, items, k):
                    break
                reasons[k] = "related-block"
                items.append(k)
                k += 1
            if not items and _is_subheading(lines, reasons, i):
                reasons[i] = None
            i = k
            continue
        i += 1

    # Headlines interleaved with times or dates, without a header: "Headline / 2 hours ago / Headline / ...".
    i = 0
    while i < n:
        if not free(i) or reasons[i] is not None or not (is_headline_like(lines[i]) or is_meta_like(lines[i])):
            i += 1
            continue
        k = i
        while k < n and free(k) and reasons[k] in (None, "byline-meta") and (is_headline_like(lines[k]) or is_meta_like(lines[k])):
            k += 1
        run = range(i, k)
        metas = {j for j in run if is_time_like(lines[j])}
        heads = {j for j in run if lines[j].words >= 4 and not is_time_like(lines[j])}
        # Times must alternate with headlines ("Headline / 2 hours ago / Headline / 5 hours ago").
        alternating = sum(1 for j in metas if j - 1 in heads or j + 1 in heads)
        if len(heads) >= 2 and len(metas) >= 2 and alternating >= 2 and len(run) >= 4:
            for j in run:
                reasons[j] = "related-block"
        i = max(k, i + 1)

    # Menus: a run of five or more labels (short lines with no sentence punctuation) anywhere.
    i = 0
    while i < n:
        k = i
        while k < n and free(k) and reasons[k] in (None, "navigation", "share-buttons") and _is_label(lines[k]):
            k += 1
        numeric = sum(1 for j in range(i, k) if re.search(r"\d", lines[j].text))
        if k - i >= MENU_RUN and numeric <= 0.1 * (k - i):  # numbers in a run: a table, not a menu
            for j in range(i, k):
                reasons[j] = reasons[j] or "navigation"
        i = max(k, i + 1)

    # Before the article starts and after it ends: short unpunctuated lines are furniture.
    anchors = [j for j in range(n) if reasons[j] is None and (protected[j] or is_article_like(lines[j]))]
    if anchors:
        first, last = anchors[0], anchors[-1]
        for j in range(first):
            if free(j) and reasons[j] is None and lines[j].words <= 3 and not lines[j].terminal:
                reasons[j] = "navigation"
        tail = [j for j in range(last + 1, n) if free(j) and reasons[j] is None]
        heads = {j for j in tail if is_headline_like(lines[j]) and lines[j].words >= 4}
        for j in tail:
            line = lines[j]
            if line.words <= 3 and not line.terminal:
                reasons[j] = "navigation"
            elif j in heads and (len(heads) >= 2 or line.title_ratio >= 0.8 and line.words >= 5):
                reasons[j] = "related-block" if len(heads) >= 2 else "headline-link"
    return reasons, [free(k) for k in range(n)]


_COMMENT_META = re.compile(
    r"""^(?:(?:reply|report|flag|permalink|like|likes|dislike|quote|log\s+in\s+to\s+reply|reply\s+to\s+\S+(?:\s+\S+)?|report\s+abuse
    |ответить|пожаловаться|отговори|отговор|докладвай|responder|denunciar|जवाब\s+दें)
    |\d+\s+(?:likes?|replies|points?|votes?|ответ\w*|отговор\w*|respostas?)
    |.{1,60}?\s(?:says|said|wrote|replied|пишет|написал\w*|каза|написа|disse|escreveu)\s*:?
    |[@#]?[\w.-]{2,30}\s+(?:on|at|в|на|em)\s+.{0,40}\d{1,2}:\d{2}.*
    )\s*[:.!]?$""",
    re.I | re.VERBOSE,
)

# The buttons and counters under one comment, alone or in a row: "Reply", "Like 12", "Reply · Report",
# "👍 4", "Ответить", "Отговори", "Curtir". A line made only of these (and numbers) is a comment's furniture.
_COMMENT_BUTTONS = frozenset({
    "reply", "replies", "report", "flag", "like", "likes", "liked", "dislike", "dislikes", "upvote", "upvotes", "downvote",
    "downvotes", "vote", "votes", "point", "points", "permalink", "quote", "edited", "share", "recommend", "recommended",
    "helpful", "abuse", "rating", "ответить", "ответ", "ответы", "ответов", "нравится", "пожаловаться", "цитировать", "жалоба",
    "отговори", "отговор", "отговора", "харесай", "харесвам", "харесвания", "докладвай", "сигнализирай", "цитирай",
    "responder", "resposta", "respostas", "curtir", "curtidas", "curtida", "gostei", "denunciar", "citar",
})
# The strong ones: they only sit under a comment (not "share" or "edited", which a live blog may have).
_COMMENT_STRONG = frozenset({"reply", "report", "flag", "like", "likes", "upvote", "downvote", "ответить", "пожаловаться",
                             "нравится", "отговори", "харесай", "докладвай", "responder", "curtir", "denunciar", "rating"})
_BUTTON_SEP = re.compile(r"[\s·•|/()\[\]:]+")
# A short relative time as comment threads print it: "2d", "3h", "5 min", "1 w ago", "2г.".
_SHORT_AGO = re.compile(
    r"^(?:\d{1,3}\s?(?:s|m|min|mins|h|hr|hrs|d|w|wk|mo|y|yr|ч|мин|д|ден|дни|дн|нед|г|h\.|d\.))(?:\s+ago)?$"
    r"|^(?:\d+|an?|one)\s+\w+\s+ago\s*(?:at|,)?\s*\d{1,2}[:.]\d{2}\s*(?:am|pm)?$"  # "2 days ago at 07:52 am"
    r"|^\d{1,3}\s+\w+\s+atrás$",  # "1 ano atrás"
    re.I,
)
_VOTES = re.compile(r"^[+\-−▲▼↑↓👍👎♥❤]*\d{0,6}[▲▼↑↓👍👎♥❤]*$")


def _button_words(core: str) -> tuple[int, int] | None:
    """(buttons, strong buttons) when the line is only comment buttons, counters and short times; else None."""
    parts = [p for p in _BUTTON_SEP.split(core.lower().strip(" .:!")) if p]
    if not parts or len(parts) > 8:
        return None
    buttons = strong = 0
    for p in parts:
        if p in _COMMENT_BUTTONS:
            buttons += 1
            strong += p in _COMMENT_STRONG
        elif not (_VOTES.match(p) or _SHORT_AGO.match(p) or p == "ago"):
            return None
    return (buttons, strong) if buttons else None


def _is_short_time(line: Line) -> bool:
    """A time as a thread prints it: "3 hours ago", "2d", "Yesterday, 14:05", "March 3, 2026 at 4:12 pm"."""
    core = line.core.strip(" ·•|")
    return line.words <= 8 and (is_time_like(line) or bool(_SHORT_AGO.match(core)))


def _is_name_time(line: Line) -> bool:
    """A user name and a time on one line: "Marko P. · 3 hours ago", "viktor_k — 2d"."""
    if line.words > 10:
        return False
    parts = [p.strip() for p in re.split(r"\s+[·•|—–-]\s+", line.core) if p.strip()]
    if len(parts) != 2:
        return False
    name, time = parts  # the name first, then the time: "1:00 PM - Stadium" is a schedule, not a comment
    return _is_short_time(make_line(time, 0, len(time))) and 1 <= len(tokens(name)) <= 4 and not name.endswith(("!", "?", ":"))


def is_comment_meta(line: Line) -> bool:
    """The furniture around one reader's comment: "Reply", "Jane says:", "3 likes", "Like · Reply", a time."""
    if line.words > 14:
        return False
    return (bool(_COMMENT_META.match(line.core)) or (line.words <= 8 and is_time_like(line)) or _is_short_time(line)
            or _button_words(line.core) is not None or _is_name_time(line))


def _is_strong_comment_meta(line: Line) -> bool:
    """Meta that only a comment thread has: "Reply", "X says:", "Like 12", "Marko · 2h" (not a bare time)."""
    if not is_comment_meta(line):
        return False
    b = _button_words(line.core)
    if b is not None:
        return b[1] > 0
    return not _is_short_time(line)


def _is_user_name(line: Line) -> bool:
    """A line that can be a commenter's name or handle: one to four words, no sentence punctuation."""
    initial = bool(re.search(r"(?:^|\s)\w\.$", line.text.strip()))  # "Iryna S.": the full stop of an initial
    return 1 <= line.words <= 4 and (not line.terminal or initial) and not line.colon and not is_comment_meta(line)


def _is_comment_header(line: Line, reason: str | None) -> bool:
    """A line that opens the comments: a comment prompt, or a log-in prompt that names comments."""
    if reason == "comment-prompt":
        return True
    return reason == "signup" and bool(re.search(r"comment|коммент|комент|coment", line.core, re.I))


# After a thread's last meta line, at most this many sentence lines are the last comment's text.
_LAST_COMMENT_LINES = 2


def _mark_comment_threads(lines: list[Line], reasons: list[str | None]) -> None:
    """Readers' comments after the article go as one block ("user comments").

    A block opens at a comment header ("Comments (12)", "Join the conversation", "Leave a reply") or, with
    no header, at a user name followed by a time. It needs a thread's furniture right under it: two strong
    meta lines ("Reply", "Like 12", "X says:", "Name · 2h"), or two name-then-time pairs and one of those
    (with no header, the pairs are always needed). It runs while
    meta lines keep coming (gaps of at most 12 lines), then takes the last comment's text and the
    comment furniture after it ("Show more comments"). Only after the article's body (two sentence
    lines before it), so a "Comments (3)" button under the headline takes nothing. Inside the block a
    comment's quote marks do not protect it: readers quote too.
    """
    n = len(lines)
    body = 0  # sentence lines of the article seen so far
    i = 0
    while i < n:
        line = lines[i]
        header = _is_comment_header(line, reasons[i])
        headless = (not header and body >= 2 and reasons[i] is None and _is_user_name(line) and i + 1 < n
                    and _is_short_time(lines[i + 1]))
        if not (header or headless):
            if reasons[i] is None and is_article_like(line):
                body += 1
            i += 1
            continue
        first = i + 1 if header else i
        # the thread ends at the header of another block ("Most viewed"), which the block pass takes
        stop = next((k for k in range(first, min(n, first + 120)) if reasons[k] is None and is_related_header(lines[k])),
                    min(n, first + 120))
        metas = [k for k in range(first, stop) if is_comment_meta(lines[k])]
        # the thread runs while metas keep coming (no gap of more than 12 lines between them)
        run: list[int] = []
        for k in metas:
            if run and k - run[-1] > 12:
                break
            run.append(k)
        strong = sum(1 for k in run if _is_strong_comment_meta(lines[k]))
        pairs = sum(1 for k in run if _is_short_time(lines[k]) and k - 1 >= first and _is_user_name(lines[k - 1]))
        # The thread starts right under its header (a name, a time): a "2 comments" link under the headline
        # is followed by the article, and the thread far below it is not its block.
        near = bool(run) and run[0] - first <= 4
        # (name-then-time pairs alone are also a list of headlines with their times: a button must be there too)
        ok = near and body >= 2 and (strong >= 2 or pairs >= 2 and strong >= 1)
        if headless:
            ok = ok and pairs >= 2
        if not ok:
            if reasons[i] is None and is_article_like(line):
                body += 1
            i += 1
            continue
        end = run[-1]
        # the last comment's text, then "Show more comments", "Load more": up to a header of another block
        sentences_after = 0
        k = end + 1
        while k < n:
            if reasons[k] is None:
                if is_related_header(lines[k]):
                    break
                if lines[k].terminal or lines[k].words > 4:  # a sentence: the last comment's text
                    sentences_after += 1
                    if sentences_after > _LAST_COMMENT_LINES:
                        break
            elif not _is_comment_header(lines[k], reasons[k]):
                break
            k += 1
        end = k - 1
        # names without a time after them at the very end are not part of the last comment
        while end > run[-1] and reasons[end] is None and _is_user_name(lines[end]):
            end -= 1
        for k in range(first, end + 1):
            if reasons[k] in (None, "byline-meta", "navigation", "headline-link"):
                reasons[k] = "comment-prompt"  # the names, times and text of a thread are part of it
        if headless or reasons[i] is None:
            reasons[i] = "comment-prompt"
        i = end + 1


def _is_subheading(lines: list[Line], reasons: list[str | None], i: int) -> bool:
    """A header word with no links after it, between article paragraphs ("Latest developments")."""
    if lines[i].colon:
        return False
    before = any(reasons[j] is None and is_article_like(lines[j]) for j in range(max(0, i - 50), i))
    nxt = next((j for j in range(i + 1, min(len(lines), i + 50)) if reasons[j] is None), None)
    return before and nxt is not None and is_article_like(lines[nxt])


def _looks_like_subheading(lines: list[Line], reasons: list[str | None], items: list[int], k: int) -> bool:
    """After several long headlines, a much shorter line followed by running text is the article's subheading."""
    heads = [lines[j].words for j in items if lines[j].words >= 4]
    if len(heads) < 2:
        return False
    heads.sort()
    median = heads[len(heads) // 2]
    nxt = next((j for j in range(k + 1, min(len(lines), k + 50)) if reasons[j] is None), None)
    return lines[k].words <= 4 and median >= 7 and nxt is not None and is_article_like(lines[nxt])


# "… big claims. READ MORE: Whistleblower's four biggest bombshells as vet speaks out And his latest one …": a
# promoted headline the page glued inside a paragraph. It starts after a sentence end with a "read more" cue and
# a colon, and ends where a sentence opener follows a word with no stop in between (the next sentence of the
# article) or at the end of the line.
_INLINE_PROMO = re.compile(r"(?<=[.!?”\"’)]\s)(?:READ MORE|Read more|READ ALSO|Read also|MORE|RELATED|Related|SEE ALSO|"
                           r"ЧИТАЙТЕ ТАКЖЕ|Читайте также|ПРОЧЕТЕТЕ ОЩЕ|LEIA TAMBÉM|Leia também|LEIA MAIS|Leia mais)\s*:\s*")
_NEXT_SENTENCE = re.compile(r"(?<=[\w’'”])\s+(?=(?:And|But|The|He|She|It|They|This|That|These|In|On|As|We|I|His|Her|Their|"
                            r"Its|Speaking|However|Meanwhile|Now|Yet|So|After|When|While|There)\b)")


def inline_promo(line: Line) -> tuple[int, int] | None:
    """(start, end) in the line of a "READ MORE: <headline>" glued inside a paragraph, or None. The headline must
    be 3 to 25 words and the paragraph must go on before it (never the whole line)."""
    m = _INLINE_PROMO.search(line.text)
    if m is None or m.start() < 20:
        return None
    rest = line.text[m.end():]
    nxt = _NEXT_SENTENCE.search(rest)
    end = m.end() + (nxt.start() if nxt else len(rest.rstrip()))
    if not 3 <= len(line.text[m.end():end].split()) <= 25:
        return None
    return m.start(), end


def tail_reason(line: Line) -> tuple[int, str] | None:
    """Furniture glued to the end of an article paragraph ("… the matter. Post a comment").

    Returns (offset in the line where the tail starts, reason) or None.
    """
    spans = sentences(line.text)
    if len(spans) < 2:
        return None
    cut = None
    reason = None
    # Peel sentences off the end while each is furniture on its own.
    for s, e in reversed(spans[1:]):
        piece = line.text[s:e]
        r = _line_reason(make_line(piece, 0, len(piece)))
        if r in _TAIL_REASONS:
            cut, reason = s, reason or r
        else:
            break
    if cut is None:
        return None
    return cut, reason
