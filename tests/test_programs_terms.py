"""Programs, terms and their mentions: completeness against an independent search, status
by the written rule, generic categories marked, term explanations traced to a source."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import polars as pl

import haidian_report as hr
from haidian_report.completeness import quoted_phrases, unaccounted_quotes
from haidian_report.program_types import generic_by_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CURATION = Path(__file__).resolve().parent.parent / "curation"


def _forms(name: str, aliases: str | None) -> list[str]:
    return [name, *(aliases.split(" | ") if aliases else [])]


def _contexts() -> dict[tuple[str, str], dict[str, list[str]]]:
    """(id, form) -> the context restriction curated for it (``contexts = [...]``)."""
    out: dict[tuple[str, str], dict[str, list[str]]] = {}
    for name in ("programs.toml", "terms.toml"):
        doc: dict[str, Any] = tomllib.loads((CURATION / name).read_text("utf-8"))
        for entry in doc.get("program", []) + doc.get("term", []):
            for rule in entry.get("contexts", []):
                out[(entry["id"], rule["form"])] = {k: v for k, v in rule.items() if k != "form"}
    return out


def _pattern(form: str, rule: dict[str, list[str]]) -> str:
    """A regex for ``form`` in its allowed context, written independently of the build."""

    def alt(words: list[str]) -> str:
        return "|".join(map(re.escape, words))

    pattern = re.escape(form)
    if rule.get("preceded_by"):
        pattern = (
            "(?:" + "|".join(f"(?<={re.escape(w)})" for w in rule["preceded_by"]) + ")" + pattern
        )
    if rule.get("not_preceded_by"):
        pattern = "".join(f"(?<!{re.escape(w)})" for w in rule["not_preceded_by"]) + pattern
    if rule.get("followed_by"):
        pattern += f"(?={alt(rule['followed_by'])})"
    if rule.get("not_followed_by"):
        pattern += f"(?!{alt(rule['not_followed_by'])})"
    return pattern


def _all_hits(source: str, form: str, rule: dict[str, list[str]] | None = None) -> set[int]:
    return {m.start() for m in re.finditer(f"(?={_pattern(form, rule or {})})", source)}


def _outermost(catalogue: list[tuple[str, int, int]]) -> set[tuple[str, int]]:
    """(id, start) of the hits not lying strictly inside a longer hit of another entry of
    the same catalogue (programs among programs, terms among terms)."""
    return {
        (ident, s)
        for ident, s, e in catalogue
        if not any(os_ <= s and e <= oe and (oe - os_) > (e - s) for _, os_, oe in catalogue)
    }


def test_every_occurrence_of_every_name_is_a_mention(source: str) -> None:
    contexts = _contexts()
    expected: set[tuple[str, int]] = set()
    for kind, id_col, name_col in (
        ("programs", "program_id", "name_zh"),
        ("terms", "term_id", "term_zh"),
    ):
        catalogue: list[tuple[str, int, int]] = []
        for row in hr.load(kind).iter_rows(named=True):  # type: ignore[arg-type]
            for form in _forms(row[name_col], row["aliases_zh"]):
                hits = _all_hits(source, form, contexts.get((row[id_col], form)))
                assert hits, f"{row[id_col]}: {form!r} is not in the source"
                catalogue += [(row[id_col], h, h + len(form)) for h in hits]
        expected |= _outermost(catalogue)
    mentions = {
        (r["program_id"], r["quote_start"]) for r in hr.program_mentions().iter_rows(named=True)
    } | {(r["term_id"], r["quote_start"]) for r in hr.term_mentions().iter_rows(named=True)}
    assert mentions == expected


def test_mentions_round_trip_and_lie_in_their_sentence(source: str) -> None:
    sentences = {r["sentence_id"]: r for r in hr.sentences().iter_rows(named=True)}
    for frame in (hr.program_mentions(), hr.term_mentions()):
        for m in frame.iter_rows(named=True):
            assert source[m["quote_start"] : m["quote_end"]] == m["quote"]
            s = sentences[m["sentence_id"]]
            assert s["start"] <= m["quote_start"] and m["quote_end"] <= s["end"]


def test_every_quoted_phrase_is_a_program_a_term_or_excluded(source: str) -> None:
    mentions = hr.program_mentions().to_dicts() + hr.term_mentions().to_dicts()
    missing = unaccounted_quotes(source, mentions, hr.load("exclusions").to_dicts())
    assert missing == [], [p.text for p in missing]
    assert len({p.text for p in quoted_phrases(source)}) == 116


def test_no_quoted_phrase_is_both_a_program_and_a_term() -> None:
    programs = set(hr.programs()["name_zh"].str.strip_chars("“”"))
    terms = set(hr.terms()["term_zh"])
    assert programs.isdisjoint(terms)


def test_every_program_and_term_is_mentioned() -> None:
    assert set(hr.programs()["program_id"]) == set(hr.program_mentions()["program_id"])
    assert set(hr.terms()["term_id"]) == set(hr.term_mentions()["term_id"])


# 继续实施研发投入倍增计划 (part two) after 实施研发投入倍增计划 (part one)
def test_program_named_in_both_parts_has_a_mention_in_each() -> None:
    pid = hr.programs().filter(pl.col("name_zh") == "研发投入倍增计划")["program_id"].item()
    m = hr.program_mentions().filter(pl.col("program_id") == pid)
    assert set(m["part"]) == {"part1", "part2"}
    assert all(verb.endswith("实施") for verb in m["frame_verb"])
    assert hr.programs().filter(pl.col("program_id") == pid)["status"].item() == "ongoing"


# 立足首都“四个中心”城市战略定位 … 强化首都“四个中心”功能建设
def test_four_centres_term_lists_its_items() -> None:
    t = hr.terms().filter(pl.col("term_zh") == "四个中心").row(0, named=True)
    for item in ("political", "cultural", "international exchange", "innovation"):
        assert item in t["explanation_en"]
    assert hr.term_mentions().filter(pl.col("term_id") == t["term_id"]).height == 2


def test_mentions_helper_returns_sentences() -> None:
    pid = hr.programs().filter(pl.col("name_zh") == "研发投入倍增计划")["program_id"].item()
    frame = hr.mentions_of(pid)
    assert frame.height == 2
    assert {"sentence_id", "text", "text_en", "part"} <= set(frame.columns)


# 支持智源、微芯、量子、通研院…; 大力支持智源、微芯、量子、数原… — but 量子信息 is a field and
# 量子超导芯片 a result: the short name 量子 counts only where it stands in a list (量子、).
def test_short_name_restricted_by_context_matches_only_the_institution(source: str) -> None:
    m = hr.program_mentions().filter(pl.col("quote") == "量子")
    assert set(m["program_id"]) == {"baqis"}
    assert sorted(m["sentence_id"]) == ["p18.s02", "p49.s04"]
    assert len(_all_hits(source, "量子")) == 5
    assert all(source[s + 2] == "、" for s in m["quote_start"])
    assert _all_hits(source, "量子", {"followed_by": ["、"]}) == set(m["quote_start"])


def _status(name_zh: str) -> str:
    return str(hr.programs().filter(pl.col("name_zh") == name_zh)["status"].item())


# 推进“一网、一窗、一门、一次”改革 (part one) and 积极推进财政管理改革: only 推进, no completion.
def test_a_reform_the_text_only_advances_is_not_done() -> None:
    assert _status("“一网、一窗、一门、一次”改革") == "ongoing"
    assert _status("财政管理改革") == "ongoing"


# 在全市率先完成区级机构改革 / 农村人居环境整治三年行动任务全面完成
def test_a_program_the_text_says_was_completed_is_done() -> None:
    assert _status("区级机构改革") == "done"
    assert _status("农村人居环境整治三年行动") == "done"


# Part two only: 加快麦德龙…落地 (new) is planned; 持续开展…桥下空间整治 (continued) is ongoing;
# 巩固拓展扫黑除恶专项斗争成果 (consolidate its results) is done.
def test_part_two_only_status_follows_the_clause() -> None:
    assert _status("麦德龙") == "planned"
    assert _status("桥下空间整治") == "ongoing"
    assert _status("扫黑除恶专项斗争") == "done"


def test_every_status_is_allowed_by_its_mentions() -> None:
    programs = hr.programs()
    mentions = hr.program_mentions()
    wrong = []
    for p in programs.iter_rows(named=True):
        ms = mentions.filter(pl.col("program_id") == p["program_id"])
        signals = set(ms["status_signal"].drop_nulls())
        if p["status_evidence"]:
            signals.add("under_way")
        in_part1 = "part1" in set(ms["part"])
        if p["status"] == "done" and "completed" not in signals:
            wrong.append((p["program_id"], "done without a completion"))
        planned_more = ms.filter((pl.col("part") == "part2") & pl.col("status_signal").is_null())
        if p["status"] == "done" and planned_more.height:
            wrong.append((p["program_id"], "done though part two plans more of it"))
        if in_part1 and p["status"] == "planned":
            wrong.append((p["program_id"], "planned though part one names it"))
        if not in_part1:
            expected = "done" if "completed" in signals else "ongoing" if signals else "planned"
            if p["status"] != expected:
                wrong.append((p["program_id"], f"part two only: {expected}"))
    assert wrong == []


def test_status_evidence_is_printed_in_the_source(source: str) -> None:
    evidence = hr.programs()["status_evidence"].drop_nulls()
    assert evidence.len() > 0
    assert all(text in source for text in evidence)


# 实施5G、卫星互联网等新基建项目: a category of work, not one named program.
def test_a_generic_category_is_marked_generic() -> None:
    row = hr.programs().filter(pl.col("name_zh") == "新基建项目").row(0, named=True)
    assert row["generic"] is True
    assert "category" in row["description_en"]


#: Signs that a name names one program: a number, a place or proper name, a title word.
NUMBER = re.compile(r"[0-9一二三四五六七八九十百两双]|第")
PLACE = re.compile(
    r"北京|中关村|海淀|首都|全国|国家|全民|中央|京|三山五园|雄安|延庆|城市副中心|故宫|香山|清河|"
    r"上庄|稻香湖|永丰|翠湖|东升|温泉|回龙观|巨山|小月河|玉河|大工村|长安|麦德龙|沃尔玛|中粮|"
    r"万象|智源|微芯|量子|通研院|数原|启元|巢生|奇绩|海英|薪火|胚芽|城市大脑|学习强国|相约北京|"
    r"西郊|党|北部|南|北区|小米|字节跳动|腾讯|美团|西北旺|福缘门|五塔寺|公主坟"
)
TITLE = re.compile(
    r"(计划|规划|方案|条例|办法|法|战略|政策|措施|工程|行动|改革|制度|制|机制|试点|示范区|"
    r"实验区|试验区|示范基地|示范城市|攻坚战|保卫战|攻坚|普查|选举|规则|教育|斗争|整治|整改|"
    r"红线|合作|农转非|港|城市)$"
)
UNIQUE_TYPES = {"institution", "zone", "event", "platform"}


def naming_signs(name: str, quoted: bool, kind: str) -> list[str]:
    """Why a program row counts as a named program (empty: it names a category of work).

    >>> naming_signs("新基建项目", False, "project")
    []
    >>> naming_signs("研发投入倍增计划", False, "plan")
    ['title']
    """
    checks = (
        ("quoted", quoted),
        ("number", bool(NUMBER.search(name))),
        ("place", bool(PLACE.search(name))),
        ("title", bool(TITLE.search(name.strip("“”")))),
        ("unique", kind in UNIQUE_TYPES),
    )
    return [sign for sign, ok in checks if ok]


def test_every_row_not_marked_generic_names_a_program(source: str) -> None:
    unnamed = []
    for p in hr.programs().filter(~pl.col("generic")).iter_rows(named=True):
        forms = _forms(p["name_zh"], p["aliases_zh"])
        quoted = any(f.startswith("“") or f"“{f}”" in source for f in forms)
        if not naming_signs(p["name_zh"], quoted, p["type"]):
            unnamed.append(p["name_zh"])
    assert unnamed == []


# Names of work done or applied, by field or by what it does: 严格实行城市绿线管控,
# 全面落实国家减税降费政策, 加大液化石油气安全管理和替代工作力度 (generic); a quoted name is never
# generic. The validator holds a derived package to the same rule (program-generic).
def test_generic_is_the_flag_the_name_gives_where_it_gives_one(source: str) -> None:
    wrong = []
    for p in hr.programs().iter_rows(named=True):
        name = p["name_zh"]
        want = generic_by_name(name, source)
        if want is not None and p["generic"] != want:
            wrong.append(name)
    assert wrong == []
    assert hr.programs().filter(pl.col("name_zh").str.contains("(政策|管控)$")).height >= 4


def test_no_quoted_name_is_marked_generic(source: str) -> None:
    for p in hr.programs().filter(pl.col("generic")).iter_rows(named=True):
        assert not p["name_zh"].startswith("“") and f"“{p['name_zh']}”" not in source


def test_every_term_explanation_names_its_basis() -> None:
    sentence_ids = set(hr.sentences()["sentence_id"])
    for t in hr.terms().iter_rows(named=True):
        basis, cited = t["explanation_basis"], t["explanation_source"]
        if basis == "report":
            assert cited and set(cited.split(", ")) <= sentence_ids, t["term_id"]
        elif basis == "official":
            assert cited and not re.fullmatch(r"p\d\d\.s\d\d.*", cited), t["term_id"]
        else:
            assert cited is None, t["term_id"]


# 坚持“三防”“四早”“九严格”: the report does not say which three preventions it means.
def test_an_unconfirmed_explanation_claims_no_single_reading() -> None:
    t = hr.terms().filter(pl.col("term_zh") == "三防").row(0, named=True)
    assert t["explanation_basis"] == "unconfirmed"
    assert (
        "防松劲、防漏洞、防反弹" in t["explanation_en"]
        and "人防、物防、技防" in t["explanation_en"]
    )


# 积极推进财政管理改革 marked done, and a context rule with a misspelt key: the build names
# file, entry and field for each.
def test_a_status_or_context_the_rule_forbids_is_a_curation_problem(
    root: Path, tmp_path: Path
) -> None:
    from haidian_build.package import assemble
    from haidian_report.meta import DATA_DIR, SOURCE_FILE

    (tmp_path / DATA_DIR).mkdir()
    (tmp_path / DATA_DIR / SOURCE_FILE).write_bytes((root / DATA_DIR / SOURCE_FILE).read_bytes())
    (tmp_path / "curation").mkdir()
    for path in (root / "curation").glob("*.toml"):
        text = path.read_text("utf-8")
        if path.name == "programs.toml":
            block = text.index('id = "fiscal_management_reform"')
            status = text.index('status = "ongoing"', block)
            text = text[:status] + 'status = "done"' + text[status + len('status = "ongoing"') :]
            text = text.replace('followed_by = ["、"] }', 'followed = ["、"] }')
        (tmp_path / "curation" / path.name).write_text(text, "utf-8")
    problems: dict[tuple[str, str, str], str] = {}
    for p in assemble(tmp_path).problems:
        problems[(p.file, p.entry, p.field)] = (
            problems.get((p.file, p.entry, p.field), "") + p.message
        )
    assert (
        "no mention's clause says completed"
        in problems[("programs.toml", "fiscal_management_reform", "status")]
    )
    assert "unknown key 'followed'" in problems[("programs.toml", "baqis", "contexts")]
