"""Stage 3, the open data: the model as JSON, CSV per language and a DCAT-AP catalogue.

Beside the site, not inside it: the exports are written from the model, so they hold what the pages
show, and they need nothing from the page stages (tests/test_layers.py).
"""
