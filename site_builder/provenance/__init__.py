"""Editorial integrity: every quote found in its source, every figure's number in its quote.

text.py matches quotes against sources, numbers.py knows how numbers are written, checks.py runs
the checks at build time, report.py reports what the sources back (`check --sources`) and what
the site adds from general knowledge. What templates show of it is render/provenance_view.py.
"""

from __future__ import annotations

from .checks import Memo, check_provenance, compute_now, quote_uses
from .report import sources_report

__all__ = ["Memo", "check_provenance", "compute_now", "quote_uses", "sources_report"]
