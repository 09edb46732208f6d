"""python -m site_builder -> the command line."""

from .cli import run

run()
