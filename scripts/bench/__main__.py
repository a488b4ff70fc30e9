"""`python -m scripts.bench`: the benchmark's command line (see scripts/bench/cli.py)."""

import sys

from scripts.bench.cli import main

sys.exit(main())
