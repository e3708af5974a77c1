"""Stage 1, the records: read a contributor's YAML, check it against the schema and the vocabularies, and say what is wrong.

Everything here works on one record file or on the lists beside it (vocabularies, places,
organisations, the interface's words in three languages), and nothing here knows about pages, PDFs
or exports. The later stages build on it; it imports none of them (tests/test_layers.py).
"""
