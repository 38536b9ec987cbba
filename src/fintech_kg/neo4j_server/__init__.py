"""The managed local Neo4j server: Neo4j Community assembled from Maven Central, run by the JDK.

Everything lives in the state folder ``Settings.home`` (jars, ``conf/neo4j.conf``, data,
logs, the pid file and the generated password), so the data survives restarts.

Example (starts a server)::

    from fintech_kg.settings import Settings
    from fintech_kg.neo4j_server import start, stop

    start(Settings())  # True: started; False: it already ran
"""

from __future__ import annotations

from fintech_kg.neo4j_server.assembly import NEO4J_VERSION
from fintech_kg.neo4j_server.lifecycle import ServerStatus, start, status, stop

__all__ = ["NEO4J_VERSION", "ServerStatus", "start", "status", "stop"]
