"""Stage 1d: the words the models write for the package's own fields, and its source citation.

A derived package may add resources, fields and words of its own, and reword its top-level
description; it may not rewrite what the package says its own columns mean, nor whose report
the text is. The ``title`` and ``description`` of every field the package defines are
generated from the models (:mod:`haidian_report.schema`; the shipped datapackage.json holds
them, a test keeps the two equal): "Value in thousands of the unit" on ``indicators.value``
or the meanings of ``at_least`` and ``more_than`` swapped on ``indicators.qualifier`` would
mislead every reader of the column while every cell still validates. And every entry of the
shipped ``sources`` (the citation of the Haidian work report) must still be there unchanged.
A field that another property already flags (:mod:`~.descriptor_props`) is not reported twice.
The words a field had in an earlier data release (:mod:`~.superseded`) are accepted too: a
package derived from that release keeps them.
"""

from __future__ import annotations

from typing import Any, Final

from haidian_report.validate.model import Context
from haidian_report.validate.superseded import SUPERSEDED
from haidian_report.validate.text import show

#: Field properties the models write for people and a derived package keeps.
WORDS: Final = ("title", "description")


def _shipped_sources() -> list[Any]:
    from haidian_report.validate.descriptor_props import canonical_package

    sources = canonical_package().get("sources")
    return sources if isinstance(sources, list) else []


def check(ctx: Context, data: dict[str, Any]) -> None:
    """``field-words`` for a rewritten own field, ``source-citation`` for a changed source."""
    from haidian_report.validate.descriptor_props import canonical_resources

    canon = canonical_resources()
    for res in data.get("resources", []):
        name = res.get("name") if isinstance(res, dict) else None
        if not isinstance(name, str) or name not in ctx.specs or not ctx.specs[name].canonical:
            continue
        own = canon.get(name, {}).get("schema", {}).get("fields", [])
        want = {f["name"]: f for f in own if isinstance(f, dict) and "name" in f}
        schema = res.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        for item in fields if isinstance(fields, list) else []:
            fname = item.get("name") if isinstance(item, dict) else None
            if not isinstance(fname, str) or fname not in want:
                continue
            for key in WORDS:
                earlier = SUPERSEDED.get((name, fname, key), ())
                if key in item and item[key] != want[fname].get(key) and item[key] not in earlier:
                    ctx.add(
                        "field-words",
                        f"{key} {show(item[key], 120)}; the package's model says "
                        f"{show(want[fname].get(key), 160)}: the words of a column the package "
                        "defines are its documented meaning (add a field of your own instead)",
                        name,
                        field=fname,
                        file=ctx.descriptor_file,
                    )
    given = data.get("sources")
    given = given if isinstance(given, list) else []
    for index, source in enumerate(_shipped_sources()):
        if source not in given:
            ctx.add(
                "source-citation",
                f"sources[{index}] of the package, {show(source, 200)}, is missing or changed: "
                "the text is the Haidian District work report and every copy cites it as the "
                "package does (add sources of your own after it)",
                file=ctx.descriptor_file,
            )
