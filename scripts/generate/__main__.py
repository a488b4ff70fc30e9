"""Run the generator: `python -m scripts.generate --raw-dir data/raw --scale 0.001`."""

import sys

from scripts.generate.cli import main

sys.exit(main())
