"""A row subset of ``sentences`` is a legitimate derived package: rules that read a
paragraph must see the whole paragraph as the source prints it, not only the sentences kept.

Paragraph p20: 中关村科学城北区建设实现新突破。…累计开复工1203万平方米,竣工548万平方米。
The floor-area facts cite p20.s03, which names no metric; the paragraph's first sentence names
north_zone_floor_area (中关村科学城北区建设). Dropping p20.s01 keeps the facts right.
"""

from __future__ import annotations

from pathlib import Path

from derived import derive

from haidian_report.paths import package_dir
from haidian_report.validate import validate


def test_dropping_the_sentence_that_names_a_paragraphs_metric_stays_valid(tmp_path: Path) -> None:
    pkg = derive(
        package_dir(), tmp_path / "p", "sentences", lambda r: r["sentence_id"] != "p20.s01"
    )
    report = validate(pkg)
    assert report.valid, [(p.code, p.resource, p.row, p.field) for p in report.problems]
