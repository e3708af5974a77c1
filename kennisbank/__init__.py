"""Kennisbank lokaal integratiebeleid: the data layer and build steps behind the website.

Why a package and not MkDocs plugins: Material for MkDocs reaches end of life on 5 May 2027 and
its successor runs no MkDocs hooks. Everything that matters (loading, validating, rendering
Markdown, indexing) lives here and runs from `python -m kennisbank`; the MkDocs hook only calls it.
"""
