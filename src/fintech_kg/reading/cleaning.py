"""Strip what is not article text (disclaimers, share prompts, image markers, repeated titles).

The rules are data: ``fintech_kg/data/cleaning/rules.toml``, one regular expression per rule,
applied in order. :func:`load_cleaning_rules` reads and checks them once per process.

Example::

    >>> clean_text("某平台逾期{IMG:1}。\\n\\n长按扫码 阅读全文")
    '某平台逾期 。'
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from fintech_kg.errors import ConfigError

__all__ = [
    "CleaningRule",
    "CleaningRules",
    "RuleExample",
    "clean_text",
    "guess_title",
    "load_cleaning_rules",
]

RULES_RESOURCE = "data/cleaning/rules.toml"

# A title is a short first line followed by more text and not itself a finished sentence.
_TITLE_MAX_CHARS = 80
_FIRST_LINES = re.compile(r"\A\s*([^\n]+)\n\s*\S")


class RuleExample(BaseModel):
    """A sample the rule must turn ``before`` into ``after`` (given ``title`` for title blocks)."""

    model_config = ConfigDict(extra="forbid")

    before: str
    after: str
    title: str = ""


class CleaningRule(BaseModel):
    """One cleaning rule as written in the data file."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    pattern: str = Field(min_length=1)
    replace: str = ""
    kind: Literal["replace", "title_block"] = "replace"
    examples: list[RuleExample] = Field(min_length=1)


class _RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    rule: list[CleaningRule] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class _CompiledRule:
    rule: CleaningRule
    regex: re.Pattern[str]

    def apply(self, text: str, title: str | None) -> str:
        if self.rule.kind == "replace":
            return self.regex.sub(self.rule.replace, text)
        match = self.regex.search(text)
        if match is None or title is None:
            return text
        if _same_title(match.group("title"), title):
            return text[: match.start()] + text[match.end() :]
        return text


@dataclass(frozen=True, slots=True)
class CleaningRules:
    """The compiled, ordered cleaning rules and the version of the file they came from."""

    version: int
    rules: tuple[_CompiledRule, ...]

    def clean(self, text: str, title: str | None = None) -> str:
        """Apply every rule in order; title-block rules compare against ``title``.

        When ``title`` is None, the title is guessed from the text as cleaned so far.

        Example: ``load_cleaning_rules().clean("甲\\u3000\\u3000乙")`` -> ``'甲\\n乙'``
        """
        for compiled in self.rules:
            if compiled.rule.kind == "title_block" and title is None:
                text = compiled.apply(text, guess_title(text) or None)
            else:
                text = compiled.apply(text, title)
        return text.strip()

    def apply_rule(self, name: str, text: str, title: str | None = None) -> str:
        """Apply the one rule called ``name`` (for testing a rule against its examples).

        Example: ``load_cleaning_rules().apply_rule("image_placeholders", "甲{IMG:1}")``
        -> ``'甲 '``
        """
        for compiled in self.rules:
            if compiled.rule.name == name:
                return compiled.apply(text, title)
        raise KeyError(name)


@cache
def load_cleaning_rules() -> CleaningRules:
    """Read, validate and compile the packaged cleaning rules (once per process).

    Example: ``load_cleaning_rules().version`` -> ``1``
    """
    source = resources.files("fintech_kg").joinpath(RULES_RESOURCE)
    where = f"fintech_kg/{RULES_RESOURCE}"
    try:
        raw = tomllib.loads(source.read_text(encoding="utf-8"))
        parsed = _RulesFile.model_validate(raw)
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ConfigError(f"{where}: cannot load the cleaning rules: {exc}") from exc
    compiled: list[_CompiledRule] = []
    seen: set[str] = set()
    for rule in parsed.rule:
        if rule.name in seen:
            raise ConfigError(f"{where}: rule {rule.name!r} appears twice; rename one")
        seen.add(rule.name)
        try:
            regex = re.compile(rule.pattern, re.MULTILINE)
        except re.error as exc:
            raise ConfigError(f"{where}: rule {rule.name!r} has a bad pattern: {exc}") from exc
        if rule.kind == "title_block" and "title" not in regex.groupindex:
            raise ConfigError(
                f"{where}: title_block rule {rule.name!r} needs a group named (?P<title>...)"
            )
        compiled.append(_CompiledRule(rule, regex))
    return CleaningRules(parsed.version, tuple(compiled))


def clean_text(text: str, title: str | None = None) -> str:
    """Clean raw article text with the packaged rules.

    Example: ``clean_text("正文。 责任编辑：张三")`` -> ``'正文。'``
    """
    return load_cleaning_rules().clean(text, title)


def guess_title(text: str) -> str:
    """Return the first line when it reads like a headline, else "".

    Example: ``guess_title("某平台宣布清退\\n\\n正文。")`` -> ``'某平台宣布清退'``
    """
    match = _FIRST_LINES.match(text)
    if match is None:
        return ""
    first = match.group(1).strip()
    if len(first) > _TITLE_MAX_CHARS or first.endswith(("。", ".", "；", ";", "，", ",")):
        return ""
    return first


def _same_title(found: str, title: str) -> bool:
    return _normalised(found) == _normalised(title)


def _normalised(title: str) -> str:
    return unicodedata.normalize("NFKC", title).strip()
