"""Entry point for the bundled app (PyInstaller runs a script, not a console_scripts entry)."""

import sys

from casework.cli import main

sys.exit(main())
