"""The case file on screen: the case window with its tabs, and the list, Today and
search widgets the main window hosts."""

from ui.casefile.caselist import CaseListWidget
from ui.casefile.search import SearchView
from ui.casefile.today import TodayView
from ui.casefile.window import CaseWindow

__all__ = ["CaseListWidget", "CaseWindow", "SearchView", "TodayView"]
