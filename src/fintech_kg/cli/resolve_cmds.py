"""``fintech-kg why NAME [OTHER]``: why names are one entity of the graph.

Prints the chain of ties between two names (each with its kind and the sentence, lexicon
row or override line behind it), or every tie of the entity one name resolves to.
"""

from __future__ import annotations

import json

import click

from fintech_kg.cli.options import connection_options, json_option
from fintech_kg.graph.aliases import NameIdentity, StoredTie
from fintech_kg.graph.client import KnowledgeGraph
from fintech_kg.settings import Settings

__all__ = ["COMMANDS"]


@click.command("why")
@click.argument("name")
@click.argument("other", required=False)
@connection_options
@json_option
def why_command(name: str, other: str | None, settings: Settings, as_json: bool) -> None:
    """Show why NAME and OTHER are one node (or every name tied to NAME's node).

    Example: fintech-kg why 资易贷 小资钱包
    """
    with KnowledgeGraph(settings=settings) as kg:
        identity = kg.why(name, other)
    if as_json:
        click.echo(json.dumps(identity.model_dump(), ensure_ascii=False, indent=2))
        return
    click.echo(_describe(identity))


def _describe(identity: NameIdentity) -> str:
    first, *rest = identity.names
    entity = identity.entities[0]
    if entity is None:
        return f"{first}: no entity of the graph has this name"
    if not rest:
        lines = [f"{first} is the entity {entity}; names tied to it:"]
        lines += [f"  {_tie_line(tie)}" for tie in identity.ties] or ["  (none)"]
        return "\n".join(lines)
    if not identity.same:
        other_entity = identity.entities[1] or "no entity"
        return f"{first} is {entity}, {rest[0]} is {other_entity}: two nodes"
    lines = [f"{first} and {rest[0]} are one entity, {entity}:"]
    lines += [f"  {_tie_line(tie)}" for tie in identity.path] or ["  (the same name)"]
    return "\n".join(lines)


def _tie_line(tie: StoredTie) -> str:
    why = tie.reason or (tie.sentences[0] if tie.sentences else "")
    where = tie.source or ", ".join(tie.article_ids[:3])
    more = f" (+{len(tie.article_ids) - 3} articles)" if len(tie.article_ids) > 3 else ""
    return f"{tie.name} = {tie.via} [{tie.kind} {where}{more}] {why}".rstrip()


COMMANDS = [why_command]
