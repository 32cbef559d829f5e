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
