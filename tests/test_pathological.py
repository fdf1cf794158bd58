"""Long and repetitive inputs go through the whole extraction in time linear in their size.

These assert only that extraction returns sane results; a quadratic step would show up as a
test that runs for minutes (the "; "-joined clauses took 132 s before their extension was
applied once per directive)."""

from __future__ import annotations

import pytest

from pipeline.extract import analyse
from pipeline.header import HeaderRules
from pipeline.normalize import normalize

CASES = {
    "clauses joined by ;": "Tin\nSở Y tế chủ trì " + "rà soát hồ sơ dự án; " * 10000,
    "a long agency list": "Tin\nUBND tỉnh giao " + "Sở Tài chính, " * 5000 + "thực hiện.",
    "a trigger repeated": "Tin\n" + "giao " * 20000,
    "commas": "Tin\n" + "a, " * 30000 + "Sở Y tế chủ trì rà soát.",
    "headings": "Tin\n" + "Sở Y tế:\n- Rà soát hồ sơ.\n" * 3000,
    "a long table": "Tin\nTT\nTên nhiệm vụ\nCơ quan chủ trì\nThời gian\n"
    + "".join(f"{i}\nRà soát hồ sơ\nBộ Y tế\n2026\n" for i in range(1, 999)),
    "one line of 200k characters": "Tin\n" + "Sở Tài chính Bộ Y tế rà soát " * 7000,
}


@pytest.fixture(scope="module")
def header_rules() -> HeaderRules:
    return HeaderRules.load()


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_long_inputs_return(rules, header_rules, text: str) -> None:
    result = analyse(normalize(text), rules, header_rules)
    for a in result.assignments:
        assert a.start <= a.task_start <= a.task_end <= a.end
