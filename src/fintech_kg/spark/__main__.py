"""``python -m fintech_kg.spark ingest SOURCE ...``: ``fintech-kg spark ...`` as a program
``spark-submit`` can run (give it this file's path).

Example::

    entry=$(python -c 'import fintech_kg.spark.__main__ as m; print(m.__file__)')
    spark-submit --master yarn "$entry" ingest hdfs:///news/
"""

from __future__ import annotations

import sys

from fintech_kg.cli import main

__all__: list[str] = []

if __name__ == "__main__":
    sys.argv[1:1] = ["spark"]
    main()
