"""The web editor's pages in the built site: /beheer/, /fr/beheer/ and /en/beheer/, with Decap CMS from npm.

Why pages of their own and not MkDocs pages: Decap CMS is a full-screen application that brings its
own styles; inside Material's layout both would fight over the page. So the build writes a small
page per language (valid HTML, a heading, a way back, a note for readers without JavaScript) in
which the editor opens, and copies the editor's files beside the Dutch one:
- decap-cms.js and its chunks, from node_modules/decap-cms (pinned in package-lock.json): no CDN;
- js-yaml (the YAML reader the record format uses), from node_modules/js-yaml;
- record_format.js and beheer.js (kennisbank/contrib/editor_assets/): the record format and the start;
- config.json: the configuration generated from the schema (kennisbank/contrib/cms_config.py).

Every hand-written page exists in nl, fr and en, and so does this one. The form's labels and help
texts come from the schema's Dutch (like the field names they describe); the page's own text and
Decap's buttons follow the page's language (beheer.js sets Decap's `locale` from <html lang>).

The pages are not MkDocs pages, so they are in no sitemap and no feed, and they carry no
data-pagefind-body, so Pagefind does not index them; `<meta name="robots" content="noindex">` asks
search engines to leave them out too.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from markupsafe import escape

from kennisbank.contrib import cms_config
from kennisbank.paths import ROOT
from kennisbank.records import vocabulary
from kennisbank.records.problems import DataError
from kennisbank.records.ui import t
from kennisbank.site import typography
from kennisbank.site_config import identity

ASSETS = Path(__file__).parent / "editor_assets"
NODE_MODULES = ROOT / "node_modules"
OWN_FILES = ("beheer.js", "beheer.css", "record_format.js")
CONFIG_FILE = "config.json"
# The section of CONTRIBUTING.md that explains the editor, per language (GitHub's heading anchors).
MANUAL_ANCHOR = {"nl": "4-in-de-webeditor-van-de-kennisbank", "fr": "léditeur-web", "en": "the-web-editor"}
LANGUAGE_NAMES = {"nl": "Nederlands", "fr": "Français", "en": "English"}


def _npm_files() -> list[tuple[Path, str]]:
    """(source, name in /beheer/) of every file the editor needs from node_modules: those of this
    checkout of the code, like the code itself (a copy of the project's data builds with them too)."""
    modules = NODE_MODULES
    decap = modules / "decap-cms" / "dist"
    yaml_reader = modules / "js-yaml" / "dist" / "js-yaml.min.js"
    if not (decap / "decap-cms.js").exists() or not yaml_reader.exists():
        raise DataError("De webeditor (/beheer/) heeft de npm-pakketten decap-cms en js-yaml nodig, maar "
                        f"{modules} heeft ze niet. Installeer ze met `npm ci` (`make site` doet dat zelf).")
    files = [(path, path.name) for path in sorted(decap.iterdir())
             if path.name == "decap-cms.js" or path.name.endswith((".decap-cms.js", "decap-cms.js.LICENSE.txt"))]
    return files + [(yaml_reader, "js-yaml.min.js")]


def page(lang: str, root: Path = ROOT) -> str:
    """The HTML of the editor's page in `lang`."""
    site = identity(root)
    prefix = "" if lang == vocabulary.DEFAULT_LANGUAGE else "../"
    assets = "" if lang == vocabulary.DEFAULT_LANGUAGE else f"../../{cms_config.EDITOR_PATH}/"
    home = "../" + prefix
    branch = cms_config._settings(root)["branch"]
    manual = f"{site['repository']}/blob/{branch}/CONTRIBUTING.md#{MANUAL_ANCHOR[lang]}"
    form = f"{site['repository']}/issues/new/choose"
    note = t("editor_form_language", lang)
    others = []
    for other in vocabulary.LANGUAGES:
        if other == lang:
            continue
        target = home + vocabulary.url_prefix(other) + cms_config.EDITOR_PATH + "/"
        others.append(f'<a href="{escape(target)}" hreflang="{other}" lang="{other}">{escape(LANGUAGE_NAMES[other])}</a>')
    title = f"{t('editor_title', lang)} – {site['names'][lang]}"
    html = f"""<!doctype html>
<html lang="{lang}" data-editor-assets="{escape(assets)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{escape(title)}</title>
<link rel="icon" href="{escape(home)}assets/images/favicon.png">
<link rel="stylesheet" href="{escape(assets)}beheer.css">
<script src="{escape(assets)}beheer.js"></script>
<script src="{escape(assets)}decap-cms.js" defer></script>
<script src="{escape(assets)}js-yaml.min.js" defer></script>
<script src="{escape(assets)}record_format.js" defer></script>
</head>
<body>
<header class="kb-editor-header">
<p class="kb-editor-site"><a href="{escape(home + vocabulary.url_prefix(lang))}">{escape(t('editor_back', lang))}</a></p>
<h1>{escape(t('editor_title', lang))}</h1>
<p>{escape(t('editor_intro', lang))}{(' ' + str(escape(note))) if note else ''}
<a href="{escape(manual)}">{escape(t('editor_manual', lang))}</a></p>
<nav aria-label="{escape(t('editor_languages', lang))}"><p>{' · '.join(others)}</p></nav>
</header>
<noscript><p class="kb-editor-noscript">{escape(t('editor_noscript', lang))}
<a href="{escape(form)}">{escape(t('editor_form_link', lang))}</a></p></noscript>
<main id="nc-root" aria-label="{escape(t('editor_app', lang))}"></main>
</body>
</html>
"""
    return typography.apply(html, lang) if lang == "fr" else html


def write(site_dir: Path, root: Path = ROOT) -> list[Path]:
    """Write the editor's pages and files into a built site; returns the pages."""
    target = site_dir / cms_config.EDITOR_PATH
    target.mkdir(parents=True, exist_ok=True)
    for source, name in _npm_files():
        shutil.copyfile(source, target / name)
    for name in OWN_FILES:
        shutil.copyfile(ASSETS / name, target / name)
    (target / CONFIG_FILE).write_text(cms_config.config_json(root), encoding="utf-8")
    pages = []
    for lang in vocabulary.LANGUAGES:
        path = site_dir / vocabulary.url_prefix(lang) / cms_config.EDITOR_PATH / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page(lang, root), encoding="utf-8")
        pages.append(path)
    return pages
