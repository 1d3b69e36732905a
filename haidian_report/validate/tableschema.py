"""Stage 1b: the effective Table Schema and CSV dialect of each table resource.

For the tables the package defines, the declared schema must be the package's own
(:func:`~haidian_report.validate.descriptor.canonical_schemas`): a derived package cannot
loosen a constraint, and the package's definitions are what is enforced. Extension fields and
tables are checked against what they declare, once that is vetted: a type the validator knows,
constraints of the right shapes (a ``pattern`` that is a string the regex engine compiles, an
``enum`` of scalars…). Whatever is malformed is a ``descriptor-error`` naming the field; the
rest of the table is still checked.
"""

from __future__ import annotations

import math
from typing import Any, Final

from haidian_report.validate.descriptor import Entry
from haidian_report.validate.model import Context, Dialect, Field, ForeignKey, Spec
from haidian_report.validate.superseded import may_lack
from haidian_report.validate.text import show

#: Table Schema field types the validator reads (others are a descriptor error).
FIELD_TYPES: Final = frozenset(
    {
        "string",
        "integer",
        "number",
        "boolean",
        "date",
        "datetime",
        "time",
        "year",
        "yearmonth",
        "duration",
        "any",
        "object",
        "array",
        "list",
        "geopoint",
        "geojson",
    }
)
_NUMERIC: Final = frozenset({"integer", "number", "year"})
_ORDERED_TEXT: Final = frozenset({"date", "datetime", "time", "yearmonth"})
_DIALECT_KEYS: Final = frozenset(
    {
        "delimiter",
        "quoteChar",
        "doubleQuote",
        "lineTerminator",
        "header",
        "headerRows",
        "caseSensitiveHeader",
        "csvddfVersion",
        "$schema",
        "skipInitialSpace",
        "escapeChar",
    }
)


def spec(ctx: Context, entry: Entry) -> Spec | None:
    """The effective schema and dialect of a table resource (None, with problems, if unusable)."""
    name, file, res = entry.name, entry.file, entry.resource
    canonical = ctx.canonical.get(name)
    fmt = res.get("format")
    if fmt is not None and fmt != "csv":
        ctx.add("descriptor-error", f"format {show(fmt)}: only csv tables are read", name)
        return None
    dialect = _dialect(ctx, name, res.get("dialect"))
    if dialect is None:
        return None
    declared = res.get("schema")
    if not isinstance(declared, dict) or "fields" not in declared:
        if canonical is None:
            ctx.add("descriptor-error", "table has no inline schema with fields", name)
            return None
        ctx.add(
            "schema-mismatch",
            "table has no inline schema with fields; checked against the package's own",
            name,
        )
        declared = canonical
    fields = _fields(ctx, name, declared.get("fields"), canonical)
    if fields is None:
        return None
    names = {f.name for f in fields}
    missing = declared.get("missingValues", [""])
    if not isinstance(missing, list) or not all(isinstance(v, str) for v in missing):
        ctx.add(
            "descriptor-error", f"missingValues must be a list of strings: {show(missing)}", name
        )
        missing = [""]
    if canonical is not None and missing != canonical.get("missingValues", [""]):
        want = canonical.get("missingValues", [""])
        ctx.add("schema-mismatch", f"missingValues {show(missing)}; expected {want}", name)
        missing = list(want)
    return Spec(
        name=name,
        file=file,
        path=entry.path,
        fields=fields,
        primary_key=_primary_key(ctx, name, declared.get("primaryKey"), canonical, names),
        foreign_keys=_foreign_keys(ctx, name, declared.get("foreignKeys"), canonical, names),
        missing_values=list(missing),
        dialect=dialect,
        canonical=canonical is not None,
    )


def _dialect(ctx: Context, name: str, value: object) -> Dialect | None:
    """The CSV dialect (v1 flat or v2 ``csv`` form), limited to what polars reads as declared."""
    if value is None:
        return Dialect()
    if not isinstance(value, dict):
        ctx.add("descriptor-error", f"dialect must be an object, found {show(value)}", name)
        return None
    nested = value.get("csv", {})
    options = {**value, **nested} if isinstance(nested, dict) else dict(value)
    options.pop("csv", None)
    unknown = sorted(str(k) for k in options if k not in _DIALECT_KEYS)
    refused = []
    if unknown:
        refused.append(f"option(s) {show(unknown)}")
    if options.get("header", True) is not True or options.get("headerRows", [1]) != [1]:
        refused.append("a header other than one row")
    if options.get("doubleQuote", True) is not True or options.get("escapeChar") is not None:
        refused.append("quotes escaped other than by doubling")
    if options.get("skipInitialSpace", False) is not False:
        refused.append("skipInitialSpace")
    terminator = options.get("lineTerminator")
    if terminator not in (None, "\n", "\r\n"):
        refused.append(f"lineTerminator {show(terminator)}")
    chars = {}
    for key, default in (("delimiter", ","), ("quoteChar", '"')):
        got = options.get(key, default)
        if not isinstance(got, str) or len(got) != 1 or got in "\r\n" or ord(got) > 127:
            refused.append(f"{key} {show(got)} (one ASCII character, not a line end)")
        chars[key] = got
    if not refused and chars["delimiter"] == chars["quoteChar"]:
        refused.append("the same character as delimiter and quoteChar")
    if refused:
        ctx.add(
            "dialect-unsupported",
            f"the dialect declares {'; '.join(refused)}: polars (haidian_report.load), pandas "
            "and DuckDB would not read the file as declared",
            name,
        )
        return None
    return Dialect(chars["delimiter"], chars["quoteChar"], terminator)


def _fields(
    ctx: Context, name: str, declared: object, canonical: dict[str, Any] | None
) -> list[Field] | None:
    """Effective fields: the package's definition for its own fields, vetted extensions."""
    canon = {f["name"]: f for f in canonical["fields"]} if canonical else {}
    if not isinstance(declared, list) or not declared:
        ctx.add("descriptor-error", "schema.fields must be a non-empty list", name)
        return None
    if len(declared) > ctx.limits.columns:
        ctx.add(
            "budget-exceeded",
            f"{len(declared):,} fields; tables of more than {ctx.limits.columns:,} are not read",
            name,
        )
        return None
    out: list[Field] = []
    seen: set[str] = set()
    for i, item in enumerate(declared):
        fname = item.get("name") if isinstance(item, dict) else None
        if not isinstance(fname, str) or not fname or fname in seen or fname.startswith("__"):
            ctx.add(
                "descriptor-error",
                f"schema.fields[{i}] has a missing, duplicate or reserved name {show(fname)}",
                name,
            )
            return None
        seen.add(fname)
        assert isinstance(item, dict)
        if fname in canon:
            out.append(_own_field(ctx, name, fname, item, canon[fname]))
        else:
            out.append(_extension_field(ctx, name, fname, item))
    for fname, want in canon.items():
        if fname not in seen and not may_lack(ctx.version, name, fname):
            ctx.add(
                "schema-mismatch",
                f"field {fname!r} ({want['type']}) is missing from the schema",
                name,
                field=fname,
            )
    return out


def _own_field(
    ctx: Context, name: str, fname: str, item: dict[str, Any], want: dict[str, Any]
) -> Field:
    got_type, got_c = item.get("type", "string"), item.get("constraints", {})
    want_c = want.get("constraints", {})
    if got_type != want["type"]:
        message = f"declared type {show(got_type)}; expected {show(want['type'])}"
        ctx.add("schema-mismatch", message, name, field=fname)
    elif got_c != want_c:
        message = f"declared constraints {show(got_c, 200)}; expected {show(want_c, 200)}"
        ctx.add("schema-mismatch", message, name, field=fname)
    return Field(fname, want["type"], dict(want_c), str(want.get("description", "")))


def _extension_field(ctx: Context, name: str, fname: str, item: dict[str, Any]) -> Field:
    """A field the package does not define, with the constraints that are well formed."""
    ftype = item.get("type", "string")
    if not isinstance(ftype, str) or ftype not in FIELD_TYPES:
        ctx.add(
            "descriptor-error",
            f"unknown field type {show(ftype)}; read as string",
            name,
            field=fname,
        )
        ftype = "string"
    given = item.get("constraints", {})
    if not isinstance(given, dict):
        ctx.add(
            "descriptor-error", f"constraints must be an object: {show(given)}", name, field=fname
        )
        given = {}
    constraints: dict[str, Any] = {}
    for key, value in given.items():
        why = _constraint_problem(ctx, ftype, key, value)
        if why is None:
            constraints[key] = value
        elif why:
            ctx.add("descriptor-error", f"constraint {key}: {why}; not applied", name, field=fname)
    return Field(fname, ftype, constraints, str(item.get("description", ""))[:1000])


def _constraint_problem(ctx: Context, ftype: str, key: str, value: object) -> str | None:
    """Why a declared constraint cannot be applied; None if it can, "" to ignore it quietly."""
    if key in ("required", "unique"):
        return None if isinstance(value, bool) else f"expected true or false, found {show(value)}"
    if key in ("minLength", "maxLength"):
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        return None if ok else f"expected a non-negative integer, found {show(value)}"
    if key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        if ftype in _NUMERIC:
            number = isinstance(value, int | float) and not isinstance(value, bool)
            if number and math.isfinite(float(value)):  # type: ignore[arg-type]
                return None
            return f"expected a finite number, found {show(value)}"
        if ftype in _ORDERED_TEXT:
            return None if isinstance(value, str) else f"expected a string, found {show(value)}"
        return f"not applicable to type {ftype}"
    if key == "pattern":
        return _pattern_problem(ctx, ftype, value)
    if key == "enum":
        if not isinstance(value, list) or len(value) > ctx.limits.enum_values:
            return (
                f"expected a list of at most {ctx.limits.enum_values:,} values, found {show(value)}"
            )
        if not all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in value):
            return f"values must be strings or numbers, found {show(value)}"
        return None
    return ""  # other keys (jsonSchema…) are not checked


def _pattern_problem(ctx: Context, ftype: str, value: object) -> str | None:
    if ftype != "string":
        return f"applies to strings, not {ftype}"
    if not isinstance(value, str) or len(value) > ctx.limits.pattern_chars:
        limit = ctx.limits.pattern_chars
        return f"expected a string of at most {limit:,} characters, found {show(value)}"
    import polars as pl

    try:
        pl.Series([""], dtype=pl.String).str.contains(f"^(?:{value})$")
    except Exception as exc:  # polars' regex engine refuses it (lookaround, too big…)
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"{show(value)} is not a regular expression polars can apply ({show(first, 120)})"
    return None


def _as_names(value: object) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def _primary_key(
    ctx: Context, name: str, declared: object, canonical: dict[str, Any] | None, names: set[str]
) -> list[str]:
    """The primary key enforced: the package's own for its tables, else the declared one."""
    got = _as_names(declared) if declared is not None else []
    if canonical is not None:
        want = list(canonical.get("primaryKey", []))
        if got != want:
            ctx.add("schema-mismatch", f"primaryKey {show(declared)}; expected {want}", name)
        return [k for k in want if k in names]
    if got is None or any(k not in names for k in got) or len(set(got)) != len(got):
        ctx.add("descriptor-error", f"primaryKey {show(declared)} names unknown fields", name)
        return []
    return got


def foreign_key(name: str, item: object) -> ForeignKey | None:
    """A declared foreign key of table ``name`` in one form (None when malformed)."""
    if not isinstance(item, dict) or not isinstance(item.get("reference"), dict):
        return None
    ref = item["reference"]
    fields, ref_fields = _as_names(item.get("fields")), _as_names(ref.get("fields"))
    resource = ref.get("resource") or name
    if not fields or not ref_fields or len(fields) != len(ref_fields):
        return None
    if not isinstance(resource, str) or "package" in ref:
        return None
    return ForeignKey(tuple(fields), resource, tuple(ref_fields))


def _foreign_keys(
    ctx: Context, name: str, declared: object, canonical: dict[str, Any] | None, names: set[str]
) -> list[ForeignKey]:
    """Foreign keys enforced: the package's own plus well-formed declared extras."""
    wanted = [foreign_key(name, fk) for fk in (canonical or {}).get("foreignKeys", [])]
    if declared is not None and not isinstance(declared, list):
        ctx.add("descriptor-error", f"foreignKeys must be a list: {show(declared)}", name)
        declared = []
    got: list[ForeignKey] = []
    for item in declared or []:
        fk = foreign_key(name, item)
        ref = item.get("reference") if isinstance(item, dict) else None
        if isinstance(ref, dict) and "package" in ref:
            ctx.add("unsafe-path", "foreign keys into other packages are refused", name)
        elif fk is None or any(f not in names for f in fk.fields):
            ctx.add("descriptor-error", f"foreign key {show(item, 200)} is malformed", name)
        else:
            got.append(fk)
    keys: list[ForeignKey] = []
    for fk in wanted:
        if fk is None:
            continue
        if fk not in got:
            ctx.add(
                "schema-mismatch",
                f"foreign key {list(fk.fields)} → {fk.resource}.{list(fk.reference_fields)} is "
                "missing from the schema",
                name,
                field=",".join(fk.fields),
            )
        if all(f in names for f in fk.fields):
            keys.append(fk)
    return keys + [fk for fk in got if fk not in keys]
