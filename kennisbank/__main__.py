"""`python -m kennisbank …` runs the command-line interface."""
from kennisbank.cli import main

raise SystemExit(main())
