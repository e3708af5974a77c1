"""A practice's status says what is known: ended only once its end has passed, and on whose word."""
from __future__ import annotations

import dataclasses
import datetime as dt

from kennisbank import build
from kennisbank.model import Period
from kennisbank.site import pages

TODAY = dt.date(2026, 12, 1)


def test_ended_only_when_the_end_date_has_passed():
    assert Period(start="2015", end="2018-11-30").status(TODAY) == "afgelopen"
    assert Period(start="2015", end="2027-06").status(TODAY) == "lopend", "an end still ahead"
    assert Period(start="2015", ongoing=True).status(TODAY) == "lopend", "the source says it runs on"
    assert Period(start="2015").status(TODAY) == "onbekend", "no end and no word that it runs on"
    assert Period().status(TODAY) == "onbekend"


def test_an_end_after_the_source_was_written_is_called_planned():
    practice = next(p for p in build.load() if p.source.kind == "publicatie")
    planned = dataclasses.replace(practice, period=Period(start="2015-12-01", end=f"{practice.source.year + 1}-06"))
    note = pages.status_note(planned, planned.status(TODAY), "nl")
    assert note.startswith("gepland einde") and str(practice.source.year) in note
    said = dataclasses.replace(practice, period=Period(start="2014", end=f"{practice.source.year}-03"))
    assert "volgens de bron" in pages.status_note(said, said.status(TODAY), "nl")


def test_recent_practices_on_the_home_page_are_running_ones(built_site):
    import re

    from kennisbank.paths import ROOT
    from kennisbank.site import guide

    summary = {p["slug"]: p for p in guide.load_summary(ROOT)}
    html = (built_site / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'href="praktijken/([a-z0-9-]+)/"', html.split("<article", 1)[1])
    recent = [slug for slug in listed if slug in summary and summary[slug]["start"]]
    assert recent and all(summary[slug]["status"] == "lopend" for slug in recent), recent
