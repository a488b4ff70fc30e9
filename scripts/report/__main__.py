"""`python -m scripts.report`: write the static HTML report (see scripts/report/cli.py)."""

import sys

from scripts.report.cli import main

sys.exit(main())
