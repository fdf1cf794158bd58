"""Every file in rules/ loads, validates and is part of the rules hash."""

from __future__ import annotations

import pytest
import yaml

from pipeline.rules import (
    RULES_DIR,
    RuleFileError,
    RuleSet,
    read_csv,
    read_yaml,
    rule_files,
    rules_hash,
)

RULE_FILES = rule_files(RULES_DIR)


def test_there_are_rule_files() -> None:
    names = {p.name for p in RULE_FILES}
    assert {"kinds.yaml", "issuers.csv", "agencies.yaml", "temporal.yaml", "triggers.yaml"} <= names


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_each_rule_file_parses(path) -> None:
    data = read_csv(path) if path.suffix == ".csv" else read_yaml(path)
    assert data


@pytest.mark.parametrize("path", [p for p in RULE_FILES if p.suffix == ".yaml"], ids=str)
def test_the_fast_yaml_parser_reads_what_the_python_one_reads(path) -> None:
    text = path.read_text(encoding="utf-8")
    assert read_yaml(path) == yaml.load(text, Loader=yaml.SafeLoader)


def test_the_whole_rule_set_loads() -> None:
    rules = RuleSet.load(RULES_DIR)
    assert rules.hash == rules_hash(RULES_DIR)
    assert rules.agencies.entries()


def test_a_changed_rule_changes_the_hash(rules_copy) -> None:
    copy = rules_copy
    before = rules_hash(copy)
    triggers = copy / "triggers.yaml"
    triggers.write_text(triggers.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert rules_hash(copy) != before


def test_a_broken_rule_file_is_named(rules_copy) -> None:
    copy = rules_copy
    (copy / "triggers.yaml").write_text("assign_verbs: [\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"triggers\.yaml"):
        RuleSet.load(copy)


def test_a_run_with_nothing_to_extract_compiles_only_the_gazetteer(rules_copy, tmp_path) -> None:
    """A nightly run over unchanged files needs the rules' hash and the gazetteer, not the
    extractors' patterns nor spaCy (a second of its start-up)."""
    from pipeline import rules as rules_module
    from pipeline.runner import RunOptions, run
    from tests.conftest import CORPUS

    options = RunOptions(rules_dir=rules_copy)
    first = run(CORPUS, tmp_path / "x.duckdb", options)
    assert first.files_new > 0
    rules_module.rule_set.cache_clear()  # as in the next night's new process
    again = run(CORPUS, tmp_path / "x.duckdb", options)
    assert again.files_new == 0 and again.files_unchanged == first.files_seen
    compiled = set(vars(rules_module.rule_set(rules_copy)))
    assert "agencies" in compiled
    assert not compiled & {"legal", "temporal", "triggers"}


def test_a_broken_rule_file_stops_a_run_before_its_first_document(rules_copy, tmp_path) -> None:
    """Not one failed document per file: the run itself fails, naming the file."""
    import duckdb

    from pipeline.runner import RunOptions, run
    from tests.conftest import CORPUS

    (rules_copy / "triggers.yaml").write_text("assign_verbs: [\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"triggers\.yaml"):
        run(CORPUS, tmp_path / "x.duckdb", RunOptions(rules_dir=rules_copy))
    con = duckdb.connect(str(tmp_path / "x.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchall() == [(0,)]
        assert con.execute("SELECT status FROM runs").fetchall() == [("aborted",)]
    finally:
        con.close()
