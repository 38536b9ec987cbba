"""Build the shipped lexicon's generated files from the public name lists.

Reads ``/work/shared/data/gazetteers`` (or ``--gazetteers DIR``) and writes, under
``src/fintech_kg/data/lexicon/``:

- ``p2p_platforms.tsv``: the 2018 wdzj platform registry (name, status, registration place
  and date, background);
- ``nfra_institutions.tsv``: the official banking-institution list (banks -> Bank; consumer
  and auto finance, wealth-management subsidiaries, ... -> FinancialInstitution);
- ``nfra_regulators.tsv``: the supervising bodies named in that list;
- ``common_words.txt``: ordinary words of jieba's dictionary (MIT licence), so the name
  patterns do not take "实现" in "实现金融" for a brand.

Platform names that are also ordinary words (a frequent jieba dictionary word, or two
characters or fewer) are marked ``needs_context`` so they only fire next to 平台/网贷/P2P or a
risk word. The hand-curated files beside them are not touched.

Example: ``.venv/bin/python bench/build_lexicon.py``
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from pathlib import Path

import jieba

from fintech_kg.extraction.lexicon import load_generic_words

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "fintech_kg" / "data" / "lexicon"
GAZETTEERS = Path("/work/shared/data/gazetteers")
HEADER = "name\ttype\taliases\tattributes\tneeds_context\n"
# A jieba word this frequent is an ordinary word first ("钱包", "理财"), a platform second.
COMMON_WORD_FREQ = 30
# Words at least this frequent, not proper nouns, are ordinary words for the name patterns.
ORDINARY_WORD_FREQ = 300
# jieba tags common nouns such as 诚信 "nz" too, so only names of people, places and bodies
# are kept out.
_PROPER_NOUN_TAGS = frozenset({"nr", "ns", "nt", "nrt", "nrfg"})
_LEGAL_SUFFIX = re.compile(r"(股份有限公司|有限责任公司|有限公司|股份公司)$")
_BANK_TYPES = ("银行", "开发性金融机构")


def _clean(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip()


def _jieba_words() -> list[tuple[str, int, str]]:
    """(word, frequency, part of speech) of jieba's dictionary."""
    dictionary = Path(jieba.__file__).parent / "dict.txt"
    with dictionary.open(encoding="utf-8") as handle:
        return [(w, int(f), tag) for w, f, tag in (line.split() for line in handle)]


def build_common_words(words: list[tuple[str, int, str]]) -> list[str]:
    """Ordinary 2-4 character words: frequent, and not names of people, places or bodies."""
    return sorted(
        word
        for word, freq, tag in words
        if 2 <= len(word) <= 4 and freq >= ORDINARY_WORD_FREQ and tag not in _PROPER_NOUN_TAGS
    )


def _row(name: str, type_: str, aliases: list[str], attrs: dict[str, str], ctx: bool) -> str:
    aliases = sorted({a for a in aliases if a and a != name})
    attributes = ";".join(f"{k}={v}" for k, v in sorted(attrs.items()) if v)
    return f"{name}\t{type_}\t{'|'.join(aliases)}\t{attributes}\t{int(ctx)}\n"


_GENERIC_TAILS = ("贷", "金融", "投资", "理财", "网", "宝", "财富")


def _ordinary_phrase(name: str, freq: dict[str, int]) -> bool:
    """A name that reads as an ordinary phrase or the end of one: "网络贷" (网络 + 贷),
    "合金融" (inside 整合金融), "易投资"."""
    tail = next((t for t in _GENERIC_TAILS if name.endswith(t)), None)
    if tail is None:
        return False
    head = name[: -len(tail)]
    if len(head) == 1:
        return True
    return freq.get(head, 0) >= ORDINARY_WORD_FREQ or head in load_generic_words()


def build_platforms(source: Path, freq: dict[str, int]) -> list[str]:
    """One row per platform; finer status and background from company_list.csv win."""
    platforms: dict[str, dict[str, str]] = {}
    with (source / "status.csv").open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            name = _clean(record["name"])
            if not name:
                continue
            place = record["register_location"].replace("|", "")
            platforms[name] = {
                "status": record["status"],
                "register_location": place,
                "register_date": record["register_time"],
            }
    with (source / "company_list.csv").open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            name = _clean(record["name"])
            if not name:
                continue
            attrs = platforms.setdefault(name, {})
            if record["status"]:
                attrs["status"] = record["status"]
            if record["background"]:
                attrs["background"] = record["background"]
    rows = []
    for name, attrs in sorted(platforms.items()):
        if len(name) < 2:
            continue
        ordinary = (
            len(name) <= 2
            or freq.get(name, 0) >= COMMON_WORD_FREQ
            or name.isdigit()
            or _ordinary_phrase(name, freq)
        )
        rows.append(_row(name, "P2PPlatform", _short_forms(name, platforms, freq), attrs, ordinary))
    return rows


def _short_forms(
    name: str, platforms: dict[str, dict[str, str]], freq: dict[str, int]
) -> list[str]:
    """ "钱宝网" is also called "钱宝": an alias that needs context ("?钱宝"), unless the
    stem is an ordinary word or another platform's name."""
    stem = name.removesuffix("网")
    ordinary = freq.get(stem, 0) >= COMMON_WORD_FREQ or stem in load_generic_words()
    if stem == name or len(stem) < 2 or stem in platforms or ordinary:
        return []
    return [f"?{stem}"]


def _bank_aliases(name: str) -> list[str]:
    short = _LEGAL_SUFFIX.sub("", name)
    aliases = [name]
    if "农村商业银行" in short:
        aliases += [
            short.replace("农村商业银行", "农商银行"),
            short.replace("农村商业银行", "农商行"),
        ]
    return [a for a in aliases if a != short]


def build_institutions(source: Path) -> tuple[list[str], set[str]]:
    """Rows for the official banking-institution list, and the regulators it names."""
    rows: list[str] = []
    regulators: set[str] = set()
    for path in sorted(source.glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            for record in csv.DictReader(handle):
                full = _clean(record["name"])
                canonical = _LEGAL_SUFFIX.sub("", full)
                kind = record["type"]
                type_ = "Bank" if kind.endswith(_BANK_TYPES) else "FinancialInstitution"
                attrs = {"category": kind, "regulator": record["regulator"], "code": record["code"]}
                rows.append(_row(canonical, type_, _bank_aliases(full), attrs, False))
                regulators.add(_clean(record["regulator"]))
    return rows, regulators


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gazetteers", type=Path, default=GAZETTEERS)
    args = parser.parse_args(argv)
    if not args.gazetteers.is_dir():
        print(f"skipped: {args.gazetteers} is absent (public name lists)", file=sys.stderr)
        return 0
    jieba.setLogLevel(60)
    words = _jieba_words()
    freq = {word: count for word, count, _ in words}
    platforms = build_platforms(args.gazetteers / "wdzj_platforms_2018", freq)
    institutions, regulators = build_institutions(
        args.gazetteers / "nfra_banking_institutions_2025H1"
    )
    with (args.gazetteers / "regulators_nfra_2025H1.tsv").open(encoding="utf-8") as handle:
        next(handle)
        regulators |= {_clean(line.split("\t")[0]) for line in handle if line.strip()}
    regulator_rows = [
        _row(name, "Regulator", [name.replace("金融监管局", "银保监局")], {"kind": "local"}, False)
        for name in sorted(regulators - {"金融监管总局"})
    ]
    outputs = {
        "p2p_platforms.tsv": ("P2P platforms of the 2018 wdzj registry", platforms),
        "nfra_institutions.tsv": ("Banking institutions of the official list", institutions),
        "nfra_regulators.tsv": ("Supervising bodies of the official list", regulator_rows),
    }
    for filename, (what, rows) in outputs.items():
        header = f"# {what}. Generated by bench/build_lexicon.py; do not edit by hand.\n"
        (OUT / filename).write_text(header + HEADER + "".join(rows), encoding="utf-8")
        needs_context = sum(row.rstrip("\n").endswith("\t1") for row in rows)
        print(f"{filename}: {len(rows)} entries ({needs_context} need context)")
    common = build_common_words(words)
    (OUT / "common_words.txt").write_text(
        "# Ordinary words (jieba dict.txt, MIT licence: 2-4 characters, frequency >= "
        f"{ORDINARY_WORD_FREQ}, not proper nouns).\n# Generated by bench/build_lexicon.py; "
        "do not edit by hand.\nname\n" + "\n".join(common) + "\n",
        encoding="utf-8",
    )
    print(f"common_words.txt: {len(common)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
