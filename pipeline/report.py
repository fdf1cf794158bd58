"""The review site: a static HTML page per document with every extracted span highlighted
in its text, beside the table of its assignments, so an analyst checks an extraction
against its text at a glance. Read-only on the database; no network, no template engine.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import duckdb
from pydantic import BaseModel

from pipeline.export import labels


class ReportError(Exception):
    """A report that cannot be written: the message says why."""


class ReportSummary(BaseModel):
    out: str
    documents: int
    pages: int


# Kinds of highlighted span, in the order their colours win when spans overlap.
KINDS = {
    "task": ("Nhiệm vụ", "#fff1b8"),
    "ref": ("Văn bản được trích dẫn", "#cdeec6"),
    "agency": ("Cơ quan", "#c9defc"),
    "deadline": ("Thời hạn, định kỳ", "#ffcfc2"),
}


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str
    note: str


def write_report(db: Path, out: Path) -> ReportSummary:
    if not db.is_file():
        raise ReportError(f"no database at {db}; run `nhiemvu extract` first")
    data = _load(db)
    (out / "docs").mkdir(parents=True, exist_ok=True)
    (out / "style.css").write_text(_CSS, encoding="utf-8")
    pages = 0
    for doc in data["documents"]:
        if doc["status"] == "ok" and doc["text"]:
            page = _document_page(
                doc, data["assignments"][doc["doc_id"]], data["refs"][doc["doc_id"]]
            )
            (out / "docs" / f"{doc['doc_id']}.html").write_text(page, encoding="utf-8")
            pages += 1
    (out / "index.html").write_text(_index(data["documents"]), encoding="utf-8")
    return ReportSummary(out=str(out), documents=len(data["documents"]), pages=pages)


def _load(db: Path) -> dict[str, Any]:
    """Everything the pages show, read in one short read-only connection."""
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        raise ReportError(f"cannot open {db}: {exc}") from exc
    try:
        documents = _dicts(
            con,
            """SELECT d.*, (SELECT count(*) FROM assignments a WHERE a.doc_id = d.doc_id)
                   AS n_assignments,
               (SELECT count(*) FROM legal_refs r WHERE r.doc_id = d.doc_id) AS n_refs
               FROM documents d ORDER BY source_path""",
        )
        assignments: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in _dicts(con, "SELECT * FROM assignments ORDER BY doc_id, seq"):
            assignments[row["doc_id"]].append(row)
        agencies: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in _dicts(con, "SELECT * FROM assignment_agencies ORDER BY start_char"):
            agencies[row["assignment_id"]].append(row)
        for rows in assignments.values():
            for row in rows:
                row["agencies"] = agencies[row["assignment_id"]]
        refs: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in _dicts(con, "SELECT * FROM legal_refs ORDER BY doc_id, start_char"):
            refs[row["doc_id"]].append(row)
    except duckdb.Error as exc:
        raise ReportError(f"{db} is not a nhiemvu database: {exc}") from exc
    finally:
        con.close()
    return {"documents": documents, "assignments": assignments, "refs": refs}


def _dicts(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# --- pages -------------------------------------------------------------------------------


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _page(title: str, body: str, css: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>{_esc(title)}</title>"
        f'<link rel="stylesheet" href="{css}"></head>\n<body>\n{body}\n</body></html>\n'
    )


def _index(documents: list[dict[str, Any]]) -> str:
    col = labels()["columns"]
    heads = ["source_path", "doc_kind", "doc_number", "issued_date", "title", "status"]
    rows = []
    for d in documents:
        name = _esc(d["source_path"])
        if d["status"] == "ok" and d["text"]:
            name = f'<a href="docs/{_esc(d["doc_id"])}.html">{name}</a>'
        note = _esc(d["error"] or (f"trùng với {d['duplicate_of']}" if d["duplicate_of"] else ""))
        cells = [name, *(_esc(d[h]) for h in heads[1:5])]
        cells += [str(d["n_assignments"]), str(d["n_refs"]), f"{_esc(d['status'])} {note}"]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    header = [col[h] for h in heads[:5]] + ["Nhiệm vụ", "Trích dẫn", col["status"]]
    table = (
        '<table class="index"><thead><tr>'
        + "".join(f"<th>{_esc(h)}</th>" for h in header)
        + "</tr></thead><tbody>\n"
        + "\n".join(rows)
        + "</tbody></table>"
    )
    n_ok = sum(d["status"] == "ok" for d in documents)
    body = (
        f"<h1>nhiemvu: rà soát kết quả trích xuất</h1>"
        f"<p>{len(documents)} văn bản, {n_ok} đọc được.</p>{table}"
    )
    return _page("nhiemvu: rà soát", body, "style.css")


def _document_page(
    doc: dict[str, Any], assignments: list[dict[str, Any]], refs: list[dict[str, Any]]
) -> str:
    spans = _spans(assignments, refs)
    anchors: dict[int, list[str]] = defaultdict(list)
    for a in assignments:  # two assignments may share a task ("A, B chủ trì ...")
        if a["task_start"] is not None:
            anchors[a["task_start"]].append(f"a{a['seq']}")
    legend = "".join(
        f'<span class="hl {kind}">{_esc(name)}</span> <b id="n-{kind}"></b> '
        for kind, (name, _) in KINDS.items()
    )
    facts = " · ".join(
        _esc(v)
        for v in (doc["doc_kind"], doc["doc_number"], doc["issuer"], doc["issued_date"])
        if v
    )
    body = (
        '<p><a href="../index.html">← Danh sách văn bản</a></p>'
        f"<h1>{_esc(doc['title'] or doc['source_path'])}</h1>"
        f'<p class="facts">{_esc(doc["source_path"])} · {facts}</p>'
        f'<p class="legend">{legend}</p>'
        '<div class="columns">'
        f'<pre class="text">{_highlighted(doc["text"], spans, anchors)}</pre>'
        f"{_assignment_table(assignments)}</div>"
        f'<div id="counts" hidden data-expected-agency="{_count(spans, "agency")}"'
        f' data-expected-task="{_count(spans, "task")}"'
        f' data-expected-deadline="{_count(spans, "deadline")}"'
        f' data-expected-ref="{_count(spans, "ref")}"></div>'
        f"<script>{_COUNT_JS}</script>"
    )
    return _page(doc["title"] or doc["source_path"], body, "../style.css")


def _count(spans: list[_Span], kind: str) -> int:
    """Spans of a kind as the page marks them: one marker where one or more begin."""
    return len({s.start for s in spans if s.kind == kind})


def _spans(assignments: list[dict[str, Any]], refs: list[dict[str, Any]]) -> list[_Span]:
    found: dict[tuple[int, int, str], _Span] = {}

    def add(start: Any, end: Any, kind: str, note: str) -> None:
        if start is not None and end is not None and start < end:
            found.setdefault((start, end, kind), _Span(start, end, kind, note))

    for a in assignments:
        add(a["task_start"], a["task_end"], "task", f"Nhiệm vụ {a['seq']} · {a['rule_id']}")
        # .get: a database of schema version 1, opened read-only, has no such columns.
        add(a.get("deadline_start"), a.get("deadline_end"), "deadline", f"Hạn: {a['deadline']}")
        add(
            a.get("recurrence_start"),
            a.get("recurrence_end"),
            "deadline",
            f"Định kỳ: {a['recurrence']}",
        )
        for g in a["agencies"]:
            role = "chủ trì" if g["role"] == "lead" else "phối hợp"
            add(g["start_char"], g["end_char"], "agency", f"{g['agency']} ({role})")
    for r in refs:
        add(r["start_char"], r["end_char"], "ref", f"{r['kind']} {r['number'] or ''}".strip())
    return list(found.values())


def _highlighted(text: str, spans: list[_Span], anchors: dict[int, list[str]]) -> str:
    """The text cut at every span boundary; each piece carries the classes of the spans
    over it, so nested and overlapping spans all show. The first piece of a span carries
    its marker class, which the page's script counts."""
    cuts = sorted({0, len(text), *anchors, *(p for s in spans for p in (s.start, s.end))})
    out: list[str] = []
    for start, end in pairwise(cuts):
        out.extend(f'<a id="{name}"></a>' for name in anchors.get(start, ()))
        over = [s for s in spans if s.start <= start and end <= s.end]
        piece = _esc(text[start:end])
        if not over:
            out.append(piece)
            continue
        classes = sorted({s.kind for s in over}, key=list(KINDS).index)
        heads = sorted({f"{s.kind}-start" for s in over if s.start == start})
        notes = "; ".join(s.note for s in over)
        out.append(
            f'<span class="hl {" ".join(classes + heads)}" title="{_esc(notes)}">{piece}</span>'
        )
    return "".join(out)


def _assignment_table(assignments: list[dict[str, Any]]) -> str:
    col = labels()["columns"]
    heads = ["seq", "lead_agency", "coordinators", "task", "deadline", "recurrence", "rule_id"]
    rows = []
    for a in assignments:
        coordinators = ", ".join(g["agency"] for g in a["agencies"] if g["role"] != "lead")
        deadline = a["deadline"] or a["deadline_raw"] or ""
        cells = [
            f'<a href="#a{a["seq"]}">{a["seq"]}</a>',
            _esc(a["lead_agency"]),
            _esc(coordinators),
            _esc(a["task"]),
            _esc(deadline),
            _esc(a["recurrence"]),
            f"<code>{_esc(a['rule_id'])}</code>",
        ]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    if not rows:
        return '<div class="assignments"><p>Không tìm thấy nhiệm vụ.</p></div>'
    return (
        '<div class="assignments"><table><thead><tr>'
        + "".join(f"<th>{_esc(col[h])}</th>" for h in heads)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
    )


# The legend shows how many spans of each kind the page holds, counted in the browser.
_COUNT_JS = """
for (const kind of ["task", "ref", "agency", "deadline"]) {
  const n = document.querySelectorAll(".hl." + kind + "-start").length;
  document.getElementById("n-" + kind).textContent = "(" + n + ")";
  document.getElementById("counts").dataset["shown" + kind[0].toUpperCase() + kind.slice(1)] = n;
}
"""

_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; }
table { border-collapse: collapse; font-size: 0.85em; }
td, th { border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
.facts { color: #555; }
.columns { display: flex; gap: 1.5em; align-items: flex-start; }
.text { flex: 1 1 45%; white-space: pre-wrap; font-family: inherit; font-size: 0.9em;
        line-height: 1.5; margin: 0; }
.assignments { flex: 1 1 55%; position: sticky; top: 0; max-height: 100vh; overflow: auto; }
.legend .hl { padding: 1px 6px; }
.hl.task { border-bottom: 2px solid #d9a400; }
""" + "".join(f".hl.{kind} {{ background: {colour}; }}\n" for kind, (_, colour) in KINDS.items())
