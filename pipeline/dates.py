"""Calendar dates as Vietnamese texts write them, shared by every extractor.

Day-first always: "24/02/2020", "05-9-2019", "24.5.2017", "10 tháng 9 năm 2023",
"ngày 24 tháng 02 năm 2020". PDF-extracted text may put spaces inside ("24/ 02/2020").
An impossible date (31/2) is not a date.
"""

from __future__ import annotations

from datetime import date

import regex

# Numeric day/month/year with one separator kind; spaces around separators allowed.
_NUMERIC = r"(?P<d>[0-3]?\d)\s?(?P<sep>[/.\-])\s?(?P<m>[01]?\d)\s?(?P=sep)\s?(?P<y>(?:19|20)\d\d)"
_WORDED = r"(?P<d2>[0-3]?\d)\s+tháng\s+(?P<m2>[01]?\d)\s*(?:,\s*)?năm\s+(?P<y2>(?:19|20)\d\d)"
DATE_PATTERN = rf"(?:{_NUMERIC}|{_WORDED})"
DATE_RE = regex.compile(rf"(?<![\d/.\-]){DATE_PATTERN}(?![\d/])", regex.IGNORECASE)

# "ngày 24/02/2020", "ngày 10 tháng 9 năm 2023": the date as introduced in running text.
DATED_RE = regex.compile(rf"\bngày\s+{DATE_PATTERN}(?![\d/])", regex.IGNORECASE)


def make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_from_match(m: regex.Match[str]) -> date | None:
    """The date of a match of DATE_PATTERN (numeric or worded groups)."""
    groups = m.groupdict()
    if groups.get("d") is not None:
        return make_date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
    if groups.get("d2") is not None:
        return make_date(int(groups["y2"]), int(groups["m2"]), int(groups["d2"]))
    return None
