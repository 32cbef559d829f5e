"""Small articles written for the engine tests (not taken from any corpus), and ways to lay them out."""
from __future__ import annotations

import json
from pathlib import Path

PEOPLE = [("Pavel Orlov", "the former defence minister", "he"), ("Jane Harper", "the analyst", "she"),
          ("Marta Kovalenko", "the regional governor", "she"), ("Ivan Sereda", "the mayor", "he"),
          ("Tom Ellison", "the NATO spokesman", "he"), ("Olga Brandt", "the economist", "she")]
PLACES = ["Kharkiv", "Odesa", "the river crossing", "the northern border", "Zaporizhzhia", "the capital"]
TOPICS = ["reserves", "grain exports", "air defence", "the ceasefire talks", "power cuts", "sanctions"]


def article(i: int) -> tuple[str, str]:
    """(title, body) of article ``i``: quotes, reported speech, an anonymous source, a hedge."""
    name, role, pron = PEOPLE[i % len(PEOPLE)]
    other, other_role, _ = PEOPLE[(i + 2) % len(PEOPLE)]
    place, topic = PLACES[i % len(PLACES)], TOPICS[(i * 5) % len(TOPICS)]
    title = f"{name} warns over {topic} near {place} ({i})"
    body = (
        f"{name}, {role}, said on Tuesday that the situation around {place} had changed over the past {i + 2} days.\n\n"
        f"\"We are watching {topic} very closely, and we will not be caught unprepared,\" {pron} told reporters.\n\n"
        f"According to {other}, {other_role}, the decision on {topic} will be taken within {i % 7 + 1} weeks.\n\n"
        f"Two officials familiar with the matter said the convoy had reportedly reached {place} on day {i}.\n\n"
        f"{other} told the BBC: \"Nobody should expect a quick result on {topic}.\"\n\n"
        f"Local residents described long queues and closed shops in item {i} of this report."
    )
    return title, body


def write_text_tree(folder: Path, n: int, start: int = 0) -> list[str]:
    """``n`` plain-text articles in two nested folders; returns their ids."""
    ids = []
    for i in range(start, start + n):
        sub = folder / ("north" if i % 2 else "south") / f"week{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        title, body = article(i)
        (sub / f"art{i:04d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        ids.append(f"art{i:04d}")
    return ids


def records(n: int, start: int = 0) -> list[dict]:
    out = []
    for i in range(start, start + n):
        title, body = article(i)
        out.append({"id": f"rec{i:05d}", "title": title, "text": body, "outlet": "Example Wire",
                    "published": f"2024-03-{i % 28 + 1:02d}"})
    return out


def write_jsonl(path: Path, n: int, start: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for rec in records(n, start):
            handle.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path
