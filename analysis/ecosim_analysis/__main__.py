"""`/usr/bin/python3 -m ecosim_analysis COMMAND ...` (with analysis/ on PYTHONPATH)."""
import sys

from .cli import main

sys.exit(main())
