"""Entities of one article: lexicon names, unknown names found by pattern, persons.

Pure functions over the cleaned text and its sentences; the ``fkg_entities`` pipeline
component calls :func:`find_entities`. What is found, in order of trust:

1. Lexicon names (confidence 0.95). Names that are also ordinary words (``needs_context``)
   count only next to a context word (平台, 网贷, P2P, 爆雷, 逾期 ...) or in quotes; once one
   occurrence counts, all do.
2. Collectives: "BAT" gives 百度, 阿里巴巴 and 腾讯 (each with a mention at "BAT") and the
   collective itself, with ``MEMBER_OF`` member -> collective.
3. Sector words enumerated together ("银行、证券、保险") give the sector entities 银行业,
   证券业, 保险业 (attribute ``kind=sector``).
4. Names missing from the lexicon (confidence 0.5-0.75): registered company names
   ("XX有限公司"; one that contains a lexicon name becomes its alias), names after
   "网贷平台"/"名为" or before a risk word ("XX爆雷"), and brand-like names ending in
   贷/网/金服/财富/钱包/银行/科技 ...; aliases tied in the text ("XX（以下简称“YY”）").
5. Persons: foreign names with "·" (凯文·凯利) and a title before a Chinese name
   (董事长/创始人/实控人 + 2-3 characters).

Example::

    >>> result = find_entities("BAT都在布局区块链。", [(0, 12)])
    >>> sorted(e.id for e in result.entities)
    ['BAT', '区块链', '百度', '腾讯', '阿里巴巴']
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from fintech_kg.extraction.lexicon import (
    Lexicon,
    LexiconEntry,
    fold,
    load_generic_words,
    load_lexicon,
)
from fintech_kg.models import Entity, Evidence, Mention, Relation
from fintech_kg.vocabulary import EntityType, RelationType

__all__ = ["EXTRACTOR", "EntityResult", "find_entities"]

EXTRACTOR = "fkg_entities"

CONF_LEXICON = 0.95
CONF_COLLECTIVE_MEMBER = 0.9
CONF_IN_CONTEXT = 0.85
CONF_SECTOR = 0.8
CONF_REGISTERED = 0.75
CONF_CONTEXT_NAME = 0.65
CONF_EXTERNAL = 0.6
CONF_SUFFIX_NAME = 0.5
CONF_FOREIGN_PERSON = 0.8
CONF_TITLED_PERSON = 0.65

# Words near an ordinary-word platform name that make it a platform (within _WINDOW chars).
_CONTEXT_WORDS = (
    "平台",
    "网贷",
    "p2p",
    "理财",
    "爆雷",
    "暴雷",
    "跑路",
    "逾期",
    "清退",
    "立案",
    "失联",
    "兑付",
    "出借人",
    "投资人",
    "借款",
    "良性退出",
    "停业",
    "提现",
    "经侦",
    "非法集资",
    "金服",
    "官网",
    "app",
    "存管",
)
_WINDOW = 8
_QUOTES_OPEN = "“「『《\"'‘"
_QUOTES_CLOSE = "”」』》\"'’"

# Characters that do not occur inside a name (function words, pronouns, verbs of speech).
_STOP = set(
    "的了是在与及或对被将把从向给为等也就都还而但让使据于其该这那此说称由因所到即并且又再已"
    "曾着过吗呢啊吧你我他她它们没不要会能可去后当每各某请如若则只很更最像跟同个家名位起"
    "共约近超逾仅达将已称指"
)
_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_PUNCT = set("，。！？；：、,.!?;:\n\t “”‘’\"'「」『』《》【】[]#@/|~-—…")
# Words a found name may not start with; stripped repeatedly ("网贷平台旗下XX" -> "XX").
_LEADING_JUNK = re.compile(
    r"^(?:网贷平台|p2p平台|P2P平台|理财平台|问题平台|爆雷平台|借贷平台|平台|网贷|旗下|知名|著名|"
    r"涉嫌|名为|叫做|号称|所谓|包括|例如|比如|还有|其中|以及|原|前|新|老|大型|小型|一家|多家|"
    r"这家|该|此前|目前|今年|去年|近日|日前|最近|近期|随后|同时|对于|关于|针对|通过|加上|"
    r"投资了|投资|参与|借款|出借|充值|提现|登录|下载|使用|选择|推荐|宣传|曝光|举报|起诉|"
    r"报案|控告|追查|查封|冻结|调查|处罚|约谈|进入|成立|注册|设立|收购|入股|控股)+"
)

_SECTOR_WORD = {
    "银行": "银行业",
    "证券": "证券业",
    "保险": "保险业",
    "基金": "基金业",
    "信托": "信托业",
}
_SECTOR_ENUM = re.compile(
    r"(?:银行|证券|保险|基金|信托)(?:[、和与及,，/](?:银行|证券|保险|基金|信托))+"
)

_REGISTERED_SUFFIX = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团公司|集团)")
_BRAND_SUFFIX = re.compile(
    r"(?:消费金融|金融服务|金服|财富|金融|钱包|理财|易贷|小贷|贷|网|在线|金控|资本|创投|银行|"
    r"科技|支付|借条|钱庄|商城|基金|证券|保险|信托|资产|控股|投资)"
)
_TYPE_BY_SUFFIX = (
    ("银行", EntityType.BANK),
    ("消费金融", EntityType.FINANCIAL_INSTITUTION),
    ("小额贷款", EntityType.FINANCIAL_INSTITUTION),
    ("小贷", EntityType.FINANCIAL_INSTITUTION),
    ("证券", EntityType.FINANCIAL_INSTITUTION),
    ("保险", EntityType.FINANCIAL_INSTITUTION),
    ("基金", EntityType.FINANCIAL_INSTITUTION),
    ("信托", EntityType.FINANCIAL_INSTITUTION),
    ("支付", EntityType.FINANCIAL_INSTITUTION),
    ("资产", EntityType.FINANCIAL_INSTITUTION),
    ("资本", EntityType.FINANCIAL_INSTITUTION),
    ("创投", EntityType.FINANCIAL_INSTITUTION),
    ("金控", EntityType.FINANCIAL_INSTITUTION),
    ("科技", EntityType.COMPANY),
    ("控股", EntityType.COMPANY),
    ("投资", EntityType.COMPANY),
    ("商城", EntityType.COMPANY),
    ("公司", EntityType.COMPANY),
    ("集团", EntityType.COMPANY),
)
_PLATFORM_CONTEXT_BEFORE = re.compile(
    r"(?:网贷平台|p2p平台|P2P平台|理财平台|借贷平台|问题平台|爆雷平台|暴雷平台|互金平台|"
    r"网络借贷平台|平台名称[:：]?|名为|名叫|叫做)[“\"「]?"
)
_RISK_AFTER = re.compile(
    r"(?:爆雷|暴雷|跑路|逾期|失联|清退|被立案|立案|倒闭|停业|提现困难|兑付困难|延期兑付|良性退出|"
    r"涉嫌|非法集资|平台|官网|app|APP|App|出借人|投资人|受害人|借款人|事件|案件|涉案|实控人|"
    r"实际控制人|法人|老板|高管|董事长|创始人|股东|旗下|宣布|公告|回应|发布)"
)
_ALIAS_TIE = re.compile(
    r"[（(](?:以下|下文)?(?:简称|下称|又称|即|品牌名?[:：]?)?[“\"「]?"
    r"([\u4e00-\u9fffA-Za-z0-9]{2,8})[”\"」]?[)）]"
)
_FOREIGN_PERSON = re.compile(r"[\u4e00-\u9fff]{1,5}[·•・][\u4e00-\u9fff]{1,6}")
_TITLE_PERSON = re.compile(
    r"(?:董事长|副董事长|总经理|副总经理|总裁|副总裁|CEO|首席执行官|创始人|联合创始人|实控人|"
    r"实际控制人|法定代表人|法人代表|董事|监事|行长|副行长|主席|总监|负责人|老板|教授|分析师|"
    r"研究员|院长|所长|局长|副局长|主任|部长)[:：]?"
    r"((?:欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯)[\u4e00-\u9fff]{1,2}|"
    r"[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    r"程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    r"毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申耿关兰"
    r"焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁"
    r"蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂"
    r"全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝])"
    r"([\u4e00-\u9fff]{1,2})"
)
# What may precede a brand inside a registered name: "(北京)", "深圳市", "上海".
_LOCATION_PREFIX = re.compile(
    r"[（(]?(?:北京|上海|天津|重庆|深圳|广州|杭州|南京|苏州|成都|武汉|西安|长沙|郑州|济南|青岛|"
    r"厦门|福州|合肥|南昌|宁波|温州|东莞|佛山|珠海|无锡|石家庄|太原|沈阳|大连|长春|哈尔滨|昆明|"
    r"贵阳|南宁|海口|兰州|西宁|银川|呼和浩特|乌鲁木齐|拉萨|广东|浙江|江苏|山东|河南|河北|湖南|"
    r"湖北|四川|福建|安徽|江西|山西|陕西|辽宁|吉林|黑龙江|云南|贵州|广西|海南|甘肃|青海|宁夏|"
    r"内蒙古|新疆|西藏|中国|前海)?(?:省|市)?[)）]?"
)
# Characters after which a 2-character given name ends (so "马云表示" is 马云, not 马云表).
_NAME_END = set("表说称在的了和与及等是也已曾对向将被就都还于为因并说透指认介回讲坦")


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    entity_id: str
    confidence: float
    text_override: str | None = None


@dataclass(slots=True)
class _Found:
    """An entity being assembled: its definition and mentions."""

    name: str
    type: EntityType
    confidence: float
    aliases: list[str] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    spans: list[_Span] = field(default_factory=list)


@dataclass(slots=True)
class EntityResult:
    """Entities of an article, and the relations the entity stage itself knows (MEMBER_OF)."""

    entities: list[Entity]
    relations: list[Relation]


def canonical_id(name: str) -> str:
    """The entity id for a canonical name: NFKC-normalised, trimmed.

    Example: ``canonical_id("ＢＡＴ")`` -> ``'BAT'``
    """
    return unicodedata.normalize("NFKC", name).strip()


def _has_context(folded: str, start: int, end: int) -> bool:
    quoted = start > 0 and end < len(folded) and folded[start - 1] in _QUOTES_OPEN
    if quoted and folded[end] in _QUOTES_CLOSE:
        return True
    window = folded[max(0, start - _WINDOW) : end + _WINDOW]
    return any(word in window for word in _CONTEXT_WORDS)


def _is_name_char(char: str) -> bool:
    return bool(_NAME_CHAR.match(char)) and char not in _STOP


def _extend_back(text: str, end: int, max_len: int, allow_parens: bool = False) -> int:
    start = end
    while start > 0 and end - start < max_len:
        char = text[start - 1]
        if _is_name_char(char) or (allow_parens and char in "()（）"):
            start -= 1
        else:
            break
    return start


def _extend_forward(text: str, start: int, max_len: int) -> int:
    end = start
    while end < len(text) and end - start < max_len and _is_name_char(text[end]):
        if _RISK_AFTER.match(text, end) and end - start >= 2:
            break
        end += 1
    return end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip leading junk words and unbalanced brackets from a candidate name."""
    while True:
        match = _LEADING_JUNK.match(text, start, end)
        if not match or match.end() == start:
            break
        start = match.end()
    while start < end and text[start] in ")）":
        start += 1
    if start < end and text[start] in "(（" and not re.search(r"[)）]", text[start:end]):
        start += 1
    return start, end


def _plausible(name: str, stem: str) -> bool:
    generic = load_generic_words()
    if len(name) < 2 or name in generic or stem in generic or len(stem) < 2:
        return False
    if stem.isdigit() or name.isdigit():
        return False
    return not all(char in _STOP for char in stem)


def _type_for(name: str) -> EntityType:
    for suffix, entity_type in _TYPE_BY_SUFFIX:
        if suffix in name[-6:]:
            return entity_type
    return EntityType.P2P_PLATFORM


class _Collector:
    """Accepts spans that do not overlap already accepted ones; groups them by entity."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.taken = bytearray(len(text))
        self.found: dict[str, _Found] = {}

    def free(self, start: int, end: int) -> bool:
        return start < end and not any(self.taken[start:end])

    def add(self, found: _Found, span: _Span, *, force: bool = False) -> None:
        if not force and not self.free(span.start, span.end):
            return
        self.taken[span.start : span.end] = b"\x01" * (span.end - span.start)
        entity_id = span.entity_id
        known = self.found.get(entity_id)
        if known is None:
            self.found[entity_id] = known = found
        else:
            known.confidence = max(known.confidence, found.confidence)
            for alias in found.aliases:
                if alias not in known.aliases:
                    known.aliases.append(alias)
        known.spans.append(span)


def _from_entry(entry: LexiconEntry, confidence: float) -> _Found:
    return _Found(
        name=canonical_id(entry.name),
        type=entry.type,
        confidence=confidence,
        aliases=list(entry.aliases),
        attributes=dict(entry.attributes),
    )


def _add_lexicon_hits(col: _Collector, lexicon: Lexicon, folded: str) -> list[tuple[int, int]]:
    """Accept lexicon hits; return the spans of collectives (handled after)."""
    pending: dict[str, list[tuple[int, int, LexiconEntry]]] = {}
    collectives: list[tuple[int, int]] = []
    confirmed: set[str] = set()
    for hit in lexicon.find(folded):
        if hit.entry is None:
            col.taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
            continue
        entry = hit.entry
        if entry.members:
            collectives.append((hit.start, hit.end))
        if hit.needs_context:
            pending.setdefault(entry.name, []).append((hit.start, hit.end, entry))
            if _has_context(folded, hit.start, hit.end):
                confirmed.add(entry.name)
            continue
        _add_entry_span(col, entry, hit.start, hit.end, CONF_LEXICON)
    for name in confirmed:
        for start, end, entry in pending[name]:
            _add_entry_span(col, entry, start, end, CONF_IN_CONTEXT)
    return collectives


def _add_entry_span(
    col: _Collector, entry: LexiconEntry, start: int, end: int, confidence: float
) -> None:
    found = _from_entry(entry, confidence)
    col.add(found, _Span(start, end, found.name, confidence))


def _add_collective_members(
    col: _Collector, lexicon: Lexicon, spans: list[tuple[int, int]]
) -> list[tuple[str, str, int, int]]:
    links = []
    for start, end in spans:
        collective = next(
            (f for f in col.found.values() for s in f.spans if s.start == start), None
        )
        if collective is None:
            continue
        for member_name in lexicon.entries[collective.name].members:
            member = _from_entry(lexicon.entries[member_name], CONF_COLLECTIVE_MEMBER)
            col.add(member, _Span(start, end, member.name, CONF_COLLECTIVE_MEMBER), force=True)
            links.append((member.name, collective.name, start, end))
    return links


def _add_sectors(col: _Collector, lexicon: Lexicon, text: str) -> None:
    for match in _SECTOR_ENUM.finditer(text):
        for word in re.finditer(r"银行|证券|保险|基金|信托", match.group()):
            start, end = match.start() + word.start(), match.start() + word.end()
            entry = lexicon.entries.get(_SECTOR_WORD[word.group()])
            if entry is not None and col.free(start, end):
                _add_entry_span(col, entry, start, end, CONF_SECTOR)


def _new_name(
    col: _Collector, start: int, end: int, confidence: float, entity_type: EntityType | None = None
) -> None:
    name = canonical_id(col.text[start:end])
    found = _Found(name=name, type=entity_type or _type_for(name), confidence=confidence)
    col.add(found, _Span(start, end, name, confidence))


def _registered_names(col: _Collector, text: str) -> None:
    """'XX有限公司': an alias of the lexicon name it starts with, else a new Company."""
    for match in _REGISTERED_SUFFIX.finditer(text):
        end = match.end()
        if end < len(text) and text[end] in "有股":  # 集团 inside 集团有限公司: wait for it
            continue
        start = _extend_back(text, match.start(), 24, allow_parens=True)
        start, end = _trim(text, start, end)
        name = text[start:end]
        if not _plausible(name, text[start : match.start()]):
            continue
        inner = _inner_spans(col, start, end)
        owner = inner[0][0] if inner else None
        if (
            owner is not None
            and owner.type not in (EntityType.TECHNOLOGY, EntityType.REGULATOR)
            and _LOCATION_PREFIX.fullmatch(text[start : inner[0][1].start])
        ):
            alias = _Found(
                name=owner.name,
                type=owner.type,
                confidence=CONF_REGISTERED,
                aliases=[name] if name != owner.name else [],
            )
        else:
            alias = _Found(
                name=canonical_id(name), type=_registered_type(name), confidence=CONF_REGISTERED
            )
        for found, span in inner:  # the registered name is more specific than names inside
            found.spans.remove(span)
            col.taken[span.start : span.end] = bytes(span.end - span.start)
        if col.free(start, end):
            col.add(alias, _Span(start, end, alias.name, CONF_REGISTERED))


def _registered_type(name: str) -> EntityType:
    entity_type = _type_for(
        name.removesuffix("股份有限公司").removesuffix("有限责任公司").removesuffix("有限公司")
    )
    return EntityType.COMPANY if entity_type == EntityType.P2P_PLATFORM else entity_type


def _inner_spans(col: _Collector, start: int, end: int) -> list[tuple[_Found, _Span]]:
    """Accepted spans inside [start, end), in text order."""
    inner = [
        (found, span)
        for found in col.found.values()
        for span in found.spans
        if start <= span.start and span.end <= end
    ]
    return sorted(inner, key=lambda pair: pair[1].start)


def _context_names(col: _Collector, text: str) -> None:
    """Names after '网贷平台'/'名为' and before a risk word ('XX爆雷')."""
    for match in _PLATFORM_CONTEXT_BEFORE.finditer(text):
        start = match.end()
        end = _extend_forward(text, start, 8)
        start, end = _trim(text, start, end)
        name = text[start:end]
        if _plausible(name, name) and col.free(start, end):
            _new_name(col, start, end, CONF_CONTEXT_NAME)
    for match in _RISK_AFTER.finditer(text):
        end = match.start()
        start = _extend_back(text, end, 6)
        start, end = _trim(text, start, end)
        name = text[start:end]
        suffix = _BRAND_SUFFIX.search(name)
        if suffix is None or suffix.end() != len(name):
            continue  # before a risk word, only brand-like names ("XX贷爆雷")
        if _plausible(name, name[: suffix.start()]) and col.free(start, end):
            _new_name(col, start, end, CONF_CONTEXT_NAME)


def _quoted_and_suffixed(col: _Collector, text: str) -> None:
    """Brand-like names: a quoted name, or 2-4 characters before a brand suffix."""
    for match in _BRAND_SUFFIX.finditer(text):
        start = _extend_back(text, match.start(), 4)
        start, end = _trim(text, start, match.end())
        if start == match.start():
            continue
        name = text[start:end]
        if end < len(text) and _is_name_char(text[end]) and text[end] not in "平台":
            continue  # the name goes on: not a name boundary
        if _plausible(name, text[start : match.start()]) and col.free(start, end):
            _new_name(col, start, end, CONF_SUFFIX_NAME)


def _alias_ties(col: _Collector, text: str) -> None:
    """'XX（以下简称“YY”）': YY names the entity XX names."""
    for match in _ALIAS_TIE.finditer(text):
        owner = next(
            (f for f in col.found.values() for s in f.spans if s.end == match.start()), None
        )
        alias = match.group(1)
        if owner is None or owner.type == EntityType.PERSON or alias in load_generic_words():
            continue
        if alias not in owner.aliases and alias != owner.name:
            owner.aliases.append(alias)
        start, end = match.span(1)
        if col.free(start, end):
            col.add(
                _Found(owner.name, owner.type, CONF_CONTEXT_NAME),
                _Span(start, end, owner.name, CONF_CONTEXT_NAME),
            )


def _persons(col: _Collector, text: str) -> None:
    for match in _FOREIGN_PERSON.finditer(text):
        start, end = _trim(text, match.start(), match.end())
        dot = start + re.search(r"[·•・]", text[start:end]).start()  # type: ignore[union-attr]
        cut = end
        for position in range(dot + 2, end):  # the family name ends where speech begins
            if text[position] in _STOP or text[position] in _NAME_END:
                cut = position
                break
        end = cut
        if col.free(start, end):
            _new_name(col, start, end, CONF_FOREIGN_PERSON, EntityType.PERSON)
    for match in _TITLE_PERSON.finditer(text):
        start = match.start(1)
        given = match.group(2)
        end = match.end(1) + (1 if len(given) == 2 and given[1] in _NAME_END else len(given))
        if len(given) == 2 and given[0] in _NAME_END:
            end = match.end(1)
        if end - start >= 2 and col.free(start, end):
            _new_name(col, start, end, CONF_TITLED_PERSON, EntityType.PERSON)


def _merge_variants(col: _Collector) -> None:
    """A registered name whose core ("XX" of "XX（北京）…有限公司") another entity already
    has as name or alias is that entity: a brand and its company, tied by the text."""
    owners: dict[str, _Found] = {}
    for found in col.found.values():
        for surface in (found.name, *found.aliases):
            owners.setdefault(surface, found)
    for found in list(col.found.values()):
        match = _REGISTERED_SUFFIX.search(found.name)
        if match is None or not found.spans:
            continue
        core = re.split(r"[（(]", found.name, maxsplit=1)[0]
        core = _LOCATION_PREFIX.sub("", core, count=1) if core == found.name else core
        for size in range(len(core), 1, -1):
            owner = owners.get(core[:size])
            if owner is not None and owner is not found and size >= 2:
                break
        else:
            continue
        for span in found.spans:
            owner.spans.append(_Span(span.start, span.end, owner.name, span.confidence))
        for alias in (found.name, *found.aliases):
            if alias not in owner.aliases and alias != owner.name:
                owner.aliases.append(alias)
        found.spans.clear()


def _repeat_mentions(col: _Collector, folded: str) -> None:
    """Every further occurrence of a found name or alias is a mention too."""
    for found in list(col.found.values()):
        if found.type == EntityType.PERSON and len(found.name) < 2:
            continue
        surfaces = {s.text_override or col.text[s.start : s.end] for s in found.spans}
        surfaces.update(found.aliases)
        for surface in surfaces:
            key = fold(surface)
            if len(key) < 2:
                continue
            position = folded.find(key)
            while position != -1:
                end = position + len(key)
                if col.free(position, end):
                    col.add(found, _Span(position, end, found.name, found.confidence))
                position = folded.find(key, end)


def find_entities(
    text: str,
    sentences: list[tuple[int, int]],
    lexicon: Lexicon | None = None,
    *,
    external: Iterable[tuple[int, int, EntityType]] = (),
    extractor_version: str | None = None,
) -> EntityResult:
    """Entities (with every mention and its evidence) and MEMBER_OF relations of a text.

    ``sentences`` are (start, end) offsets into ``text`` (see ``split_sentences``);
    ``external`` are (start, end, type) spans of another recogniser (a user's NER), taken
    where no lexicon name is.

    Example: ``find_entities("工行与腾讯合作。", [(0, 8)]).entities[0].id`` -> ``'中国工商银行'``
    """
    if extractor_version is None:
        from fintech_kg.extraction import EXTRACTOR_VERSION

        extractor_version = EXTRACTOR_VERSION
    lexicon = lexicon or load_lexicon()
    folded = fold(text)
    col = _Collector(text)
    collective_spans = _add_lexicon_hits(col, lexicon, folded)
    links = _add_collective_members(col, lexicon, collective_spans)
    for start, end, entity_type in external:
        _new_name(col, start, end, CONF_EXTERNAL, entity_type)
    _add_sectors(col, lexicon, text)
    _registered_names(col, text)
    _persons(col, text)
    _context_names(col, text)
    _alias_ties(col, text)
    _quoted_and_suffixed(col, text)
    _repeat_mentions(col, folded)
    _merge_variants(col)
    evidence = _EvidenceMaker(text, sentences, extractor_version)
    entities = [_to_entity(found, evidence) for found in col.found.values() if found.spans]
    entities.sort(key=lambda e: e.mentions[0].start)
    relations = [
        Relation(
            type=RelationType.MEMBER_OF,
            source=member,
            target=collective,
            confidence=CONF_COLLECTIVE_MEMBER,
            evidence=evidence.make(start, end, CONF_COLLECTIVE_MEMBER),
        )
        for member, collective, start, end in _unique(links)
    ]
    return EntityResult(entities=entities, relations=relations)


def _unique(links: Iterable[tuple[str, str, int, int]]) -> list[tuple[str, str, int, int]]:
    seen: dict[tuple[str, str], tuple[str, str, int, int]] = {}
    for link in links:
        seen.setdefault(link[:2], link)
    return list(seen.values())


class _EvidenceMaker:
    def __init__(self, text: str, sentences: list[tuple[int, int]], version: str) -> None:
        self.text = text
        self.sentences = sentences
        self.starts = [start for start, _ in sentences]
        self.version = version

    def make(self, start: int, end: int, confidence: float) -> Evidence:
        index = bisect_right(self.starts, start) - 1
        if index >= 0 and self.sentences[index][1] >= end:
            s_start, s_end = self.sentences[index]
        else:
            s_start, s_end = start, end
        return Evidence(
            sentence=self.text[s_start:s_end],
            start=s_start,
            end=s_end,
            extractor=EXTRACTOR,
            extractor_version=self.version,
            confidence=confidence,
        )


def _to_entity(found: _Found, evidence: _EvidenceMaker) -> Entity:
    spans = sorted(found.spans, key=lambda s: s.start)
    mentions = [
        Mention(
            text=evidence.text[s.start : s.end],
            start=s.start,
            end=s.end,
            evidence=evidence.make(s.start, s.end, s.confidence),
        )
        for s in spans
    ]
    return Entity(
        id=found.name,
        name=found.name,
        type=found.type,
        aliases=list(found.aliases),
        confidence=max([found.confidence, *(s.confidence for s in spans)]),
        attributes=found.attributes,
        mentions=mentions,
    )
