"""Stage 6, for contributors and maintainers: a new record from the template or from the issue form,
the record writer that keeps a diff small, the link check, and the provenance and originality
checks against the source documents.

Tools around the pipeline, not part of it: they may use every stage below, and no stage uses them
(tests/test_layers.py).
"""
