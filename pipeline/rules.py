"""Loading of the data in ``rules/``: read once, validated, compiled once per process.

Each extractor module owns the schema of its own rule files and exposes a compiled
rules object with a ``load(rules_dir)`` classmethod; ``RuleSet`` gathers them so one
object can be handed to every stage (and pickled to workers).
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from functools import cache
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


@dataclass(frozen=True)
class RuleSet:
    legal: Any
    temporal: Any
    agencies: Any
    triggers: Any
    hash: str

    @classmethod
    def load(cls, rules_dir: Path = RULES_DIR) -> RuleSet:
        # Imported here so that each extractor owns its own schema without import cycles.
        from pipeline import agencies, assignments, legal_refs, temporal

        return cls(
            legal=legal_refs.LegalRules.load(rules_dir),
            temporal=temporal.TemporalRules.load(rules_dir),
            agencies=agencies.Gazetteer.load(rules_dir),
            triggers=assignments.TriggerRules.load(rules_dir),
            hash=rules_hash(rules_dir),
        )


@cache
def load_rules(rules_dir: Path = RULES_DIR) -> RuleSet:
    return RuleSet.load(rules_dir)
