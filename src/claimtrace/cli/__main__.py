"""`python -m claimtrace.cli`: the command line, as the `claimtrace` command."""

import sys

from claimtrace.cli import main

sys.exit(main())
