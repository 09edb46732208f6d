"""python -m site_builder -> the command line."""

from .cli import main

raise SystemExit(main())
