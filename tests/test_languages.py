"""Three languages as three finished products: what a French or an English reader meets on the built site.

Prose is the text in the page's own language (kennisbank.site.html_text): Dutch shown on purpose, marked
lang="nl" (an original quotation, a cited source) and organisation names are counted apart. The
rules come from data/terminologie.yaml, the vocabularies and Statbel's names, not from the pages.
"""
from __future__ import annotations

import re
from functools import cache
from html import unescape
from pathlib import Path

import pytest
import yaml

from kennisbank import build
from kennisbank.paths import DATA_DIR, ROOT
from kennisbank.records import organisations, translations
from kennisbank.records.places import FLEMISH_REGION, gazetteer
from kennisbank.site import html_text, typography

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


# Hidden search-filter values (read by Pagefind, never shown) and cited titles (proper names of sources).
HIDDEN = re.compile(r"<(\w+)[^>]*\shidden[\s>][^<]*</\1>|<cite\b.*?</cite>|<span class=\"kb-email\"[^>]*>[^<]*<span class=\"kb-at\">[^<]*</span>[^<]*</span>", re.S)
# Quotations and titles in quotation marks keep their language.
QUOTATION = re.compile(r"«[^»]*»|“[^”]*”")
# A run of capitalised words, possibly joined by Dutch particles: a proper name (Een Hart voor
# Vluchtelingen, Centrum voor Basiseducatie, Huis van het Kind, KU Leuven, Solidair Gent).
PROPER_NAME = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:(?:van|voor|het|de|der|en|op|in|&amp;)\s+)*[A-Z][\w’'-]*)+|\b[A-Z]+-[A-Z]\w+")
# E-mail domains and web addresses shown as text (stad.gent, www.integratiebeleid.be).
ADDRESS = re.compile(r"\b[\w-]+(?:\.[\w-]+)+\b")


def article(html: str) -> str:
    return html.split("<article", 1)[-1].split("</article>", 1)[0]


@cache
def organisation_names() -> re.Pattern:
    """Organisation names as records write them (proper names, Dutch on every page)."""
    import yaml as _yaml

    entries = _yaml.safe_load((DATA_DIR / "vocabularies" / "organisaties.yaml").read_text(encoding="utf-8"))
    names = {n for e in entries.values() for n in [e["nl"], *e.get("schrijfwijzen", [])]}
    return re.compile("|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True)))


def prose(html: str, lang: str, names_too: bool = False) -> str:
    """The visible text of `html` in `lang`, without Dutch marked as such, code, cited titles and
    (unless names_too) organisation names."""
    html = HIDDEN.sub(" ", html)
    pieces = html_text.pieces(html, lang, skipped_classes=frozenset() if names_too else html_text.NAME_CLASSES)
    return QUOTATION.sub(" ", unescape(" ".join(html[p.start:p.end] for p in pieces if p.prose and not p.is_tag)))


def without_names(text: str) -> str:
    """`text` with proper names, organisation names, addresses and glosses in brackets taken out: a Dutch
    name explained after its translation (« service Diversité (dienst Diversiteit) ») is a name."""
    text = re.sub(r"\([^()]*\)", " ", text)
    return PROPER_NAME.sub(" ", ADDRESS.sub(" ", organisation_names().sub(" ", text)))


def words(text: str) -> list[str]:
    return re.findall(r"[a-zà-ÿ]+(?:['’-][a-zà-ÿ]+)*", text.lower())


def pages_of(built_site, lang: str):
    if lang in TRANSLATED:
        return sorted((built_site / TRANSLATED[lang]).rglob("index.html"))
    return sorted(p for p in built_site.rglob("index.html") if not p.relative_to(built_site).as_posix().startswith(("fr/", "en/")))


def published_unchanged() -> set[str]:
    """Slugs of the records that stand on main exactly as here: published. A record a pull request adds
    or changes is a contribution, which may still be Dutch only (check warns; the editors translate
    it before merging). On main itself, and without git, every record counts as published."""
    import subprocess

    def git(*args):
        return subprocess.run(["git", "-c", "safe.directory=*", "-C", str(ROOT), *args], capture_output=True, text=True)

    base = next((ref for ref in ("origin/main", "main") if git("rev-parse", "--verify", "-q", ref).returncode == 0), None)
    slugs = {p.slug for p in practices()}
    if base is None:
        return slugs
    changed = git("diff", "--name-only", base, "--", "data/praktijken").stdout.split()
    untracked = git("ls-files", "--others", "--exclude-standard", "data/praktijken").stdout.split()
    return slugs - {Path(name).stem for name in changed + untracked}


def test_every_published_record_is_translated_in_full():
    published = published_unchanged()
    missing = translations.missing_record_fields([p for p in practices() if p.slug in published])
    assert not any(missing.values()), {lang: items[:15] for lang, items in missing.items() if items}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_practice_pages_are_at_most_two_percent_dutch_and_their_fact_cards_not_at_all(built_site, lang):
    heavy, card_dutch = [], []
    for practice in practices():
        html = article((built_site / TRANSLATED[lang] / "praktijken" / practice.slug / "index.html").read_text(encoding="utf-8"))
        html = re.sub(r'<details class="kb-original".*?</details>|<p class="kb-source">.*?</p>', " ", html, flags=re.S)
        total = words(re.sub(r"<[^>]+>", " ", HIDDEN.sub(" ", html)))
        marked = words(" ".join(re.findall(r'<[^>]*\blang="nl"[^>]*>([^<]*)', HIDDEN.sub(" ", html))))
        detected = [w for w in words(without_names(prose(html, lang))) if w in DUTCH_WORDS]
        share = (len(marked) + len(detected)) / max(1, len(total))
        if share > MAX_DUTCH_SHARE:
            heavy.append((practice.slug, f"{share:.1%}"))
        card = HIDDEN.sub(" ", html.split('class="kb-factcard"', 1)[1].split("</section>", 1)[0])
        dutch_in_card = words(" ".join(re.findall(r'<[^>]*\blang="nl"[^>]*>([^<]*)', card))) + \
            [w for w in words(without_names(prose(card, lang))) if w in DUTCH_WORDS]
        if dutch_in_card:
            card_dutch.append((practice.slug, dutch_in_card[:8]))
    assert not heavy, heavy
    assert not card_dutch, card_dutch


@pytest.mark.parametrize("lang", TRANSLATED)
def test_terminology_is_rendered_as_the_list_requires_on_every_page(built_site, lang):
    wrong = []
    for page in pages_of(built_site, lang):
        # Names, and a Dutch term glossed in brackets after its rendering (« Maison du néerlandais »
        # (Huis van het Nederlands)) or followed by its gloss, may keep the Dutch.
        text = organisation_names().sub(" ", prose(article(page.read_text(encoding="utf-8")), lang, names_too=True))
        brackets = [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)", text)]
        for term in terminology():
            flags = 0 if term["nl"].isupper() or "." in term["nl"] else re.I
            for form in [term["nl"], *term.get(f"niet_{lang}", [])]:
                for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text, flags):
                    glossed = re.match(r"\s*\(", text[match.end():]) and form == term["nl"]
                    in_brackets = any(start < match.start() < end for start, end in brackets) and form == term["nl"]
                    if not glossed and not in_brackets:
                        wrong.append((page.relative_to(built_site).as_posix(), form))
    assert not wrong, sorted(set(wrong))[:30]


def test_french_pages_have_french_typography(built_site):
    wrong = []
    for page in pages_of(built_site, "fr"):
        # Every French text, names the record translates included; a vocabulary name keeps its own spelling (GO! Athena).
        html = HIDDEN.sub(" ", page.read_text(encoding="utf-8"))
        pieces = html_text.pieces(html, "fr", skipped_classes=html_text.PROPER_NAME_CLASSES)
        text = QUOTATION.sub(" ", unescape(" ".join(html[p.start:p.end] for p in pieces if p.prose and not p.is_tag)))
        for word in names_with_marks():
            text = text.replace(word, " ")
        for pattern, what in ((r"\w[;!?](?=\s)", "no space before ; ! ?"), (r" [;!?:](?=\s)", "a breaking space before ; ! ? :"),
                              (r"\w:(?=\s)", "no space before :"), (r"« |«\w| »|\w»", "no non-breaking space inside « »"),
                              (r"\b\d{1,3}\.\d{3}\b(?!\.\d)", "the Dutch thousands point"),
                              (r"\b1 (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b",
                               "« 1 » instead of « 1er »")):
            for match in re.finditer(pattern, text):
                wrong.append((page.relative_to(built_site).as_posix(), what, text[max(0, match.start() - 25):match.end() + 10]))
    assert not wrong, wrong[:20]
    assert typography.french_text("Téléphone: 053") == "Téléphone\u00a0: 053"


@cache
def names_with_marks() -> frozenset[str]:
    """Words of organisation names that end in a mark ("GO!" of "GO! Athena"): spelt as the name is."""
    return frozenset(match.group(0) for org in organisations.register().values() for name in org.names.values()
                     for match in re.finditer(r"\S+[;!?:]+(?=\s)", name))


def test_a_name_whose_word_ends_in_a_mark_keeps_its_spelling_on_french_pages(built_site):
    """'GO! Athena' is a brand: no space comes before its '!', whether the page marks it as a name or not."""
    spaced = {word: word.rstrip("!?;:") + "\u202f" + word[len(word.rstrip("!?;:")):] for word in names_with_marks()}  # "GO\u202f!"
    wrong = []
    for page in pages_of(built_site, "fr"):
        html = page.read_text(encoding="utf-8")
        wrong += [(page.relative_to(built_site).as_posix(), word) for word, form in spaced.items() if form in html]
    assert not wrong, wrong[:20]
    assert typography.french_text("Le GO! Athena accueille : oui !") == "Le GO! Athena accueille\u00a0: oui\u202f!"


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
        text = without_names(prose(article(page.read_text(encoding="utf-8")), lang))
        wrong += [(page.relative_to(built_site).as_posix(), m.group(0)) for m in pattern.finditer(text)]
    assert not wrong, sorted(set(wrong))[:30]


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_no_glossary_tooltip_sits_inside_an_organisation_name(built_site, lang):
    """« l'Agence [Intégration] et [Intégration civique] » must not happen: a name is not a term."""
    from kennisbank.records import organisations

    names = organisations.names_pattern(lang)
    inside = []
    for page in pages_of(built_site, lang):
        html = article(page.read_text(encoding="utf-8"))
        inside += [page.relative_to(built_site).as_posix() for _ in re.finditer(r'<[^>]*class="kb-org"[^>]*>[^<]*<abbr', html)]
        # The page without its term marks, and where each mark began in that text.
        marks, removed = [], 0
        for mark in re.finditer(r"(<abbr\b[^>]*>)(.*?)</abbr>", html, re.S):
            marks.append(mark.start() - removed)
            removed += len(mark.group(0)) - len(mark.group(2))
        plain_html = re.sub(r"<abbr\b[^>]*>(.*?)</abbr>", r"\1", html, flags=re.S)
        for name in names.finditer(plain_html):
            if any(name.start() <= mark < name.end() for mark in marks):
                inside.append((page.relative_to(built_site).as_posix(), name.group(0)))
    assert not inside, inside[:10]


@cache
def pdf_text(path) -> str:
    from pypdf import PdfReader

    return unescape(" ".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.mark.parametrize("lang", TRANSLATED)
def test_french_and_english_pdfs_are_at_most_two_percent_dutch(built_site, lang):
    from kennisbank.paths import book_pdf, fiche_pdf

    from collections import Counter

    def quoted(practice) -> list[str]:
        """What a fiche quotes in Dutch on purpose: the source's title and section, and the texts as published."""
        texts = [practice.source.publication or "", practice.source.section or "", str(practice.checked_by)]
        for holder in (practice, *practice.subprojects):
            texts += [str(holder.budget.text) if holder.budget else "", str(holder.period.text or "") if holder.period else ""]
        return texts

    heavy = []
    for path, quotes in [(built_site / book_pdf(lang), [q for p in practices() for q in quoted(p)])] + [
            (built_site / fiche_pdf(p.slug, lang), quoted(p)) for p in practices()]:
        text = re.sub(r"(\w)-\n(\w)", r"\1\2", pdf_text(path))
        total = words(text)
        allowed = Counter(words(" ".join(quotes)))
        detected = [w for w in words(without_names(QUOTATION.sub(" ", text))) if w in DUTCH_WORDS]
        detected = list((Counter(detected) - allowed).elements())
        share = len(detected) / max(1, len(total))
        if share > MAX_DUTCH_SHARE:
            heavy.append((path.name, f"{share:.1%}", detected[:10]))
    assert not heavy, heavy


def test_french_pdfs_follow_french_typography_and_dates(built_site):
    from kennisbank.paths import book_pdf

    text = pdf_text(built_site / book_pdf("fr"))
    assert not re.findall(r"\b(?:E-mail|Téléphone|Source|Adresse):", text), "a space before the colon"
    assert not re.findall(r"\b1 (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b", text)
    assert "\u202f" in text or "\u00a0" in text or re.search(r"\w [;:!?]", text)


def test_english_pdfs_use_british_dates(built_site):
    from kennisbank.paths import book_pdf

    assert not AMERICAN_DATE.findall(pdf_text(built_site / book_pdf("en")))
