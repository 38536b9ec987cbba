"""Which names are one real-world entity across articles, and why: a pure function.

Articles, the lexicon and the user tie names together: "资易贷（北京）金融信息服务有限公司
（简称小资钱包）" makes the record's entity 资易贷 carry the alias 小资钱包, the lexicon says
资易贷 runs the platform 小资钱包 (attribute ``platform``), a user's ``aliases.toml`` says two
names are one or must stay apart. :func:`resolve_names` turns a batch of records, the user
overrides and what the graph already holds for the names involved into one canonical entity
id per name, with the ties that justify every merge; :func:`resolve_records` rewrites the
records with it. Nothing here talks to Neo4j.

Rules, in order of trust:

1. Overrides (``[[merge]]`` / ``[[split]]`` in the aliases file) win: a merge ties its names
   and its first name is the group's canonical id; a split keeps two names in two groups
   whatever ties them.
2. Lexicon ties: a lexicon entry whose attribute ``platform`` / ``operator`` / ``company``
   names another name (the lexicon's own aliases are resolved by the extraction already).
3. Cleanup: an unknown name that is junk before a known name ("回顾资易贷（北京）…",
   "扫黑除恶(北京)资易贷") or a truncated registered name ("资易贷（北京）金融信息服务有")
   is that name; a name that is only a generic word is dropped.
4. Article ties: an entity's explicit aliases (the extraction's "XX（简称YY）", "YY，即XX",
   registered and short names) are names of it, with the sentence that says so.

Ties between a person, a regulator, a technology, a sector (attribute ``kind=sector``) and
an organisation are refused (unless an override asks).

The canonical id of a group depends only on the group, never on which
article came first. Of the names articles gave as entity ids (not those only seen as
aliases): an override's first name, else the lexicon canonical name of the best type
(platform first), else the shortest that is not a registered company name (then the
smallest string).

Example:
    >>> from fintech_kg.models import Entity
    >>> from fintech_kg.vocabulary import EntityType
    >>> def record(article_id, *entities):
    ...     return _record(article_id, list(entities))
    >>> a = record("a1", Entity(id="小资钱包", name="小资钱包", type=EntityType.P2P_PLATFORM,
    ...                         confidence=0.9))
    >>> b = record("a2", Entity(id="资易贷", name="资易贷", type=EntityType.COMPANY,
    ...                         aliases=["小资钱包"], confidence=0.9))
    >>> resolution = resolve_names([a, b])
    >>> resolution.of("小资钱包"), resolution.ties[0].kind
    ('资易贷', 'article')
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from fintech_kg.errors import InputError
from fintech_kg.extraction.lexicon import (
    Lexicon,
    LexiconEntry,
    fold,
    load_generic_words,
    load_name_patterns,
)
from fintech_kg.extraction.triggers import load_triggers
from fintech_kg.models import ArticleMeta, Entity, ExtractionRecord, Relation, RiskEvent
from fintech_kg.vocabulary import EntityType

__all__ = [
    "TIE_ATTRIBUTES",
    "AliasOverrides",
    "HeldEntity",
    "NameIdentity",
    "NameTie",
    "OverrideMerge",
    "OverrideSplit",
    "Resolution",
    "StoredTie",
    "explain",
    "load_overrides",
    "resolve_names",
    "resolve_records",
    "sentence_id",
    "tie_rows",
]

TIE_ATTRIBUTES = ("platform", "operator", "company")
"""Lexicon attributes whose value is another name of the same real-world thing (a company
and the platform it runs are one node: the news use them interchangeably)."""

# Canonical names prefer the type analysts look stories up by.
_TYPE_RANK = {
    t: rank
    for rank, t in enumerate(
        (
            EntityType.P2P_PLATFORM,
            EntityType.BANK,
            EntityType.FINANCIAL_INSTITUTION,
            EntityType.TECH_COMPANY,
            EntityType.REGULATOR,
            EntityType.COMPANY,
            EntityType.TECHNOLOGY,
            EntityType.PERSON,
            EntityType.SECTOR,
            EntityType.COLLECTIVE,
        )
    )
}
_FAMILY = {
    EntityType.PERSON: "person",
    EntityType.REGULATOR: "regulator",
    EntityType.TECHNOLOGY: "technology",
    EntityType.SECTOR: "sector",
    EntityType.COLLECTIVE: "collective",  # BAT is never one of its members
}
_REGISTERED = re.compile(r"(?:有限公司|有限责任公司|股份公司|集团公司)$")
_BRACKETED_PLACE = re.compile(r"[（(]([\u4e00-\u9fff]{2,4})[)）]")
_CUT_OFF_ENDINGS = ("有限", "有限责任", "股份有限")  # a registered name without its 公司
_MIN_CORE = 3  # a known name shorter than this is too ambiguous to look for inside another
_MIN_TRUNCATED = 8  # a prefix of a registered name this long is that name, cut off

TieKind = Literal["override", "lexicon", "cleanup", "article", "merged"]


class NameTie(BaseModel):
    """One reason two names are one entity.

    ``kind``: ``override`` (``source`` is the aliases file and line), ``lexicon`` (the
    lexicon file), ``cleanup`` (junk around a known name; ``reason`` says what was cut),
    ``article`` (the article ``source`` said so in sentence ``sentence_id``), ``merged``
    (two nodes of the graph were merged; kept so later articles find the merged node).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    via: str
    kind: TieKind
    source: str
    reason: str = ""
    sentence_id: str | None = None


class HeldEntity(BaseModel):
    """What the graph holds for an entity a batch touches: its id, types, the other names
    that already resolve to it and which of them were entity ids of articles (``merged``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    types: tuple[EntityType, ...] = ()
    names: tuple[str, ...] = ()
    former_ids: tuple[str, ...] = ()
    sector: bool = False


class OverrideMerge(BaseModel):
    """``[[merge]] names = [...]``: these names are one entity, the first is its id."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    names: list[str] = Field(min_length=2)
    reason: str = Field(min_length=1)
    line: int = 0


class OverrideSplit(BaseModel):
    """``[[split]] name = ..., from = ...``: these two names are never one entity."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    name: str = Field(min_length=1)
    from_: str = Field(alias="from", min_length=1)
    reason: str = Field(min_length=1)
    line: int = 0


class AliasOverrides(BaseModel):
    """The user's merges and splits (see ``src/fintech_kg/data/aliases.example.toml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str = ""
    merges: list[OverrideMerge] = []
    splits: list[OverrideSplit] = []

    def where(self, line: int) -> str:
        """``file:line`` of an override, for reasons and errors."""
        return f"{Path(self.path).name or 'overrides'}:{line}"


def load_overrides(path: Path | None) -> AliasOverrides:
    """Read and validate an aliases overrides file; a missing file means no overrides.

    Raises :class:`~fintech_kg.errors.InputError` naming the file and line of a bad entry.

    Example:
        >>> load_overrides(None).merges
        []
    """
    if path is None or not path.exists():
        return AliasOverrides(path=str(path or ""))
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"aliases file {path}: {exc}; fix the TOML syntax") from None
    unknown = sorted(set(data) - {"merge", "split"})
    if unknown:
        raise InputError(
            f"aliases file {path}: unknown tables {unknown}; only [[merge]] and [[split]] exist"
        )
    lines = text.splitlines()
    entries: dict[str, list[BaseModel]] = {"merge": [], "split": []}
    for table, model in (("merge", OverrideMerge), ("split", OverrideSplit)):
        headers = [n for n, line in enumerate(lines, 1) if line.strip() == f"[[{table}]]"]
        for index, item in enumerate(data.get(table, [])):
            line = headers[index] if index < len(headers) else 0
            try:
                entry = model.model_validate({**item, "line": line})
            except ValidationError as exc:
                problems = "; ".join(
                    f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
                )
                raise InputError(
                    f"aliases file {path}:{line}: [[{table}]] {problems}; see"
                    " aliases.example.toml for the format"
                ) from None
            entries[table].append(entry)
    overrides = AliasOverrides(
        path=str(path),
        merges=[_normal_merge(m) for m in entries["merge"] if isinstance(m, OverrideMerge)],
        splits=[_normal_split(s) for s in entries["split"] if isinstance(s, OverrideSplit)],
    )
    merged = {name: m.line for m in overrides.merges for name in m.names}
    for split in overrides.splits:
        if merged.get(split.name) is not None and merged.get(split.name) == merged.get(split.from_):
            raise InputError(
                f"aliases file {path}:{split.line}: [[split]] {split.name} from {split.from_}"
                f" contradicts the [[merge]] at line {merged[split.name]}; remove one"
            )
    return overrides


def _normal_merge(merge: OverrideMerge) -> OverrideMerge:
    return merge.model_copy(update={"names": [_nfkc(n) for n in merge.names]})


def _normal_split(split: OverrideSplit) -> OverrideSplit:
    return split.model_copy(update={"name": _nfkc(split.name), "from_": _nfkc(split.from_)})


def _nfkc(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip()


def sentence_id(article_id: str, start: int, end: int) -> str:
    """The id of an evidence sentence node (``<article id>#<start>-<end>``)."""
    return f"{article_id}#{start}-{end}"


class Resolution(BaseModel):
    """Every name's canonical entity id, the ties behind them, and what must change in the
    graph: ``merges`` (held node id -> the node it becomes part of) and ``dropped`` names."""

    model_config = ConfigDict(extra="forbid")

    canonical: dict[str, str] = {}
    ties: list[NameTie] = []
    merges: dict[str, str] = {}
    dropped: dict[str, str] = {}

    def of(self, name: str) -> str:
        """The canonical id of ``name`` (itself when nothing ties it)."""
        return self.canonical.get(name, name)

    def ties_of(self, canonical_id: str) -> list[NameTie]:
        """The ties of the group whose canonical id is ``canonical_id``."""
        return [t for t in self.ties if self.of(t.name) == canonical_id]


class _Groups:
    """Union-find over names that refuses unions a split or a type family forbids."""

    def __init__(self, splits: Sequence[OverrideSplit]) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}
        self.families: dict[str, set[str]] = {}
        self.apart = {frozenset((s.name, s.from_)) for s in splits}

    def add(self, name: str, family: str | None = None) -> None:
        if name not in self.parent:
            self.parent[name] = name
            self.members[name] = {name}
            self.families[name] = set()
        if family:
            self.families[self.find(name)].add(family)

    def find(self, name: str) -> str:
        while self.parent[name] != name:
            self.parent[name] = self.parent[self.parent[name]]
            name = self.parent[name]
        return name

    def union(self, a: str, b: str, *, forced: bool = False) -> bool:
        self.add(a)
        self.add(b)
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if any(frozenset((x, y)) in self.apart for x in self.members[ra] for y in self.members[rb]):
            return False
        families = self.families[ra] | self.families[rb]
        if len(families) > 1 and not forced:
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        self.families[ra] = families
        del self.families[rb]
        return True


def resolve_names(
    records: Sequence[ExtractionRecord],
    *,
    overrides: AliasOverrides | None = None,
    held: Iterable[HeldEntity] = (),
    lexicon: Lexicon | None = None,
) -> Resolution:
    """The canonical entity id of every name in ``records`` and in the groups they reach.

    ``held``: what the graph holds for the names involved (their nodes and those nodes'
    other names); ``lexicon``: the lexicon whose entries tie names (None: none). The result
    depends on the set of records, overrides, held names and lexicon, not on their order.
    See the module docstring for the rules.

    Example:
        >>> e = Entity(id="北京某某科技", name="北京某某科技", type=EntityType.COMPANY,
        ...            confidence=0.7)
        >>> resolve_names([_record("a1", [e])]).of("北京某某科技")
        '北京某某科技'
    """
    overrides = overrides or AliasOverrides()
    held = list(held)
    groups = _Groups(overrides.splits)
    ties: list[NameTie] = []
    types: dict[str, set[EntityType]] = defaultdict(set)
    entries = lexicon.entries if lexicon is not None else {}

    for node in held:
        groups.add(node.id)
        types[node.id].update(node.types)
        for name in node.names:
            groups.add(name)
    for record in records:
        for entity in record.entities:
            types[entity.id].add(entity.type)
            groups.add(entity.id, "sector" if entity.attributes.get("kind") == "sector" else None)
    for node in held:
        if node.sector:
            groups.add(node.id, "sector")
    for name, name_types in types.items():
        for entity_type in name_types:
            groups.add(name, _FAMILY.get(entity_type, "organisation"))
    for node in held:  # the graph's groups stand unless a split now forbids them
        for name in node.names:
            groups.union(node.id, name, forced=True)

    for merge in overrides.merges:
        first = merge.names[0]
        for other in merge.names[1:]:
            groups.union(first, other, forced=True)
            ties.append(
                NameTie(
                    name=other,
                    via=first,
                    kind="override",
                    source=overrides.where(merge.line),
                    reason=merge.reason,
                )
            )

    dropped: dict[str, str] = {}
    article_ties: list[NameTie] = []
    owners = _surface_owners(entries)
    places = load_triggers().place_forms
    for record in sorted(records, key=lambda r: r.id):
        others = sorted({e.id for e in record.entities}, key=lambda n: (-len(n), n))
        for entity in record.entities:
            cleaned = None if entity.id in entries else _cleanup(entity.id, others, lexicon)
            if cleaned is not None:
                target, why = cleaned
                if target is None:
                    dropped[entity.id] = why
                    continue
                article_ties.append(_article_tie(record, entity, target, "cleanup", why))
            own = entries.get(entity.id)
            for alias in sorted(set(entity.aliases) - {entity.id}):
                if own is not None and alias in own.aliases:
                    continue  # the lexicon's own alias: no article needed to say so
                if alias in load_generic_words() or alias.endswith(_CUT_OFF_ENDINGS):
                    continue
                if (
                    alias in places
                    or not _distinctive(alias)
                    or _names_another(entity, alias, owners, entries)
                ):
                    continue
                article_ties.append(_article_tie(record, entity, alias, "article"))
    for tie in article_ties:  # their names may be tied by the lexicon too
        groups.add(tie.name)
        groups.add(tie.via)

    known = set(groups.parent)
    for name in sorted(known):
        entry = entries.get(name)
        if entry is None:
            continue
        for attribute in TIE_ATTRIBUTES:
            other = _nfkc(entry.attributes.get(attribute, ""))
            if other and other != name:
                ties.append(
                    NameTie(
                        name=other,
                        via=name,
                        kind="lexicon",
                        source=entry.source,
                        reason=f"{name} {attribute}={other}",
                    )
                )
    for tie in ties:
        if tie.kind == "lexicon":
            for name in (tie.name, tie.via):
                entry = entries.get(name)
                groups.add(name, _FAMILY.get(entry.type, "organisation") if entry else None)
            groups.union(tie.name, tie.via)

    for tie in sorted(article_ties, key=lambda t: (t.kind != "cleanup", t.name, t.via, t.source)):
        if groups.union(tie.name, tie.via):
            ties.append(tie)

    junk = {t.name for t in article_ties if t.kind == "cleanup"}
    ids = {e.id for r in records for e in r.entities if e.id not in dropped and e.id not in junk}
    ids |= {node.id for node in held} | {n for node in held for n in node.former_ids}
    canonical: dict[str, str] = {}
    for members in groups.members.values():
        chosen = _canonical(members, overrides, entries, ids)
        for name in members:
            canonical[name] = chosen
    ties = [t for t in ties if canonical.get(t.name, t.name) == canonical.get(t.via, t.via)]
    merges = {node.id: canonical[node.id] for node in held if canonical[node.id] != node.id}
    return Resolution(
        canonical=canonical,
        ties=sorted(set(ties), key=lambda t: (t.name, t.via, t.kind, t.source)),
        merges=dict(sorted(merges.items())),
        dropped=dict(sorted(dropped.items())),
    )


def _names_another(
    entity: Entity,
    alias: str,
    owners: Mapping[str, set[str]],
    entries: Mapping[str, LexiconEntry],
) -> bool:
    """Whether an article's alias is a name the lexicon gives another entity, so that tying
    it would make two known bodies one on one article's say (an extraction slip such as a
    platform carrying the sector's "P2P平台"): refused when the entity is known itself, or
    when the other is of another family (a sector, a regulator, a person …)."""
    others = owners.get(alias, set()) - {entity.id}
    if not others or entity.id in owners.get(alias, set()):
        return False
    if any(_is_generic(entries[o]) for o in others):
        return True  # 公安机关 stands for every police: no body is it
    if entity.id in entries:
        return True
    family = _FAMILY.get(entity.type, "organisation")
    return any(_FAMILY.get(entries[o].type, "organisation") != family for o in others)


def _is_generic(entry: LexiconEntry) -> bool:
    """A lexicon word for the body of any place (公安机关, 金融办): never one body's name."""
    return entry.attributes.get("generic") == "true"


_LEGAL_TAIL = re.compile(
    r"(?:股份有限公司|有限责任公司|有限公司|股份公司|集团|公司|分行|支行|分公司|营业部)+$"
)


_BRANCH_ENDINGS = ("分公司", "分行", "支行", "营业部")


def _distinctive(alias: str) -> bool:
    """Whether an article's alias names one entity: something is left once its legal or
    branch ending is off, and that is no place or generic word ("银行股份有限公司",
    "成都分行" and "芜湖分公司" name a kind, not a body)."""
    core = _LEGAL_TAIL.sub("", alias)
    if alias.endswith(_BRANCH_ENDINGS) and len(core) <= 3:
        return False  # a place and a branch word ("芜湖分公司"): any company's branch there
    return len(core) >= 2 and core not in load_generic_words() and not _is_place(core)


def _surface_owners(entries: Mapping[str, LexiconEntry]) -> dict[str, set[str]]:
    """Every name and alias of the lexicon -> the entries it names."""
    owners: dict[str, set[str]] = defaultdict(set)
    for name, entry in entries.items():
        for surface in (name, *entry.aliases):
            owners[surface].add(name)
    return owners


def _article_tie(
    record: ExtractionRecord, entity: Entity, name: str, kind: TieKind, reason: str = ""
) -> NameTie:
    """The tie of ``name`` to ``entity`` in ``record``, with the sentence that names it
    (the first mention written as ``name``, else the entity's first mention)."""
    mention = next((m for m in entity.mentions if m.text == name), None)
    mention = mention or (entity.mentions[0] if entity.mentions else None)
    sentence = (
        sentence_id(record.id, mention.evidence.start, mention.evidence.end) if mention else None
    )
    return NameTie(
        name=entity.id if kind == "cleanup" else name,
        via=name if kind == "cleanup" else entity.id,
        kind=kind,
        source=record.id,
        reason=reason,
        sentence_id=sentence,
    )


def _cleanup(
    name: str, others: Sequence[str], lexicon: Lexicon | None
) -> tuple[str | None, str] | None:
    """(the known name ``name`` stands for, why), (None, why) for a name to drop, or None
    when ``name`` is a name of its own.

    Known names are the lexicon's and the other entities of the same article (both fixed
    for the article, so the answer does not depend on what else was ingested). A known name
    that ends ``name`` after words that are not a place is that name with junk before it; a
    long prefix of a known registered name is that name cut off.
    """
    if name in load_generic_words():
        return None, f"{name} is a generic word, not a name"
    found: list[tuple[int, str, str]] = []  # (start, surface, canonical id)
    if lexicon is not None:
        for hit in lexicon.find(fold(name)):
            if hit.entry is None or hit.needs_context or hit.end - hit.start < _MIN_CORE:
                continue  # a name that is also a word ("乐投资") is no evidence inside another
            if _is_generic(hit.entry):
                continue  # "昆明市公安局" is a body of its own, not 公安局 with junk before it
            if hit.end == len(name):
                found.append((hit.start, name[hit.start : hit.end], hit.entry.name))
            if hit.start == 0 and len(name) >= _MIN_TRUNCATED:
                for full in (hit.entry.name, *hit.entry.aliases):
                    if len(full) > len(name) and full.startswith(name):
                        return hit.entry.name, f"{name} is {full} cut off"
    for other in others:
        if other != name and len(other) >= _MIN_CORE and name.endswith(other):
            found.append((len(name) - len(other), other, other))
    for at, surface, target in sorted(found, key=lambda f: (-len(f[1]), f[0], f[2])):
        before = _BRACKETED_PLACE.sub(r"\1", name[:at])
        if at > 0 and before and not _is_place(before):
            return target, f"{name[:at]!r} before {surface} is not part of the name"
    return None


def _is_place(text: str) -> bool:
    patterns = load_name_patterns()
    stripped = text.rstrip("省市区县")
    return stripped in patterns.locations or stripped in ("中国",) or not stripped


def _canonical(
    members: set[str],
    overrides: AliasOverrides,
    entries: Mapping[str, LexiconEntry],
    ids: set[str],
) -> str:
    for merge in overrides.merges:
        if merge.names[0] in members:
            return merge.names[0]
    # Names only ever seen as aliases lose to names an article's extraction chose as ids
    # (an article's "蚂蚁金服" stays the id while no article names 蚂蚁集团 as its entity).
    candidates = (members & ids) or members
    in_lexicon = [m for m in candidates if m in entries]
    if in_lexicon:

        def lexicon_rank(name: str) -> tuple[int, int, str]:
            return (_TYPE_RANK[entries[name].type], len(name), name)

        return min(in_lexicon, key=lexicon_rank)
    # A name cut out of another one's middle ("乐投资" of "赛伯乐投资集团") loses to the whole.
    whole = {n for n in candidates if not any(_cut_out(n, other) for other in candidates)}
    return min(whole or candidates, key=lambda n: (bool(_REGISTERED.search(n)), len(n), n))


def _cut_out(name: str, other: str) -> bool:
    """True when ``name`` occurs inside ``other``, after words that are not a place and
    before more (junk before a whole name, "利代表加多宝集团", is not a cut-out)."""
    at = other.find(name, 1)
    if name == other or at <= 0 or at + len(name) == len(other):
        return False
    before = _BRACKETED_PLACE.sub(r"\1", other[:at])
    return bool(before) and not _is_place(before)


def resolve_records(
    records: Sequence[ExtractionRecord], resolution: Resolution
) -> list[ExtractionRecord]:
    """The records with every entity id replaced by its canonical id: entities of one
    record that become one are combined (mentions, aliases; the best-ranked type), their
    former ids kept as aliases; relations between them and dropped names disappear.

    Example:
        >>> e = Entity(id="回顾", name="回顾", type=EntityType.COMPANY, confidence=0.5)
        >>> r = resolve_records([_record("a1", [e])], Resolution(dropped={"回顾": "generic"}))
        >>> r[0].entities
        []
    """
    return [_resolve_record(record, resolution) for record in records]


def _resolve_record(record: ExtractionRecord, resolution: Resolution) -> ExtractionRecord:
    touched = {e.id for e in record.entities if resolution.of(e.id) != e.id}
    touched |= {e.id for e in record.entities if e.id in resolution.dropped}
    if not touched:
        return record
    combined: dict[str, Entity] = {}
    for entity in record.entities:
        if entity.id in resolution.dropped:
            continue
        target = resolution.of(entity.id)
        known = combined.get(target)
        if known is None:
            combined[target] = entity.model_copy(
                update={
                    "id": target,
                    "name": target,
                    "aliases": _aliases(entity.aliases, entity.id, target),
                }
            )
            continue
        best = min((known.type, entity.type), key=lambda t: _TYPE_RANK[t])
        combined[target] = known.model_copy(
            update={
                "type": best,
                "aliases": _aliases([*known.aliases, *entity.aliases], entity.id, target),
                "confidence": max(known.confidence, entity.confidence),
                "attributes": {**entity.attributes, **known.attributes},
                "mentions": sorted(
                    [*known.mentions, *entity.mentions], key=lambda m: (m.start, m.end)
                ),
            }
        )

    def mapped(entity_id: str | None) -> str | None:
        if entity_id is None or entity_id in resolution.dropped:
            return None
        return resolution.of(entity_id)

    def kept(entity_ids: Iterable[str]) -> list[str]:
        return list(dict.fromkeys(m for e in entity_ids if (m := mapped(e)) is not None))

    relations: list[Relation] = []
    for relation in record.relations:
        head, tail = mapped(relation.source), mapped(relation.target)
        if head is not None and tail is not None and head != tail:
            relations.append(relation.model_copy(update={"source": head, "target": tail}))
    events: list[RiskEvent] = []
    for event in record.events:
        subjects = kept(event.subjects)
        if event.subjects and not subjects:
            continue  # its only subject was a slip of the extraction
        events.append(
            event.model_copy(update={"subjects": subjects, "authority": mapped(event.authority)})
        )
    return record.model_copy(
        update={"entities": list(combined.values()), "relations": relations, "events": events}
    )


def tie_rows(
    records: Sequence[ExtractionRecord],
    resolution: Resolution,
    merged_articles: Mapping[str, Sequence[str]] | None = None,
) -> list[dict[str, object]]:
    """Rows of ``cypher/write/write_aliases.cypher``: one per (name, via, kind), the name's
    tie to its canonical entity, with the articles and sentences that support it.

    Besides the resolution's ties, every former entity id whose mentions now sit on another
    node gets a ``merged`` tie supported by those articles (``merged_articles``: held node
    id -> the articles that mention it), so later articles naming it find the node.

    Example:
        >>> tie_rows([], Resolution(ties=[NameTie(name="A", via="B", kind="override",
        ...     source="aliases.toml:3", reason="same")], canonical={"A": "B", "B": "B"}))[0]["via"]
        'B'
    """
    rows: dict[tuple[str, str, str], dict[str, object]] = {}
    support: dict[tuple[str, str, str], tuple[set[str], set[str]]] = {}

    def add(name: str, via: str, tie: NameTie, article_ids: Sequence[str]) -> None:
        entity_id = resolution.of(name)
        if name == entity_id:
            return
        key = (name, via, tie.kind)
        rows.setdefault(
            key,
            {
                "name": name,
                "via": via,
                "kind": tie.kind,
                "entity_id": entity_id,
                "source": "" if tie.kind in _ARTICLE_KINDS else tie.source,
                "reason": tie.reason,
            },
        )
        articles, sentences = support.setdefault(key, (set(), set()))
        articles.update(article_ids)
        if tie.sentence_id:
            sentences.add(tie.sentence_id)

    for tie in resolution.ties:
        sources = [tie.source] if tie.kind in _ARTICLE_KINDS else []
        add(tie.name, tie.via, tie, sources)
        add(tie.via, tie.name, tie, sources)
    for record in records:
        for entity in record.entities:
            target = resolution.of(entity.id)
            if target != entity.id and entity.id not in resolution.dropped:
                merged = NameTie(name=entity.id, via=target, kind="merged", source=record.id)
                add(entity.id, target, merged, [record.id])
    for gone, mentioned_by in sorted((merged_articles or {}).items()):
        target = resolution.of(gone)
        add(gone, target, NameTie(name=gone, via=target, kind="merged", source=""), mentioned_by)
    return [
        {**row, "article_ids": sorted(support[key][0]), "sentence_ids": sorted(support[key][1])}
        for key, row in sorted(rows.items())
    ]


_ARTICLE_KINDS = ("article", "cleanup", "merged")


class StoredTie(BaseModel):
    """A tie as the graph keeps it (``(:Alias {name})-[:ALIAS_OF {via, kind, …}]->``), with
    the text of its sentences."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    via: str
    kind: str
    source: str = ""
    reason: str = ""
    article_ids: list[str] = []
    sentences: list[str] = []


class NameIdentity(BaseModel):
    """Whether names are one entity and why: ``path`` is the chain of ties from the first
    name to the second (empty when they are the entity's id, or not one entity); ``ties``
    every tie of the entity the first name resolves to."""

    model_config = ConfigDict(extra="forbid")

    names: list[str]
    entities: list[str | None]
    same: bool
    path: list[StoredTie] = []
    ties: list[StoredTie] = []


def explain(
    entity_id: str, aliases: Sequence[str], ties: Sequence[StoredTie], start: str, goal: str
) -> list[StoredTie]:
    """The shortest chain of ties from name ``start`` to name ``goal`` of one entity (the
    ties joining names, tried in their stored order); a name that is only one of the
    entity's ``aliases`` (how articles wrote it) is a last step of kind ``alias``.

    Example:
        >>> tie = StoredTie(name="资易贷", via="小资钱包", kind="lexicon")
        >>> [t.kind for t in explain("小资钱包", ["北京资易贷"], [tie], "北京资易贷", "资易贷")]
        ['alias', 'lexicon']
    """
    edges: dict[str, list[tuple[str, StoredTie]]] = defaultdict(list)
    for tie in ties:
        edges[tie.name].append((tie.via, tie))
        edges[tie.via].append((tie.name, tie))
    for name in aliases:
        if name not in edges and name != entity_id:
            alias = StoredTie(
                name=name, via=entity_id, kind="alias", reason="a name the articles use for it"
            )
            edges[name].append((entity_id, alias))
            edges[entity_id].append((name, alias))
    came: dict[str, tuple[str, StoredTie] | None] = {start: None}
    queue = [start]
    while queue and goal not in came:
        name = queue.pop(0)
        for other, tie in edges.get(name, []):
            if other not in came:
                came[other] = (name, tie)
                queue.append(other)
    path: list[StoredTie] = []
    step = came.get(goal)
    while step is not None:
        previous, tie = step
        path.append(tie)
        step = came[previous]
    return path[::-1]


def _aliases(aliases: Iterable[str], former_id: str, target: str) -> list[str]:
    return sorted({*aliases, former_id} - {target})


def _record(article_id: str, entities: list[Entity]) -> ExtractionRecord:
    """A minimal record for the examples."""
    meta = ArticleMeta(id=article_id, content_sha256="0" * 64, char_count=0)
    return ExtractionRecord(id=article_id, article=meta, entities=entities)
