"""The digest of a run for the people who act on it: assignments new since the last run, and
those not done that are overdue or due within a week, grouped by lead agency. Written as
Markdown (for mail and chat) and HTML (for a browser), one pair per day."""

from __future__ import annotations

import datetime as dt
import html
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
from pydantic import BaseModel

from pipeline import store


class DigestItem(BaseModel):
    assignment_id: str
    lead_agency: str
    jurisdiction: str | None
    task: str
    deadline: dt.date | None
    recurrence: str | None
    source_path: str
    status: str  # new / overdue / due_soon


class Digest(BaseModel):
    today: dt.date
    run_line: str
    new: list[DigestItem]
    overdue: list[DigestItem]
    due_soon: list[DigestItem]


SECTIONS = (
    ("new", "Nhiệm vụ mới"),
    ("overdue", "Quá hạn"),
    ("due_soon", "Đến hạn trong {soon} ngày tới"),
)
_COLUMNS = (
    "a.assignment_id, a.lead_agency, a.jurisdiction, a.task, a.deadline, a.recurrence, "
    "d.source_path"
)


def build(
    con: duckdb.DuckDBPyConnection,
    new_ids: Iterable[str],
    run_line: str,
    soon: int = 7,
    out: Path | None = None,
) -> Digest:
    """The day's digest. With ``out``, assignments that an earlier run of the same day found
    new stay new (that run's digest is replaced by this one)."""
    today: dt.date = _one(con, "SELECT vn_today()")
    new_ids = set(new_ids)
    if out is not None and (earlier := _new_ids_file(out, today)).is_file():
        new_ids |= set(json.loads(earlier.read_text(encoding="utf-8")))
    with store.id_list(con, "_new", new_ids, "id"):
        new = _items(
            con,
            f"SELECT {_COLUMNS}, 'new' FROM assignments a JOIN documents d USING (doc_id) "
            "WHERE a.assignment_id IN (SELECT id FROM _new) AND d.missing_since IS NULL",
        )
    due = _items(
        con,
        f"SELECT {_COLUMNS}, s.status FROM assignment_status_on(?, soon := ?) s "
        "JOIN assignments a USING (assignment_id) JOIN documents d ON d.doc_id = a.doc_id "
        "WHERE s.status IN ('overdue', 'due_soon') AND d.missing_since IS NULL",
        [today, soon],
    )
    return Digest(
        today=today,
        run_line=run_line,
        new=new,
        overdue=[i for i in due if i.status == "overdue"],
        due_soon=[i for i in due if i.status == "due_soon"],
    )


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    rows = con.execute(sql).fetchall()  # fetchall: DuckDB 2 keeps a fetchone() result open
    return rows[0][0] if rows else None


def _items(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
) -> list[DigestItem]:
    rows = con.execute(sql + " ORDER BY a.lead_agency, a.deadline NULLS LAST, a.task", params)
    fields = list(DigestItem.model_fields)
    return [DigestItem(**dict(zip(fields, row, strict=True))) for row in rows.fetchall()]


def _by_agency(items: list[DigestItem]) -> dict[str, list[DigestItem]]:
    groups: dict[str, list[DigestItem]] = defaultdict(list)
    for item in items:
        where = f" ({item.jurisdiction})" if item.jurisdiction else ""
        groups[item.lead_agency + where].append(item)
    return dict(sorted(groups.items()))


def _when(item: DigestItem) -> str:
    parts = [f"hạn {item.deadline:%d/%m/%Y}" if item.deadline else ""]
    parts.append(f"định kỳ {item.recurrence}" if item.recurrence else "")
    return ", ".join(p for p in parts if p)


def to_markdown(digest: Digest, soon: int = 7) -> str:
    lines = [f"# Tổng hợp nhiệm vụ ngày {digest.today:%d/%m/%Y}", "", digest.run_line, ""]
    for key, title in SECTIONS:
        items: list[DigestItem] = getattr(digest, key)
        lines += [f"## {title.format(soon=soon)} ({len(items)})", ""]
        if not items:
            lines += ["Không có.", ""]
        for agency, group in _by_agency(items).items():
            lines += [f"### {agency}", ""]
            for item in group:
                when = _when(item)
                lines.append(
                    f"- {item.task}" + (f" — {when}" if when else "") + f" ({item.source_path})"
                )
            lines.append("")
    return "\n".join(lines)


def to_html(digest: Digest, soon: int = 7) -> str:
    esc = html.escape
    parts = [
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">',
        f"<title>Tổng hợp nhiệm vụ {digest.today:%d/%m/%Y}</title>",
        "<style>body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em;max-width:60em}"
        "li{margin:.3em 0}.when{color:#b03000}.src{color:#777;font-size:.85em}</style>",
        f"</head><body><h1>Tổng hợp nhiệm vụ ngày {digest.today:%d/%m/%Y}</h1>",
        f"<p>{esc(digest.run_line)}</p>",
    ]
    for key, title in SECTIONS:
        items: list[DigestItem] = getattr(digest, key)
        parts.append(f'<h2 id="{key}">{esc(title.format(soon=soon))} ({len(items)})</h2>')
        if not items:
            parts.append("<p>Không có.</p>")
        for agency, group in _by_agency(items).items():
            parts.append(f"<h3>{esc(agency)}</h3><ul>")
            for item in group:
                when = _when(item)
                parts.append(
                    f"<li>{esc(item.task)}"
                    + (f' <span class="when">— {esc(when)}</span>' if when else "")
                    + f' <span class="src">({esc(item.source_path)})</span></li>'
                )
            parts.append("</ul>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _new_ids_file(out: Path, day: dt.date) -> Path:
    return out / f"{day.isoformat()}.new.json"


def write(digest: Digest, out: Path, soon: int = 7) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    ids = sorted(item.assignment_id for item in digest.new)
    _new_ids_file(out, digest.today).write_text(json.dumps(ids), encoding="utf-8")
    md, page = out / f"{digest.today.isoformat()}.md", out / f"{digest.today.isoformat()}.html"
    md.write_text(to_markdown(digest, soon), encoding="utf-8")
    page.write_text(to_html(digest, soon), encoding="utf-8")
    return md, page
