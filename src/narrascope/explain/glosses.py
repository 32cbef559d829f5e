"""Short English glosses of the SemEval-2025 narratives, written for narrascope (not taken from any gold).

Each gloss is a clause that completes "The text argues that …": what an article that carries the label
claims, in plain words. Keys are the label names without the domain prefix; a subnarrative is keyed by
its own name (the names are unique across the taxonomy, except "Other", which falls back to the
narrative's gloss). ``gloss(label)`` returns ``None`` for a label it does not know (another taxonomy):
the explainer then builds the clause from the label name itself.
"""
from __future__ import annotations

import re

NARRATIVES = {
    "Blaming the war on others rather than the invader": "the war was caused by Ukraine or the West rather than by Russia",
    "Discrediting Ukraine": "Ukraine, its leaders and its army cannot be trusted and do not deserve support",
    "Russia is the Victim": "Russia is the victim of the conflict and of Western hostility",
    "Praise of Russia": "Russia is strong, successful and supported in the world",
    "Overpraising the West": "the West is on the right side and has the support of the world",
    "Speculating war outcomes": "one side of the war is losing and the war will end in its defeat",
    "Discrediting the West, Diplomacy": "the West and its diplomacy are weak, divided and self-serving",
    "Negative Consequences for the West": "the war and the sanctions harm the West and its economy",
    "Distrust towards Media": "the media lie about the war and cannot be trusted",
    "Amplifying war-related fears": "the war threatens to spread and to become a much larger war",
    "Hidden plots by secret schemes of powerful groups": "powerful groups secretly steer the events for their own ends",
    "Criticism of climate policies": "climate policies are harmful, costly and do not work",
    "Criticism of institutions and authorities": "the authorities behind climate action are incompetent or dishonest",
    "Climate change is beneficial": "a warmer climate and more CO2 are good for the planet",
    "Downplaying climate change": "climate change is natural, small and not caused by humans",
    "Questioning the measurements and science": "the science and the data on climate change are unreliable",
    "Criticism of climate movement": "the climate movement and its activists are alarmist, corrupt or hypocritical",
    "Controversy about green technologies": "green technologies are costly, unreliable and harmful to the environment",
    "Amplifying Climate Fears": "climate change will bring disaster to the planet and to humanity",
    "Green policies are geopolitical instruments": "green policies are used to exploit and control other countries",
}

SUBNARRATIVES = {
    # URW: Blaming the war on others
    "Ukraine is the aggressor": "Ukraine is the aggressor that attacks Russia and its people",
    "The West are the aggressors": "the West and NATO provoked the war and are fighting Russia through Ukraine",
    # URW: Discrediting Ukraine
    "Rewriting Ukraine’s history": "Ukraine has no real history or identity of its own",
    "Discrediting Ukrainian nation and society": "Ukrainian society is hateful, divided and backward",
    "Discrediting Ukrainian military": "the Ukrainian army is incompetent, cruel and suffering heavy losses",
    "Discrediting Ukrainian government and officials and policies":
        "the Ukrainian government and Zelensky are corrupt, incompetent and illegitimate",
    "Ukraine is a puppet of the West": "Ukraine is a puppet of the West that follows the orders of Washington",
    "Ukraine is a hub for criminal activities": "Ukraine is a hub of crime, corruption and weapons smuggling",
    "Ukraine is associated with nazism": "Ukraine and its forces are driven by nazi ideology",
    "Situation in Ukraine is hopeless": "the situation in Ukraine is hopeless and its people are suffering",
    # URW: Russia is the Victim
    "The West is russophobic": "the West is russophobic and hostile to Russia and the Russian people",
    "Russia actions in Ukraine are only self-defence": "Russia is only defending itself and its people in Ukraine",
    "UA is anti-RU extremists": "Ukraine is run by extremists who hate Russia and Russian speakers",
    # URW: Praise of Russia
    "Praise of Russian military might": "the Russian army is powerful and its weapons are superior",
    "Praise of Russian President Vladimir Putin": "Putin is a strong and wise leader",
    "Russia is a guarantor of peace and prosperity": "Russia brings peace, stability and prosperity",
    "Russia has international support from a number of countries and people":
        "Russia has the support of many countries and people in the world",
    "Russian invasion has strong national support": "the Russian people strongly support the war",
    # URW: Overpraising the West
    "NATO will destroy Russia": "NATO and the West will defeat and destroy Russia",
    "The West belongs in the right side of history": "the West is on the right side of history in supporting Ukraine",
    "The West has the strongest international support": "the West has the strongest support in the world",
    # URW: Speculating war outcomes
    "Russian army is collapsing": "the Russian army is collapsing and failing to reach its goals",
    "Russian army will lose all the occupied territories": "Russia will lose the territories it occupies",
    "Ukrainian army is collapsing": "the Ukrainian army is collapsing and losing the war",
    # URW: Discrediting the West, Diplomacy
    "The EU is divided": "the EU is divided and its members disagree on the war",
    "The West is weak": "the West is weak and losing its power",
    "The West is overreacting": "the West is overreacting to Russia",
    "The West does not care about Ukraine, only about its interests":
        "the West does not care about Ukraine and only pursues its own interests",
    "Diplomacy does/will not work": "diplomacy and peace talks will not work",
    "West is tired of Ukraine": "the West is tired of supporting Ukraine",
    # URW: Negative Consequences for the West
    "Sanctions imposed by Western countries will backfire": "the sanctions against Russia will backfire on the West and its economy",
    "The conflict will increase the Ukrainian refugee flows to Europe": "the war will bring more Ukrainian refugees to Europe",
    # URW: Distrust towards Media
    "Western media is an instrument of propaganda": "the Western media are an instrument of propaganda",
    "Ukrainian media cannot be trusted": "the Ukrainian media cannot be trusted",
    # URW: Amplifying war-related fears
    "By continuing the war we risk WWIII": "continuing the war risks a third world war",
    "Russia will also attack other countries": "Russia will also attack other countries in Europe",
    "There is a real possibility that nuclear weapons will be employed": "nuclear weapons may be used in the war",
    "NATO should/will directly intervene": "NATO will intervene directly in the war",
    # CC: Criticism of climate policies
    "Climate policies are ineffective": "climate policies are ineffective and do not reduce emissions",
    "Climate policies have negative impact on the economy": "climate policies harm the economy and raise costs for people",
    "Climate policies are only for profit": "climate policies only serve the profit of companies and elites",
    # CC: Criticism of institutions and authorities
    "Criticism of the EU": "the EU and its climate policies are harmful",
    "Criticism of international entities": "international organisations push a harmful climate agenda",
    "Criticism of national governments": "the government and its climate policies are harmful",
    "Criticism of political organizations and figures": "politicians who push the climate agenda are dishonest and hypocritical",
    # CC: Climate change is beneficial
    "CO2 is beneficial": "CO2 is good for plants and for the planet",
    "Temperature increase is beneficial": "a warmer climate is good for people and nature",
    # CC: Downplaying climate change
    "Climate cycles are natural": "climate change is part of natural cycles",
    "Weather suggests the trend is global cooling": "the weather shows that the climate is cooling",
    "Temperature increase does not have significant impact": "the rise in temperature has no significant impact",
    "CO2 concentrations are too small to have an impact": "CO2 levels are too small to have an impact on the climate",
    "Human activities do not impact climate change": "human activities do not cause climate change",
    "Ice is not melting": "the ice is not melting",
    "Sea levels are not rising": "sea levels are not rising",
    "Humans and nature will adapt to the changes": "humans and nature will adapt to the changes of the climate",
    # CC: Questioning the measurements and science
    "Methodologies/metrics used are unreliable/faulty": "the methods and data of climate science are unreliable",
    "Data shows no temperature increase": "the data show no increase in temperature",
    "Greenhouse effect/carbon dioxide do not drive climate change": "CO2 and the greenhouse effect do not drive climate change",
    "Scientific community is unreliable": "climate scientists are unreliable and their claims cannot be trusted",
    # CC: Criticism of climate movement
    "Climate movement is alarmist": "the climate movement is alarmist and spreads fear",
    "Climate movement is corrupt": "the climate movement is corrupt and driven by money",
    "Ad hominem attacks on key activists": "climate activists are hypocrites who do not follow what they preach",
    # CC: Controversy about green technologies
    "Renewable energy is dangerous": "renewable energy is dangerous for people and nature",
    "Renewable energy is unreliable": "renewable energy is unreliable",
    "Renewable energy is costly": "renewable energy is too costly",
    "Nuclear energy is not climate friendly": "nuclear energy is not good for the climate",
    # CC: Hidden plots
    "Blaming global elites": "global elites use climate change to gain power and money",
    "Climate agenda has hidden motives": "the climate agenda hides other motives of control and profit",
    # CC: Amplifying Climate Fears
    "Earth will be uninhabitable soon": "the Earth will soon be uninhabitable",
    "Amplifying existing fears of global warming": "global warming is a growing threat to the planet",
    "Doomsday scenarios for humans": "climate change will lead to disaster for humanity",
    "Whatever we do it is already too late": "it is already too late to stop climate change",
    # CC: Green policies are geopolitical instruments
    "Climate-related international relations are abusive/exploitative":
        "climate deals are used to exploit poorer countries",
    "Green activities are a form of neo-colonialism": "green policies are a form of neo-colonialism",
}


def _name(label: str) -> str:
    return re.sub(r"^(URW|CC):\s*", "", label.strip()).strip()


def gloss(label: str) -> str | None:
    """The gloss of a full label ("URW: Narr" or "URW: Narr: Sub"); the narrative's for "…: Other"."""
    parts = [p.strip() for p in _name(label).split(": ")]
    if len(parts) >= 2 and parts[-1] in SUBNARRATIVES:
        return SUBNARRATIVES[parts[-1]]
    narrative = ": ".join(parts[:1]) if len(parts) >= 2 else parts[0]
    return NARRATIVES.get(narrative) or NARRATIVES.get(_name(label))
