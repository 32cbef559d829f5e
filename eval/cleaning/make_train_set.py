"""Write eval/cleaning/train/: scraped-page-shaped war-news texts with line labels, to train the line model.

Every piece of text here was written for this project (fictional people and outlets where named;
no text from ../shared). The pages are assembled at random (fixed seed) from pools of article
paragraphs, quote paragraphs, short article lines, subheadings and lists, and of the furniture that
a naive scraper keeps: menus, bylines, "Read more on …:" headers with three or four headlines that
carry quote marks, end-of-article runs of related headlines, photo captions with a date and a place,
comment forms, cookie and newsletter boxes. The held-out test set (eval/cleaning/test) shares no line
with these pools.

    .venv/bin/python eval/cleaning/make_train_set.py [--n 90] [--seed 13]
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

TITLES = [
    "Ukraine says it downed 40 drones in overnight attack", "Kremlin rejects talk of a winter ceasefire",
    "Poland to build new air-defence shield on its eastern border", "Russian strike cuts power to Kharkiv suburbs",
    "EU agrees new package of sanctions on Russian shipping", "Kyiv reports progress in prisoner exchange talks",
    "Moldova expels Russian diplomat over election meddling", "Black Sea grain shipments resume after pause",
    "Zelensky replaces commander of eastern forces", "NATO allies pledge more artillery shells for Ukraine",
    "Russia claims capture of village near Kupiansk", "Drone debris falls on Romanian farmland",
]

PARAGRAPHS = [
    "Ukraine's air force said on Monday it had shot down 40 of the 52 drones Russia launched overnight, most of them over the central regions.",
    "Debris fell on a warehouse in the Kyiv region, starting a fire that was put out by morning, the regional administration said.",
    "The Russian defence ministry said its forces had struck \"military-industrial targets\" but gave no further details.",
    "The claims could not be independently verified.",
    "Power was cut to about 80,000 households in the suburbs of Kharkiv after a missile hit a substation, the city's mayor said.",
    "Repair crews restored electricity to most homes within twelve hours, the grid operator said in a statement.",
    "Ministers from the 27 member states agreed the package after Hungary dropped its objections late on Thursday.",
    "The measures target more than 100 tankers that officials say belong to a shadow fleet used to carry Russian oil.",
    "Diplomats said the list could be extended if ship owners found ways around the new rules.",
    "Ukraine's human rights ombudsman said the two sides had exchanged lists of prisoners and were working on the next swap.",
    "More than 4,000 Ukrainians have come home in exchanges since the start of the full-scale invasion, according to official figures.",
    "Moldova's foreign ministry gave the diplomat 72 hours to leave the country and summoned the Russian ambassador.",
    "Chisinau accuses Moscow of funding parties that want to take the country out of its path towards the European Union.",
    "The first ship to leave Odesa after the pause carried 30,000 tonnes of maize bound for Egypt, the port authority said.",
    "Insurance premiums for ships calling at Ukrainian ports have risen sharply since the summer, brokers said.",
    "The new commander, a 44-year-old general who led the defence of a northern city in 2022, is known for his caution.",
    "His predecessor was moved to a post at the general staff, the presidential office said, without giving a reason.",
    "Allies meeting at the Ramstein air base in Germany promised to deliver one million shells by the end of next year.",
    "Production in Europe has doubled since 2023 but still falls short of what Ukraine's army fires each month.",
    "Russian military bloggers said the village had been taken after weeks of fighting, a claim the Ukrainian general staff denied.",
    "The village lies about eight kilometres from a railway junction that supplies Ukrainian troops in the area.",
    "Romania's defence ministry said fragments of a drone had been found in a field near the Danube, about two kilometres from the border.",
    "Bucharest has asked its allies for more air-defence systems and has passed a law allowing the army to shoot down drones over its territory.",
    "Analysts say the attacks are meant to exhaust Ukraine's air defences before the winter.",
    "Schools in the city will switch to online lessons until the end of the week, local officials said.",
    "The talks, held behind closed doors, lasted more than five hours.",
    "Neither side published a statement afterwards.",
    "Evacuations continue.",
    "The strike came a day after the two sides agreed to a limited pause in attacks on energy facilities.",
    "Volunteers have set up heating points in schools and libraries across the district, offering hot tea and a place to charge phones.",
    "In a video address, the president thanked air-defence crews and called on allies to speed up deliveries of interceptor missiles.",
    "The government has set aside 1.2 billion hryvnias for repairs to the grid before the cold sets in.",
    "At least three people were injured, one of them seriously, the emergency service said.",
    "A spokesperson for the European Commission said the proposal would be discussed by ambassadors next week.",
    "Ukraine has lost about a fifth of its territory since 2014, including Crimea and parts of four regions in the east and south.",
]
QUOTES = [
    "\"We were lucky this time,\" said Natalia Vovk, who lives opposite the warehouse. \"Next time we may not be.\"",
    "“The enemy is changing tactics every week,” the air force spokesman said on national television.",
    "‘We will not accept any freeze on the current line,’ the foreign minister told reporters in Brussels.",
    "The mayor wrote on Telegram: “The city is working. Heating points are open.”",
    "\"There is no talk of a ceasefire,\" the Kremlin spokesman said. \"The operation continues.\"",
    "“Every shell counts,” said a Dutch defence official who asked not to be named.",
    "“We have to be honest with our people,” the general said in an interview. “This winter will be hard.”",
    "She said the talks had been “difficult but useful”.",
    "“This is a message to the whole region,” the prime minister said.",
    "‘They want us to be afraid,’ said Oksana, a teacher who gave only her first name. ‘We are not.’",
]
MULTI_QUOTES = [
    ["The commander described the first night of the attack.", "“We had no warning.", "“The drones came in from the river, three, four at a time.", "“By morning we had counted sixty.”"],
    ["The volunteer, who has driven aid to the front for two years, was blunt.", "“People think it is over because the news moved on.", "“It is not over. It is worse.”"],
]
SHORT_ARTICLE = ["Nobody was hurt.", "The talks will resume on Friday.", "The fire is out.", "That has changed.", "Kyiv disagrees."]
SUBHEADS = ["What happens next", "Why it matters", "A long winter ahead", "The view from Moscow", "Pressure on allies"]
LIST_INTROS = [("The package includes:", ["a ban on imports of Russian LNG from 2027", "listings of 105 more tankers", "new export controls on drone parts"]),
               ("Officials listed three priorities:", ["air defence", "repairs to the power grid", "artillery shells"])]

HEADLINES = [
    "Commander says front will hold ‘as long as the shells keep coming’",
    "Kremlin calls new sanctions ‘economic banditry’",
    "Zelensky urges allies to ‘stop counting and start sending’",
    "Pensioners in Kherson describe ‘night of fire’ after glide-bomb raid",
    "Russian general sacked after ‘catastrophic’ losses, bloggers say",
    "Why Moscow fears a ‘second front’ in the Black Sea",
    "EU ministers split over ‘reparations loan’ for Kyiv",
    "Ukraine’s drone makers warn of ‘chip famine’",
    "Putin says talks possible ‘if Kyiv accepts reality’",
    "Soldier’s mother: ‘They told me nothing for six months’",
    "Nato chief warns Europe must prepare for ‘long confrontation’",
    "Hungary blocks aid package again, calls it ‘war money’",
    "Air-defence crews describe ‘cat and mouse’ game with Shahed drones",
    "Russian ruble slides as oil revenues fall",
    "Kyiv metro turns into shelter as alerts last all night",
    "Veteran says recruits get ‘two weeks of training and a rifle’",
    "Baltic states to close border crossings with Russia",
    "Ex-minister: sanctions are working ‘slower than we hoped’",
    "Shelling cuts water supply to Nikopol, officials say",
    "Drone factory workers on ‘round-the-clock’ shifts",
    "Tanks may not even be useful any more, says former colonel",
    "Leader says volunteers will get \"everything they need\"",
    "Polish farmers end border blockade after deal with Kyiv",
    "How a village near Pokrovsk became a ‘grey zone’",
    "Top diplomat says ceasefire talk is ‘premature’",
    "Moscow says it shot down 30 drones over Belgorod",
    "Families of prisoners of war hold vigil in Kyiv",
    "Germany’s Taurus decision ‘not final’, minister says",
    "Crimean bridge closed for hours after explosions",
    "Ukrainian athletes barred from ‘propaganda’ tournament",
    "Missile debris found in Moldovan village, police say",
    "Georgia protesters accuse ruling party of ‘Russian law’",
    "Exclusive: Western intelligence doubts Russia can ‘sustain this pace’",
    "Military analyst warns of ‘summer offensive’ near Zaporizhzhia",
    "Refugees in Poland weigh return as war drags on",
    "Grain traders say insurance costs ‘unbearable’",
]
HEADERS = [
    "Read more on the war in Ukraine:", "Read more on Russia:", "Related", "Related coverage", "Other news", "More from Europe",
    "You may also like", "Most read", "Read next", "More on this story", "Also read", "Latest news", "Recommended",
    "More from World", "Related stories:",
]
CAPTIONS = [
    "Ukrainian President Volodymyr Zelensky at a meeting with European leaders in Brussels on 17 October 2025.",
    "Rescuers work at the site of a missile strike in Dnipro, Ukraine, on 4 February 2026.",
    "A woman walks past a damaged apartment block in Kharkiv on 12 March 2026.",
    "Soldiers of a mechanised brigade during a training exercise in the Donetsk region on 9 January 2026.",
    "German Chancellor Friedrich Merz and Polish Prime Minister Donald Tusk during a press conference in Warsaw, on 2 December 2025.",
    "Residents queue for water in Kherson, Ukraine, September 28, 2025.",
    "Smoke rises above the port of Odesa after a drone attack on 11 May 2026. Photo: Example Agency",
    "The foreign minister at a news conference in Kyiv on 30 April 2026 (Example Press)",
    "A Ukrainian serviceman fires a howitzer towards Russian positions near Bakhmut, on 6 June 2025.",
    "Firefighters at the scene of a drone strike in Lviv on 22 August 2025.",
    "Photo: Example Press / Ivan Kovalenko",
    "Image caption: Residents inspect the damage after the strike",
]
COMMENT_FORM = [
    ["Leave a Reply", "Your email address will not be published. Required fields are marked *", "Comment *", "Name *", "Email *", "Website",
     "Save my name, email, and website in this browser for the next time I comment.", "Post Comment"],
    ["Comments", "You must be logged in to post a comment.", "Log in"],
    ["Join the discussion", "Comments are moderated. Please keep it civil and on topic.", "Show comments"],
    ["Leave a comment", "Cancel reply", "Notify me of follow-up comments by email.", "Notify me of new posts by email.",
     "This site uses Akismet to reduce spam. Learn how your comment data is processed."],
    ["12 comments", "Be the first to comment"],
]
COOKIE = [
    ["We use cookies to personalise content and ads and to analyse our traffic. You can change your choice at any time.", "Accept all", "Reject all", "Manage settings"],
    ["This site uses cookies. By continuing to browse you agree to our use of cookies.", "OK"],
    ["Your privacy matters to us. We and our partners process personal data such as your IP address.", "I accept", "More options"],
]
NEWSLETTER = [
    ["Sign up for our morning newsletter", "Get the most important news of the war in your inbox every day.", "Enter your email", "Subscribe"],
    ["Newsletter", "Subscribe to our Telegram channel for the latest updates"],
    ["Support independent journalism", "Donate"],
]
NAV = [["Home", "News", "World", "Ukraine", "Opinion"], ["Skip to content"], ["News | Politics | War | Economy"], ["Menu", "Search"],
       ["World", "Europe"]]
BYLINES = [["By Olena Marchenko", "14 March 2026, 09:12"], ["Mykola Bondar", "Updated 2 hours ago", "4 min read"], ["By Example Wire staff"], []]
SHARE = [["Share"], ["Facebook Twitter Telegram Email"], ["Share on Facebook", "Share on X"], []]
FOOTER = [["© 2026 Example Media. All rights reserved."], ["About us", "Contact", "Privacy policy", "Terms of use"], ["Back to top"], []]


def page(rng: random.Random) -> tuple[str, list[tuple[str, str | None]]]:
    title = rng.choice(TITLES)
    out: list[tuple[str, str | None]] = []
    if rng.random() < 0.4:
        out += [(x, "consent") for x in rng.choice(COOKIE)]
    out += [(x, "navigation") for x in rng.choice(NAV)]
    if rng.random() < 0.4:
        out.append((title, "repeated-title"))
    out += [(x, "byline-meta") for x in rng.choice(BYLINES)]
    out += [(x, "share-buttons") for x in rng.choice(SHARE)]
    paras = rng.sample(PARAGRAPHS, rng.randint(5, 10))
    body: list[list[tuple[str, str | None]]] = [[(p, None)] for p in paras]
    for q in rng.sample(QUOTES, rng.randint(1, 3)):
        body.insert(rng.randint(1, len(body)), [(q, None)])
    if rng.random() < 0.4:
        body.insert(rng.randint(2, len(body)), [(x, None) for x in rng.choice(MULTI_QUOTES)])
    if rng.random() < 0.4:
        body.insert(rng.randint(2, len(body)), [(rng.choice(SHORT_ARTICLE), None)])
    if rng.random() < 0.4:
        body.insert(rng.randint(2, len(body) - 1), [(rng.choice(SUBHEADS), None)])  # a subheading is followed by text
    if rng.random() < 0.3:
        intro, items = rng.choice(LIST_INTROS)
        body.insert(rng.randint(2, len(body)), [(intro, None)] + [(f"- {x}" if rng.random() < 0.5 else x, None) for x in items])
    for _ in range(rng.choice((0, 1, 1, 2))):
        body.insert(rng.randint(1, len(body)), [(rng.choice(CAPTIONS), "caption")])
    if rng.random() < 0.6:  # a block of links inside the article
        block = [(rng.choice(HEADERS), "related-block")] + [(h, "related-block") for h in rng.sample(HEADLINES, rng.randint(3, 4))]
        body.insert(rng.randint(2, len(body) - 1), block)
    for chunk in body:
        out += chunk
    r = rng.random()
    if r < 0.45:  # a run of related headlines right after the last paragraph, no header
        out += [(h, "related-block") for h in rng.sample(HEADLINES, rng.randint(2, 4))]
    elif r < 0.8:
        out += [(rng.choice(HEADERS), "related-block")] + [(h, "related-block") for h in rng.sample(HEADLINES, rng.randint(3, 5))]
    if rng.random() < 0.6:
        out += [(x, "comment-prompt") for x in rng.choice(COMMENT_FORM)]
    if rng.random() < 0.5:
        out += [(x, "signup") for x in rng.choice(NEWSLETTER)]
    foot = rng.choice(FOOTER)
    reason = "source-trailer" if foot and foot[0].startswith("©") else "navigation"
    out += [(x, reason) for x in foot]
    return title, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=90)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", default=str(ROOT / "eval" / "cleaning" / "train"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    for k in range(args.n):
        title, lines = page(rng)
        blank = rng.random() < 0.5  # half the pages keep blank lines between paragraphs
        rows = [f"#: title = {title}", "#: lang = en"]
        for text, reason in lines:
            rows.append(f"@@{reason}| {text}" if reason else text)
            if blank and reason is None:
                rows.append("")
        (folder / f"t{k:03d}.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {args.n} pages to {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
