"""Neo4j Browser on the test server, driven by headless Chromium: is the graph drawn our way?

A newcomer's path: open Browser, find the server's Bolt address already in the login form,
log in, get the project's style and guide without doing anything
(``browser.post_connect_cmd``) and no product-usage banner, run a named query over the
sample articles, see entities coloured by type with their Chinese names and risk events
captioned with their type in Chinese and their month. The drawn SVG is compared with what the
style says each node of the query's result should look like, so the test fails when the
style is not applied. The screenshots it saves are the ones the README shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import neo4j
from playwright.sync_api import Locator, Page, expect

from fintech_kg.browser import guide_url, load_style, node_style
from fintech_kg.browser.guide import GRAPH_QUERY_DIR, load_guide
from fintech_kg.graph.queries import NamedQuery, load_queries
from fintech_kg.settings import Settings
from fintech_kg.vocabulary import EVENT_TYPE_WORDS, EventType

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
STYLE = load_style()
WAIT_MS = 60_000  # Browser's first load unpacks and parses a 10 MB bundle on a busy CI box


@dataclass(frozen=True)
class DrawnNode:
    fill: str
    caption: str


@dataclass(frozen=True)
class ExpectedNode:
    labels: frozenset[str]
    fill: str
    caption: str

    @property
    def kind(self) -> str:
        """The label that says what the node is: its entity type, or RiskEvent, Article ..."""
        specific = self.labels - {"Entity", "Collapsed"}
        return min(specific) if specific else "Entity"


def test_sample_graph_is_drawn_in_the_project_style(
    page: Page,
    neo4j_settings: Settings,
    neo4j_driver: neo4j.Driver,
    neo4j_database: str,
    sample_graph: None,
) -> None:
    query = load_queries(GRAPH_QUERY_DIR)["risk-graph"]
    _log_in(page, neo4j_settings)
    # post_connect_cmd ran `:style {...}`: its frame shows the style in use
    expect(_frame(page, ":style {")).to_be_visible(timeout=WAIT_MS)

    _run(page, query.example_line)
    frame = _run(page, query.cypher)
    try:
        expect(frame.locator("svg g.node").first).to_be_visible(timeout=WAIT_MS)
    except AssertionError as exc:
        raise AssertionError(f"no graph drawn; the frame says:\n{frame.inner_text()}") from exc
    _wait_until_still(frame)

    expected = _expected_nodes(neo4j_driver, neo4j_database, query)
    drawn = _drawn_nodes(frame)
    assert len(drawn) >= 10, f"only {len(drawn)} nodes drawn"
    kinds_seen: set[str] = set()
    for node in drawn:
        candidates = [e for e in expected if _caption_matches(node.caption, e.caption)]
        assert candidates, f"drawn caption {node.caption!r} is no node's styled caption"
        fills = {e.fill for e in candidates}
        assert node.fill in fills, (
            f"{node.caption!r} is drawn in {node.fill}, the style says {sorted(fills)}"
        )
        kinds = {e.kind for e in candidates if e.fill == node.fill}
        if len(kinds) == 1:
            kinds_seen |= kinds
    assert len(kinds_seen) >= 4, f"styled nodes of only {sorted(kinds_seen)}"

    # risk events read "爆雷 2019-03": the Chinese word of their type and their month
    event_caption = re.compile("(" + "|".join(EVENT_TYPE_WORDS.values()) + r")(\d{4}-\d{2})?…?")
    event_captions = [
        re.sub(r"\s+", "", node.caption)
        for node in drawn
        if event_caption.fullmatch(re.sub(r"\s+", "", node.caption))
    ]
    assert any(re.search(r"\d{4}-\d{2}$", c) for c in event_captions), (
        f"no risk event captioned with its type and month among {[n.caption for n in drawn]}"
    )
    english = {t.value for t in EventType} & {node.caption for node in drawn}
    assert not english, f"events captioned with English type names: {english}"

    relation_captions = {p["caption"] for s, p in STYLE.items() if s.startswith("relationship.")}
    drawn_relations = set(frame.locator("svg g.relationship text").all_text_contents())
    assert drawn_relations & relation_captions, f"relationship captions {drawn_relations}"

    # full screen and zoomed to fit, the captions are large enough to read in the README
    frame.get_by_role("button", name="Fullscreen").click()
    frame.get_by_label("zoom-to-fit").click()
    _wait_until_still(frame)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "browser-sample-graph.png"))


def test_guide_opens_on_connect(page: Page, neo4j_settings: Settings) -> None:
    _log_in(page, neo4j_settings)
    frame = _frame(page, f":play {guide_url(neo4j_settings.http_port)}")
    first = load_guide().step[0]
    expect(frame.get_by_role("heading", name=first.title)).to_be_visible(timeout=WAIT_MS)
    expect(frame.locator("pre.runnable").first).to_be_visible()
    # client.allow_telemetry=false: Browser sends no usage data and shows no consent banner
    expect(page.get_by_text("we collect information on product usage")).to_have_count(0)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    frame.screenshot(path=str(SCREENSHOTS / "browser-guide.png"))


def _log_in(page: Page, settings: Settings) -> None:
    page.goto(settings.browser_url)
    address = page.get_by_test_id("boltaddress")
    expect(address).to_be_visible(timeout=WAIT_MS)
    scheme, _, host = settings.bolt_uri.partition("://")
    if settings.managed:
        # the managed server advertises its own Bolt port, which Browser offers
        expect(address).to_have_value(host, timeout=WAIT_MS)
    else:
        address.fill(host)
    page.locator("select").first.select_option(f"{scheme}://")
    page.get_by_test_id("username").fill(settings.user)
    page.get_by_test_id("password").fill(settings.neo4j_password())
    page.get_by_test_id("connect").click()
    expect(page.get_by_test_id("connect")).to_be_hidden(timeout=WAIT_MS)


def _frame(page: Page, command_start: str) -> Locator:
    """The newest frame whose command starts with ``command_start``."""
    command = page.get_by_test_id("frameCommand").filter(
        has_text=re.compile("^" + re.escape(command_start))
    )
    return page.get_by_test_id("frame").filter(has=command).first


def _run(page: Page, text: str) -> Locator:
    """Type ``text`` into the editor as one line, run it, and return its frame."""
    line = " ".join(text.split())  # Enter would run a half-typed query
    editor = page.get_by_test_id("activeEditor")
    editor.click()
    page.keyboard.insert_text(line)
    page.keyboard.press("Control+Enter")
    frame = _frame(page, line[:40])
    expect(frame).to_be_visible(timeout=WAIT_MS)
    return frame


def _wait_until_still(frame: Locator) -> None:
    """Wait until the force layout stops moving nodes, so the screenshot is not a blur."""
    nodes = frame.locator("svg g.node")
    previous: list[str | None] = []
    for _ in range(60):
        positions = [nodes.nth(i).get_attribute("transform") for i in range(nodes.count())]
        if positions == previous:
            return
        previous = positions
        frame.page.wait_for_timeout(500)


def _drawn_nodes(frame: Locator) -> list[DrawnNode]:
    nodes = frame.locator("svg g.node")
    drawn = []
    for i in range(nodes.count()):
        node = nodes.nth(i)
        fill = node.locator("circle.b-outline").get_attribute("fill") or ""
        caption = "".join(node.locator("text.caption").all_text_contents()).strip()
        drawn.append(DrawnNode(fill=fill.upper(), caption=caption))
    return drawn


def _expected_nodes(driver: neo4j.Driver, database: str, query: NamedQuery) -> list[ExpectedNode]:
    """Every node of the query's result, with the fill and caption the style gives it."""
    records, _, _ = driver.execute_query(query.cypher, query.example, database_=database)
    nodes: dict[str, neo4j.graph.Node] = {}
    for record in records:
        for value in record.values():
            if isinstance(value, neo4j.graph.Node):
                nodes[value.element_id] = value
    expected = []
    for node in nodes.values():
        drawn_as = node_style(STYLE, set(node.labels))
        expected.append(
            ExpectedNode(
                labels=frozenset(node.labels),
                fill=drawn_as["color"].upper(),
                caption=_interpolate(drawn_as.get("caption", ""), dict(node)),
            )
        )
    return expected


def _interpolate(caption: str, properties: dict[str, object]) -> str:
    """A caption template such as '{name}' filled in from a node's properties, as Browser does."""
    return re.sub(r"\{(\w+)\}", lambda m: str(properties.get(m.group(1), "")), caption)


def _caption_matches(drawn: str, styled: str) -> bool:
    """Browser shortens a caption that does not fit its circle to a prefix and '…'."""
    drawn = re.sub(r"\s+", "", drawn)
    styled = re.sub(r"\s+", "", styled)
    if drawn.endswith("…"):
        return styled.startswith(drawn[:-1])
    return drawn == styled
