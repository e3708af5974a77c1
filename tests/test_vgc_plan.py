"""The VGC's Brussels integration plan 2017-2020 (data/vgc-integratieplan.yaml) against its source, and as a page.

The source document is read through source_documents.source_text, never from a copy here: the
numbers of the objectives and of their results, and the key words of each Dutch title, must stand
on the lines each objective cites. The page and the PDF book are checked as a reader gets them.
"""
from __future__ import annotations

import copy
import html as html_module
import re
import unicodedata

import pytest
import yaml

from kennisbank import build
from kennisbank.contrib import originality
from kennisbank.paths import DOCS_DIR, RECORDS_DIR, ROOT, SOURCES_DIR, book_pdf
from kennisbank.records import vocabulary
from kennisbank.site import guide, vgc_plan
from source_documents import source_text

LANGS = {"nl": "", "fr": "fr/", "en": "en/"}
# A title word of at least this many letters is a key word: it must stand on the cited lines.
KEY_WORD = 5


def raw() -> dict:
    return yaml.safe_load(vgc_plan.PLAN_FILE.read_text(encoding="utf-8"))


def seed() -> list[str]:
    return source_text(raw()["bron"]["document"]).splitlines()


def goals():
    return vgc_plan.all_goals(vgc_plan.plan()["doelstellingen"])


def cited(goal, lines: list[str]) -> str:
    return "\n".join(line for first, last in vgc_plan.line_ranges(goal.lines) for line in lines[first - 1:last])


def fold(text: str) -> str:
    """Lower case without diacritics: 'ontplooien' is the plan's 'ontplooiën'."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def test_five_strategic_and_fifteen_operational_objectives_numbered_as_in_the_plan():
    strategic = vgc_plan.plan()["doelstellingen"]
    assert [g.number for g in strategic] == ["1", "2", "3", "4", "5"]
    for goal in strategic:
        assert [c.number for c in goal.children] == [f"{goal.number}.{i}" for i in range(1, len(goal.children) + 1)]
    assert sum(len(g.children) for g in strategic) == 15
    # The same numbers as the plan itself has, read from the source (its table of contents repeats the strategic ones).
    text = "\n".join(seed())
    assert sorted(set(re.findall(r"Strategische doelstelling (\d)\.", text))) == [g.number for g in strategic]
    assert sorted(set(re.findall(r"Operationele doelstelling (\d\.\d)\.", text))) == [c.number for g in strategic for c in g.children]


def test_every_objective_stands_on_the_lines_it_cites():
    lines = seed()
    problems = []
    for goal in goals():
        text = cited(goal, lines)
        kind = "Strategische" if "." not in goal.number else "Operationele"
        if f"{kind} doelstelling {goal.number}." not in text:
            problems.append(f"{goal.number}: '{kind} doelstelling {goal.number}.' is not on lines {goal.lines}")
        missing = [w for w in originality.words(fold(goal.titles["nl"])) if len(w) >= KEY_WORD and w not in fold(text)]
        if missing:
            problems.append(f"{goal.number}: title words {missing} are not on lines {goal.lines}")
    assert not problems, "\n".join(problems)


def test_every_operational_objective_lists_exactly_the_plans_results_and_cites_them():
    lines = seed()
    text = "\n".join(lines)
    for strategic in vgc_plan.plan()["doelstellingen"]:
        assert not strategic.result_numbers, f"{strategic.number}: results belong to the operational objectives"
        for goal in strategic.children:
            in_plan = re.findall(rf"Resultaat ({re.escape(goal.number)}\.\d+)[.:]", text)
            assert list(goal.result_numbers) == in_plan, goal.number
            on_lines = re.findall(rf"Resultaat ({re.escape(goal.number)}\.\d+)[.:]", cited(goal, lines))
            assert on_lines == in_plan, f"{goal.number}: lines {goal.lines} hold {on_lines}"
            assert goal.results["nl"], goal.number


def test_the_source_is_named_on_its_lines():
    source = raw()["bron"]
    lines = seed()
    text = "\n".join(line for first, last in vgc_plan.line_ranges(source["regel"]) for line in lines[first - 1:last])
    assert source["publicatie"] in text and source["uitgever"] in text


def test_every_theme_and_practice_exists():
    themes = vocabulary.load("thema")
    slugs = {path.stem for path in RECORDS_DIR.glob("[!_]*.yaml")}
    for goal in goals():
        assert goal.themes, goal.number
        assert set(goal.themes) <= set(themes.ids()), (goal.number, set(goal.themes) - set(themes.ids()))
        assert set(goal.practices) <= slugs, (goal.number, set(goal.practices) - slugs)
    assert any(goal.practices for goal in goals())


def test_all_three_languages_are_present_and_translated():
    for goal in goals():
        fields = [goal.titles, goal.descriptions] + ([goal.results] if "." in goal.number else [])
        for texts in fields:
            assert set(texts) == set(vocabulary.LANGUAGES), goal.number
            assert all(texts[lang].strip() for lang in vocabulary.LANGUAGES), goal.number
            assert texts["fr"] != texts["nl"] and texts["en"] != texts["nl"], goal.number
    for name, texts in vgc_plan.plan()["teksten"].items():
        assert set(texts) == set(vocabulary.LANGUAGES), name


def test_no_text_of_the_plan_file_repeats_twelve_words_of_a_source_and_the_check_would_see_one():
    documents = sorted(SOURCES_DIR.glob("*.txt"))
    if not documents:
        source_text(raw()["bron"]["document"])  # fails, or skips where their absence is declared
    sources = originality.source_runs([path.read_text(encoding="utf-8") for path in documents])
    assert "vgc-integratieplan.yaml" in originality.PROSE_DATA_FILES
    assert not originality.copied_in_data_files(sources)
    copied = copy.deepcopy(raw())
    sentence = seed()[156 - 1]  # the plan's own wording of strategic objective 2's aim
    copied["strategische_doelstellingen"][1]["beschrijving"]["nl"] += " " + sentence
    found = originality.copied_in_data(copied, sources)
    assert [c.where for c in found] == ["strategische_doelstellingen[1].beschrijving.nl"]


@pytest.fixture
def project(tmp_path):
    """A project root with the practice summary the renderer reads (as the build writes it)."""
    guide.write_practice_summary(build.load(), tmp_path, build.build_day(ROOT))
    return tmp_path


def test_text_from_the_data_is_escaped_and_links_are_relative_to_the_page(project, tmp_path):
    data = raw()
    data["strategische_doelstellingen"][0]["titel"]["fr"] = "<script>alert(1)</script> [lien](http://x) *gras*"
    data["strategische_doelstellingen"][0]["beschrijving"]["fr"] = "# pas un titre {#id} & <b>"
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    text = vgc_plan.goals_markdown("fr", project, "sous/dossier", path)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert r"\[lien\]" in text and r"\*gras\*" in text and "&amp; &lt;b&gt;" in text and r"\{\#id\}" in text
    assert "(../../praktijken/thema/welzijn.md)" in text
    assert "(../../praktijken/minor-ndako-jonge-vluchtelingen.md)" in text
    assert "(praktijken/thema/welzijn.md)" in vgc_plan.goals_markdown("fr", project, "")


def test_an_unknown_theme_or_practice_stops_the_build(project, tmp_path):
    for field, value in (("themas", ["bestaat-niet"]), ("praktijken", ["bestaat-niet"])):
        data = raw()
        data["strategische_doelstellingen"][2]["operationele_doelstellingen"][0][field] = value
        path = tmp_path / f"{field}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        with pytest.raises((ValueError, KeyError), match="bestaat-niet"):
            vgc_plan.goals_markdown("nl", project, "", path)


def test_result_numbers_are_shown_as_the_plan_numbers_them():
    assert vgc_plan.number_list(("5.4.1", "5.4.2", "5.4.3", "5.4.4", "5.4.5", "5.4.6", "5.4.8")) == "5.4.1–5.4.6, 5.4.8"
    assert vgc_plan.number_list(("2.2.1", "2.2.2")) == "2.2.1, 2.2.2"
    assert vgc_plan.number_list(("1.2.9", "1.2.10", "1.2.11")) == "1.2.9–1.2.11"


# --- The built page and the book -----------------------------------------------------------------

def article(html: str) -> str:
    return html.split("<article", 1)[1].split("</article>", 1)[0]


@pytest.mark.parametrize("lang, prefix", LANGS.items())
def test_the_page_shows_every_objective_with_working_links(built_site, lang, prefix):
    html = article((built_site / prefix / "vgc-integratieplan" / "index.html").read_text(encoding="utf-8"))
    themes = vocabulary.load("thema")
    for goal in goals():
        level = "h2" if "." not in goal.number else "h3"
        heading = re.search(rf'<{level} id="{goal.anchor}">(.*?)</{level}>', html, re.S)
        assert heading, goal.number
        assert goal.number in heading.group(1)
        section = html[heading.end():].split("<h", 1)[0]
        for theme in goal.themes:
            assert f'href="../praktijken/thema/{theme}/"' in section, (goal.number, theme)
            assert themes[theme].label(lang) in html_module.unescape(section), (goal.number, theme)
        for slug in goal.practices:
            assert f'href="../praktijken/{slug}/"' in section, (goal.number, slug)
    for href in set(re.findall(r'href="\.\./([^"#]+)"', html)):
        assert (built_site / prefix / href / "index.html").exists(), href
    assert f'<html lang="{lang}"' in (built_site / prefix / "vgc-integratieplan" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang, prefix", LANGS.items())
def test_the_page_is_in_the_navigation_next_to_the_policy_context(built_site, lang, prefix):
    html = (built_site / prefix / "over" / "index.html").read_text(encoding="utf-8")
    # The primary navigation, up to the table of contents (its sections hold nested <nav>s).
    nav = html.split('class="md-nav md-nav--primary"', 1)[1].split("md-sidebar--secondary", 1)[0]
    assert nav.index('href="../beleidskader/"') < nav.index('href="../vgc-integratieplan/"') \
        < nav.index('href="../intergemeentelijke-samenwerking/"')
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    [label] = [next(iter(entry)) for entry in config["nav"] if entry == {next(iter(entry)): "vgc-integratieplan.md"}]
    if lang != "nl":
        i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
        label = next(lng for lng in i18n["languages"] if lng["locale"] == lang)["nav_translations"][label]
    link = nav.split('href="../vgc-integratieplan/"', 1)[1].split("</a>", 1)[0]
    assert label.replace("'", "&#39;") in link or label in link, link


def squash(text: str) -> str:
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", unicodedata.normalize("NFKC", text)).casefold()


@pytest.mark.parametrize("lang", LANGS)
def test_the_book_holds_the_plan_as_a_chapter(built_site, lang):
    from pypdf import PdfReader

    reader = PdfReader(built_site / book_pdf(lang))
    text = squash("\n".join(page.extract_text() for page in reader.pages))
    missing = [goal.number for goal in goals() if squash(goal.titles[lang]) not in text]
    assert not missing
    # One bookmark for the chapter, by the page's heading, and none for its objectives.
    page = DOCS_DIR / f"vgc-integratieplan{'' if lang == 'nl' else '.' + lang}.md"
    title = re.search(r"^# (.+)$", page.read_text(encoding="utf-8"), re.M).group(1)
    tops = [item.title for item in reader.outline if not isinstance(item, list)]
    assert tops.count(title) == 1, tops
    assert not any(goal.titles[lang] in str(reader.outline) for goal in goals())


def test_the_page_is_valid_html(built_site):
    from test_validity import UPSTREAM, validate

    paths = [built_site / prefix / "vgc-integratieplan" / "index.html" for prefix in LANGS.values()]
    ours = [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in validate(paths)
            if not any(re.search(pattern, m["message"]) for pattern in UPSTREAM)]
    assert not ours, "\n".join(ours[:10])
