"""Pick the practices most like a given one, for the "related practices" list on its page.

Why scored and not hand-picked: a new record must show up next to its neighbours without anyone
editing other records. Shared themes weigh most because readers browse by policy domain; a shared
target group comes next; a shared province last, since place matters less than approach.

Why an inverted index with a cap: scoring every pair grows with the square of the number of
records, and builds must grow linearly. Candidates come only from practices that share a theme,
target group or province, and at most CANDIDATES_PER_KEY per key. With fewer records than the cap
(the real data) the result is exact.
"""
from __future__ import annotations

from collections import defaultdict

from kennisbank.model import Practice

THEME_WEIGHT = 3
TARGET_GROUP_WEIGHT = 2
PROVINCE_WEIGHT = 1
# The page shows 3 to 5 related practices: fewer looks broken, more becomes a second overview.
MIN_RELATED = 3
MAX_RELATED = 5
# Enough that every practice sharing a key is scored while the data set is small (31 today);
# bounded so that 3,000 synthetic records cost a constant amount of work per record.
CANDIDATES_PER_KEY = 60


Features = tuple[frozenset, frozenset, frozenset]  # a practice's themes, target groups and provinces


def _features(practice: Practice) -> Features:
    return frozenset(practice.themes), frozenset(practice.target_groups), frozenset(practice.provinces)


def _score(a: Features, b: Features) -> int:
    return THEME_WEIGHT * len(a[0] & b[0]) + TARGET_GROUP_WEIGHT * len(a[1] & b[1]) + PROVINCE_WEIGHT * len(a[2] & b[2])


def _keys(practice: Practice) -> list[tuple[str, str]]:
    return ([("thema", t) for t in practice.themes] + [("doelgroep", g) for g in practice.target_groups]
            + [("provincie", p) for p in practice.provinces])


def related_map(practices: list[Practice]) -> dict[str, list[Practice]]:
    """For every practice, its 3–5 most similar others, best first; ties broken by slug."""
    ordered = sorted(practices, key=lambda p: p.slug)
    index: dict[tuple[str, str], list[Practice]] = defaultdict(list)
    position_in_key: dict[tuple[tuple[str, str], str], int] = {}
    for practice in ordered:
        for key in _keys(practice):
            position_in_key[key, practice.slug] = len(index[key])
            index[key].append(practice)
    # Each practice's sets made once, not again for every pair it is scored in (118,810 pairs at N = 1,000).
    features = {id(practice): _features(practice) for practice in ordered}
    result = {}
    for position, practice in enumerate(ordered):
        candidates = {id(c): c for key in _keys(practice) for c in _around(index[key], position_in_key[key, practice.slug])}
        candidates.pop(id(practice), None)
        own = features[id(practice)]
        ranked = sorted(candidates.values(), key=lambda p: (-_score(own, features[id(p)]), p.slug))[:MAX_RELATED]
        if len(ranked) < MIN_RELATED:
            # Too few practices share anything: fill with neighbours in slug order.
            chosen = {p.slug for p in ranked}
            extra = [p for p in ordered[position + 1:position + 1 + MIN_RELATED] + ordered[:MIN_RELATED]
                     if p.slug not in chosen and p.slug != practice.slug]
            ranked += extra[: MIN_RELATED - len(ranked)]
        result[practice.slug] = ranked
    return result


def _around(members: list[Practice], position: int) -> list[Practice]:
    """At most CANDIDATES_PER_KEY members of a key list, taken around the practice's position."""
    if len(members) <= CANDIDATES_PER_KEY:
        return members
    start = max(0, min(position - CANDIDATES_PER_KEY // 2, len(members) - CANDIDATES_PER_KEY))
    return members[start:start + CANDIDATES_PER_KEY]
