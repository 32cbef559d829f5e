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
from ..morphology import CUE_CASE, to_nominative
from .quotes import find_quote_spans, headline_paragraphs
from .sourcing import find_hedges, find_media

_UP = "A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ"
_NAME = rf"[{_UP}][\w’'.-]+(?:\s+(?:(?:da|de|do|dos|das|van|von|der|di|la|le)\s+)?[{_UP}][\w’'-]+){{0,3}}"
_NAME_RE = re.compile(_NAME)


_PREPOSITIONS = {"в", "на", "от", "из", "с", "со", "во", "при", "за", "до", "у", "de", "da", "do", "das", "dos", "em",
                 "no", "na", "nos", "nas", "of", "in", "at", "के", "की", "में", "з", "із", "про",
                 "ao", "aos", "à", "às", "pelo", "pela", "pelos", "pelas", "num", "numa", "com", "para", "sobre"}
# Hindi: words that cannot open a speaker's name (participle and case words before it: "बात करने वाले
# अधिकारी ने", "जवाब देते हुए पुतिन ने"), and the conjunctions that join two sources.
_HI_FUNCTION_WORDS = {"वाले", "वाली", "वाला", "हुए", "हुई", "हुआ", "के", "की", "का", "को", "से", "में", "पर", "ने", "भी",
                      "तो", "ही", "कि", "बाद", "दौरान", "लिए",
                      # conjunctions, relatives and auxiliaries that end a clause before the name ("हालांकि अधिकारी
                      # ने", "… के अनुसार संदिग्ध ने", "राजदूत रहे विलियम मिलर के अनुसार", "इस बीच सूत्रों ने")
                      "जब", "जबकि", "जिसने", "हालांकि", "लेकिन", "अनुसार", "मुताबिक", "रहे", "रही", "जानें", "बीच",
                      "वहीं", "अब"}
# "अपने वादे के मुताबिक" (in keeping with their own promise): a reflexive possessive makes no source of it.
_HI_REFLEXIVE = {"अपने", "अपनी", "अपना"}
_HI_CONJUNCTIONS = {"और", "एवं", "तथा", "व"}
# Portuguese: words that open a sentence with a capital but name no one ("Como disse o ministro: …").
_PT_FUNCTION_WORDS = {"como", "segundo", "também", "já", "ainda", "mas", "porém", "entretanto", "depois", "antes", "além",
                      "assim", "então", "contudo", "todavia", "quando", "se", "após", "durante", "para", "por", "em",
                      "no", "na", "ao", "à", "e", "ou", "isto", "isso", "este", "esta", "esse", "essa", "hoje", "ontem",
                      "agora", "aliás", "enquanto", "mesmo", "num", "numa", "nuns", "numas", "certo", "certamente",
                      "o", "os", "as", "um", "uma"}
_PT_ARTICLES = {"o", "a", "os", "as", "um", "uma"}
# "disse o chefe do Kremlin": after the cue, an article, a role noun (with its adjectives) and its "do …"
# complement name the speaker. Our own list of the nouns that name a person or a body in Portuguese news.
_PT_ROLE_NOUNS = {"presidente", "vice-presidente", "ex-presidente", "ministro", "ministra", "primeiro-ministro",
                  "primeira-ministra", "chefe", "porta-voz", "líder", "ex-líder", "embaixador", "embaixadora",
                  "secretário", "secretária", "secretário-geral", "governante", "responsável", "responsáveis",
                  "deputado", "deputada", "diplomata", "general", "comandante", "especialista", "analista",
                  "investigador", "investigadora", "cientista", "físico", "professor", "professora", "diretor",
                  "diretora", "director", "presidência", "governo", "ministério", "embaixada", "organização",
                  "autarca", "autoridades", "fonte", "fontes", "conselheiro", "conselheira", "assessor",
                  "representante", "dirigente", "militar", "militares", "oficial", "oficiais", "senador", "juiz",
                  "procurador", "chanceler", "rei", "papa", "activista", "ativista", "economista", "politólogo",
                  "historiador", "jornalista", "autor", "autores", "estudo", "relatório", "regulador", "agência",
                  "instituto", "tribunal", "comissão", "exército", "polícia", "parlamento", "gabinete"}
_PT_ROLE_START = re.compile(r"^\s*(?:o|a|os|as)\s+")
_PT_COMPLEMENT = re.compile(r"\s+(?:do|da|dos|das|de)\s+[A-ZÀ-Ý][\w-]+(?:\s+(?:de|da|do)?\s*[A-ZÀ-Ý][\w-]+){0,3}")


# "citado pela agência Interfax", "segundo o jornal Público": a medium that carried the words (Portuguese)
_PT_CARRIED_BY = re.compile(r"(?:citad[oa]s?|entrevistad[oa]s?|ouvid[oa]s?)\s+(?:pel[oa]s?|por)\s+(?:(?:agência|jornal|"
                            r"televisão|canal|rádio|site|estação|emissora|revista|diário)\s+)?$", re.I)


def _pt_role_after(window: str) -> tuple[int, int] | None:
    """(start, end) in ``window`` of "o chefe do Kremlin", "o líder russo", "o atual vice-presidente do Conselho de
    Segurança" right after a cue: up to two lowercase adjectives or nouns around a role noun, and a capitalised
    "do …" complement; None when no role noun heads it."""
    m = _PT_ROLE_START.match(window)
    if not m:
        return None
    words = list(re.finditer(r"[^\s,.;:!?()«»“”\"]+", window[m.end():]))[:4]
    head = next((k for k, w in enumerate(words[:3]) if w.group(0).lower() in _PT_ROLE_NOUNS), None)
    if head is None:
        return None
    end_k = head
    # one adjective after the noun ("o líder russo", "o chefe de Estado ucraniano" is left at "chefe")
    if end_k + 1 < len(words) and re.fullmatch(r"[a-zà-ÿ]+(?:o|a|os|as|ês|esa|eu|eia|ano|ana)", words[end_k + 1].group(0)) \
            and words[end_k + 1].start() - words[end_k].end() == 1 and words[end_k + 1].group(0) not in _PREPOSITIONS \
            and words[end_k + 1].group(0) not in _PT_FUNCTION_WORDS and words[end_k + 1].group(0) not in ("perante", "durante"):
        end_k += 1
    start, end = m.end() + words[0].start(), m.end() + words[end_k].end()
    comp = _PT_COMPLEMENT.match(window, end)
    if comp and end_k == head:
        end = comp.end()
    return start, end


# Russian / Ukrainian rules (no parser; a Russian source's case is undone by ``morphology``): words that open a sentence with a capital but name no one,
# country names in the genitive that stand between a title and a surname ("премьер Эстонии Каллас"), the
# nouns by which an article refers back to an outlet ("издание пишет"), and institutions named in the
# locative after "в" ("В Кремле заявили") with the nominative an analyst reads.
_RU_FUNCTION_WORDS = {"как", "по", "согласно", "об", "о", "в", "во", "на", "со", "с", "это", "тогда", "кроме", "при",
                      "после", "также", "однако", "но", "и", "а", "так", "затем", "поэтому", "именно", "ранее", "позже", "теперь", "сейчас",
                      "вот", "этот", "эта", "эти", "тот", "если", "когда", "пока", "хотя", "уже", "еще", "ещё", "лишь", "даже", "вместе", "между", "для",
                      "як", "за", "також", "проте", "але",
                      # questions ("Почему Зеленский считает, что …") and sentence adverbs ("Накануне министр …")
                      "почему", "зачем", "кто", "что", "где", "куда", "откуда", "разве", "неужели", "накануне", "вчера",
                      "сегодня", "позднее", "утром", "вечером", "ночью", "днем", "днём", "впрочем", "кстати", "итак",
                      "напомним", "дословно", "буквально", "цитата", "чому", "вчора", "сьогодні"}
# After "according to" a pronoun takes its oblique form ("по мнению него" is rare, "според него" is common).
_OBLIQUE_PRONOUNS = {"него", "нея", "тях", "неё", "нее", "них", "нього", "неї"}
_OBLIQUE_PLURAL = {"тях", "них"}
_RELATIVE_PRONOUNS = {"който", "която", "което", "които", "которому", "которой", "которым", "которых", "котрим",
                      "якою", "qual", "quais", "que", "cujo", "cuja"}
# Bulgarian: words that open a sentence with a capital but name no one.
_BG_FUNCTION_WORDS = {"как", "както", "по", "според", "също", "същевременно", "освен", "след", "преди", "така", "но", "и",
                      "а", "обаче", "тогава", "сега", "вече", "дори", "когато", "ако", "докато", "за", "в", "във", "на",
                      "това", "този", "тази", "тези", "онзи", "още", "все", "пак", "именно", "междувременно", "впоследствие", "въпреки", "например",
                      "тоест", "всъщност", "затова", "може", "защото", "така", "защо", "кой", "какво", "вчера", "днес",
                      "накрая", "дословно", "буквално", "цитат"}
_RU_COUNTRY_GENITIVES = {"россии", "рф", "украины", "сша", "ес", "китая", "польши", "литвы", "латвии", "эстонии", "венгрии",
                         "германии", "франции", "италии", "британии", "великобритании", "турции", "беларуси", "белоруссии",
                         "молдавии", "молдовы", "грузии", "казахстана", "израиля", "ирана", "японии", "финляндии", "швеции",
                         "нато", "фрг", "оон", "україни", "росії"}
_RU_OUTLET_NOUNS = {"издание", "газета", "агентство", "еженедельник", "телеканал", "журнал", "портал", "таблоид", "видание",
                    # Bulgarian, with the article: "Изданието цитира …"
                    "изданието", "вестникът", "агенцията", "медията", "телевизията", "сайтът"}
_RU_LOCATIVE_INSTITUTIONS = {"кремле": "Кремль", "пентагоне": "Пентагон", "белом доме": "Белый дом", "госдепе": "Госдеп",
                             "госдепартаменте": "Госдепартамент", "офисе президента": "Офис президента", "минобороны": "Минобороны",
                             "мид": "МИД", "киеве": "Киев", "москве": "Москва", "вашингтоне": "Вашингтон", "брюсселе": "Брюссель"}
_RU_LOCATIVE_NOUNS = {"пресс-службе": "пресс-служба", "министерстве": "министерство", "ведомстве": "ведомство",
                      "правительстве": "правительство", "штабе": "штаб", "администрации": "администрация",
                      "посольстве": "посольство", "офисе": "офис", "генштабе": "генштаб", "минздраве": "минздрав",
                      "аппарате": "аппарат", "командовании": "командование", "руководстве": "руководство"}
_RU_MEDIUM_NOUNS = {"эфире", "интервью", "заявлении", "сообщении", "публикации", "статье", "материале", "докладе",
                    "отчете", "отчёте", "телеграм-канале", "эфірі"}
# "Дословно: «…»": the words of the speaker just named (as a pronoun would be).
_VERBATIM = {"дословно", "буквально", "цитата", "цитирую", "дослівно", "буквално", "цитат", "textualmente", "literalmente"}
# "Политик отметил, что …", "Парламентарий подчеркнула": a role noun opening the sentence refers back to the
# person last named as a speaker (our own list of the nouns Russian, Ukrainian and Bulgarian news use so).
_ROLE_BACKREFS = {"премьер", "политик", "председатель", "парламентарий", "депутат", "эксперт", "аналитик", "политолог",
                  "дипломат", "министр", "президент", "глава", "генерал", "военный", "чиновник", "собеседник", "спикер",
                  "лидер", "губернатор", "мэр", "посол", "сенатор", "канцлер", "военкор", "командир", "журналист",
                  "экономист", "историк", "учёный", "ученый", "премиер", "министърът", "президентът", "политикът",
                  "депутатът", "експертът", "анализаторът", "дипломатът", "генералът", "премиерът", "посланикът",
                  "лідер", "політик", "експерт", "аналітик", "дипломат"}
# A title's country or a body's acronym ("ШОС Путин", "России Владимир Путин", "ВСУ Юрий Игнат") is no part of the
# person's name after it; and after a lower-case noun ("президент России", "Служба безопасности Украины") it
# closes a description that is the speaker.
_ACRONYM = re.compile(r"[A-ZА-ЯЁІЇЄҐ]{2,6}")
_NOT_NOUN = re.compile(r"(?:л|ла|ли|ло|лся|лась|лись)$")  # a past-tense verb ("заявил России" is no phrase)
_NOUN_EXCEPTIONS = {"посол", "посла"}
# Heads of a description a country or an acronym closes ("президент России", "Служба безопасности Украины");
# any other word before the country is no part of the speaker ("назвал историческим визит председателя КНР").
_BODY_HEADS = {"служба", "министерство", "ведомство", "пресс-служба", "посольство", "правительство", "командование",
               "генштаб", "представитель", "генсек", "генсекретарь", "руководство", "администрация", "офис", "штаб",
               "пресс-секретарь", "спикер", "постпред", "замглавы", "вице-премьер", "вице-президент", "служба"}
# "Според някои политици", "Други …": a quantifier alone names nobody; "според мен" is the writer speaking.
_QUANTIFIERS = {"някои", "други", "много", "мнозина", "всички", "некоторые", "некоторых", "другие", "других", "многие",
                "многих", "все", "всех", "одни", "одних", "деякі", "інші", "багато"}
_FIRST_PERSON = {"мен", "мене", "нас", "мне", "меня", "мной", "мною", "нам", "мені", "мною"}
# Pronoun -> what it refers to: "m"asculine, "f"eminine or "p"lural (a plural is never one named speaker).
_PRONOUN_GENDER = {"он": "m", "той": "m", "він": "m", "она": "f", "тя": "f", "вона": "f", "они": "p", "те": "p",
                   "вони": "p"}
_FEMININE_SURNAME = re.compile(r"(?:ова|ева|ёва|ина|ая|ская|ска|цка|ьская)$")
_DEMONSTRATIVES = {"этому", "этой", "этим", "этого", "данному", "данной", "данного", "тому", "той", "цьому", "цій", "цього"}
_RU_ADJECTIVE_END = re.compile(r"(?:ие|ые|ий|ый|ой|ая|яя|ое|ее)$")
_BG_ADJECTIVE_END = re.compile(r"(?:ият|ят|ата|ото|ите)$")
_RU_PLURAL_CUE = re.compile(r"(?:ли|ют|ят)$")  # "заявили", "сообщают": an unnamed body speaks


def _function_words(lang: str) -> set[str]:
    return _BG_FUNCTION_WORDS if lang == "bg" else _PT_FUNCTION_WORDS if lang == "pt" else _RU_FUNCTION_WORDS


def _ru_speaker(text: str, lo: int, cue_start: int, found: tuple, verbs: frozenset = frozenset(),
                lang: str = "ru") -> tuple:
    """Russian / Ukrainian / Bulgarian repairs of a speaker found before the cue (``found``: (mention, start,
    end, is_pronoun)), reading ``text[lo:cue_start]``, the clause before the cue."""
    window = text[lo:cue_start]
    # "В Кремле заявили, что …", "В пресс-службе ведомства Украины заявили": the body named after "в" speaks.
    m = re.match(r"\s*(?:[.!?…»\"]\s*)?(?:В|Во|У)\s+([^,.;:!?«»\"]{2,80}?)\s*(?:также\s+|же\s+|уже\s+)?$", window)
    cue_word = (text[cue_start:cue_start + 16].split() or [""])[0].strip(",.:;!?»\"")
    if m and lang != "bg" and _RU_PLURAL_CUE.search(cue_word):
        phrase = m.group(1).strip()
        s = lo + m.start(1)
        inner = re.search(r".*\s(?:в|во)\s+(\S.*)$", phrase)  # "В 2022 году в НАТО заявили": the last "в" names the body
        if inner:
            s += inner.start(1)
            phrase = inner.group(1)
        head = phrase.split()[0].lower()
        if head in _RU_MEDIUM_NOUNS and len(phrase.split()) > 1:  # "В эфире Центрального телевидения Китая"
            s += len(phrase.split()[0]) + 1
            phrase = phrase[len(phrase.split()[0]) + 1:].lstrip()
        if phrase[:1].isdigit():
            return found
        name = _RU_LOCATIVE_INSTITUTIONS.get(phrase.lower(), _RU_LOCATIVE_INSTITUTIONS.get(phrase.split()[0].lower()))
        shown = name if name and len(phrase.split()) <= 2 else phrase
        first = phrase.split()[0]
        if not name and first.lower() in _RU_LOCATIVE_NOUNS:  # "пресс-службе ведомства Украины" -> "пресс-служба …"
            shown = _RU_LOCATIVE_NOUNS[first.lower()] + phrase[len(first):]
        return (shown, s, s + len(phrase), False)
    mention, s, e, is_pron = found
    if mention is None or is_pron:
        return found
    if re.fullmatch(r"\s+и\s+", text[e:cue_start]):
        # "Сунак обвинил во всём Путина и сказал, что …": the second verb of a coordination shares the first one's
        # subject, the name opening the clause, not the object right before "и".
        fw = _function_words(lang)
        for m in _NAME_RE.finditer(window):
            first = m.group(0).split()[0].lower()
            prev = (window[:m.start()].split() or [""])[-1].lower()
            if lo + m.start() >= s or prev in _PREPOSITIONS or first in fw:
                continue
            if re.search(r"[,;:]", window[m.end():s - lo]) or not re.fullmatch(r"[\s.!?«»\"]*", window[:m.start()][-3:] or " "):
                break  # only a name that opens the clause (nothing but the sentence start before it)
            return (m.group(0), lo + m.start(), lo + m.end(), False)
    words = mention.split()
    # "Российские милитари-блогеры пишут": an adjective opening the sentence heads the noun phrase after it.
    before = text[:s].rstrip()
    bulgarian = lang == "bg"
    ending = _BG_ADJECTIVE_END if bulgarian else _RU_ADJECTIVE_END
    if len(words) == 1 and ending.search(words[0].lower()) and before[-1:] in ("", ".", "!", "?", "\n", "»"):
        rest = text[e:cue_start].strip()
        # Bulgarian: one noun after the adjective ("Украинският президент"), not an adverb in -о ("Армията официално")
        short = 1 <= len(rest.split()) <= 3 and not any(w.endswith("о") for w in rest.split()) if bulgarian \
            else len(rest.split()) <= 3
        if rest and short and not re.search(r"[,;:]", rest):
            phrase = text[s:cue_start].strip()
            last = phrase.split()[-1]
            if len(phrase.split()) > 1 and (last.lower() in verbs or re.fullmatch(r"[а-яё]+(?:ут|ют|ат|ят|ет|ит|ли|ла|л)", last)):
                phrase = phrase[:phrase.rindex(" ")].rstrip()  # "… блогеры пишут:" (a colon cue): the verb is no part
            return (phrase, s, s + len(phrase), False)
    # "премьер Эстонии Каллас", "саммите ШОС Путин": the country or acronym before the name is no part of it.
    if len(words) >= 2 and (words[0].lower() in _RU_COUNTRY_GENITIVES and lang != "bg" or _ACRONYM.fullmatch(words[0])) \
            and words[1].lower() not in _RU_COUNTRY_GENITIVES and not _ACRONYM.fullmatch(words[1]):
        cut = mention.index(words[1], len(words[0]))
        return (mention[cut:], s + cut, e, False)
    # "президент России отметил", "Служба безопасности Украины сообщила": the noun phrase the country closes speaks.
    if len(words) == 1 and lang != "bg" and (words[0].lower() in _RU_COUNTRY_GENITIVES or _ACRONYM.fullmatch(words[0])):
        phrase_start = _noun_phrase_start(text, lo, s, lang)
        head = text[phrase_start:s].split()[:1]
        if phrase_start < s and head and head[0].lower() in _ROLE_BACKREFS | _BODY_HEADS:
            return (text[phrase_start:e], phrase_start, e, False)
    return found


def _opens_sentence(text: str, i: int) -> bool:
    """``text[i]`` opens a sentence or a paragraph (a title line before it ends with no full stop)."""
    before = text[:max(i, 0)]
    return not before.strip() or before.rstrip()[-1:] in (".", "!", "?", "»", "\"", "…") or before.rstrip(" \t").endswith("\n")


def _noun_phrase_start(text: str, lo: int, s: int, lang: str) -> int:
    """Where the lower-case noun phrase right before ``text[s]`` begins (up to three words, and a capitalised first
    word of the sentence: "Служба безопасности"); ``s`` when there is none."""
    fw = _function_words(lang)
    start = s
    for m in reversed(list(re.finditer(r"[\w’'-]+", text[lo:s]))):
        word = m.group(0)
        if m.start() == 0 and lo > 0 and text[lo - 1].isalnum():
            break  # the window cut a word ("…ны РФ" of "Минобороны РФ")
        gap = text[lo + m.end():start]
        if gap.strip() or len(gap) > 2 or (s - (lo + m.start())) > 60:
            break
        low = word.lower()
        if low in _PREPOSITIONS or low in fw or (_NOT_NOUN.search(low) and low not in _NOUN_EXCEPTIONS):
            break
        if not word.islower():
            if _opens_sentence(text, lo + m.start()) and not _ACRONYM.fullmatch(word):
                start = lo + m.start()  # the sentence's first word opens the phrase
            break
        start = lo + m.start()
        if len(re.findall(r"\S+", text[start:s])) >= 3:
            break
    return start


def _ru_outlet_before(text: str, offset: int, lex: Lexicon) -> str | None:
    """The outlet named last before ``offset`` (for "издание", "газета" referring back to it)."""
    media = find_media(text[max(0, offset - 1500):offset], lex)
    return media[-1][2] if media else None


def _looks_adjective(word: str) -> bool:
    """A lower-case Bulgarian or Russian word with an adjective's ending (definite or indefinite)."""
    return bool(_BG_ADJECTIVE_END.search(word) or _RU_ADJECTIVE_END.search(word) or re.search(r"(?:на|но|ни|ски|ска|ско)$", word))


def _source_length(rest: str, lex: Lexicon) -> int:
    """Length of the source phrase at the start of ``rest`` when no comma ends it."""
    m = re.match(r"\s*([„“«\"])([^”“»\"]{1,60})[”“»\"]", rest)
    if m:
        return m.end()
    words = list(re.finditer(r"\S+", rest))
    if len(words) > 1 and words[0].group(0).lower() in _PT_ARTICLES:
        words = words[1:]  # "segundo a agência …": the article opens no source
    if not words:
        return 0
    if words[0].group(0).lower() in _QUANTIFIERS and len(words) > 1:
        i = 1  # "според някои политици": the quantifier's noun (after its adjectives)
        while i + 1 < len(words) and i < 3 and _looks_adjective(words[i].group(0).lower()):
            i += 1
        return words[i].end()
    end_i = 0
    i = 0
    while i + 2 < len(words) and words[i + 1].group(0).lower() in _PREPOSITIONS:
        i += 2
        if i + 1 < len(words) and _looks_adjective(words[i].group(0).lower()) and words[i + 1].group(0).lower() not in _PREPOSITIONS:
            i += 1  # "данни на Националните центрове …": the adjective's noun
        end_i = i
    if words[0].group(0)[:1].isupper():  # a name: its capitalised words
        while end_i + 1 < len(words) and words[end_i + 1].group(0)[:1].isupper() and end_i < 3:
            end_i += 1
        # "Световната метеорологична организация": a capitalised adjective leads a lowercase noun phrase
        if end_i == 0 and _looks_adjective(words[0].group(0).lower()):
            while end_i + 1 < len(words) and end_i < 3 and words[end_i + 1].group(0).islower() \
                    and words[end_i + 1].group(0) not in _PREPOSITIONS | _BG_FUNCTION_WORDS | _RU_FUNCTION_WORDS:
                end_i += 1
                if not _looks_adjective(words[end_i].group(0)):
                    break  # the noun closes it
    return words[end_i].end()


def _named(speaker: str | None) -> bool:
    """A speaker named by a name, not a title, a country or an acronym alone (what "Политик отметил" refers to)."""
    return bool(speaker) and any(w[:1].isupper() for w in speaker.split()) and not _ACRONYM.fullmatch(speaker) \
        and speaker.lower() not in _RU_COUNTRY_GENITIVES and speaker.split()[0].lower() not in _ROLE_BACKREFS


def _agrees(pronoun: str, speaker: str) -> bool:
    """A singular pronoun may refer to ``speaker`` (a masculine one not to a feminine surname: "Он" ≠ "Захарова")."""
    gender = _PRONOUN_GENDER.get(pronoun.lower())
    if gender == "p":
        return False
    return gender != "m" or not _FEMININE_SURNAME.search(speaker.split()[-1].lower())


def _resolve_back(text: str, quotes: list[tuple[Quote, int]], refers_back: dict[int, str], lang: str,
                  lex: Lexicon) -> None:
    """In text order: a pronoun takes the person last named, as a speaker or as the subject opening the sentence
    before ("Тръмп обещава … . Той заяви, че"); a role noun ("Политик") the last speaker named by a name. A
    plural pronoun, or one with nobody to refer to, leaves the speaker unknown rather than guess."""
    if lang not in ("ru", "uk", "bg"):
        # Portuguese leaves the subject out ("«…», disse"): the last speaker found, whoever it was
        last_any = None
        for q, _ in quotes:
            if refers_back.get(id(q)) == "pronoun":
                q.speaker = last_any
            elif q.speaker:
                last_any = q.speaker
        return
    named_speakers = {q.speaker.split()[-1] for q, _ in quotes if refers_back.get(id(q)) is None and _named(q.speaker)}
    fw = _function_words(lang)
    last: tuple[str, int] | None = None  # (speaker, where it was named)
    for q, _ in quotes:
        how = refers_back.get(id(q))
        at = q.speaker_start if q.speaker_start is not None and q.speaker_start >= 0 else min(q.start, q.cue_start)
        if how == "pronoun":
            pronoun = (q.speaker_mention or "").lower()
            pool = [last] if last and (not pronoun or _agrees(pronoun, last[0])) else []
            subject = _sentence_subject(text, at, fw)
            if subject and subject[0].split()[-1] in named_speakers and (not pronoun or _agrees(pronoun, subject[0])):
                pool.append(subject)
            pick = max((c for c in pool if c[1] < at), key=lambda c: c[1], default=None)
            q.speaker = pick[0] if pick else None
            if q.speaker is None:
                q.speaker_type = "unknown"
        elif how == "backref":
            if last:
                q.speaker = last[0]
            elif q.speaker:
                last = (q.speaker, at)  # "— признается политик. Он считает": the description is all we have
        elif q.speaker and _named(q.speaker) and q.speaker_type != "organisation" and not q.anonymous \
                and not find_media(q.speaker, lex) and not (lang in ("ru", "uk", "bg") and re.match(r"[A-Za-z]", q.speaker)):
            # an outlet is not who "Той" is; a Cyrillic text writes a person in Cyrillic, so a Latin-script name
            # ("China Daily", "BulgarianMilitary.com") is an outlet or a body
            last = (q.speaker, at)


def _sentence_subject(text: str, at: int, fw: set[str]) -> tuple[str, int] | None:
    """The name opening the sentence before the one holding ``at`` (a function word may precede it)."""
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at))
    if start < 0:
        return None
    prev = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    m = re.match(r"\s*(?:([\w’'-]+)\s+)?", text[prev:start])
    for offset in ([0, m.end()] if m and m.group(1) and m.group(1).lower() in fw else [0]):
        pos = prev + offset
        pos += len(text[pos:start]) - len(text[pos:start].lstrip())
        n = _NAME_RE.match(text, pos, start)
        if n and n.group(0).split()[0].lower() not in fw | _PREPOSITIONS and _named(n.group(0)):
            return n.group(0), n.start()
    return None


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
    verb_words = frozenset(v.lower() for v in rules["verbs"])
    sents = sentences(text)
    quotes: list[tuple[Quote, int]] = []
    # Pronouns ("Он добавил") and back-references ("Политик отметил") are resolved once every quote is found, in
    # text order (direct quotes are found before indirect ones): quote id -> "pronoun" | "backref".
    refers_back: dict[int, str] = {}

    def speaker_near(lo: int, hi: int, prefer_after: bool) -> tuple[str | None, int, int, bool]:
        """A name (or pronoun) in text[lo:hi] next to the cue; returns (mention, start, end, is_pronoun)."""
        window = text[lo:hi]
        if lang == "hi":
            # "’व्हाइट हाउस’ (… आवास एवं कार्यालय) ने": the name before the bracketed gloss speaks
            window = re.sub(r"\s*\([^()]{1,80}\)(?=\s+ने(?!\S))", lambda g: " " * len(g.group(0)), window)
            m = re.search(r"[‘’'\"“”]?(\S+?(?:\s+\S+?)?)[‘’'\"“”]?\s+ने(?!\S)", window)
            if m:
                first = m.group(1).split()
                if len(first) == 2 and first[0] in _HI_FUNCTION_WORDS:  # "बात करने वाले अधिकारी ने", "देते हुए पुतिन ने"
                    return first[1], lo + m.end(1) - len(first[1]), lo + m.end(1), first[1] in pronouns
                return m.group(1), lo + m.start(1), lo + m.end(1), m.group(1) in pronouns
        words = list(re.finditer(r"[\w’'-]+", window))
        # "Он добавил", "Ele disse": a capitalised pronoun is a pronoun, not a name
        cands = [m for m in _NAME_RE.finditer(window) if m.group(0).lower() not in pronouns]
        # A name after a preposition is a place or an object, never the speaker ("после поездки в Россию заверил").
        free = [m for m in cands if (window[:m.start()].split() or [""])[-1].lower() not in _PREPOSITIONS]
        # Portuguese drops the subject ("…», declarou no discurso na Praça Vermelha"): a name after a preposition
        # is a place or a medium there, never a fallback speaker.
        cands = free if lang == "pt" and prefer_after else (free or cands)
        if lang == "pt":
            cands = [m for m in cands if m.group(0).split()[0].lower() not in verb_words]  # "Reconheceu que …"
            if prefer_after:
                # the inverted subject comes right after the cue ("disse Putin", "afirmou o ministro X"); a name
                # after a comma ("frisou ainda, aproveitando para elogiar … Moscovo") is in another clause
                comma = window.find(",")
                second = window.find(",", comma + 1) if comma >= 0 else -1
                # "afirmou o primeiro-ministro irlandês, Leo Varadkar": a name set off after a short role phrase
                appos = comma > 0 and bool(_PT_ROLE_START.match(window)) and len(window[:comma].split()) <= 8
                limit = len(window) if comma < 0 else (second if second > 0 else len(window)) if appos else comma
                cands = [m for m in cands if m.start() < limit or m.start() < 3]
        if lang == "pt" and not prefer_after:
            # "John Cook, professor do Centro … da Universidade George Mason, assegurou que": the person before the
            # role apposition speaks, not the institution that closes it
            for c in sorted(cands, key=lambda m: -m.start()):
                ap = re.match(r",\s+(?:[oa]s?\s+)?([\w-]+)[^,;.!?«»“”\"]{0,160},\s*$", window[c.end():])
                if ap and ap.group(1).lower() in _PT_ROLE_NOUNS:
                    return c.group(0), lo + c.start(), lo + c.end(), False
            # "Sergei Shoigú, citado pela agência Interfax, afirmou": the medium that carried it is not the speaker
            carried = [c for c in cands if _PT_CARRIED_BY.search(window[:c.start()])]
            cands = [c for c in cands if c not in carried] or cands
            # "O responsável do Departamento de Estado norte-americano disse que": the role phrase before the cue
            tail = re.search(r"(?:^|[\s;])(?:[Oo]s?|[Aa]s?)\s+([^,;.!?«»“”\"]{3,90}?)\s*$", window)
            if tail and any(w.lower() in _PT_ROLE_NOUNS for w in tail.group(1).split()[:3]):
                return tail.group(1), lo + tail.start(1), lo + tail.end(1), False
        if lang == "pt" and prefer_after:
            role = _pt_role_after(window)
            first = min(cands, key=lambda m: m.start()) if cands else None
            # the role phrase speaks when no name follows it, or the only name is its complement ("do Kremlin");
            # "o primeiro-ministro irlandês, Leo Varadkar" names the person
            if role and (first is None or role[0] <= first.start() < role[1]):
                # "o porta-voz do Ministério da Defesa russo, Igor Konashenkov": the person named after the role
                named = next((m for m in cands if m.start() >= role[1] and
                              re.fullmatch(r"(?:\s+[a-zà-ÿ]+)?\s*,\s*", window[role[1]:m.start()])), None)
                if named is not None:
                    return named.group(0), lo + named.start(), lo + named.end(), False
                return window[role[0]:role[1]], lo + role[0], lo + role[1], False
        if lang in ("ru", "uk", "bg", "pt"):
            # "Как сказал …", "Както каза …", "Същевременно Лавров": a capitalised function word is nobody.
            # "От НАТО заявиха": a capitalised preposition neither; "Други …", "Някои": a quantifier alone is nobody.
            fw = _function_words(lang) | (_PREPOSITIONS if lang != "pt" else set())
            cands = [m for m in cands if m.group(0).split()[0].lower() not in fw or len(m.group(0).split()) > 1]
            cands = [m if m.group(0).split()[0].lower() not in fw else
                     _NAME_RE.match(window, m.start() + len(m.group(0).split()[0]) + 1) or m for m in cands]
            cands = [m for m in cands if m.group(0).lower() not in _QUANTIFIERS]
            if prefer_after and lang != "pt":
                # "— подчеркнул депутат": a role noun right after the cue refers back to the person last named
                role = re.match(r"\s*([\w-]+)(?=[\s.,;!?]|$)", window)
                if role and role.group(1).lower() in _ROLE_BACKREFS and (not cands or cands[0].start() > role.end()
                                                                        and re.search(r"[.,;!?]", window[role.end():cands[0].start()])):
                    return role.group(1), lo + role.start(1), lo + role.end(1), False
            if prefer_after:
                # "сказал бывший командующий армией США в Европе генерал Бен Ходжес": the person's name, not an
                # acronym of the description before it.
                named = [m for m in cands if not m.group(0).isupper()]
                cands = named or cands
        prons = [w for w in words if w.group(0).lower() in pronouns]
        pool = [(m, False) for m in cands] + [(w, True) for w in prons]
        if not pool:
            return None, -1, -1, False
        m, is_pron = (min(pool, key=lambda x: x[0].start()) if prefer_after else max(pool, key=lambda x: x[0].end()))
        return m.group(0), lo + m.start(), lo + m.end(), is_pron

    def repaired(lo: int, cue_start: int, who: tuple) -> tuple:
        """``who`` after the Cyrillic-language repairs (``_ru_speaker``); unchanged in other languages."""
        return _ru_speaker(text, lo, cue_start, who, verb_words, lang) if lang in ("ru", "uk", "bg") else who

    def make(content: tuple[int, int], kind: str, cue: tuple[int, int, str], who, case: str | None = None) -> Quote | None:
        """``case``: the grammatical case the cue gives a Russian source ("по словам" + genitive), so the
        speaker is named in the nominative (``morphology``)."""
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
            at_start = _opens_sentence(text, s)
            if len(words) >= 3 and at_start and words[1][:1].isupper():
                # "Президентът Румен Радев", "Министр Сергей Лавров": a capitalised title opens the sentence.
                s += len(mention) - len(" ".join(words[1:]))
                mention = " ".join(words[1:])
                words = words[1:]
                if len(words) >= 3 and re.match(r"[А-ЯЁІЇЄҐ]", words[0]) and not re.search(r"(?:вич|вна|ична|ьич)$", words[-2]):
                    # "Премьер-министр Венгрии Виктор Орбан": the country after the title is no part of the name.
                    s += len(mention) - len(" ".join(words[-2:]))
                    mention = " ".join(words[-2:])
            if lang in ("ru", "uk", "bg") and len(words) >= 3 and _ACRONYM.fullmatch(words[0]) and \
                    all(re.match(r"[А-ЯЁІЇЄҐ][а-яёіїєґ]", w) for w in words[1:]):
                s += len(mention) - len(" ".join(words[1:]))  # "УНИЦЕФ Катрин Ръсел": the body's acronym is no part
                mention = " ".join(words[1:])
            e = s + len(mention)
        speaker = None if is_pron else mention
        backref = lang in ("ru", "uk", "bg") and bool(mention) and not is_pron and len(mention.split()) == 1 \
            and mention.lower() in _ROLE_BACKREFS and (_opens_sentence(text, s) or not text[cue[1]:s].strip(" ,—–-"))
        if lang == "ru" and case and speaker and not is_pron:
            speaker = to_nominative(speaker, case)
        if lang in ("ru", "uk", "bg") and mention and mention.lower() in _RU_OUTLET_NOUNS:
            speaker = _ru_outlet_before(text, s, lex) or mention  # "Как сообщает издание" after "газета WSJ"
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
        if is_pron or backref:
            refers_back[id(q)] = "pronoun" if is_pron else "backref"
        if mention == "":  # a subject the language left out: the speaker is the last one, named nowhere here
            q.speaker_mention, q.speaker_start, q.speaker_end = None, -1, -1
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
            if who[0] is None and lang == "pt" and quotes:
                # "«…», disse, salientando …": Portuguese leaves out a subject it has just named
                who = ("", -1, -1, True)
        else:
            m = list(verb_re.finditer(before))
            if not m or not before.rstrip().endswith((":", ",", "—")):
                if before.rstrip().endswith(":") and len(text[qs.start:qs.end].split()) >= 3:
                    colon = qs.open_at - (len(before) - len(before.rstrip())) - 1
                    lead = text[max(para_start, colon - 80):colon]
                    last_word = (re.findall(r"[\w’'-]+", lead) or [""])[-1].lower()
                    if last_word in _VERBATIM:
                        who = ("", -1, -1, True)  # "Дословно: «…»": the speaker just named
                    else:
                        who = repaired(max(para_start, colon - 80), colon, speaker_near(max(para_start, colon - 80), colon, False))
                        if lang == "bg" and who[0] and " " not in who[0] and _opens_sentence(text, who[1]) and \
                                re.search(r"(?:ът|ят|то|та|те)$", who[0]) and who[0].lower() not in _ROLE_BACKREFS | _RU_OUTLET_NOUNS:
                            continue  # "Заключението е следното: „…“": a common noun with its article, nobody speaking
                        if who[0] is not None and lang in ("ru", "uk", "bg") and (len(text[who[2]:colon].split()) > 3 or
                                                                    re.search(r"[.!?…]\s", text[who[2]:colon]) or
                                                                    ")" in text[who[2]:colon] or "(" in text[who[1] - 1:who[1]]):
                            continue  # a name far from the colon (or in brackets) introduces nothing: no attribution
                    q = make((qs.start, qs.end), "direct", (colon, colon + 1, ":"), who)
                    if q:
                        quotes.append((q, qs.start))
                continue
            m = m[-1]
            base = qs.open_at - len(before)
            cue = (base + m.start(), base + m.end(), m.group(1))
            who = repaired(max(para_start, base), cue[0], speaker_near(max(para_start, base), cue[0], prefer_after=False))
            if who[0] is None:
                who = speaker_near(cue[1], qs.open_at, prefer_after=True)
        q = make((qs.start, qs.end), "direct", cue, who)
        if q:
            quotes.append((q, qs.start))

    # Indirect: "<verb>, <complementiser> ..." and "according to X, ...".
    comp = _alt(rules["complementisers"])
    # Russian, Ukrainian, Bulgarian: up to three words may stand between the verb and ", что" ("рассказал
    # журналистам, что", "заявил в эфире, что"); the comma is then required.
    between = r"((?:\s+[^\s,.;:!?«»\"“”]+){1,3}\s*,|\s*,?)" if lang in ("ru", "uk", "bg") else r"(\s*,?)"
    ind_re = re.compile(r"(?<!\w)(" + _alt(rules["verbs"]) + r")(?!\w)" + between + r"\s*(" + comp + r")(?!\w)", re.I)
    # "каза той и добави, че": a pronoun, a verb or a conjunction between them belongs to another clause
    not_between = pronouns | verb_words | {"и", "а", "но", "или", "та", "і", "й", "да"}
    # A cue in the first or second person inside quotation marks is the quoted person's own speech ("«Дочкам я
    # сказал, что …»"), not the text reporting someone.
    quoted = [(qs.open_at, qs.close_at) for qs in find_quote_spans(text)]
    speaking = {"я", "мы", "ты", "вы", "аз", "ние", "ти", "ви", "ми"}
    acc_re = re.compile(r"(?<!\w)(" + _alt(rules["according_to"]) + r")(?!\w)", re.I)
    taken = [(q.start, q.end) for q, _ in quotes]
    for ss, se in sents:
        sent = text[ss:se]
        for m in ind_re.finditer(sent):
            if any(w.lower() in not_between for w in re.findall(r"[\w’'-]+", m.group(2))):
                m = ind_re.search(sent, m.start(1) + len(m.group(1)))  # the later verb's own match
                if m is None or any(w.lower() in not_between for w in re.findall(r"[\w’'-]+", m.group(2))):
                    continue
            opened = max((a for a, b in quoted if a < ss + m.start(1) < b), default=None)
            if opened is not None and speaking & {w.lower() for w in re.findall(r"\w+", text[max(opened, ss):ss + m.start(1)])}:
                continue
            content = (ss + m.end(), se)
            if any(a < content[1] and content[0] < b for a, b in taken):
                continue
            who = repaired(ss, ss + m.start(1), speaker_near(ss, ss + m.start(1), prefer_after=False))
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
                words_before = head[cut:].split()
                # "एक टेलीग्राम चैनल और अन्य रूसी और यूक्रेनी सोर्स के मुताबिक": a source joined by "और" runs back
                # over the conjunction (two words before it), at most nine words
                k = max(0, len(words_before) - 3)
                while k > 0 and len(words_before) - k < 9 and (words_before[k] in _HI_CONJUNCTIONS or
                                                               words_before[k - 1] in _HI_CONJUNCTIONS):
                    k = max(0, k - 2)
                src_words = words_before[k:]
                while src_words and src_words[0] in _HI_FUNCTION_WORDS | _HI_CONJUNCTIONS:
                    src_words = src_words[1:]
                if src_words and re.fullmatch(r"\((\S+)\)", src_words[-1]):
                    src_words = [src_words[-1][1:-1]]  # "… एनवायरनमेंट (सीएसई) के अनुसार": the acronym names it whole
                if not src_words or _HI_REFLEXIVE & set(src_words):
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
            lead_words = sent[m.end():src_end].split() if src_end > 0 else []
            # "Segundo o atual vice-presidente do Conselho de Segurança da Rússia, …": a long noun phrase that
            # opens with an article runs to the comma too
            long_np = lang == "pt" and lead_words and lead_words[0].lower() in _PT_ARTICLES and len(lead_words) <= 12 \
                and not verb_re.search(sent[m.end():src_end])
            runs_on = src_end < 0 and m.start() >= 3 and len(sent[m.end():].split()) > 8
            if runs_on or m.start() < 3 and (src_end < 0 or len(lead_words) > 6 and not long_np):
                # (mid-sentence, no comma, a long clause after it: "които според Полша нарушават …" is not all source)
                # No comma closes the source ("Според източници в парламента гласуването ..."): take a quoted
                # name, or a noun with its prepositional phrases.
                src_end = m.end() + _source_length(sent[m.end():], lex)
            src_end = len(sent) if src_end < 0 else src_end
            src = sent[m.end():src_end].strip()
            src_end_shift = 0
            if lang == "pt" and src.split() and src.split()[0].lower() in _PT_ARTICLES and len(src.split()) > 1:
                # "segundo a agência Reuters": the source without its article
                src_end_shift = len(src) - len(src.split(None, 1)[1])
                src = src.split(None, 1)[1]
            if src.split() and src.split()[0].lower() in _RELATIVE_PRONOUNS:
                continue  # "указ, според който …", "по которому …": the clause of a document, no speaker
            if m.start() >= 3 and m.group(1).lower().startswith(("citado", "citada")) and \
                    verb_re.match(sent[src_end:].lstrip(" ,")):
                continue  # "X, citado pela agência Interfax, afirmou …": the agency only carried X's words
            if lang in ("ru", "uk"):
                # "Согласно информации Wall Street Journal": the source is the outlet, not "информации".
                lead = re.match(r"(?:информации|данным|сведениям|словам|мнению|заявлению|сообщению|оценке|оценкам)\s+(?=\S)", src)
                if lead and len(src.split()) > 1:
                    src_end_shift = len(lead.group(0))
                    src = src[src_end_shift:]
                if re.fullmatch(r"[а-яёіїєґ]+(?:ому|ему)", src):  # "Согласно первому, …": a dative word, nobody
                    continue
                if src.split()[0].lower() in _DEMONSTRATIVES:
                    continue  # "согласно этому параграфу, …": a document the text has just named, no speaker
            if len(src.split()) > 1 and src.split()[-1].lower() in verb_words:
                src = src[:src.rindex(" ")].rstrip()  # "со ссылкой на источники отмечает, что": the verb is no part
            if not src or src.split()[0].lower().strip(".,;:!?…") in _FIRST_PERSON:
                continue  # "според мен": the writer's (or the interviewee's) own view
            if src.lower() in _QUANTIFIERS:
                continue  # "Според някои, …": nobody named
            s = ss + m.end() + (len(sent[m.end():src_end]) - len(sent[m.end():src_end].lstrip())) + src_end_shift
            if src.split()[0].lower() in _OBLIQUE_PRONOUNS | pronouns:
                src = src.split()[0]  # "според него, …", "according to him": the last speaker
            # a plural ("според тях") is not the last (single) speaker: it stays as written
            who = (src.rstrip(" ."), s, s + len(src.rstrip(" .")), src.lower() in pronouns | _OBLIQUE_PRONOUNS - _OBLIQUE_PLURAL)
            if m.start() < 3:
                content = (ss + src_end + (1 if sent[src_end:src_end + 1] == "," else 0), se)
            else:
                content = (ss, ss + m.start())
            if any(a < content[1] and content[0] < b for a, b in taken):
                continue
            case = CUE_CASE.get(m.group(1).lower())
            if case == "datv" and src_end_shift:
                case = "gent"  # "Согласно информации Пескова": the source is the genitive after the noun
            q = make(content, "indirect", (ss + m.start(), ss + m.end(), m.group(1)), who, case)
            if q:
                q.speaker_type = "anonymous" if q.anonymous else ("organisation" if find_media(src, lex) else "person" if _NAME_RE.match(src) else "unknown")
                quotes.append((q, q.start))
                taken.append((q.start, q.end))

    if lang not in ("ru", "uk", "bg"):
        _resolve_back(text, quotes, refers_back, lang, lex)  # in the order found (direct quotes first), as tuned
    quotes.sort(key=lambda x: x[1])
    if lang in ("ru", "uk", "bg"):
        _resolve_back(text, quotes, refers_back, lang, lex)
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
