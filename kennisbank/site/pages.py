"""Render the validated practices into Markdown pages under docs/praktijken/, per language.

Why real files on disk: mkdocs-static-i18n 1.3.1 crashes on virtual `File.generated` files,
drops files outside docs_dir and re-reads File objects from disk, so in-memory pages are lost.
Files are written only when their content changed, so `mkdocs serve` does not rebuild forever,
and stale files from removed records are deleted so no page outlives its record.

Templates live in kennisbank/site/templates and are rendered with autoescaping on: every text that
comes from a record is HTML-escaped, so no markup or script from data reaches a page.
"""
from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2
import markdown
from markupsafe import Markup, escape

from kennisbank import site_config
from kennisbank.model import freshness
from kennisbank.model import ABROAD, Amount, Practice
from kennisbank.model.related import related_map
from kennisbank.paths import GENERATED_DIR_NAME, ROOT, fiche_pdf
from kennisbank.records import amounts, organisations, vocabulary
from kennisbank.records.places import KINDS_VOCABULARY, gazetteer, municipality_kinds
from kennisbank.records.ui import alphabetical, format_date, format_number, md_inline, t
from kennisbank.records.validation import slugify
from kennisbank.site import belgium_map, compare, discovery, search_terms

LANGUAGES = vocabulary.LANGUAGES
TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class GeneratedFile:
    relative_path: str  # relative to docs/, e.g. "praktijken/gent-ankerkracht.fr.md"
    content: str


def suffix(lang: str) -> str:
    return "" if lang == vocabulary.DEFAULT_LANGUAGE else f".{lang}"


# --- Filters used by the templates ----------------------------------------------------------------

def md_block(text: str) -> Markup:
    """Markdown from a record: HTML-escaped (validation already refuses tags), Markdown kept."""
    return Markup(str(escape(text)).replace("&gt;", ">"))


_MARKDOWN = markdown.Markdown(extensions=[], output_format="html")


def md_html(text: str) -> Markup:
    """Markdown from a record rendered to HTML here, for places inside an HTML block.

    Used for the Dutch fallback on fr/en pages, which sits in a `<div lang="nl">`. The text is
    HTML-escaped first (validation refuses tags anyway), so only Markdown's own markup results.
    """
    _MARKDOWN.reset()
    return Markup(_MARKDOWN.convert(str(md_block(text))))


def email_html(address: str, lang: str) -> Markup:
    """A readable, harvester-resistant address: 'naam [at] domein.be', made clickable by JavaScript.

    The page holds no '@' and no 'mailto:'; the real address sits ROT13-encoded in a data attribute,
    which assets/kennisbank.js decodes into a normal mailto link.
    """
    user, _, domain = address.partition("@")
    encoded = codecs.encode(address, "rot13")
    return Markup(f'<span class="kb-email" data-kb-mail="{escape(encoded)}" title="{escape(t("email_hint", lang))}">'
                  f'{escape(user)}<span class="kb-at"> [at] </span>{escape(domain)}</span>')


def tel_href(number: str) -> str:
    """`0472 79 38 77` → `tel:+32472793877`; a number with a country code keeps it."""
    digits = re.sub(r"\D", "", number)
    if number.strip().startswith("+"):
        return f"tel:+{digits}"
    return f"tel:+32{digits[1:]}" if digits.startswith("0") else f"tel:{digits}"


def _singular(value: float, lang: str) -> bool:
    """French takes the singular below two (0,5 euro, 1,5 ETP); Dutch and English only for one."""
    return value < 2 if lang == "fr" else value == 1


def names_its_people(amount: Amount, lang: str) -> bool:
    """A count of people whose note says who they are, in `lang` ("4 maatschappelijk werkers"): the
    note is then the noun of the amount, not "4 staff members (social workers)"."""
    return (amount.unit == "personen" and amount.note is not None and amount.upper is None and not amount.per
            and not amount.note.in_lang(lang)[1])


def format_amount(amount: Amount, lang: str) -> str:
    text = format_number(amount.value, lang)
    if names_its_people(amount, lang):
        return f"{text} {amount.note.in_lang(lang)[0]}"
    if amount.upper is not None:
        text += f" {t('to', lang)} {format_number(amount.upper, lang)}"
    text += " " + t(f"unit_{amount.unit}" + ("_one" if _singular(amount.upper or amount.value, lang) else ""), lang)
    if amount.per:
        text += " " + t(f"per_{amount.per}", lang)
    return text


# Words a published budget or period text may hold beside its numbers without saying more than the
# structured amounts and dates: units, "per jaar", "sinds", "lopend"…
RESTATING_WORDS = re.compile(r"\b(euro|eur|vte|fte|voltijdse?|equivalenten?|per|jaar|maand|totaal|tot|en|van|"
                             r"start|gestart|op|sinds|vanaf|lopend|heden|nog|loopt)\b|€")
DUTCH_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
                "november", "december")
MONTH_NAME = re.compile(r"\b(" + "|".join(DUTCH_MONTHS) + r")\b")


def _says_nothing_more(text: str, known: set[float]) -> bool:
    """`text` holds only numbers in `known` (a Dutch month name counts as its number) and RESTATING_WORDS."""
    lowered = MONTH_NAME.sub(lambda m: str(DUTCH_MONTHS.index(m.group(1)) + 1), text.lower())
    rest = re.sub(r"[\W_]+", "", RESTATING_WORDS.sub("", amounts.ANY_NUMBER["nl"].sub("", lowered)))
    return not rest and amounts.numbers_in(lowered) <= known


def budget_restated(budget) -> bool:
    """The published budget text only repeats the structured amounts ("51 750 euro" beside 51.750 euro;
    "4 maatschappelijk werkers" beside 4 people whose note says who they are, see names_its_people)."""
    known = {a.value for a in budget.amounts} | {a.upper for a in budget.amounts if a.upper is not None}
    text = str(budget.text)
    for amount in budget.amounts:
        if names_its_people(amount, vocabulary.DEFAULT_LANGUAGE):
            text = re.sub(re.escape(str(amount.note)), " ", text, flags=re.IGNORECASE)
    return bool(budget.amounts) and _says_nothing_more(text, known)


def period_restated(period) -> bool:
    """The published period text only repeats the start, the end or 'lopend' ("start 2006" beside "vanaf 2006")."""
    known = {float(part) for value in (period.start, period.end) if value for part in value.split("-")}
    return bool(period.start or period.end) and _says_nothing_more(str(period.text), known)


def org_html(name: str, lang: str, prefix: str | None = None) -> Markup:
    """An organisation's name in `lang` (kennisbank.records.organisations), linked to its page when `prefix`
    leads from the current page to the organisation pages; a name outside the vocabulary as the
    record translates it, or as written, marked as Dutch."""
    org = organisations.resolve(name)
    if org is not None:
        label = escape(org.name(lang))
        if prefix is not None:
            return Markup(f'<a class="kb-org" href="{prefix}{org.id}/">{label}</a>')
        return Markup(f'<span class="kb-org">{label}</span>')
    shown, fallback = organisations.name_in(name, lang)
    lang_attribute = ' lang="nl"' if fallback else ""
    return Markup(f'<span class="kb-name"{lang_attribute}>{escape(shown)}</span>')


def publisher_html(publisher: str, lang: str) -> Markup:
    """A source's publisher: the organisation in `lang` where the vocabulary knows it, "e.a." as "et al."."""
    name, others = (publisher[:-5], True) if publisher.endswith(" e.a.") else (publisher, False)
    shown = org_html(name, lang)
    return Markup(f"{shown} {escape(t('et_al', lang))}") if others else shown


@cache
def environment() -> jinja2.Environment:
    # auto_reload off: the templates are the package's own and do not change during a build, and
    # checking each template file's date on every get_template (4,000 a language at 1,000 records)
    # cost about 0.35 s of CPU per language. The live preview clears this cache before a full build.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
                             auto_reload=False)
    env.filters.update(md=md_inline, md_block=md_block, md_html=md_html, tel=tel_href, amount=format_amount, date=format_date,
                       number=format_number, plain=amounts.plain, budget_restated=budget_restated, period_restated=period_restated,
                       org=org_html, org_known=lambda name: organisations.resolve(name) is not None, publisher=publisher_html,
                       names_its_people=names_its_people)
    # index_terms: a practice's hidden search terms (other-language names, synonyms), see kennisbank.site.search_terms.
    env.globals.update(t=t, email=email_html, index_terms=search_terms.hidden_terms_html, card=card_html)
    return env


def compile_templates() -> None:
    """Compile the page templates now: a build that forks a process per language then compiles them
    once, not in every process (kennisbank.build)."""
    env = environment()
    for name in env.list_templates(filter_func=lambda name: name.endswith(".md.j2") or name.startswith("_")):
        env.get_template(name)


# A practice's card is the same on every listing page that shows it from the same folder: the overview,
# its themes, its organisations and its region. Rendered once per plan (plan_language clears this),
# not once per listing: with 1,000 records that was 8,000 renders of the card macro per language.
_CARDS: dict[tuple[str, str, str], Markup] = {}


def card_html(c: dict, lang: str, prefix: str) -> Markup:
    """The `card` macro of _macros.j2 for the card view `c`, seen from `prefix`, cached (see _CARDS)."""
    key = (c["slug"], lang, prefix)
    html = _CARDS.get(key)
    if html is None:
        html = _CARDS[key] = environment().get_template("_macros.j2").module.card(c, lang, prefix)
    return html


# --- View models: what a template needs, computed once --------------------------------------------

def province_slug(province_id: str) -> str:
    return slugify(gazetteer().provinces[province_id].label("nl"))


def area_links(practice: Practice, lang: str) -> list[dict]:
    """Each area with its label, URL relative to the practice page, and a former-name note."""
    places = gazetteer()
    links = []
    for area in practice.areas:
        note = ""
        if area.kind == "gemeente":
            href = f"../regio/{province_slug(area.provinces[0])}/#gemeente-{area.key}"
            if area.former_year:
                note = t("former_name", lang, name=area.written, year=area.former_year,
                         current=places.municipalities[area.key].name(lang))
        elif area.kind == "provincie":
            href = f"../regio/{province_slug(area.key)}/"
        elif area.kind == "regio" and area.provinces:
            href = f"../regio/{province_slug(area.provinces[0])}/#regio-{area.key}"
        else:
            href = "../regio/#buitenland"
        links.append({"label": area.label(lang), "href": href, "note": note})
    return links


def region_filter_labels(practice: Practice, lang: str) -> list[str]:
    places = gazetteer()
    labels = [places.provinces[p].label(lang) for p in practice.provinces]
    if practice.abroad or (not labels and any(a.country != "BE" for a in practice.areas)):
        labels.append(t("abroad", lang))
    return labels


def region_keys(practice: Practice) -> list[str]:
    keys = list(practice.provinces)
    if practice.abroad or any(a.country != "BE" for a in practice.areas):
        keys.append(ABROAD)
    return keys


def text_block(practice: Practice, name: str, lang: str) -> dict | None:
    text, fallback = practice.text(name, lang)
    if text is None:
        return None
    return {"text": text, "fallback": fallback}


def status_note(practice: Practice, status: str, lang: str) -> str:
    """Whose word the status is: the source's, a planned end the source could not confirm, or nobody's."""
    year, end = practice.source.year, practice.period.end
    if status == "afgelopen" and end and int(end[:4]) > year:
        return t("status_planned_end", lang, end=format_date(end, lang), year=year)
    if status == "lopend" and not practice.period.ongoing and end:
        return t("status_end_ahead", lang, end=format_date(end, lang))
    if status == "onbekend":
        return t("status_unknown_note", lang, year=year)
    return t("status_per_source", lang, year=year)


def practice_view(practice: Practice, lang: str, related: list[Practice], today: dt.date) -> dict:
    themes = vocabulary.load("thema")
    groups = vocabulary.load("doelgroepen")
    status = practice.status(today)
    return {
        "p": practice,
        "lang": lang,
        "title": text_block(practice, "titel", lang),
        "summary": text_block(practice, "samenvatting", lang),
        "description": text_block(practice, "beschrijving", lang),
        "themes": [{"id": t_id, "label": themes[t_id].label(lang)} for t_id in practice.themes],
        "groups": [groups[g].label(lang) for g in practice.target_groups],
        "areas": area_links(practice, lang),
        "region_filters": region_filter_labels(practice, lang),
        "municipality_kinds": [vocabulary.load(KINDS_VOCABULARY)[kind].label(lang) for kind in municipality_kinds(practice.municipalities)],
        "status": status,
        "status_label": vocabulary.load("status")[status].label(lang),
        "status_note": status_note(practice, status, lang),
        "soort_label": vocabulary.load("soort")["praktijk"].label(lang),
        "related": [{"slug": r.slug, "title": r.title(lang), "summary": r.text("samenvatting", lang)[0]} for r in related],
        "source_lines": source_lines(practice),
        "organisation_filters": sorted(organisations.register()[org_id].name(lang) for org_id in organisation_roles(practice)),
        "guidance": list(dict.fromkeys(themes[t_id].extra["gids"] for t_id in practice.themes if "gids" in themes[t_id].extra)),
        "fiche_href": site_root_from_practice(lang) + fiche_pdf(practice.slug, lang),
        "stale": freshness.is_stale(practice, today),
        "edit_url": edit_url(practice),
        "jsonld": discovery.json_ld(practice, lang, site_config.identity(practice.project_root or ROOT)["url"]),
    }


def source_lines(practice: Practice) -> tuple[int, int] | None:
    """The first and last line of the source document that the record's literal facts cite (`herkomst`)."""
    numbers = [int(part) for lines in practice.provenance.values() for part in str(lines).split("-")]
    return (min(numbers), max(numbers)) if numbers else None


def edit_url(practice: Practice) -> str:
    """Where a contributor edits this practice: its YAML record in the repository (empty without edit_uri)."""
    return _edit_url(practice.source_path)


@cache
def _edit_url(source_path: Path) -> str:
    """By the record's path: every language's page asks, and resolving the path is most of the cost."""
    resolved = source_path.resolve()
    parents = resolved.parents
    root = parents[2] if len(parents) > 2 and parents[0].name == "praktijken" else None  # as Practice.project_root
    base = site_config.identity(root)["edit_base"] if root and (root / "mkdocs.yml").exists() else ""
    return f"{base}{resolved.relative_to(root).as_posix()}" if base else ""


def site_root_from_practice(lang: str) -> str:
    """From a practice page (`praktijken/<slug>/`, under `<lang>/` outside Dutch) back to the site root."""
    return "../../" if lang == vocabulary.DEFAULT_LANGUAGE else "../../../"


def card_view(practice: Practice, lang: str, today: dt.date) -> dict:
    status = practice.status(today)
    themes = vocabulary.load("thema")
    places = gazetteer()
    start = start_year(practice)
    budget = practice.overall_budget()
    euros = budget.euros()
    return {
        "slug": practice.slug,
        "title": text_block(practice, "titel", lang),
        "summary": text_block(practice, "samenvatting", lang),
        "themes": list(practice.themes),
        "theme_labels": [themes[x].label(lang) for x in practice.themes],
        "groups": list(practice.target_groups),
        "regions": region_keys(practice),
        "kinds": municipality_kinds(practice.municipalities) or [NO_MUNICIPALITY],
        "place": ", ".join(a.label(lang) for a in practice.areas[:3]) + ("…" if len(practice.areas) > 3 else ""),
        "status": status,
        "status_label": vocabulary.load("status")[status].label(lang),
        "provinces": [places.provinces[p].label(lang) for p in practice.provinces],
        "freshness": freshness.freshness(practice, today),
        "checked": practice.checked,
        "budget_band": budget.band(),
        "budget_text": budget_summary(practice, lang),
        # Sort keys for the overview's script, as plain numbers ("" when unknown: sorted last).
        "sort_budget": amounts.plain(euros),
        "start_year": start,
        "start_facet": str(start) if start is not None else UNKNOWN_START,
    }


# The kind-of-municipality filter's value for a practice that names no municipality, only a region or
# a province: it is in no municipality's kind, and the filter says so rather than leave it out.
NO_MUNICIPALITY = "geen-gemeente"


def start_year(practice: Practice) -> int | None:
    return int(practice.period.start[:4]) if practice.period.start else None


def budget_summary(practice: Practice, lang: str) -> str:
    """The budget on a card: its amounts as numbers in `lang` (staff only said so), or what the record
    lacks: sub-projects with budgets of their own, or the band's label ("no amount in the source")."""
    budget, band = practice.budget, practice.overall_budget().band()
    if budget.amounts:
        amounts = ", ".join(format_amount(amount, lang) for amount in budget.amounts)
        return t("card_budget_staff_only", lang, amounts=amounts) if band == "personeel" else amounts
    if "budget" in practice.not_in_source and any(s.budget for s in practice.subprojects):
        return t("card_budget_subprojects", lang)
    return vocabulary.load("budgetklasse")[band].label(lang)


def facet(name: str, label: str, counts: dict[str, int], labels: dict[str, str], order: list[str] | None = None) -> dict:
    """A filter of the overview: its options with their number of practices, those without any left out;
    by count (most first) unless `order` gives the natural order of a scale (budget bands, years, status)."""
    options = [{"value": key, "label": labels[key], "count": counts[key]} for key in (order or counts) if counts.get(key)]
    if order is None:
        options.sort(key=lambda o: (-o["count"], o["label"]))
    return {"name": name, "label": label, "options": options}


# The start-year filter lists single years while there are at most this many (a list a reader scans at a
# glance); beyond it, decades ("2010–2019"), so the filter stays short however many years the data holds.
MAX_YEAR_OPTIONS = 10
UNKNOWN_START = "onbekend"


def start_facet_values(cards: list[dict]) -> dict[int, str]:
    """Start year → its option in the start-year filter: the year itself, or its decade ("2010-2019")."""
    years = {c["start_year"] for c in cards if c["start_year"] is not None}
    if len(years) <= MAX_YEAR_OPTIONS:
        return {year: str(year) for year in years}
    return {year: f"{year // 10 * 10}-{year // 10 * 10 + 9}" for year in years}


def start_facet(cards: list[dict], lang: str) -> dict:
    """The start-year filter, newest first, "no start year in the source" last; sets each card's option."""
    values = start_facet_values(cards)
    for card in cards:
        card["start_facet"] = values.get(card["start_year"], UNKNOWN_START)
    counts: dict[str, int] = {}
    for card in cards:
        counts[card["start_facet"]] = counts.get(card["start_facet"], 0) + 1
    order = sorted(set(values.values()), reverse=True) + [UNKNOWN_START]
    labels = {value: value.replace("-", "–") for value in values.values()}
    labels[UNKNOWN_START] = t("start_unknown", lang)
    return facet("startjaar", t("start_year", lang), counts, labels, order)


def practice_map(practices: list[Practice], lang: str, prefix: str, current: str | None = None) -> Markup:
    """The map of Belgium with links to the region pages, as seen from a page `prefix` away from them;
    on a region page (`current` is its province) that province's own map, linked to its municipalities."""
    places = gazetteer()
    # The overview is praktijken/, the region index praktijken/regio/, a region page praktijken/regio/<slug>/.
    depth = {"regio/": 1, "": 2, "../": 3}[prefix] + (0 if lang == vocabulary.DEFAULT_LANGUAGE else 1)
    if current is not None:
        return province_practice_map(practices, lang, current, site_root="../" * depth)
    counted = belgium_map.counts_by_province(practices)
    links = {pid: f"{prefix}{province_slug(pid)}/" for pid in counted}
    labels = {pid: places.provinces[pid].label(lang) for pid in places.provinces.ids()}
    to_practices = prefix + "../"  # region pages live in praktijken/regio/, practices in praktijken/
    beside = []
    for practice in sorted(practices, key=lambda p: alphabetical(p.title(lang))):
        if practice.abroad:
            beside.append((t("abroad", lang), practice.title(lang), f"{to_practices}{practice.slug}/"))
        elif any(covers_region(area) for area in practice.areas):
            beside.append((t("region_wide", lang), practice.title(lang), f"{to_practices}{practice.slug}/"))
    return belgium_map.map_html(practices, lang, links, labels, belgium_map.map_texts(lang), beside, site_root="../" * depth)


def province_practice_map(practices: list[Practice], lang: str, province: str, site_root: str) -> Markup:
    """A region page's map: a marker per municipality of `province` with practices, linked to its section."""
    places = gazetteer()
    slugs: dict[str, set[str]] = {}
    for practice in practices:
        for nis in practice.municipalities:
            if places.municipalities[nis].province == province:
                slugs.setdefault(nis, set()).add(practice.slug)
    listed = sorted(((nis, places.municipalities[nis].name(lang), f"#gemeente-{nis}", found) for nis, found in slugs.items()),
                    key=lambda item: alphabetical(item[1]))
    texts = belgium_map.province_map_texts(lang, places.provinces[province].label(lang))
    return belgium_map.province_map(province, listed, texts, site_root)


def overview_view(practices: list[Practice], lang: str, today: dt.date) -> dict:
    cards = sorted((card_view(p, lang, today) for p in practices), key=lambda c: alphabetical(c["title"]["text"]))
    themes, groups, status = vocabulary.load("thema"), vocabulary.load("doelgroepen"), vocabulary.load("status")
    bands, kinds = vocabulary.load("budgetklasse"), vocabulary.load(KINDS_VOCABULARY)
    places = gazetteer()

    def count(attr):
        counts: dict[str, int] = {}
        for card in cards:
            for value in card[attr] if isinstance(card[attr], list) else [card[attr]]:
                counts[value] = counts.get(value, 0) + 1
        return counts

    region_labels = {key: places.provinces[key].label(lang) for key in places.provinces.ids()}
    region_labels[ABROAD] = t("abroad", lang)
    facets = [
        facet("thema", t("themes", lang), count("themes"), {x.id: x.label(lang) for x in themes}),
        facet("regio", t("filter_region", lang), count("regions"), region_labels),
        facet("gemeentetype", t("municipality_kind", lang), count("kinds"),
              {**{x.id: x.label(lang) for x in kinds}, NO_MUNICIPALITY: t("kind_no_municipality", lang)},
              [x.id for x in kinds] + [NO_MUNICIPALITY]),
        facet("doelgroep", t("target_groups", lang), count("groups"), {x.id: x.label(lang) for x in groups}),
        facet("budget", t("filter_budget", lang), count("budget_band"), {x.id: x.label(lang) for x in bands},
              [x.id for x in bands]),
        start_facet(cards, lang),
        facet("status", t("status", lang), count("status"), {x.id: x.label(lang) for x in status}, [x.id for x in status]),
        facet("actualiteit", t("freshness", lang), count("freshness"),
              {freshness.FRESH: t("freshness_recent", lang), freshness.STALE: t("freshness_stale", lang)}),
    ]
    return {"lang": lang, "cards": cards, "facets": facets, "total": len(cards), "sorts": SORTS,
            "map": practice_map(practices, lang, "regio/")}


# The overview's sort orders (the select's values, and `sorteer=` in its URL); the first is the default,
# the order the page is written in. The script (docs/assets/catalogue.js) knows each by this name.
SORTS = ("titel", "start-nieuw", "start-oud", "status", "budget-laag", "budget-hoog")


# --- The plan: every generated file -------------------------------------------------------------

@dataclass(frozen=True)
class PlanContext:
    """What every language's pages share, computed once: the practices by slug, the related
    practices and git's change dates of the records (one `git log`)."""
    by_slug: list
    related: dict
    changed: dict


def plan_context(practices: list[Practice]) -> PlanContext:
    return PlanContext(sorted(practices, key=lambda p: p.slug), related_map(practices),
                       freshness.record_change_dates(practices))


def plan(practices: list[Practice], today: dt.date, languages: tuple[str, ...] = LANGUAGES,
         context: PlanContext | None = None, only=None) -> list[GeneratedFile]:
    """Every generated page in `languages`, as of `today` (the build date: kennisbank.build_date).

    One language at a time is what a per-language build needs (kennisbank.site.stages); `context`
    lets those builds share the work that is the same in every language. With `only`, just the pages
    whose relative path it accepts, the others not rendered (the live preview, kennisbank.watch)."""
    context = context or plan_context(practices)
    files: list[GeneratedFile] = []
    for lang in languages:
        files += plan_language(practices, today, lang, context, only)
    return files


def plan_language(practices: list[Practice], today: dt.date, lang: str, context: PlanContext,
                  only=None) -> list[GeneratedFile]:
    env = environment()

    def add(relative_path: str, render) -> None:
        if only is None or only(relative_path):
            files.append(GeneratedFile(relative_path, render()))
    _CARDS.clear()  # cards hold the build date's status and freshness
    files: list[GeneratedFile] = []
    by_slug, related, changed = context.by_slug, context.related, context.changed
    themes = vocabulary.load("thema")
    sfx = suffix(lang)
    page = env.get_template("practice.md.j2")
    for practice in by_slug:
        def render_practice(practice=practice):
            view = practice_view(practice, lang, related[practice.slug], today)
            return page.render(view=view, changed=changed.get(practice.slug), **view)
        add(f"{GENERATED_DIR_NAME}/{practice.slug}{sfx}.md", render_practice)
    overview = overview_view(practices, lang, today)
    add(f"{GENERATED_DIR_NAME}/index{sfx}.md", lambda: env.get_template("overview.md.j2").render(overview))
    cards = {c["slug"]: c for c in overview["cards"]}
    theme_pages = []
    for term in themes:
        members = [cards[p.slug] for p in by_slug if term.id in p.themes]
        members.sort(key=lambda c: alphabetical(c["title"]["text"]))
        theme_pages.append({"id": term.id, "label": term.label(lang), "count": len(members)})
        add(f"{GENERATED_DIR_NAME}/thema/{term.id}{sfx}.md", lambda: env.get_template("theme.md.j2").render(
            lang=lang, label=term.label(lang), cards=members))
    add(f"{GENERATED_DIR_NAME}/thema/index{sfx}.md", lambda: env.get_template("themes.md.j2").render(
        lang=lang, themes=theme_pages))
    regions = region_views(by_slug, cards, lang)
    for region in regions["provinces"]:
        add(f"{GENERATED_DIR_NAME}/regio/{region['slug']}{sfx}.md", lambda: env.get_template("region.md.j2").render(
            lang=lang, region=region, prefix="", map=practice_map(practices, lang, "../", region["id"])))
    add(f"{GENERATED_DIR_NAME}/regio/index{sfx}.md",
        lambda: env.get_template("regions.md.j2").render(lang=lang, map=practice_map(practices, lang, ""), **regions))
    add(compare.page_path(lang), lambda: compare.page(overview["cards"], lang).content)
    files += organisation_pages(by_slug, cards, lang, only)
    return files


# How an organisation is named in a record, in the order its page lists the roles.
ORG_ROLES = ("trekker", "partner", "financier", "contact")


def organisation_roles(practice: Practice) -> dict[str, set[str]]:
    """Organisation id → the roles it has in `practice` (and in its sub-projects); a department's city
    counts too, so a city's page lists what its departments do.

    Asked about five times per practice and language (its page, its search terms, the organisation
    pages); worked out once per practice object (a record read again is a new object). Read-only."""
    cached = _ROLES.get(id(practice))
    if cached is not None and cached[0] is practice:
        return cached[1]
    roles = _organisation_roles(practice)
    _ROLES[id(practice)] = (practice, roles)
    return roles


# id(practice) → (the practice, its roles); the practice is kept so its id cannot be reused meanwhile.
_ROLES: dict[int, tuple[Practice, dict[str, set[str]]]] = {}


def _organisation_roles(practice: Practice) -> dict[str, set[str]]:
    named = {"trekker": [*practice.leads, *(n for s in practice.subprojects for n in s.leads)],
             "partner": [*practice.partners, *(n for s in practice.subprojects for n in s.partners)],
             "financier": list(practice.funders),
             "contact": [c.organisation for c in (*practice.contacts, *(c for s in practice.subprojects for c in s.contacts))
                         if c.organisation]}
    roles: dict[str, set[str]] = {}
    for role, names in named.items():
        for name in names:
            org = organisations.resolve(name)
            for member in organisations.with_parents(org) if org else ():
                roles.setdefault(member.id, set()).add(role)
    return roles


def organisation_pages(practices: list[Practice], cards: dict[str, dict], lang: str, only=None) -> list[GeneratedFile]:
    """A page per organisation that appears in a record, and the index of them (`only`: see plan)."""
    env, sfx = environment(), suffix(lang)
    register = organisations.register()
    by_org: dict[str, dict[str, list[dict]]] = {}
    for practice in practices:
        for org_id, roles in organisation_roles(practice).items():
            for role in roles:
                by_org.setdefault(org_id, {}).setdefault(role, []).append(cards[practice.slug])
    files, index = [], []
    for org_id, roles in by_org.items():
        org = register[org_id]
        path = f"{GENERATED_DIR_NAME}/organisatie/{org_id}{sfx}.md"
        if only is None or only(path):
            listed = [{"id": role, "cards": sorted(roles[role], key=lambda c: alphabetical(c["title"]["text"]))}
                      for role in ORG_ROLES if role in roles]
            files.append(GeneratedFile(path, env.get_template("organisation.md.j2").render(
                lang=lang, org=org, parent=register.get(org.part_of) if org.part_of else None, roles=listed)))
        index.append({"id": org_id, "name": org.name(lang),
                      "count": len({c["slug"] for role in roles.values() for c in role})})
    if index and (only is None or only(f"{GENERATED_DIR_NAME}/organisatie/index{sfx}.md")):
        index.sort(key=lambda o: alphabetical(o["name"]))
        files.append(GeneratedFile(f"{GENERATED_DIR_NAME}/organisatie/index{sfx}.md",
                                   env.get_template("organisations.md.j2").render(lang=lang, orgs=index)))
    return files


# "Practices from municipalities like yours" under each municipality of a region page: enough to
# browse on, few enough to take in at a glance (and a page that does not grow with every record).
LIKE_YOURS = 5
# The kinds of `werkgebied` entry that make a practice one for a whole region or province.
REGION_WIDE_KINDS = ("provincie", "regio")


def covers_region(area) -> bool:
    """A province, or a named region inside Belgium (a region abroad has no province page)."""
    return area.kind in REGION_WIDE_KINDS and bool(area.provinces)


def region_views(practices: list[Practice], cards: dict[str, dict], lang: str) -> dict:
    """Per province: its municipalities with their practices, then the region-wide practices that
    cover it (a named region or the whole province); plus the practices abroad.

    Every section keeps all its cards (`cards`, for the book's index); for the web page each practice
    is shown once (`shown`), the first time the page reaches it (its municipalities in alphabetical
    order, then the region-wide sections), and later sections point back to it (`also`)."""
    places = gazetteer()
    regions_vocab, kinds = vocabulary.load("regios"), vocabulary.load(KINDS_VOCABULARY)
    provinces: dict[str, dict] = {}
    abroad: dict[str, dict] = {}

    def province(pid: str) -> dict:
        if pid not in provinces:
            provinces[pid] = {"id": pid, "slug": province_slug(pid), "label": places.provinces[pid].label(lang),
                              "municipalities": {}, "wide": {}}
        return provinces[pid]

    def add(section: dict, slug: str) -> None:
        section["slugs"][slug] = None  # a dict keeps the order and each practice once

    for practice in practices:
        for area in practice.areas:
            if area.kind == "gemeente":
                municipality = places.municipalities[area.key]
                add(province(area.provinces[0])["municipalities"].setdefault(area.key, {
                    "nis": area.key, "anchor": f"gemeente-{area.key}", "label": municipality.name(lang),
                    "kind": municipality.kind, "kind_label": kinds[municipality.kind].label(lang),
                    "region": municipality.region, "slugs": {}}), practice.slug)
            elif covers_region(area):
                key = area.key if area.kind == "regio" else "provincie"
                for pid in area.provinces:
                    label = regions_vocab[area.key].label(lang) if area.kind == "regio" else places.provinces[pid].label(lang)
                    add(province(pid)["wide"].setdefault(key, {"id": key, "anchor": f"regio-{key}", "label": label,
                                                               "slugs": {}}), practice.slug)
            else:
                abroad.setdefault(practice.slug, cards[practice.slug])
    like = municipalities_like(practices, cards, lang)
    ordered = []
    for entry in sorted(provinces.values(), key=lambda e: alphabetical(e["label"])):
        municipalities = sorted(entry["municipalities"].values(), key=lambda m: alphabetical(m["label"]))
        # The whole province first, then its named regions.
        wide = sorted(entry["wide"].values(), key=lambda w: (w["id"] != "provincie", alphabetical(w["label"])))
        shown_at: dict[str, dict] = {}
        for section in (*municipalities, *wide):
            section["cards"] = [cards[slug] for slug in section["slugs"]]
            section["shown"] = [cards[slug] for slug in section["slugs"] if slug not in shown_at]
            section["also"] = [{"card": cards[slug], "anchor": shown_at[slug]["anchor"], "label": shown_at[slug]["label"]}
                               for slug in section["slugs"] if slug in shown_at]
            for slug in section.pop("slugs"):
                shown_at.setdefault(slug, section)
        for municipality in municipalities:
            municipality["like"] = like(municipality["nis"])
        own = {card["slug"] for m in municipalities for card in m["cards"]}
        # The regional section counts every practice it lists, also one shown at a municipality
        # above and only pointed to here ("see at Geel"): a section that lists one is not "(0)".
        wide_listed = {card["slug"] for w in wide for card in w["cards"]}
        entry.update(municipalities=municipalities, wide=wide, count=len(own | wide_listed), wide_count=len(wide_listed),
                     own_count=len(own))
        ordered.append(entry)
    return {"provinces": ordered, "abroad": list(abroad.values())}


def municipalities_like(practices: list[Practice], cards: dict[str, dict], lang: str):
    """A function NIS → up to LIKE_YOURS practices from municipalities like that one: of the same kind
    in the same province, then of the same kind elsewhere, then other municipalities of its province
    (places.Municipality.kind). Each comes with the municipalities that make it alike.

    The indexes are built once, so a page costs a few steps per municipality, not one per record."""
    places = gazetteer()
    kinds = vocabulary.load(KINDS_VOCABULARY)
    by_key: dict[tuple, list[str]] = {}
    members: dict[str, list] = {}
    for practice in sorted(practices, key=lambda p: alphabetical(cards[p.slug]["title"]["text"])):
        members[practice.slug] = [places.municipalities[nis] for nis in practice.municipalities]
        keys = set()
        for m in members[practice.slug]:
            keys |= {("municipality", m.nis), ("kind-province", m.kind, m.province), ("kind", m.kind), ("province", m.province)}
        for key in keys:
            by_key.setdefault(key, []).append(practice.slug)

    def like(nis: str) -> list[dict]:
        here = places.municipalities[nis]
        seen = set(by_key.get(("municipality", nis), ()))  # its own practices are listed above it
        found = []
        for key, alike in ((("kind-province", here.kind, here.province), lambda m: m.kind == here.kind and m.province == here.province),
                           (("kind", here.kind), lambda m: m.kind == here.kind),
                           (("province", here.province), lambda m: m.province == here.province)):
            for slug in by_key.get(key, ()):
                if len(found) == LIKE_YOURS:
                    return found
                if slug not in seen:
                    seen.add(slug)
                    where = [m for m in members[slug] if alike(m)]
                    found.append({"card": cards[slug], "places": [m.name(lang) for m in where[:2]],
                                  "kind": kinds[where[0].kind].label(lang)})
        return found

    return like


# --- Writing ------------------------------------------------------------------------------------

def write(files: list[GeneratedFile], docs_dir: Path, languages: tuple[str, ...] = LANGUAGES,
          prune: bool = True) -> tuple[int, int]:
    """Write changed files and (unless `prune` is off, for a part of the plan: the live preview)
    delete generated files of `languages` that are no longer planned.

    Returns (written, deleted). Only docs/praktijken/ is touched: it is generated in full. With
    fewer `languages` (a per-language build), the other languages' files are left alone.
    """
    root = docs_dir / GENERATED_DIR_NAME
    planned = {docs_dir / f.relative_path for f in files}
    written = deleted = 0
    for generated in files:
        target = docs_dir / generated.relative_path
        if target.exists() and target.read_text(encoding="utf-8") == generated.content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(generated.content, encoding="utf-8")
        written += 1
    if prune and root.exists():
        for stale in root.rglob("*.md"):
            if stale not in planned and language_of(stale.name) in languages:
                stale.unlink()
                deleted += 1
    return written, deleted


def language_of(name: str) -> str:
    """The language of a page file by its suffix: `x.fr.md` → fr, `x.md` → the default language."""
    parts = name.split(".")
    return parts[-2] if len(parts) > 2 and parts[-2] in LANGUAGES else vocabulary.DEFAULT_LANGUAGE


def expected_pages_per_language(files: list[GeneratedFile]) -> int:
    """How many generated pages each language has (the same for every language), from a plan of one
    language or of several."""
    languages = {language_of(f.relative_path) for f in files}
    return len(files) // len(languages) if languages else 0
