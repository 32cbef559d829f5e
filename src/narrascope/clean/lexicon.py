"""Cue words of page furniture in the five languages (EN, RU, BG, PT, HI).

These are *stems and phrase shapes*, not a list of exact lines: a rule in
:mod:`narrascope.clean.rules` fires only when a cue meets a shape (a short
line, an imperative at the start, a second-person address, a line with no
sentence punctuation ...). Add a language by adding alternatives here.
"""
from __future__ import annotations

import re

_I = re.IGNORECASE | re.UNICODE

# Headers that open a block of links to other stories ("Related coverage:",
# "ALSO READ", "Читайте также", "Още по темата", "Leia também", "यह भी पढ़ें").
RELATED_HEADER = re.compile(
    r"""^(?:
      related(?:\s+(?:coverage|stories|articles|news|content|reading|topics|links|posts|videos))?
    | read\s+(?:more|also|next|this\s+next|more\s+about\s+this|on)
    | also\s+(?:read|see|on\s+\w+)
    | see\s+also | further\s+reading | more\s+coverage | don'?t\s+miss | must\s+read
    | more\s+(?:from|on|about|in|news|stories|like\s+this|to\s+read|top\s+stories|headlines|videos|from\s+\w+)
    | other\s+(?:news|stories|headlines) | latest(?:\s+(?:news|stories|headlines|updates|videos))?
    | most\s+(?:read|popular|viewed|shared|watched|commented) | popular(?:\s+(?:now|stories|articles|news|today))?
    | trending(?:\s+(?:now|stories|news|today))? | top\s+(?:stories|news|headlines|picks)
    | recommended(?:\s+(?:for\s+you|stories|reading|articles|videos))? | editor'?s\s+picks?
    | you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested(?:\s+in)?|have\s+missed)
    | what\s+to\s+read\s+next | up\s+next | watch\s+(?:more|next|also) | in\s+case\s+you\s+missed\s+it
    | читайте(?:\s+(?:также|тж\.?|по\s+теме|ещё|еще))? | (?:ещё|еще)\s+по\s+теме | по\s+теме
    | другие\s+новости | смотрите\s+также | популярное | самое\s+(?:читаемое|популярное|интересное)
    | последние\s+новости | новости\s+по\s+теме | материалы\s+по\s+теме | рекомендуем | лента\s+новостей
    | още\s+(?:по\s+темата|новини|от\s+\w+|статии) | прочетете\s+(?:още|също) | вижте\s+(?:още|също)
    | най-?(?:четени|нови|популярни|коментирани) | последни\s+новини | свързани(?:\s+(?:новини|статии|публикации))?
    | препоръчано | препоръчваме
    | leia\s+(?:também|tambem|mais) | veja\s+(?:também|tambem|mais) | mais\s+(?:lidas|lidos|notícias|noticias|sobre\s+\w+|de\s+\w+)
    | outras\s+(?:notícias|noticias) | últimas(?:\s+notícias)? | notícias\s+relacionadas | relacionad[ao]s | saiba\s+mais
    | (?:यह|ये)\s+भी\s+(?:पढ़ें|पढ़े|देखें) | और\s+पढ़ें | संबंधित\s+(?:खबरें|ख़बरें|लेख|समाचार) | ताज़ा\s+(?:खबरें|ख़बरें)
    | टॉप\s+(?:खबरें|न्यूज़)
    )(?!\w)""",
    _I | re.VERBOSE,
)

# Sign-up, subscription, follow-us, app and donation prompts.
SIGNUP = re.compile(
    r"""(?:
      \bsign[\s-]*(?:up|in)\b | \bsubscribe\b | \bdonations?\b | \bsupport\s+(?:our|us|the)\s+(?:work|reporting|newsroom)\b | \bsubscription\b | \bnewsletters?\b | \blog\s*(?:in|on)\b | \blogin\b
    | \bregister\b | \bcreate\s+(?:a\s+)?(?:free\s+)?account\b | \benter\s+your\s+e-?mail\b | \binbox\b
    | \bfollow\s+us\b | \bjoin\s+(?:us|our)\b | \bdownload\s+(?:our|the)\s+(?:free\s+)?app\b | \bbecome\s+a\s+(?:member|subscriber|patron|supporter)\b
    | \balready\s+a\s+(?:subscriber|member)\b | \bsupport\s+(?:our|independent|quality)\s+journalism\b | \bdonate\b
    | \bfree\s+trial\b | \bto\s+continue\s+reading\b | \bunlimited\s+access\b | \bsubscribers?\s+only\b
    | подпис(?:ывайтесь|аться|ку|ка|ывайся|чик) | подпишитесь | рассылк | \bвойти\b | зарегистр | присоединяйтесь
    | наш(?:ем|)\s+(?:телеграм|telegram|канал|канале) | скачайте | поддержите
    | абонира | абонамент | последвайте | регистрирайте | \bвлезте\b | бюлетин | присъединете
    | \bassine\b | assinatura | inscreva | cadastr | siga-nos | \bsiga\s+(?:o|a|nosso|nossa)\b | \breceba\b | \bbaixe\b | assinante | \bapoie\b
    | सब्सक्राइब | सदस्यता | फॉलो\s+करें | से\s+जुड़ें | लॉग\s*इन | डाउनलोड\s+करें | न्यूज़लेटर
    )""",
    _I | re.VERBOSE,
)

# Words a UI prompt starts with (an imperative), so "Sign up now" fires but
# "Reservists were told to sign up." does not.
IMPERATIVE_START = re.compile(
    r"""^(?:(?:sign\s*up|sign\s*in|subscribe|register|log\s*in|join|follow|download|get|enter|become|support|donate
    | click|tap|share|read|watch|listen|like|create|try|unlock|start|continue|don'?t\s+miss|never\s+miss|stay\s+(?:informed|updated|up\s+to\s+date)
    | подпишитесь|подписывайтесь|подписаться|присоединяйтесь|скачайте|читайте|смотрите|поддержите|зарегистрируйтесь|войдите|нажмите|следите
    | абонирайте|последвайте|регистрирайте|влезте|изтеглете|присъединете|прочетете|вижте|следете|натиснете
    | assine|inscreva-se|inscreva|cadastre-se|siga|receba|baixe|apoie|clique|leia|veja|entre|acompanhe|compartilhe
    )\b|सब्सक्राइब|फॉलो|जुड़ें|डाउनलोड|क्लिक|पढ़ें|देखें)""",
    _I | re.VERBOSE,
)

SECOND_PERSON = re.compile(
    r"\b(?:you|your|you're|yours)\b|\b(?:вы|вас|вам|ваш\w*)\b|\b(?:вие|вас|ваш\w*)\b|\b(?:você|vocês|seu\s+e-?mail)\b|\bआप\w*",
    _I,
)

CONSENT = re.compile(
    r"""(?:
      \bcookies?\b | \bprivacy\s+(?:policy|notice|settings|statement)\b | \bterms\s+(?:of\s+(?:use|service)|and\s+conditions)\b
    | \bpersonal\s+data\b | \bconsent\b | \bgdpr\b | \bpartners?\s+(?:use|process)\b | \bmanage\s+(?:your\s+)?(?:settings|preferences|choices|cookies)\b
    | cookie-?файл | файл\w*\s+cookie | \bкуки\b | политик\w+\s+конфиденциальности | персональн\w+\s+данн
    | бисквитк | политика\s+за\s+поверителност | лични\s+данни | поверителност
    | política\s+de\s+privacidade | dados\s+pessoais | \bconsentimento\b
    | कुकीज़ | कुकी | गोपनीयता\s+नीति
    )""",
    _I | re.VERBOSE,
)

# Whole-line buttons of a consent or paywall box.
BUTTON = re.compile(
    r"""^(?:(?:i\s+)?(?:accept|agree|consent)(?:\s+(?:all|cookies|and\s+close|&\s+close))? | reject(?:\s+all)? | decline(?:\s+all)?
    | allow\s+(?:all|cookies|selection) | (?:manage|cookie|privacy)\s+(?:settings|preferences|options|choices)
    | more\s+options | customi[sz]e | got\s+it | ok(?:ay)? | continue\s+without\s+(?:accepting|agreeing) | close | dismiss | no,?\s+thanks
    | принять(?:\s+все)? | согласен | отклонить | настройки | приемам(?:\s+всички)? | съгласен | отказвам | настройки
    | aceitar(?:\s+todos)? | concordo | rejeitar | configurações | स्वीकार(?:\s+करें)? | अस्वीकार
    )$""",
    _I | re.VERBOSE,
)

COMMENT = re.compile(
    r"""(?:
      \b(?:post|leave|add|write|submit|view|show|see|read|hide|load|open|close|display)\s+(?:a\s+|your\s+|all\s+|the\s+|more\s+|\d+\s+)?comments?\b
    | ^comments?(?:\s*[(\[]?\d+[)\]]?)?$ | ^[(\[]?\s*\d+\s+comments?\s*[)\]]?$ | \byou\s+are\s+commenting\s+using\b | \bcomments?\s*[(\[]\d+[)\]] | \bbe\s+the\s+first\s+to\s+comment\b
    | \bjoin\s+the\s+(?:conversation|discussion|debate)\b | \bhave\s+your\s+say\b | \bshare\s+your\s+(?:thoughts|views|opinion|comments?)\b
    | \blogged\s+in\s+to\s+(?:post|comment)\b | \bcomment\s+on\s+this\s+(?:article|story|post)\b | \bcomments\s+are\s+closed\b
    | \bcommenting\s+(?:is\s+)?(?:closed|disabled)\b | \blet\s+us\s+know\s+in\s+the\s+comments\b | \bcommunity\s+guidelines\b
    | ^комментари[иейя]\w*(?:\s*\(?\d+\)?)?$ | (?:оставить|написать|добавить|показать)\s+комментари | прокомментировать | обсудить\s+в
    | ^коментар[иа]?(?:\s*\(?\d+\)?)?$ | коментирай | (?:напишете|добави|добавете|покажи)\s+коментар
    | ^comentários?(?:\s*\(?\d+\)?)?$ | (?:deixe|escreva|adicione|ver)\s+(?:seu\s+|o\s+seu\s+|um\s+|os\s+)?comentário | \bcomente\b
    | टिप्पणी | कमेंट
    | \byour\s+e-?mail(?:\s+address)?\s+will\s+not\s+be\s+(?:published|shared|displayed)\b | \brequired\s+fields\s+are\s+marked\b
    | \bsave\s+my\s+name,?\s+e-?mail\b | ^(?:leave\s+a\s+reply|post\s+comment|submit\s+comment|cancel\s+reply|reply)(?:\s+cancel\s+reply)?\s*[.!]?$
    | ^(?:\d+|one|two|three|four|five)\s+(?:thoughts?|responses?|replies|reply|comments?|reactions?)\s+(?:on|to)\b
    | ^(?:name|e-?mail|website|comment|message|your\s+name|your\s+e-?mail)\s*[*(\[]\s*(?:required)?\s*[)\]]?\s*\*?$
    | \bnotify\s+me\s+of\s+(?:new|follow-?up)\s+(?:comments|posts|replies)\b | \bcomments\s+are\s+(?:moderated|reviewed|pre-?moderated)\b
    | \bthis\s+site\s+uses\s+akismet\b | \bmust\s+be\s+logged\s+in\s+to\s+(?:post|leave|reply|comment)\b
    | ваш\s+(?:адрес\s+)?e-?mail\s+не\s+будет\s+опубликован | обязательные\s+поля\s+помечены
    | вашият\s+имейл(?:\s+адрес)?\s+няма\s+да\s+бъде\s+публикуван | задължителните\s+полета\s+са\s+отбелязани
    | (?:seu|o\s+seu)\s+endereço\s+de\s+e-?mail\s+não\s+será\s+publicado | campos\s+obrigatórios\s+são\s+marcados
    | ^(?:most\s+(?:popular|recent|liked|recommended|upvoted)|top(?:\s+rated)?|highest\s+rated|best|newest|oldest|latest|recent|all|featured|readers?'?|readers’)\s+comments?(?:\s*[(\[]?\d+[)\]]?)?\s*:?$
    | \b(?:log|sign)\s*(?:in|on)\s+to\s+(?:comment|reply|post\s+a\s+comment|join\s+the\s+(?:conversation|discussion))\b
    | ^(?:show|view|load|see|hide)\s+(?:all\s+)?(?:\d+\s+)?(?:more\s+|previous\s+|older\s+|earlier\s+)?(?:replies|responses|comments)(?:\s*[(\[]?\d+[)\]]?)?\s*$
    | ^(?:популярные|лучшие|все|последние|новые)\s+комментарии(?:\s*\(?\d+\)?)?$ | (?:показать|загрузить)\s+(?:ещё|еще|все)\s+комментари
    | оставьте\s+комментари | (?:войдите|авторизуйтесь|зарегистрируйтесь),?\s+чтобы\s+(?:оставить\s+комментарий|комментировать)
    | ^(?:най-?(?:харесвани|нови|стари)|всички|последни)\s+коментари(?:\s*\(?\d+\)?)?$ | покажи\s+(?:още|всички)\s+коментари
    | (?:влезте|регистрирайте\s+се),?\s+за\s+да\s+коментирате
    | ^\d+\s+(?:comentários?|комментари\w*|коментар\w*)$ | ^deixe\s+uma\s+resposta$ | ^оставете\s+(?:отговор|коментар)$
    | ^comentários\s+mais\s+(?:curtidos|recentes|votados)$ | ver\s+mais\s+comentários | (?:login|entre|cadastre-se),?\s+para\s+comentar\b
    )""",
    _I | re.VERBOSE,
)

SOURCE_TRAILER = re.compile(
    r"""(?:
      ^(?:source|sources|via|источник|джерело|източник|fonte|fontes|स्रोत)\s*[:：—–-]
    | \bread\s+(?:the\s+)?(?:full|original|whole|complete|rest\s+of\s+the)\s+(?:article|story|report|piece|interview)\b
    | ^(?:originally|first)\s+(?:published|appeared|posted)\b | \bthis\s+(?:article|story|piece)\s+(?:was|is|has\s+been|first)\s+(?:originally\s+|first\s+)?(?:published|republished|reprinted|appeared)\b
    | ^republished\b | \bcontinue\s+reading\s+(?:at|on)\b | ^full\s+(?:story|article)\b | \bread\s+more\s+(?:at|on)\s+\S
    | ^(?:©|\(c\)|copyright)\s* | \ball\s+rights\s+reserved\b | ^reporting\s+by\b | ^(?:additional\s+)?(?:writing|editing)\s+by\b
    | подробнее\s+(?:на|читайте) | читать\s+(?:полностью|далее|целиком) | оригинал\s+статьи | ^по\s+материалам\b
    | пълния\w*\s+текст | прочетете\s+цялата | цялата\s+статия
    | leia\s+a\s+(?:matéria|reportagem|notícia|íntegra)\s*(?:completa)? | ^com\s+informações\s+d[aoe]s?\b | ^(?:matéria|texto)\s+originalmente
    | पूरी\s+(?:खबर|ख़बर|स्टोरी) | ^(?:इनपुट|साभार)\s*[:：-]
    )""",
    _I | re.VERBOSE,
)

# An agency name closing a short line ("Troops near Kupiansk. REUTERS"); not the sign-off of an
# article paragraph ("… the governor said.// ТАСС"), which the rules check apart.
AGENCY_END = re.compile(r"\b(?:REUTERS|AFP|EPA|ТАСС|БТА|РИА\sНовости)\s*$")
AGENCY_SIGNOFF = re.compile(r"[.!?\"”»]\s*/{1,2}\s*\S+(?:\s\S+)?\s*$")

CAPTION = re.compile(
    r"""(?:
      (?i:^(?:photo|photos|image|images|picture|pictured|photograph|photography|illustration|video|graphic|caption|фото|снимка|снимки|изображение|foto|imagem|फोटो|तस्वीर|चित्र)
        (?:\s*(?:credit|caption|source|illustration|by))?\s*[:：/])
    | (?i:^image\s+(?:caption|source|copyright)\b) | (?i:\b(?:photo|photograph|picture|image)\s+(?:by|credit|courtesy)\b)
    | (?i:\((?:ap|afp|reuters|epa|getty)?\s*(?:photo|photos|photograph|image|picture|pictured|pic)\b[^)]*\)\s*$)
    | (?i:\bgetty\s+images\b | \bvia\s+getty\b | \bshutterstock\b | \bepa-efe\b | \bap\s+photo\b)
    | \b[A-Z]{2,}(?:/[A-Z]{2,})?\s*/\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\s*$   # "REUTERS/Gleb Garanich" at the end
    | ^©\s*\w | \s©\s*\w[\w\s/.-]{0,40}$
    | (?i:(?:^|\s)(?:photo|photos|image|picture|фото|снимка|foto|imagem|फोटो)\s*[:：])
    )""",
    re.UNICODE | re.VERBOSE,
)

SHARE_WORDS = {
    "share", "shares", "sharing", "tweet", "facebook", "twitter", "x", "whatsapp", "telegram", "email", "e-mail", "mail",
    "print", "copy", "link", "linkedin", "reddit", "pinterest", "vk", "vkontakte", "ok", "viber", "messenger", "flipboard",
    "bluesky", "threads", "save", "this", "article", "story", "page", "on", "via", "the", "to", "copied", "url",
    "поделиться", "поделитесь", "вконтакте", "одноклассники", "сподели", "споделете", "копирай", "копировать", "ссылку",
    "линк", "връзка", "compartilhe", "compartilhar", "partilhar", "copiar", "शेयर", "करें", "ट्विटर", "फेसबुक",
}
SHARE_START = re.compile(
    r"^(?:share(?:\s+(?:this|on|via|the|article|story))?|поделиться|поделитесь|сподели(?:те)?|compartilh\w*|partilh\w*|शेयर)\b",
    _I,
)

ADVERT = re.compile(
    r"""^(?:advertisement|advertising|advert|ad|ads|sponsored(?:\s+(?:content|links?|stories))?|promoted(?:\s+content)?|partner\s+content
    | paid\s+(?:content|partnership|post) | (?:story|article)\s+continues\s+(?:below|after)(?:\s+(?:this|the))?(?:\s+advert\w*)?
    | continue\s+reading\s+(?:the\s+main\s+story|below(?:\s+the\s+ad\w*)?) | scroll\s+(?:down\s+)?to\s+continue(?:\s+reading)?
    | реклама | на\s+правах\s+рекламы | партн[её]рский\s+материал | платена\s+публикация | publicidade | anúncio | patrocinado | conteúdo\s+patrocinado
    | विज्ञापन
    )$""",
    _I | re.VERBOSE,
)

BYLINE = re.compile(
    r"""^(?:
      (?i:by|words\s+by|text\s+by)\s+[A-Z\u0400-\u042F][\w.'-]+(?:\s+[A-Z\u0400-\u042F][\w.'-]+){0,3}(?:\s*(?:,|and|&|\||-|–|—)\s*.*)?$
    | (?i:(?:published|updated|posted|last\s+updated|modified|first\s+published)(?:\s+(?:on|at))?)\s*[:：]?\s*\S.*$
    | \d+\s*(?i:(?:min(?:ute)?s?|мин\.?|минути|минут[аы]?)\s*(?:read|чтения|четене|de\s+leitura))\b.*$ | (?i:reading\s+time)\b.*$
    | (?i:автор(?:ы)?|редактор|автор\s+текста)\s*[:：].*$ | (?i:опубликовано|обновлено|публикувано|обновено)\b.*$
    | (?i:por)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}(?:\s*[,|].*)?$ | (?i:publicado\s+em|atualizado\s+em)\b.*$
    | (?:लेखक|रिपोर्ट)\s*[:：].*$ | (?:अपडेट|प्रकाशित)(?:\s+किया\s+गया)?\s*[:：]?.*\d.*$
    )""",
    re.UNICODE | re.VERBOSE,
)

NAVIGATION = re.compile(
    r"""^(?:skip\s+to\s+(?:main\s+)?(?:content|navigation)|back\s+to\s+top|(?:next|previous|prev)\s+(?:article|story|post|page)|home(?:page)?
    | menu|main\s+menu|search|close|open\s+menu|more|sections|all\s+sections|log\s+out|my\s+account|en|ru|bg|pt|eng
    | (?:tags|topics|tagged|filed\s+under|categories|темы|теги|тэги|рубрики|етикети|тагове|теми|tópicos|assuntos|tags\s+relacionadas|टैग|विषय)\s*[:：].*
    | главная|начало|início|inicio|होम|меню|поиск|търсене|busca|buscar|pesquisar|खोजें
    )$""",
    _I | re.VERBOSE,
)

PROMO = re.compile(
    r"""(?:\bhave\s+a\s+(?:news\s+)?tip\b | \bsend\s+us\s+(?:your\s+)?(?:tips?|news|a\s+tip)\b | \bcontact\s+(?:us|the\s+newsroom)\s+at\b
    | \bwe\s+(?:rely|depend)\s+on\s+(?:readers|you)\b | \bsupport\s+us\b | \bmake\s+a\s+(?:donation|contribution)\b
    | \bget\s+the\s+app\b | \bavailable\s+on\s+(?:the\s+)?(?:app\s+store|google\s+play)\b | \blisten\s+to\s+(?:this|the)\s+(?:article|story)\b
    | \bgift\s+(?:this\s+)?article\b | \bsave\s+(?:this\s+)?(?:article|story)\b | \bfont\s+size\b | \btext\s+size\b
    | ^(?:listen|play|pause|watch|video|live|audio)(?:\s+(?:now|live|video|here|\d+:\d+))?$ | ^\d{1,2}:\d{2}(?:\s*(?:min|mins))?$
    | сообщите\s+нам | пишите\s+нам | изпратете\s+ни | envie\s+sua\s+(?:dica|sugestão) | हमें\s+लिखें
    )""",
    _I | re.VERBOSE,
)

# A line that is only a date, time or relative time ("2 hours ago", "12.03.2025 14:35", "March 3, 2025").
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|январ\w*|феврал\w*|март\w*|апрел\w*|ма[йя]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*"
    r"|януари|февруари|април|юни|юли|септември|октомври|ноември|декември"
    r"|janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro"
    r"|जनवरी|फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|अक्टूबर|नवंबर|दिसंबर"
)
MONTH_WORD = re.compile(rf"\b(?:{_MONTHS})\.?(?!\w)", _I)

DATE_TIME_ONLY = re.compile(
    rf"""^[\s(\[]*(?:
      (?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s*(?:\d{{4}})?|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s*(?:\d{{4}})?)
      (?:\s*(?:,|at|-|–|—|в|às|о)?\s*\d{{1,2}}[:.]\d{{2}}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?:\s*(?:gmt|utc|cet|eet|msk|bst|edt|est|ist|ч\.?))?)?
    | \d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}(?:\s*(?:,|-|–|—|в|às)?\s*\d{{1,2}}[:.]\d{{2}})?
    | \d{{1,2}}[:.]\d{{2}}(?:\s*(?:am|pm|gmt|utc|msk|eet))?(?:\s*(?:,|-|–|—)?\s*\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}})?
    | (?:\d+|an?|one)\s+(?:second|minute|min|hour|hr|day|week|month|year)s?\s+ago
    | (?:\d+\s+)?(?:секунд\w*|минут\w*|час\w*|дн\w*|недел\w*)\s+назад | преди\s+\d+\s+\w+ | há\s+\d+\s+\w+ | \d+\s+\S+\s+पहले
    | (?:yesterday|today|just\s+now|вчера|сегодня|днес|ontem|hoje|आज|कल)(?:\s*,?\s*\d{{1,2}}[:.]\d{{2}})?
    )[\s)\]]*$""",
    _I | re.VERBOSE,
)

# Verbs of saying: a line with a quotation and one of these is speech, never furniture.
SPEECH_VERB = re.compile(
    r"""\b(?:said|says|say|saying|told|tells|tell|added|adds|stated|states|asked|asks|wrote|writes|noted|notes|claimed|claims
    | warned|warns|insisted|insists|explained|explains|replied|replies|continued|continues|declared|declares|announced|announces
    | argued|argues|urged|urges|vowed|vows|stressed|stresses|recalled|recalls|admitted|admits|posted|tweeted|according\s+to
    | сказал\w*|заявил\w*|отметил\w*|сообщил\w*|добавил\w*|подчеркнул\w*|написал\w*|говорит|говорил\w*|считает|пояснил\w*|по\s+словам
    | каза|заяви|посочи|добави|отбеляза|написа|подчерта|според|смята|обясни
    | disse|diz|afirmou|afirma|declarou|segundo|acrescentou|escreveu|ressaltou|explicou|alertou|garantiu
    )\b | कहा | बताया | अनुसार | लिखा | बोले""",
    _I | re.VERBOSE,
)

# -- the shape of a photo caption with a date and a place ----------------------------------------
# "A at a meeting with B in C on 3 May 2024.", "Firefighters work at the site of the attack in Izmail,
# Odesa region, on 14 September 2026." A sentence of the article may end with a date too ("Putin met
# Xi in Beijing on 16 May 2024."): a caption needs, besides the date and the place, a scene ("at a
# meeting", "during an interview") or a caption verb in the present tense, and no finite past or auxiliary.
DATE_YEAR_END = re.compile(
    rf"""(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}} | (?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}
    | \d{{1,2}}[./]\d{{1,2}}[./]\d{{4}} | \d{{1,2}}\s+(?:de\s+)?(?:{_MONTHS})\s+(?:de\s+)?\d{{4}}(?:\s*г\.?)?)
    \s*[.)]?\s*(?:\([^()]{{1,60}}\)\s*\.?|(?:photo|photograph|picture|credit|фото|снимка|foto)\s*:.{{0,60}})?\s*$""",
    _I | re.VERBOSE,
)
PLACE = re.compile(r"\b(?:in|near|outside|at|from|off|в|во|край|em|perto\s+de)\s+(?:the\s+)?[A-ZА-ЯЁ][\w'’-]+")
CAPTION_SCENE = re.compile(
    r"""\b(?:at|during|after|before|ahead\s+of|on\s+the\s+sidelines\s+of)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}
    (?:meeting|press\s+conference|news\s+conference|briefing|summit|ceremony|rally|funeral|visit|session|parade|interview|talks
    |event|protest|hearing|forum|site|scene|memorial|conference|exercise|drill|vigil|march|training|launch|signing)\b""",
    _I | re.VERBOSE,
)
CAPTION_VERB = re.compile(
    r"""\b(?:walks?|stands?|looks?\s+(?:on|at)|sits?|speaks?|gestures?|attends?|inspects?|holds?|waves?|works?|pass(?:es)?|carr(?:y|ies)
    |clears?|arrives?|reacts?|poses?|mourns?|rests?|waits?|shakes?\s+hands|greets?|prays?|marches|march|rides?|fires?|patrols?
    |rises?|burns?|billows?|smoulders?|queues?|queue|lays?|lay|takes?\s+part|take\s+part|are\s+seen|is\s+seen|seen)\b""",
    _I | re.VERBOSE,
)
FINITE = re.compile(r"\b(?:was|were|is|are|has|have|had|will|would|did|does|could|should|can|might|must)\b(?!\s+seen)", _I)
