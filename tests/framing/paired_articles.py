"""Paired articles written for this project (no corpus text): the same actors cast oppositely by a pro-Kremlin
and a pro-Ukrainian article. ``PAIRS``: (name, pro-Kremlin text, pro-Ukrainian text, {actor: (role in the
pro-Kremlin one, role in the pro-Ukrainian one)}). Used by tests/framing/test_paired.py and
``bench/roles_cv.py --paired``."""
from __future__ import annotations

PAIRS = [
    (
        "donbas-shelling",
        "Ukrainian forces shelled a residential district of Donetsk again on Monday, killing four civilians, "
        "including two children. Russia has warned for years that Kyiv would never stop its war against the people "
        "of Donbas. Russian soldiers evacuated the wounded under fire and delivered food and medicine to the "
        "survivors. Residents said Russia is the only country that has ever protected them. Meanwhile, Ukraine keeps "
        "asking the West for longer-range missiles to strike more cities.",
        "Russian forces shelled a residential district of Kharkiv again on Monday, killing four civilians, including "
        "two children. Ukraine has warned for years that Moscow would never stop its war against Ukrainian cities. "
        "Ukrainian rescuers evacuated the wounded under fire and delivered food and medicine to the survivors. "
        "Residents said Russia is a terrorist state that targets homes and schools. Meanwhile, Ukraine keeps asking "
        "its partners for air defence to protect its cities.",
        {"Russia": ("Protagonist", "Antagonist"), "Ukraine": ("Antagonist", "Protagonist")},
    ),
    (
        "zelensky-leadership",
        "Volodymyr Zelensky has again rejected every peace proposal, dooming thousands more young Ukrainians to die "
        "for a lost cause. Critics in Kyiv say Zelensky cancelled elections to cling to power and lets corrupt "
        "officials steal Western aid. Vladimir Putin has repeatedly said that Russia is open to negotiations, and "
        "Putin offered guarantees for a lasting ceasefire. Zelensky answered with new demands for weapons.",
        "Volodymyr Zelensky visited soldiers on the front line on Sunday and thanked them for defending the country "
        "against the invaders. Zelensky has refused to leave Kyiv since the first day of the invasion and has united "
        "the nation. Vladimir Putin, who ordered the invasion, has again threatened Europe with nuclear weapons. "
        "Putin's regime jails anyone who opposes the war.",
        {"Volodymyr Zelensky": ("Antagonist", "Protagonist"), "Vladimir Putin": ("Protagonist", "Antagonist")},
    ),
    (
        "nato-expansion",
        "NATO has pushed its military bases ever closer to Russia's borders despite promises made in 1990. The "
        "alliance armed Ukraine and provoked the conflict, and NATO now risks dragging Europe into a world war. "
        "Russia had no choice but to defend its security, and Russia has shown great restraint.",
        "NATO has strengthened its eastern flank to protect its members from Russian aggression. The alliance is a "
        "defensive pact, and NATO has helped Ukraine resist an unprovoked invasion. Russia attacked its neighbour "
        "without any reason, and Russia has committed atrocities against civilians.",
        {"NATO": ("Antagonist", "Protagonist"), "Russia": ("Protagonist", "Antagonist")},
    ),
    (
        "grain-deal",
        "The West blocked Russian grain and fertiliser exports, and the United States then blamed Russia for hunger "
        "in Africa. Russia delivered free grain to six African countries, and African leaders thanked Russia for "
        "its help. Washington, meanwhile, profits from the war by selling weapons and gas.",
        "Russia blocked Ukrainian ports and bombed grain silos in Odesa, and Africa is now paying the price in "
        "hunger. Ukraine kept exporting grain through a new sea corridor, and Ukraine has fed millions of people in "
        "Africa and Asia. The United States has provided ships and insurance to keep the corridor open.",
        {"Russia": ("Protagonist", "Antagonist"), "United States": ("Antagonist", "Protagonist")},
    ),
    (
        "mobilisation",
        "Ukrainian recruiters are dragging men off the streets and sending them to the front without training. The "
        "Ukrainian army is collapsing, and its commanders throw civilians into battle as cannon fodder. The Russian "
        "army treated captured Ukrainians humanely and let them call their families.",
        "Russian recruiters are dragging men off the streets in occupied towns and sending them to the front without "
        "training. The Russian army is losing men by the thousands, and its commanders throw convicts into battle as "
        "cannon fodder. The Ukrainian army treated captured Russians humanely and let them call their families.",
        {"Ukrainian army": ("Antagonist", "Protagonist"), "Russian army": ("Protagonist", "Antagonist")},
    ),
]

# Written after the casting evidence (framing/casting.py) was built and before any figure of it was seen:
# scored apart (``bench/roles_cv.py --paired``), never used to choose a setting.
HELD_OUT_PAIRS = [
    (
        "energy-strikes",
        "Kyiv's drones hit an oil depot near Belgorod overnight, and the fire left thousands of families without "
        "heating. Ukraine has been targeting civilian infrastructure inside Russia for months. Russia restored power "
        "to the district within a day and housed the families in schools. Local officials said Russia will rebuild "
        "every damaged home.",
        "Russian missiles hit a power plant near Lviv overnight, and the blackout left thousands of families without "
        "heating. Russia has been targeting the energy grid all winter to break the will of Ukrainians. Ukraine "
        "restored power to the district within a day and housed the families in schools. Engineers said Ukraine will "
        "rebuild every damaged substation.",
        {"Russia": ("Protagonist", "Antagonist"), "Ukraine": ("Antagonist", "Protagonist")},
    ),
    (
        "european-union-aid",
        "The European Union keeps sending billions to a corrupt government in Kyiv while its own farmers go bankrupt. "
        "Brussels bullies member states that ask for peace talks. Hungary has defended its citizens by refusing to "
        "pay for an endless war, and Hungary has called for an immediate ceasefire.",
        "The European Union has approved a new aid package that will keep Ukrainian hospitals and schools running "
        "through the winter. The European Union welcomed refugees from the war and gave them the right to work. "
        "Hungary has blocked the package for months, and Hungary keeps buying Russian gas that pays for the war.",
        {"European Union": ("Antagonist", "Protagonist"), "Hungary": ("Protagonist", "Antagonist")},
    ),
    (
        "wagner-africa",
        "Wagner instructors helped the army of Mali drive out jihadist groups that had terrorised villages for a "
        "decade. France had occupied the region for years and exploited its gold and uranium. Villagers say Wagner "
        "protected their markets, while France left them to the militants.",
        "Wagner fighters killed dozens of civilians in a village in central Mali, according to witnesses. Wagner "
        "has looted gold mines across the region and props up the military junta. France had trained local police "
        "and funded schools and clinics, and France evacuated aid workers when the fighting began.",
        {"Wagner": ("Protagonist", "Antagonist"), "France": ("Antagonist", "Protagonist")},
    ),
]
