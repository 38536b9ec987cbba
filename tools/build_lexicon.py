"""Build the shipped lexicon's generated files from the public name lists.

Reads ``../shared/data/gazetteers`` beside the checkout (or ``--gazetteers DIR``) and writes,
under ``src/fintech_kg/data/lexicon/``, each file's header naming the folder it comes from:

- ``p2p_platforms.tsv``: the 2018 wdzj platform registry (name, status, registration place
  and date, background) merged with the 2018 p2peye directory (former names as aliases), one
  entry a platform;
- ``local_institutions.tsv``: city and private banks (Bank), trusts, insurers, securities,
  fund and futures firms (FinancialInstitution with ``kind``) under local supervision;
- ``insurers.tsv``: the regulator's 237 insurers, full and short names (``财险``/``人寿``);
- ``central_financial_enterprises.tsv``: the 27 central financial enterprises;
- ``village_banks.tsv``: village and rural banks of a payment system's bank-code table;
- ``a_share_companies.tsv``: A-share companies by registered name, short and former names as
  aliases, typed by their Shenwan industry (banks, securities, insurers, trusts, futures) or
  as the entry the lexicon already has for them;
- ``nfra_institutions.tsv``: the official banking-institution list (banks -> Bank; consumer
  and auto finance, wealth-management subsidiaries, ... -> FinancialInstitution);
- ``nfra_regulators.tsv``: the supervising bodies named in that list;
- ``common_words.txt``: ordinary words of jieba's dictionary (MIT licence), so the name
  patterns do not take "实现" in "实现金融" for a brand.

Platform names and short names that are also ordinary words (a frequent jieba dictionary
word, a generic word, or two characters or fewer) are marked ``needs_context`` so they only
fire next to 平台/网贷/P2P or a risk word. The hand-curated files beside them are not touched.

Example: ``.venv/bin/python tools/build_lexicon.py``
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import jieba

from fintech_kg.extraction.lexicon import (
    GENERATED_FILES,
    HAND_FILES,
    _data_lines,
    _parse_entry,
    load_generic_words,
    load_lexicon,
)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "fintech_kg" / "data" / "lexicon"
GAZETTEERS = ROOT.parent / "shared" / "data" / "gazetteers"
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


@dataclass
class Row:
    """One lexicon line being built: canonical name, type, aliases ("?x" needs context)."""

    name: str
    type: str
    aliases: list[str]
    attrs: dict[str, str]
    needs_context: bool

    def line(self) -> str:
        aliases = sorted({a for a in self.aliases if a and a.lstrip("?") != self.name})
        attributes = ";".join(f"{k}={v}" for k, v in sorted(self.attrs.items()) if v)
        cells = (self.name, self.type, "|".join(aliases), attributes, str(int(self.needs_context)))
        return "\t".join(cells) + "\n"


def _row(name: str, type_: str, aliases: list[str], attrs: dict[str, str], ctx: bool) -> Row:
    return Row(name, type_, list(aliases), dict(attrs), ctx)


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


def _wdzj_platforms(source: Path) -> dict[str, dict[str, str]]:
    """wdzj platforms by name; finer status and background from company_list.csv win."""
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
    return platforms


_BRACKETED = re.compile(r"^(.+?)[（(]([^)）]*)[)）]$")
_PLACE_WORD = re.compile(r"(省|市|区|县|[东西南北]部)$")


def _p2peye_platforms(source: Path, places: set[str]) -> dict[str, set[str]]:
    """p2peye platforms by current name, with their former names: the ``old_name`` column
    and "新名(旧名)"; a bracketed place ("玺融资本(浙江瑞安)") is a qualifier, not a name."""
    platforms: dict[str, set[str]] = {}
    with (source / "p2peye_platform_list_2018.csv").open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            name = _clean(record["name"])
            former = {_clean(old) for old in re.split(r"[,，、/]", record["old_name"] or "")}
            bracketed = _BRACKETED.match(name)
            if bracketed:
                name, inner = bracketed.group(1).strip(), bracketed.group(2).strip()
                is_place = inner in places or _PLACE_WORD.search(inner) or len(inner) < 2
                if inner in former or not is_place:
                    former.add(inner)
            if len(name) >= 2:
                platforms.setdefault(name, set()).update(f for f in former if f != name)
    return platforms


def build_platforms(wdzj: Path, p2peye: Path, freq: dict[str, int], places: set[str]) -> list[Row]:
    """One row per platform of the two registries: a p2peye platform whose former name is a
    wdzj platform is that platform, named by its current name with the wdzj facts."""
    registry = _wdzj_platforms(wdzj)
    facts: dict[str, dict[str, str]] = {name: dict(a) for name, a in registry.items()}
    formers: dict[str, set[str]] = {name: set() for name in registry}
    for name, former in _p2peye_platforms(p2peye, places).items():
        merged = [old for old in former if old in facts and old != name]
        attrs = facts.setdefault(name, {})
        formers.setdefault(name, set()).update(former)
        for old in merged:  # the wdzj row under a former name is this platform
            for key, value in facts.pop(old).items():
                attrs.setdefault(key, value)
            formers[name] |= formers.pop(old, set())
    rows = []
    for name, attrs in sorted(facts.items()):
        if len(name) < 2:
            continue
        ordinary = _ordinary_name(name, freq)
        aliases = [
            old if not _ordinary_name(old, freq) else f"?{old}"
            for old in sorted(formers.get(name, set()))
            if old != name and len(old) >= 2 and old not in facts
        ]
        aliases += _short_forms(name, facts, freq)
        rows.append(_row(name, "P2PPlatform", aliases, attrs, ordinary))
    return rows


def _ordinary_name(name: str, freq: dict[str, int]) -> bool:
    """A platform name that reads as ordinary text: short, a frequent word or phrase, or an
    ordinary word and one character ("有人投", "钱生钱", "天天利")."""
    word_and_char = len(name) == 3 and (
        freq.get(name[:2], 0) >= ORDINARY_WORD_FREQ or freq.get(name[1:], 0) >= ORDINARY_WORD_FREQ
    )
    return (
        len(name) <= 2
        or freq.get(name, 0) >= COMMON_WORD_FREQ
        or name.isdigit()
        or word_and_char
        or _ordinary_phrase(name, freq)
        or name in load_generic_words()
    )


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


def build_institutions(source: Path) -> tuple[list[Row], set[str]]:
    """Rows for the official banking-institution list, and the regulators it names."""
    rows: list[Row] = []
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


_LOCAL_TYPES = {  # inst_type of the local-supervision list -> (type, kind)
    "city_commercial_bank": ("Bank", ""),
    "private_bank": ("Bank", ""),
    "trust_company": ("FinancialInstitution", "trust"),
    "pc_insurer": ("FinancialInstitution", "insurance"),
    "life_insurer": ("FinancialInstitution", "insurance"),
    "securities_company": ("FinancialInstitution", "securities"),
    "public_fund_manager": ("FinancialInstitution", "fund"),
    "futures_company": ("FinancialInstitution", "futures"),
}
_BRACKETS = re.compile(r"[（(][^)）]*[)）]")


def _press_forms(name: str) -> list[str]:
    """Short forms the press uses for an institution's name: 财产保险 -> 财险, X人寿保险 ->
    X人寿, X国际信托 -> X信托, X基金管理 -> X基金, and the name without a bracketed part."""
    core = _LEGAL_SUFFIX.sub("", name).replace("（集团）", "").replace("(集团)", "")
    core = _BRACKETS.sub("", core)
    core = re.sub(r"股份$", "", core)
    forms = [core]
    if core.endswith("财产保险"):
        forms += [core[:-4] + "财险", core[:-4] + "财产"]
    elif core.endswith("人寿保险"):
        forms.append(core[:-2])
    elif core.endswith("国际信托"):
        forms.append(core[:-4] + "信托")
    elif core.endswith("基金管理"):
        forms.append(core[:-2])
    elif core.endswith("保险资产管理"):
        forms.append(core[:-6] + "资产")
    return [form for form in forms if len(form) >= 4]


def build_local_institutions(source: Path) -> list[Row]:
    """City and private banks, trusts, insurers, securities, fund and futures firms."""
    rows = []
    with (source / "local_supervised_institutions_2023.csv").open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            name = _clean(record["name"])
            type_, kind = _LOCAL_TYPES[record["inst_type"]]
            stem = re.sub(r"股份$", "", _BRACKETS.sub("", name))
            aliases = [*_press_forms(name), f"{stem}有限公司", f"{stem}股份有限公司"]
            attrs = {"kind": kind, "category": record["inst_type_cn"], "place": record["province"]}
            rows.append(_row(stem, type_, aliases, attrs, False))
    return rows


_INSURER_KINDS = {"insurance_asset_manager": "asset_manager"}


def build_insurers(source: Path) -> list[Row]:
    """The regulator's insurers: full name, the short name of the list and press forms."""
    rows = []
    with (source / "insurance_institutions_cbirc_list_2023.csv").open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            full = _clean(record["full_name"])
            canonical = _press_forms(full)[0]
            short = _clean(record["short_name_as_linked"])
            aliases = [full, short, *_press_forms(full)[1:], *_press_forms(short)]
            category = record["type_inferred_from_name"]
            attrs = {"kind": _INSURER_KINDS.get(category, "insurance"), "category": category}
            rows.append(_row(canonical, "FinancialInstitution", aliases, attrs, False))
    return rows


def build_central_enterprises(source: Path, ordinary: set[str]) -> list[Row]:
    """The central financial enterprises by registered name, short name as alias (one that
    is an ordinary word, "中国投资", needs context)."""
    rows = []
    with (source / "central_financial_enterprises_mof_2022.csv").open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            full, short = _clean(record["full_name"]), _clean(record["short_name"])
            canonical = _press_forms(full)[0]
            if canonical in ordinary or canonical[2:] in ordinary:  # "中国投资": a phrase too
                canonical = full
            type_ = "Bank" if canonical.endswith("银行") else "FinancialInstitution"
            short_alias = f"?{short}" if short in ordinary or short[2:] in ordinary else short
            code = record["nfra_institution_code"]
            attrs = {"kind": "central_financial_enterprise", "code": code}
            rows.append(_row(canonical, type_, [full, short_alias], attrs, False))
    return rows


_VILLAGE_TYPES = {
    "village_bank": "村镇银行",
    "rural_commercial_bank": "农村商业银行",
    "rural_cooperative_bank": "农村合作银行",
    "rural_credit_cooperative": "农村信用社",
}


def build_village_banks(source: Path) -> list[Row]:
    """Village and rural banks of the bank-code table ("XX村镇银行") as banks."""
    rows = []
    with (source / "alipay_bank_codes_A_to_S_2016.csv").open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            category = _VILLAGE_TYPES.get(record["type_inferred_from_name"])
            if category is None:
                continue
            name = _LEGAL_SUFFIX.sub("", _clean(record["bank_name"]))
            plain = re.sub(r"[（()）]", "", name)
            rows.append(_row(name, "Bank", [plain], {"category": category}, False))
    return rows


_SW_TYPES = (  # Shenwan industry code prefix -> (type, kind)
    ("48", "Bank", ""),
    ("490101", "FinancialInstitution", "securities"),
    ("4902", "FinancialInstitution", "insurance"),
    ("490303", "FinancialInstitution", "futures"),
    ("490304", "FinancialInstitution", "trust"),
    ("490306", "Company", ""),  # financial information services: data and software firms
    ("490308", "Company", ""),
    ("49", "FinancialInstitution", ""),
)


def _code(raw: str) -> str:
    return raw.split(".")[0].strip()


def build_a_shares(
    source: Path, known: dict[str, tuple[str, str]], ordinary: set[str]
) -> list[Row]:
    """A-share companies: registered name, short name (needing context when an ordinary
    word or two characters) and former names of the same code as aliases; typed by industry,
    or as the lexicon's entry for the company when it has one (a bank, insurer, tech giant)."""
    industry: dict[str, str] = {}
    current: set[str] = set()
    with (source / "a_share_sw_industry_2021.csv").open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            industry[_code(record["ts_code"])] = record["sw_industry_code"]
            current.add(_clean(record["short_name"]))
    by_code: dict[str, list[tuple[str, str]]] = {}
    codes_of: dict[str, set[str]] = {}
    with (source / "a_share_fullnames_2021.csv").open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            code, short, full = (
                _code(record["code"]),
                _clean(record["short_name"]),
                _clean(record["full_name"]),
            )
            by_code.setdefault(code, []).append((short, full))
            for name in (short, full):
                codes_of.setdefault(name, set()).add(code)
    rows = []
    for code, names in sorted(by_code.items()):
        names.sort(key=lambda pair: pair[0] not in current)  # the 2021 short name first
        short, full = names[0]
        former = [  # a name also listed under another code is no former name of this one
            name
            for pair in names[1:]
            for name in pair
            if codes_of.get(name) == {code} and name not in (short, full)
        ]
        forms = [short, full, _LEGAL_SUFFIX.sub("", full), *former]
        owner = next((known[f] for f in forms if f in known), None)
        type_, kind = next(
            ((t, k) for prefix, t, k in _SW_TYPES if industry.get(code, "").startswith(prefix)),
            ("Company", ""),
        )
        canonical = full
        if owner is not None:
            canonical, type_ = owner
            kind = ""
        aliases = [
            f"?{form}" if _ordinary_short(form, ordinary) else form
            for form in forms
            if form != canonical
        ]
        attrs = {"stock_code": code, "kind": kind}
        rows.append(_row(canonical, type_, aliases, attrs, False))
    return rows


def _ordinary_short(name: str, ordinary: set[str]) -> bool:
    """A short name that is also an ordinary word: 2 characters, a common or generic word
    ("大众", "老百姓"), or one after a leading "ST"/"*ST"."""
    bare = re.sub(r"^\*?ST", "", name)
    return len(bare) <= 2 or bare in ordinary


def _known_surfaces(rows: list[Row]) -> dict[str, tuple[str, str]]:
    """surface -> (canonical name, type) of the hand files and the given rows."""
    known: dict[str, tuple[str, str]] = {}
    for row in rows:
        for surface in (row.name, *row.aliases):
            known.setdefault(surface.lstrip("?"), (row.name, row.type))
    for filename in HAND_FILES:
        for number, cells in _data_lines(filename):
            entry = _parse_entry(filename, number, cells)
            for surface in (entry.name, *entry.aliases, *entry.context_aliases):
                known[surface] = (entry.name, entry.type.value)
    return known


def _adopt_hand_names(rows: list[Row], hand: dict[str, tuple[str, str]]) -> None:
    """A generated row that names an entity of the hand files ("南方基金管理" is 南方基金)
    becomes that entity's row: same canonical name and type, its names added as aliases."""
    for row in rows:
        owner = next(
            (hand[s.lstrip("?")] for s in (row.name, *row.aliases) if s.lstrip("?") in hand), None
        )
        if owner is not None and owner[0] != row.name:
            row.aliases.append(row.name)
            row.name, row.type = owner


def _drop_shared_aliases(files: dict[str, tuple[str, list[Row]]]) -> int:
    """An alias two entries claim names neither for sure: it is dropped from both (a
    canonical name keeps its surface)."""
    owners: dict[str, set[str]] = {}
    for _, rows in files.values():
        for row in rows:
            owners.setdefault(row.name, set()).add(row.name)
    for _, rows in files.values():
        for row in rows:
            for alias in row.aliases:
                owners.setdefault(alias.lstrip("?"), set()).add(row.name)
    dropped = 0
    for _, rows in files.values():
        for row in rows:
            kept = [a for a in row.aliases if len(owners[a.lstrip("?")]) == 1]
            dropped += len(row.aliases) - len(kept)
            row.aliases = kept
    return dropped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gazetteers", type=Path, default=GAZETTEERS)
    args = parser.parse_args(argv)
    if not args.gazetteers.is_dir():
        print(
            f"error: {args.gazetteers} is absent; the public name lists live in "
            "../shared/data/gazetteers beside the checkout, or pass --gazetteers DIR",
            file=sys.stderr,
        )
        return 2
    from fintech_kg.extraction.lexicon import load_common_words, load_name_patterns

    jieba.setLogLevel(60)
    words = _jieba_words()
    freq = {word: count for word, count, _ in words}
    ordinary = {w for w, f in freq.items() if f >= COMMON_WORD_FREQ}
    ordinary |= set(load_common_words()) | set(load_generic_words())
    places = set(load_name_patterns().locations)
    g = args.gazetteers
    platforms = build_platforms(
        g / "wdzj_platforms_2018", g / "p2peye_platforms_2018", freq, places
    )
    institutions, regulators = build_institutions(g / "nfra_banking_institutions_2025H1")
    with (g / "regulators_nfra_2025H1.tsv").open(encoding="utf-8") as handle:
        next(handle)
        regulators |= {_clean(line.split("\t")[0]) for line in handle if line.strip()}
    regulator_rows = [
        _row(name, "Regulator", [name.replace("金融监管局", "银保监局")], {"kind": "local"}, False)
        for name in sorted(regulators - {"金融监管总局"})
    ]
    fi = g / "financial_institutions_2023"
    local = build_local_institutions(fi)
    insurers = build_insurers(fi)
    central = build_central_enterprises(fi, ordinary)
    village = build_village_banks(g / "bank_codes_2016")
    hand = _known_surfaces([])  # the hand-curated files alone
    for generated in (local, insurers, central, village):
        _adopt_hand_names(generated, hand)
    known = _known_surfaces([*institutions, *local, *insurers, *central, *village])
    a_shares = build_a_shares(g / "a_share_companies_2021", known, ordinary)
    outputs = {  # file -> (what, source folder, rows); GENERATED_FILES gives the load order
        "a_share_companies.tsv": ("A-share companies", "a_share_companies_2021", a_shares),
        "p2p_platforms.tsv": (
            "P2P platforms of the two 2018 registries",
            "wdzj_platforms_2018 + p2peye_platforms_2018",
            platforms,
        ),
        "nfra_institutions.tsv": (
            "Banking institutions of the official list",
            "nfra_banking_institutions_2025H1",
            institutions,
        ),
        "nfra_regulators.tsv": (
            "Supervising bodies of the official list",
            "nfra_banking_institutions_2025H1 + regulators_nfra_2025H1.tsv",
            regulator_rows,
        ),
        "local_institutions.tsv": (
            "Institutions under local supervision",
            "financial_institutions_2023/local_supervised_institutions_2023.csv",
            local,
        ),
        "insurers.tsv": (
            "Insurers of the regulator's list",
            "financial_institutions_2023/insurance_institutions_cbirc_list_2023.csv",
            insurers,
        ),
        "central_financial_enterprises.tsv": (
            "Central financial enterprises",
            "financial_institutions_2023/central_financial_enterprises_mof_2022.csv",
            central,
        ),
        "village_banks.tsv": ("Village and rural banks", "bank_codes_2016", village),
    }
    missing = set(outputs) ^ set(GENERATED_FILES)
    if missing:
        what = f"GENERATED_FILES and this builder differ on {sorted(missing)}"
        print(f"error: {what}", file=sys.stderr)
        return 2
    files = {name: (what, rows) for name, (what, _, rows) in outputs.items()}
    dropped = _drop_shared_aliases(files)
    for filename, (what, folder, rows) in outputs.items():
        header = (
            f"# {what}. Source: gazetteers/{folder}. Generated by tools/build_lexicon.py;"
            " do not edit by hand.\n"
        )
        (OUT / filename).write_text(header + HEADER + "".join(r.line() for r in rows), "utf-8")
        needs_context = sum(r.needs_context for r in rows)
        print(f"{filename}: {len(rows)} entries ({needs_context} need context)")
    print(f"aliases claimed by two entries, dropped: {dropped}")
    common = build_common_words(words)
    (OUT / "common_words.txt").write_text(
        "# Ordinary words (jieba dict.txt, MIT licence: 2-4 characters, frequency >= "
        f"{ORDINARY_WORD_FREQ}, not proper nouns).\n# Generated by tools/build_lexicon.py; "
        "do not edit by hand.\nname\n" + "\n".join(common) + "\n",
        encoding="utf-8",
    )
    print(f"common_words.txt: {len(common)} words")
    started = time.perf_counter()
    load_lexicon.cache_clear()
    lexicon = load_lexicon()
    print(
        f"lexicon: {len(lexicon.entries)} entries, {lexicon.surface_count} surfaces, "
        f"loaded in {time.perf_counter() - started:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
