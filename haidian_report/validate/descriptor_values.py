"""Stage 1b: descriptor values that a UTF-8 writer or a default JSON reader refuses.

A lone surrogate written as a JSON escape (``"no\\udc80te"``) parses, but every later step that
encodes the string fails: it stopped the CSV stage once (``UnicodeEncodeError``, the table then
unread). An integer of more than 4,300 digits parses with a ``parse_int`` hook, but
``json.load`` and frictionless refuse the file. Each is a problem naming its JSON path (and the
resource and field it sits in); each surrogate is then written as the text of its escape
(:func:`haidian_report.json_hazards.mend`), so the run goes on and the tables are read.
"""

from __future__ import annotations

from typing import Any

from haidian_report import json_hazards
from haidian_report.validate.model import Context

_CODES = {"surrogate": "descriptor-error", "long-integer": "json-nonstandard"}


def _located(data: dict[str, Any], path: tuple[str | int, ...]) -> tuple[str | None, str | None]:
    """(resource name, field name) that ``path`` lies in, as printable text."""
    if len(path) < 2 or path[0] != "resources" or not isinstance(path[1], int):
        return None, None
    res = data["resources"][path[1]]
    name = res.get("name") if isinstance(res, dict) else None
    resource = json_hazards.escaped(name) if isinstance(name, str) else None
    if len(path) < 5 or path[2:4] != ("schema", "fields") or not isinstance(path[4], int):
        return resource, None
    item = res["schema"]["fields"][path[4]]
    fname = item.get("name") if isinstance(item, dict) else None
    return resource, json_hazards.escaped(fname) if isinstance(fname, str) else None


def check(ctx: Context, text: str, data: Any, long_type: type) -> None:
    """Report every hazard of the parsed descriptor ``data`` and mend its surrogates."""
    if not json_hazards.may_hold(text):
        return  # the common case: no escape that could give a surrogate, no long digit run
    hazards = json_hazards.find(data, (long_type, json_hazards.LongInteger))
    for hazard in hazards:
        resource, fname = _located(data, hazard.path) if isinstance(data, dict) else (None, None)
        ctx.add(
            _CODES[hazard.kind],
            hazard.message(),
            resource,
            field=fname,
            file=ctx.descriptor_file,
        )
    json_hazards.mend(data, hazards)
