"""Stage 5, the PDFs: the book per language and a fiche per practice, tagged for PDF/UA.

Printed from the same pages and templates as the website (kennisbank.site), so the PDF says what
the site says; the site never imports it back (tests/test_layers.py).
"""
