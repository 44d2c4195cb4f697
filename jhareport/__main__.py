"""`python -m jhareport`: the `jhareport` command."""

import sys

from .cli import main

sys.exit(main())
