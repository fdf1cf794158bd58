"""Loading of the data in ``rules/``: read once, validated, compiled once per process.

Each extractor module owns the schema of its own rule files and exposes a compiled
rules object with a ``load(rules_dir)`` classmethod; ``RuleSet`` gathers them so one
object can be handed to every stage (and pickled to workers).
"""

from __future__ import annotations

import csv
import hashlib
import importlib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
RULE_SUFFIXES = (".yaml", ".yml", ".csv", ".toml")


class RuleFileError(ValueError):
    """A rule file is missing or does not match its schema."""


# libyaml's parser (in PyYAML's wheels) reads the rule files ten times faster than the pure
# Python one, which every process start paid (0.25 s); the data is the same (tested).
YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=YAML_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise RuleFileError(f"{path}: {exc}") from exc


def read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return [
                {k.strip(): (v or "").strip() for k, v in row.items()}
                for row in csv.DictReader(fh)
                if any((v or "").strip() for v in row.values())
            ]
    except OSError as exc:
        raise RuleFileError(f"{path}: {exc}") from exc


def rule_files(rules_dir: Path = RULES_DIR) -> list[Path]:
    return sorted(p for p in rules_dir.rglob("*") if p.suffix in RULE_SUFFIXES and p.is_file())


def rules_hash(rules_dir: Path = RULES_DIR) -> str:
    """Hash of every rule file's name and bytes: a change re-extracts every document."""
    digest = hashlib.sha256()
    for path in rule_files(rules_dir):
        digest.update(path.relative_to(rules_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _part(module: str, compiled: str) -> cached_property[Any]:
    """A rule set's part: ``pipeline.<module>.<compiled>.load(rules_dir)``, on first use. The
    module is imported then: each extractor owns its own schema, without import cycles."""

    def load(rules: RuleSet) -> Any:
        return getattr(importlib.import_module(f"pipeline.{module}"), compiled).load(
            rules.rules_dir
        )

    return cached_property(load)


@dataclass(frozen=True)
class RuleSet:
    """Every extractor's compiled rules. Each part is compiled when first asked for (a run
    whose files are all unchanged needs only the hash and the gazetteer: compiling the rest
    and importing spaCy took a second of its three); ``compile`` asks for them all."""

    rules_dir: Path
    hash: str

    legal = _part("legal_refs", "LegalRules")
    temporal = _part("temporal", "TemporalRules")
    agencies = _part("agencies", "Gazetteer")
    triggers = _part("assignments", "TriggerRules")

    @classmethod
    def load(cls, rules_dir: Path = RULES_DIR) -> RuleSet:
        """A rule set compiled whole now: a broken rule file is named here."""
        rules = cls(rules_dir, rules_hash(rules_dir))
        rules.compile()
        return rules

    def compile(self) -> None:
        """Every part, now."""
        _ = (self.legal, self.temporal, self.agencies, self.triggers)


@cache
def rule_set(rules_dir: Path = RULES_DIR) -> RuleSet:
    """The process's rule set, each part compiled when first used: for a run that may find
    nothing to extract. Whatever extracts calls ``load_rules`` first, so that a broken rule
    file stops it before its first document rather than failing every document."""
    return RuleSet(rules_dir, rules_hash(rules_dir))


def load_rules(rules_dir: Path = RULES_DIR) -> RuleSet:
    """The process's rule set, compiled whole (once)."""
    rules = rule_set(rules_dir)
    rules.compile()
    return rules
