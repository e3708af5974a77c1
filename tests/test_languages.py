"""Three languages as three finished products: what a French or an English reader meets on the built site.

Prose is the text in the page's own language (kennisbank.html_text): Dutch shown on purpose, marked
lang="nl" (an original quotation, a cited source) and organisation names are counted apart. The
rules come from data/terminologie.yaml, the vocabularies and Statbel's names, not from the pages.
"""
from __future__ import annotations

import re
from functools import cache

import pytest
import yaml

from kennisbank import build, html_text, translations, typography
from kennisbank.paths import DATA_DIR, ROOT
from kennisbank.places import FLEMISH_REGION, gazetteer

TRANSLATED = {"fr": "fr/", "en": "en/"}
# Words that are Dutch and neither French nor English: a text outside lang="nl" that holds them is
# an untranslated Dutch text. (de, en, van, in, op… are left out: they are French or English too.)
DUTCH_WORDS = frozenset("""het een voor niet zijn wordt worden werd ook bij naar door aan dat deze dit zoals tot heeft hebben
kan kunnen moet zich hun onze wij jullie uit maar nog meer geen andere waar wanneer omdat zodat tussen sinds binnen
samen stad gemeente dienst jongeren ouders scholen leerlingen vrijwilligers werkgevers opvang onthaal taal""".split())
# Share of an article's words that may be Dutch (names of projects, quoted terms): the limit.
MAX_DUTCH_SHARE = 0.02
AMERICAN = re.compile(r"\b(organization|organizations|organize|organized|program|programs|center|centers|labor|behavior|"
                      r"color|favor|neighbor|neighborhood|analyze|recognize|recognized|realize|realized)\b", re.I)
AMERICAN_DATE = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December) "
                           r"\d{1,2}, \d{4}\b")


@cache
def terminology() -> list[dict]:
    return yaml.safe_load((DATA_DIR / "terminologie.yaml").read_text(encoding="utf-8"))["termen"]


@cache
def practices():
    return build.load()


def article(html: str) -> str:
    return html.split("<article", 1)[-1].split("</article>", 1)[0]


def prose(html: str, lang: str, names_too: bool = False) -> str:
    """The text of `html` in `lang`, without Dutch marked as such, code, and (unless names_too) organisation names."""
    pieces = html_text.pieces(html, lang, skipped_classes=frozenset() if names_too else html_text.NAME_CLASSES)
    return " ".join(html[p.start:p.end] for p in pieces if p.prose and not p.is_tag)


def words(text: str) -> list[str]:
    return re.findall(r"[a-zà-ÿ]+(?:['’-][a-zà-ÿ]+)*", text.lower())


def pages_of(built_site, lang: str):
    return sorted((built_site / TRANSLATED[lang]).rglob("index.html"))


def test_every_published_record_is_translated_in_full():
    missing = translations.missing_record_fields(practices())
    assert not any(missing.values()), {lang: items[:15] for lang, items in missing.items() if items}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_practice_pages_are_at_most_two_percent_dutch_and_their_fact_cards_not_at_all(built_site, lang):
    heavy, card_dutch = [], []
    for practice in practices():
        html = article((built_site / TRANSLATED[lang] / "praktijken" / practice.slug / "index.html").read_text(encoding="utf-8"))
        html = re.sub(r'<details class="kb-original".*?</details>|<p class="kb-source">.*?</p>', " ", html, flags=re.S)
        total = words(re.sub(r"<[^>]+>", " ", html))
        marked = words(" ".join(re.findall(r'<[^>]*\blang="nl"[^>]*>([^<]*)', html)))
        detected = [w for w in words(prose(html, lang)) if w in DUTCH_WORDS]
        share = (len(marked) + len(detected)) / max(1, len(total))
        if share > MAX_DUTCH_SHARE:
            heavy.append((practice.slug, f"{share:.1%}"))
        card = html.split('class="kb-factcard"', 1)[1].split("</section>", 1)[0]
        dutch_in_card = words(" ".join(re.findall(r'<[^>]*\blang="nl"[^>]*>([^<]*)', card))) + \
            [w for w in words(prose(card, lang)) if w in DUTCH_WORDS]
        if dutch_in_card:
            card_dutch.append((practice.slug, dutch_in_card[:8]))
    assert not heavy, heavy
    assert not card_dutch, card_dutch


@pytest.mark.parametrize("lang", TRANSLATED)
def test_terminology_is_rendered_as_the_list_requires_on_every_page(built_site, lang):
    wrong = []
    for page in pages_of(built_site, lang):
        text = prose(article(page.read_text(encoding="utf-8")), lang)
        for term in terminology():
            flags = 0 if term["nl"].isupper() or "." in term["nl"] else re.I
            forms = [term["nl"], *term.get(f"niet_{lang}", [])]
            for form in forms:
                if re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text, flags):
                    wrong.append((page.relative_to(built_site).as_posix(), form))
    assert not wrong, sorted(set(wrong))[:30]


def test_french_pages_have_french_typography(built_site):
    wrong = []
    for page in pages_of(built_site, "fr"):
        text = prose(page.read_text(encoding="utf-8"), "fr", names_too=True)
        for pattern, what in ((r"\w[;!?](?=\s)", "no space before ; ! ?"), (r" [;!?:](?=\s)", "a breaking space before ; ! ? :"),
                              (r"\w:(?=\s)", "no space before :"), (r"« |«\w| »|\w»", "no non-breaking space inside « »"),
                              (r"\b\d{1,3}\.\d{3}\b(?!\.\d)", "the Dutch thousands point"),
                              (r"\b1 (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b",
                               "« 1 » instead of « 1er »")):
            for match in re.finditer(pattern, text):
                wrong.append((page.relative_to(built_site).as_posix(), what, text[max(0, match.start() - 25):match.end() + 10]))
    assert not wrong, wrong[:20]
    assert typography.french_text("Téléphone: 053") == "Téléphone\u00a0: 053"


def test_english_pages_use_one_spelling_and_one_date_style(built_site):
    wrong = []
    for page in pages_of(built_site, "en"):
        text = prose(page.read_text(encoding="utf-8"), "en", names_too=True)
        wrong += [(page.relative_to(built_site).as_posix(), m.group(0)) for m in AMERICAN.finditer(text)]
        wrong += [(page.relative_to(built_site).as_posix(), m.group(0)) for m in AMERICAN_DATE.finditer(text)]
    assert not wrong, sorted(set(wrong))[:20]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_places_are_named_in_the_readers_language(built_site, lang):
    """Statbel's French names on French pages (Alost, not Aalst); English exonyms on English pages (Ghent)."""
    places = gazetteer()
    dutch_only = {m.names["nl"] for m in places.municipalities.values()
                  if m.region == FLEMISH_REGION and m.names.get("nl") and m.name(lang) != m.names["nl"]}
    pattern = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, dutch_only), key=len, reverse=True)) + r")(?![\w-])")
    wrong = []
    for page in pages_of(built_site, lang):
        text = prose(article(page.read_text(encoding="utf-8")), lang)
        wrong += [(page.relative_to(built_site).as_posix(), m.group(0)) for m in pattern.finditer(text)]
    assert not wrong, sorted(set(wrong))[:30]
