"""The shipped source, its sections and its sentences."""

from __future__ import annotations

import hashlib
import re

import pytest

import haidian_report as hr
from haidian_report.meta import SOURCE_BYTES, SOURCE_SHA256
from haidian_report.paths import source_path
from haidian_report.segment import segment, split_sentences


def test_source_bytes_are_pinned() -> None:
    raw = source_path().read_bytes()
    assert len(raw) == SOURCE_BYTES
    assert hashlib.sha256(raw).hexdigest() == SOURCE_SHA256


def test_descriptor_records_source_hash() -> None:
    res = next(r for r in hr.descriptor()["resources"] if r["name"] == "source")
    assert res["hash"] == f"sha256:{SOURCE_SHA256}"
    assert res["bytes"] == SOURCE_BYTES


def test_sentences_tile_the_source(source: str) -> None:
    owner = [0] * len(source)
    for row in hr.sentences().iter_rows(named=True):
        assert source[row["start"] : row["end"]] == row["text"]
        for i in range(row["start"], row["end"]):
            owner[i] += 1
    for i, ch in enumerate(source):
        if ch.isspace():
            assert owner[i] <= 1, (i, ch)
        else:
            assert owner[i] == 1, f"char {i} {ch!r} is in {owner[i]} sentences"


def test_sentences_never_start_or_end_with_whitespace() -> None:
    for text in hr.sentences()["text"]:
        assert text == text.strip()


def test_sentence_and_section_ids_unique_and_readable() -> None:
    sent = hr.sentences()
    assert sent["sentence_id"].n_unique() == sent.height
    assert all(re.fullmatch(r"p\d{2}\.s\d{2}", s) for s in sent["sentence_id"])
    sec = hr.sections()
    assert sec["section_id"].n_unique() == sec.height


def test_shipped_sentences_equal_a_fresh_segmentation(source: str) -> None:
    _, spans = segment(source)
    shipped = hr.sentences().select("sentence_id", "start", "end").rows()
    assert shipped == [(s.sentence_id, s.start, s.end) for s in spans]


def test_sentence_id_names_its_line(source: str) -> None:
    lines = source.split("\n")
    for row in hr.sentences().iter_rows(named=True):
        line = int(row["sentence_id"][1:3])
        assert row["text"] in lines[line - 1]
        assert row["line"] == line


@pytest.mark.parametrize(
    ("sentence_id", "text"),
    [
        ("p01.s01", "政府工作报告"),
        ("p04.s01", "各位代表:"),
        ("p06.s01", "一、过去五年工作回顾"),
        # a "——五年来" lead-in opens the sentence it belongs to
        ("p09.s01", "——五年来,我们坚持稳中求进工作总基调,高质量发展迈上新台阶。"),
        # semicolons join clauses inside one sentence
        ("p16.s01", "综合经济实力显著提升。"),
        ("p19.s05", "成立全市第一家民营银行——中关村银行。"),
        # ASCII "!" ends a sentence
        ("p40.s01", "各位代表!"),
        ("p42.s01", "二、今后五年奋斗目标和2022年主要任务建议"),
        (
            "p45.s01",
            "2022年全区经济社会发展主要预期目标是:地区生产总值超过1万亿元,增长6%以上;"
            "区级一般公共预算收入增长4%;高新技术企业总收入增长10%以上;居民人均可支配收入稳步增长;"
            "完成市政府下达的万元地区生产总值能耗、水耗和空气质量改善任务。",
        ),
        ("p62.s01", "(三)紧扣“七有”“五性”,改善群众生活品质"),
        (
            "p80.s03",
            "让我们紧密团结在以习近平同志为核心的党中央周围,在市委、市政府和区委的坚强领导下,"
            "以更加坚定的信心、更加昂扬的斗志,凝心聚力、砥砺奋进,奋力谱写新时代海淀高质量发展新篇章,"
            "以优异成绩迎接党的二十大胜利召开!",
        ),
    ],
)
def test_hand_picked_sentences_segment_as_a_reader_would(sentence_id: str, text: str) -> None:
    row = hr.sentences().filter(hr.col("sentence_id") == sentence_id)
    assert row["text"].item() == text


def test_sentence_end_inside_quotes_does_not_split() -> None:
    spans = split_sentences("他说“好。走!”然后离开。", 0)
    assert [s.text for s in spans] == ["他说“好。走!”然后离开。"]


def test_sections_let_a_user_select_part_two_subsection_three() -> None:
    sec = hr.sections()
    paragraphs = sec.filter(hr.col("parent_id") == "part2.3")["section_id"].to_list()
    sents = hr.sentences().filter(hr.col("section_id").is_in(paragraphs))
    assert sents["text"][0] == "(三)紧扣“七有”“五性”,改善群众生活品质"
    assert any("办好人民满意的教育" in t for t in sents["text"])
    assert not any("大力拓展绿色空间" in t for t in sents["text"])


def test_section_tree_is_consistent(source: str) -> None:
    sec = hr.sections()
    ids = set(sec["section_id"])
    for row in sec.iter_rows(named=True):
        assert row["parent_id"] is None or row["parent_id"] in ids
        if row["heading"] is not None:
            assert source[row["start"] :].startswith(row["heading"])
    part_headings = sec.filter(hr.col("kind") == "part")["heading"].to_list()
    assert part_headings == [
        None,
        "一、过去五年工作回顾",
        "二、今后五年奋斗目标和2022年主要任务建议",
    ]
