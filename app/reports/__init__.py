"""Documents made from the case file for people outside the app: the register extract
(GDPR art. 15) and the follow-up statistics, as PDF bytes in memory. Saving them is
the caller's job (:func:`app.fsutil.atomic_write`, to a path the user chose)."""

from __future__ import annotations

from app.reports.register_extract import render_register_extract
from app.reports.statistics import render_follow_up

__all__ = ["render_follow_up", "render_register_extract"]
