"""Allow ``python -m cvtex``."""

from cvtex.cli import main

main()
