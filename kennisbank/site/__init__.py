"""Stage 4, the website: the generated Markdown pages, the hand-written pages' markers, the glossary,
the search index and its data, the maps, charts, feeds and sitemaps.

It reads the model and the open data; the PDF stage reuses its templates and text passes; nothing
here imports the PDF or contributor stages (tests/test_layers.py). The MkDocs hooks call into it.
"""
