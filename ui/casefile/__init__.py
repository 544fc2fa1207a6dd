"""The case file on screen: the case window with its tabs, the list, Today and search
widgets the main window hosts, and the supervisor views."""

from ui.casefile.caselist import CaseListWidget
from ui.casefile.oversight import LogView
from ui.casefile.retention import RetentionView
from ui.casefile.search import SearchView
from ui.casefile.stats import StatsView
from ui.casefile.today import TodayView
from ui.casefile.window import CaseWindow

__all__ = [
    "CaseListWidget",
    "CaseWindow",
    "LogView",
    "RetentionView",
    "SearchView",
    "StatsView",
    "TodayView",
]
