"""`python -m kennisbank <command>`: every project task, so the Makefile stays a list of targets.

    check [FILE…]   validate records (all of data/praktijken/ by default), no build
    nieuw           write a new record from the schema: data/praktijken/<slug>.yaml
    rapport         records to re-check: checked too long ago, or 'lopend' without recent confirmation
    generate        validate and write the generated Markdown pages under docs/praktijken/
    build           validate, generate, build the site with MkDocs, index it with Pagefind, make the PDFs
    parity A B      compare two built sites page by page: text, glossary, search attributes, links, languages
    exit-check      the Zensical shadow build: install the newest Zensical, build with it, compare with MkDocs
    pdf             (re)make only the PDFs in site/pdf/: a book per language and a fiche per practice
    links           check every internal link (and #anchor) of the built site
    index           (re)index an already built site with Pagefind and check the counts
    serve           build, then serve site/ on http://127.0.0.1:8000 (--watch: follow every edit, reload the browser)
    beheer          the web editor on this checkout: build, start decap-server, serve /beheer/
    bench           benchmark the pipeline on synthetic records and write BENCHMARKS.md
    i18n            list hand-written pages and record fields that lack a fr or en translation
    herkomst [FILE…] check that every literal fact stands on the source lines its record cites
    origineel       list prose that repeats 12 or more words of a source document
    preview         copy the built site to site-preview/ with links that work when opened from disk
    doctor          check the system libraries, fonts and programs the build (site) or the tests (test) load
    van-issue       turn an issue made with the form into a record, checked, with a summary for the issue
"""
from __future__ import annotations

import argparse
import datetime as dt
import errno
import functools
import http.server
import sys
import time
from pathlib import Path

from kennisbank import build
from kennisbank.model import load_files
from kennisbank.paths import DOCS_DIR, RECORDS_DIR, ROOT, SITE_DIR
from kennisbank.records.problems import Text, ValidationFailed, report_language
from kennisbank.site import pages, search
from kennisbank.site.generators import GENERATORS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kennisbank", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate records without building")
    check.add_argument("files", nargs="*", type=Path, help="record files (default: all of data/praktijken/)")
    check.add_argument("--taal", choices=["nl", "fr", "en"], help="language of the messages (default: KENNISBANK_TAAL, the locale, or nl)")
    check.add_argument("--formaat", choices=CHECK_FORMATS, default="tekst",
                       help="tekst: file:line:column lines (default); github: GitHub Actions annotations on stdout; "
                            "markdown: a report for a pull-request comment on stdout")
    new = commands.add_parser("nieuw", help="write a new practice record to fill in")
    new.add_argument("--titel", help="title of the practice, in Dutch")
    new.add_argument("--gemeente", help="municipality where it runs (Statbel name)")
    new.add_argument("--slug", help="file name without .yaml (default: from municipality and title)")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    report = commands.add_parser("rapport", help="list records whose facts may be out of date")
    report.add_argument("--jaren", type=int, default=None, help="a check older than this is stale (default 2)")
    report.add_argument("--datum", type=dt.date.fromisoformat, default=None, help="today, as YYYY-MM-DD (default: today)")
    report.add_argument("--map", type=Path, default=RECORDS_DIR, help="folder of the records (default data/praktijken)")
    report.add_argument("--strikt", action="store_true", help="exit 1 when anything is listed")
    commands.add_parser("generate", help="write the generated Markdown pages")
    build_cmd = commands.add_parser("build", help="build and index the whole site")
    build_cmd.add_argument("--site-dir", type=Path, default=SITE_DIR)
    build_cmd.add_argument("--no-index", action="store_true", help="skip Pagefind (faster, no search)")
    build_cmd.add_argument("--no-pdf", action="store_true", help="skip the PDF book and fiches (much faster)")
    build_cmd.add_argument("--generator", choices=GENERATORS,
                           help="render with MkDocs or its fork ProperDocs (default: KENNISBANK_GENERATOR, else mkdocs)")
    parity = commands.add_parser("parity", help="compare two built sites page by page (exit 1 on any difference)")
    parity.add_argument("site_a", type=Path, metavar="SITE_A")
    parity.add_argument("site_b", type=Path, metavar="SITE_B")
    exit_check = commands.add_parser("exit-check", help="build with the newest installable Zensical and compare with MkDocs")
    exit_check.add_argument("--mkdocs-site", type=Path, help="a MkDocs build to compare with (default: build one, without PDFs)")
    exit_check.add_argument("--records", type=int, metavar="N", help="build the benchmark's synthetic project of N records instead")
    exit_check.add_argument("--zensical-search", action="store_true", help="leave Zensical's built-in search on")
    pdf_cmd = commands.add_parser("pdf", help="make the PDF book per language and a fiche per practice")
    pdf_cmd.add_argument("--site-dir", type=Path, default=SITE_DIR)
    links_cmd = commands.add_parser("links", help="check every internal link of a built site")
    links_cmd.add_argument("--site-dir", type=Path, default=SITE_DIR)
    links_cmd.add_argument("--extern", type=Path, metavar="FILE",
                           help="also write every external link, with the pages that use it, to FILE (not fetched)")
    index_cmd = commands.add_parser("index", help="index a built site with Pagefind")
    index_cmd.add_argument("--site-dir", type=Path, default=SITE_DIR)
    serve = commands.add_parser("serve", help="build, then serve the site")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--no-build", action="store_true", help="serve site/ as it is")
    serve.add_argument("--no-pdf", action="store_true", help="build without the PDFs")
    serve.add_argument("--watch", action="store_true",
                       help="live preview: rebuild what an edit in data/ or docs/ touches, reload the browser")
    editor = commands.add_parser("beheer", help="the web editor on this checkout (decap-server and the site)")
    editor.add_argument("--host", default="127.0.0.1")
    editor.add_argument("--port", type=int, default=8000, help="the site's port (default 8000)")
    editor.add_argument("--proxy-port", type=int, default=None, help="decap-server's port (default 8081)")
    editor.add_argument("--no-build", action="store_true", help="serve site/ as it is")
    editor.add_argument("--config", action="store_true", help="only print the editor's configuration (JSON), generated from the schema")
    bench = commands.add_parser("bench", help="benchmark the pipeline on synthetic records")
    bench.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 3000], help="site benchmark sizes")
    bench.add_argument("--pdf-sizes", type=int, nargs="*", default=[31, 1000], help="PDF benchmark sizes")
    bench.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    i18n = commands.add_parser("i18n", help="list missing translations")
    i18n.add_argument("--strict", action="store_true", help="exit 1 when anything is missing")
    provenance_cmd = commands.add_parser("herkomst", help="check literal facts against their cited source lines")
    provenance_cmd.add_argument("files", nargs="*", type=Path, help="record files (default: all of data/praktijken/)")
    commands.add_parser("origineel", help="list prose that repeats 12 or more words of a source document")
    preview = commands.add_parser("preview", help="a copy of the built site that works from disk (pull-request preview)")
    preview.add_argument("--site-dir", type=Path, default=SITE_DIR)
    preview.add_argument("--output", type=Path, default=ROOT / "site-preview")
    doctor = commands.add_parser("doctor", help="check what the build and the tests need from the system")
    doctor.add_argument("scope", nargs="?", choices=["node", "site", "test"], default="test",
                        help="node: Node.js and npm (the web editor's files); site: also the PDFs; "
                             "test: also Chromium and Java (default)")
    doctor.add_argument("--packages", action="store_true", help="print only the Debian packages that are missing")
    from_issue = commands.add_parser("van-issue", help="turn an issue made with the form into a record (exit 1: "
                                     "it has problems, 2: not a form body)")
    from_issue.add_argument("--body", type=Path, metavar="FILE", help="the issue body as GitHub renders the form (default: standard input)")
    from_issue.add_argument("--issue-number", type=int, metavar="N", help="the issue's number, named in the summary")
    from_issue.add_argument("--date", type=_issue_date, metavar="YYYY-MM-DD", help="the issue's date, YYYY-MM-DD (default: today)")
    from_issue.add_argument("--summary", type=Path, metavar="FILE", help="also write the summary (Markdown) to FILE")
    from_issue.add_argument("--map", type=Path, default=RECORDS_DIR, help="folder of the records (default data/praktijken)")
    from_issue.add_argument("--force", action="store_true", help="overwrite a record with the same name")
    args = parser.parse_args(argv)
    try:
        return {"check": cmd_check, "nieuw": cmd_new, "rapport": cmd_report, "generate": cmd_generate, "build": cmd_build, "parity": cmd_parity, "exit-check": cmd_exit_check, "pdf": cmd_pdf, "links": cmd_links, "index": cmd_index,
                "serve": cmd_serve, "beheer": cmd_editor, "bench": cmd_bench, "i18n": cmd_i18n, "doctor": cmd_doctor,
                "preview": cmd_preview, "herkomst": cmd_provenance, "origineel": cmd_originality,
                "van-issue": cmd_from_issue}[args.command](args)
    except build.DataError as error:
        print(error, file=sys.stderr)
        return 1


CHECK_FORMATS = ("tekst", "github", "markdown")


def cmd_check(args) -> int:
    """Exit 1 when any record has an error; warnings are printed but never fail the check."""
    from kennisbank.model import build_practice
    from kennisbank.records.problems import github_annotations, markdown_report, text_report
    from kennisbank.records.validation import record_paths, validate

    started = time.perf_counter()
    lang = report_language(args.taal)
    result = validate([path.resolve() for path in args.files] or record_paths(RECORDS_DIR))
    # Building the model from every valid record is part of the check: no record may fail later.
    practices = [] if result.problems else [build_practice(doc.data, doc.path) for doc in result.documents]
    if args.formaat == "github":
        if result.problems or result.warnings:
            print(github_annotations(result.problems, result.warnings, lang))
    elif args.formaat == "markdown":
        print(markdown_report(result.problems, result.warnings, len(result.documents), lang), end="")
    elif result.problems or result.warnings:
        print(text_report(result.problems, result.warnings, lang), file=sys.stderr)
    if result.problems:
        return 1
    if args.formaat == "tekst":
        seconds = f"{time.perf_counter() - started:.2f}"
        if result.warnings:
            count = len(result.warnings)
            warnings = Text("warning_count_one") if count == 1 else Text("warning_count_many", count=count)
            print(Text("check_ok_warnings", count=len(practices), warnings=warnings, seconds=seconds).render(lang))
        else:
            print(Text("check_ok", count=len(practices), seconds=seconds).render(lang))
    return 0


def cmd_new(args) -> int:
    from kennisbank.contrib import scaffold
    from kennisbank.records.places import gazetteer

    title = args.titel or _ask("Titel van de praktijk (in het Nederlands): ")
    municipality = args.gemeente or _ask("Gemeente (officiële naam, bv. Sint-Pieters-Leeuw): ")
    places = gazetteer()
    if not places.municipality(municipality) and not places.former_name(municipality):
        close = places.suggest_municipality(municipality)
        hint = f" Bedoel je {' of '.join(repr(c) for c in close)}?" if close else " Gebruik de officiële naam volgens Statbel."
        print(f"Onbekende gemeente '{municipality}'.{hint}", file=sys.stderr)
        return 1
    try:
        path = scaffold.new_record(title, municipality, slug=args.slug, force=args.force)
    except FileExistsError as error:
        print(error, file=sys.stderr)
        return 1
    try:
        load_files([path])
        missing = 0
    except ValidationFailed as failure:
        missing = len(failure.problems)
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"Geschreven: {shown}\nNog in te vullen: {missing} verplichte velden. "
          f"Controleer met: make check BESTAND={shown}")
    return 0


def _issue_date(text: str) -> dt.date:
    from kennisbank.contrib.from_issue import issue_date

    try:
        return issue_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def cmd_from_issue(args) -> int:
    from kennisbank.contrib import from_issue

    return from_issue.run(args.body, args.issue_number, args.date or dt.date.today(), args.summary, args.map, args.force)


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise build.DataError("Geef --titel en --gemeente op (of start het commando in een terminal om ze te typen).")
    answer = input(prompt).strip()
    if not answer:
        raise build.DataError("Een titel en een gemeente zijn nodig.")
    return answer


def cmd_report(args) -> int:
    from kennisbank.model import freshness

    today = args.datum or dt.date.today()
    years = freshness.STALE_AFTER_YEARS if args.jaren is None else args.jaren
    result = freshness.report(build.load(args.map), today, years)
    print(freshness.format_report(result, today, years, ROOT))
    return 1 if args.strikt and not result.empty else 0


def cmd_generate(args) -> int:
    files = build.generate_pages(DOCS_DIR, force=True)
    print(f"{len(files)} pagina's gegenereerd in {DOCS_DIR / 'praktijken'}.")
    return 0


def cmd_build(args) -> int:
    report = build.build_site(ROOT, args.site_dir, index=not args.no_index, pdf=not args.no_pdf,
                              generator=getattr(args, "generator", None))
    timings = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in report.timings.items())
    print(f"{report.records} praktijken, {report.expected_per_language} pagina's per taal. {timings}.")
    if report.indexed:
        print("Zoekindex: " + ", ".join(f"{lang} {count}" for lang, count in sorted(report.indexed.items())) + " pagina's.")
    if report.pdf:
        print(f"PDF's: {len(report.pdf.books)} boeken en {len(report.pdf.fiches)} fiches in {args.site_dir / 'pdf'}")
    print(f"Site: {args.site_dir}")
    return 0


def cmd_parity(args) -> int:
    from kennisbank import parity

    comparison = parity.compare_sites(args.site_a, args.site_b)
    print(parity.report(comparison))
    return 1 if comparison.differences else 0


def cmd_exit_check(args) -> int:
    from kennisbank import exit_check

    check = exit_check.run(args.mkdocs_site, records=args.records, builtin_search=args.zensical_search)
    return 1 if check.comparison.differences else 0


def cmd_pdf(args) -> int:
    started = time.perf_counter()
    build.generate_pages(DOCS_DIR)
    report = build.build_pdfs(ROOT, args.site_dir)
    print(f"{len(report.books)} boeken en {len(report.fiches)} fiches in {args.site_dir / 'pdf'} "
          f"({time.perf_counter() - started:.1f} s).")
    return 0


def cmd_links(args) -> int:
    from kennisbank.contrib import links

    if not (args.site_dir / "index.html").exists():
        raise build.DataError(f"Geen gebouwde site in {args.site_dir}: voer eerst `make site` uit.")
    broken = links.broken_links(args.site_dir)
    if args.extern:
        external = links.external_links(args.site_dir)
        lines = [f"{url}\t{len(pages)} pagina's, bv. {pages[0]}" for url, pages in external.items()]
        args.extern.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(external)} externe links in {args.extern} (niet opgevraagd: geen netwerk bij het bouwen).")
    for line in broken:
        print(line, file=sys.stderr)
    pages = sum(1 for _ in args.site_dir.rglob("*.html"))
    print(f"{len(broken)} kapotte interne links in {pages} pagina's.", file=sys.stderr if broken else sys.stdout)
    return 1 if broken else 0


def cmd_index(args) -> int:
    from kennisbank.build_date import build_date

    expected = build.expected_pages_per_language(pages.plan(build.load(), build_date(ROOT)), DOCS_DIR)
    try:
        counts = search.index_site(args.site_dir)
        search.check_counts(counts, expected)
    except search.SearchIndexError as error:
        raise build.DataError(str(error)) from None
    print("Zoekindex: " + ", ".join(f"{lang} {count}" for lang, count in sorted(counts.items())) + " pagina's.")
    return 0


def cmd_serve(args) -> int:
    # The port first: a second `make serve` should say so at once, not after a whole build.
    if args.watch:
        from kennisbank import watch

        preview = watch.Preview(ROOT, SITE_DIR, pdf=not args.no_pdf)
        bind = functools.partial(preview.bind, args.host, args.port)
    else:
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(SITE_DIR))
        bind = functools.partial(http.server.ThreadingHTTPServer, (args.host, args.port), handler)
    try:
        server = bind()
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        raise build.DataError(f"Poort {args.port} is al in gebruik: draait `make serve` al in een ander venster? "
                              f"Open dan gewoon http://{args.host}:{args.port}/, of stop het andere met Ctrl+C. "
                              f"Een andere poort kiezen kan ook: make serve PORT={args.port + 1}") from None
    if args.watch:
        return preview.run(server)  # builds, serves, and follows every edit (kennisbank.watch)
    with server:
        if not args.no_build:
            cmd_build(argparse.Namespace(site_dir=SITE_DIR, no_index=False, no_pdf=args.no_pdf))
        print(f"De kennisbank draait op http://{args.host}:{args.port}/ (Ctrl+C om te stoppen).")
        if getattr(args, "opened", None):
            print(f"De webeditor: {args.opened} (klik op Inloggen: er is geen wachtwoord, alles blijft op deze "
                  "computer). Na het opslaan: make check, en make serve om de pagina te zien.")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


def cmd_editor(args) -> int:
    """The web editor on this checkout: records saved in it land in data/praktijken/ (not committed)."""
    from kennisbank.contrib import cms_config, editor_server

    if args.config:
        sys.stdout.write(cms_config.config_json(ROOT))
        return 0
    proxy_port = args.proxy_port or cms_config.PROXY_PORT
    editor_server.decap_server_script(ROOT)
    proxy = editor_server.start_proxy(ROOT, proxy_port, args.host)
    try:
        print(f"decap-server schrijft in {ROOT / 'data' / 'praktijken'} (poort {proxy_port}).")
        cmd_serve(argparse.Namespace(host=args.host, port=args.port, no_build=args.no_build, no_pdf=True,
                                     opened=editor_server.editor_url(args.host, args.port, proxy_port)))
    finally:
        proxy.terminate()
        proxy.wait()
    return 0


def cmd_bench(args) -> int:
    from kennisbank import bench
    bench.run(args.sizes, args.output, args.pdf_sizes)
    return 0


def cmd_i18n(args) -> int:
    from kennisbank.records import translations
    text, missing = translations.report(DOCS_DIR, build.load(RECORDS_DIR))
    print(text)
    return 1 if args.strict and missing else 0


def cmd_doctor(args) -> int:
    from kennisbank import doctor

    results = doctor.findings(args.scope)
    if args.packages:
        print(" ".join(doctor.missing_packages(results)))
        return 0
    print(doctor.report(results))
    return 0 if all(finding.ok for finding in results) else 1


def cmd_preview(args) -> int:
    from kennisbank.site import preview

    try:
        count = preview.make_preview(args.site_dir, args.output)
    except FileNotFoundError as error:
        raise build.DataError(str(error)) from None
    print(f"Voorbeeld in {args.output}: {count} pagina's; open {args.output / preview.INDEX} met een dubbelklik.")
    return 0


def _source_document(name: str) -> str:
    from kennisbank.paths import SOURCES_DIR, SOURCES_ENV

    path = SOURCES_DIR / name
    if not path.is_file():
        raise build.DataError(f"Brondocument {path} ontbreekt: zet shared/seeds/ naast de repository of wijs {SOURCES_ENV} "
                              "naar de map met de brondocumenten.")
    return path.read_text(encoding="utf-8")


def cmd_provenance(args) -> int:
    import yaml

    from kennisbank.contrib import provenance

    paths = [path.resolve() for path in args.files] or sorted(RECORDS_DIR.glob("[!_]*.yaml"))
    count = 0
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        document = (data.get("bron") or {}).get("document")
        if not document:
            continue
        for problem in provenance.check_record(data, _source_document(document)):
            print(f"{path.name}: {problem.path}: {problem.message}", file=sys.stderr)
            count += 1
    print(f"{count} problemen met de herkomst in {len(paths)} praktijken.", file=sys.stderr if count else sys.stdout)
    return 1 if count else 0


def cmd_originality(args) -> int:
    import yaml

    from kennisbank.contrib import originality
    from kennisbank.paths import SOURCES_DIR

    sources = originality.source_runs([path.read_text(encoding="utf-8") for path in sorted(SOURCES_DIR.glob("*.txt"))])
    if not sources:
        raise build.DataError(f"Geen brondocumenten in {SOURCES_DIR}.")
    found = [(path.name, copied) for path in sorted(RECORDS_DIR.glob("[!_]*.yaml"))
             for copied in originality.copied_in_record(yaml.safe_load(path.read_text(encoding="utf-8")), sources)]
    found += [(path.relative_to(DOCS_DIR).as_posix(), copied) for path in sorted(DOCS_DIR.rglob("*.md"))
              if "praktijken" not in path.relative_to(DOCS_DIR).parts for copied in originality.copied_in_page(path, sources)]
    found += originality.copied_in_data_files(sources)
    for where, copied in found:
        print(f"{where}: {copied.where}: \"{copied.words}\"", file=sys.stderr)
    print(f"{len(found)} passages die {originality.RUN} of meer woorden van een brondocument overnemen.",
          file=sys.stderr if found else sys.stdout)
    return 1 if found else 0
