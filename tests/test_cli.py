"""The command line as a new user meets it: version, help, streams, messages, re-stamping."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from corrupt import copy_package, file_hashes, read_table, write_bytes

import haidian_report as hr
from haidian_report.cli import main, parser, wrap
from haidian_report.paths import package_dir
from haidian_report.validate import validate


def _run(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "haidian_report", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env={**os.environ, **env},
    )


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    return copy_package(package_dir(), tmp_path / "pkg")


def test_python_dash_m_and_version() -> None:
    result = _run("--version")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.strip() == f"haidian-report {hr.__version__} (data {hr.DATA_VERSION})"


def test_help_is_for_users() -> None:
    texts = [parser().format_help()]
    for cmd in ("info", "validate", "check", "restamp"):
        result = _run(cmd, "--help")
        assert result.returncode == 0
        texts.append(result.stdout)
    for text in texts:
        assert "``" not in text and ":func:" not in text and ":mod:" not in text
        assert "traceback" not in text.lower() and "entry point" not in text.lower()
    assert "restamp" in texts[0] and "--version" in texts[0]


def test_usage_errors_go_to_stderr() -> None:
    result = _run("no-such-command")
    assert result.returncode == 2 and result.stdout == ""
    assert "invalid choice" in result.stderr


def test_unreadable_input_goes_to_stderr(tmp_path: Path) -> None:
    result = _run("validate", str(tmp_path / "missing"))
    assert result.returncode == 2 and result.stdout == ""
    assert "UNREADABLE" in result.stderr


def test_an_empty_descriptor_is_called_empty(tmp_path: Path) -> None:
    (tmp_path / "datapackage.json").write_bytes(b"")
    for cmd in ("validate", "restamp"):
        result = _run(cmd, str(tmp_path))
        assert result.returncode == 2 and result.stdout == ""
        assert "is empty" in result.stderr and "JSON" in result.stderr
        assert "invalid JSON" not in result.stderr


def test_an_empty_descriptor_still_gives_one_json_object(tmp_path: Path) -> None:
    # docs/ci.md: `--json` prints one object, also when the input is unreadable
    (tmp_path / "datapackage.json").write_bytes(b"")
    result = _run("validate", "--json", str(tmp_path))
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["valid"] is False and report["unreadable"] is True
    assert "is empty" in json.dumps(report)


def test_validate_without_a_path_says_which_package(pkg: Path, tmp_path: Path) -> None:
    here = _run("validate", cwd=pkg)
    assert here.returncode == 0
    assert "validating ./datapackage.json" in here.stderr
    # the report names the checked file (long paths are shortened in the middle, so its end)
    assert here.stdout.startswith("VALID: ") and "pkg/datapackage.json" in here.stdout
    elsewhere = tmp_path / "empty"
    elsewhere.mkdir()
    installed = _run("validate", "--json", cwd=elsewhere)
    assert installed.returncode == 0
    where = subprocess.run(  # the package this interpreter imports from that folder
        [sys.executable, "-c", "import haidian_report as hr; print(hr.descriptor_path())"],
        capture_output=True,
        text=True,
        check=True,
        cwd=elsewhere,
    ).stdout.strip()
    assert f"installed package {where}" in installed.stderr
    assert json.loads(installed.stdout)["valid"] is True


def test_check_wraps_whole_explanations_to_the_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    words = " ".join(line.strip() for line in lines)
    for explanation in hr.checks()["explanation_en"]:
        assert " ".join(explanation.split()) in words, explanation
    from haidian_report.cli import _display_width

    too_wide = [
        line for line in lines if _display_width(line) > 59 and len(line.strip().split()) > 1
    ]
    assert not too_wide
    # Only a check's heading starts at the margin; its wrapped lines hang under it, so a
    # reader sees where one check ends and the next begins.
    headings = [line for line in lines if not line.startswith(" ")]
    ids = hr.checks()["check_id"].to_list()
    check_headings = [h for h in headings if h.split(" ", 1)[0] in ids]
    assert len(check_headings) == len(ids)
    assert len(headings) == len(ids) + 2  # the verdict summary and the derived-values line


def test_wrap_never_cuts_a_word() -> None:
    text = "a " + "x" * 50 + " b"
    assert wrap(text, 20) == ["a", "x" * 50, "b"]


def _derived(pkg: Path) -> None:
    """Drop the qualitative targets nothing refers to: a subset a user might make."""
    used = {*hr.program_links()["target_id"].drop_nulls(), *hr.check_inputs()["target_id"]}
    header, rows = read_table(pkg, "targets")
    keep = [r for r in rows if r[header.index("value")] or r[header.index("target_id")] in used]
    assert len(keep) < len(rows)
    body = "".join(
        ",".join(f'"{c}"' if ("," in c or '"' in c) else c for c in r) + "\n"
        for r in [header, *keep]
    )
    write_bytes(pkg, "targets", body.encode("utf-8"), stamp=False)


def test_restamp_makes_a_filtered_package_valid_and_keeps_the_old_values(
    pkg: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _derived(pkg)
    before = validate(pkg)
    assert {p.code for p in before.problems} == {"bytes-mismatch", "hash-mismatch"}
    old = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    data_before = file_hashes(pkg / "data")
    assert main(["restamp", "--dry-run", str(pkg)]) == 0
    assert json.loads((pkg / "datapackage.json").read_text(encoding="utf-8")) == old
    assert main(["restamp", str(pkg)]) == 0
    out = capsys.readouterr().out
    res = next(r for r in old["resources"] if r["name"] == "targets")
    assert f"targets: hash {res['hash']} -> sha256:" in out
    assert f"targets: bytes {res['bytes']} -> " in out
    assert file_hashes(pkg / "data") == data_before  # only the descriptor changed
    assert validate(pkg).valid
    new = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    changed = [
        (a["name"], k)
        for a, b in zip(old["resources"], new["resources"], strict=True)
        for k in a
        if a[k] != b[k]
    ]
    assert changed == [("targets", "bytes"), ("targets", "hash")]
    assert [p.name for p in pkg.iterdir()] == [
        p.name for p in pkg.iterdir() if ".tmp" not in p.name
    ]


def test_restamp_keeps_the_layout_of_the_descriptor(pkg: Path) -> None:
    _derived(pkg)
    raw = (pkg / "datapackage.json").read_text(encoding="utf-8")
    assert main(["restamp", str(pkg)]) == 0
    new = (pkg / "datapackage.json").read_text(encoding="utf-8")
    differing = [a for a, b in zip(raw.splitlines(), new.splitlines(), strict=True) if a != b]
    assert len(differing) == 2 and all('"bytes"' in a or '"hash"' in a for a in differing)


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("../outside.csv", "climbs out"),
        ("/etc/passwd", "absolute"),
        ("https://example.org/x.csv", "URL"),
        ("data/missing.csv", "does not exist"),
    ],
)
def test_restamp_refuses_unsafe_or_missing_paths_and_writes_nothing(
    pkg: Path, path: str, why: str, capsys: pytest.CaptureFixture[str]
) -> None:
    descriptor = pkg / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["resources"][3]["path"] = path
    descriptor.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    before = descriptor.read_bytes()
    assert main(["restamp", str(pkg)]) == 2
    err = capsys.readouterr().err
    assert why in err and "nothing written" in err and data["resources"][3]["name"] in err
    assert descriptor.read_bytes() == before


def test_restamp_refuses_a_symlink_out_of_the_package(pkg: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text("a\n1\n", encoding="utf-8")
    link = pkg / "data" / "link.csv"
    link.symlink_to(outside)
    descriptor = pkg / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["resources"][3]["path"] = "data/link.csv"
    descriptor.write_text(json.dumps(data), encoding="utf-8")
    assert main(["restamp", str(pkg)]) == 2


def test_build_check_outside_a_checkout_is_a_message(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "haidian_build", "--check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )
    assert result.returncode == 2
    assert "is not a haidian_report checkout" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_derived_package_workflow_in_the_docs_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/ci.md: filter rows → restamp → validate, exactly as the page shows it."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "ci.md").read_text("utf-8")
    section = page.split("## Derive a package", 1)[1].split("\n## ", 1)[0]
    section = section.split("The long way, by hand:", 1)[1]
    python = section.split("```python\n", 1)[1].split("```", 1)[0]
    commands = section.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    monkeypatch.chdir(tmp_path)
    exec(compile(python, "docs/ci.md", "exec"), {})
    expected = [1, 0, 0]
    for line, code in zip(commands, expected, strict=True):
        argv = line.split("#", 1)[0].split()
        assert argv[0] == "haidian-report"
        assert main(argv[1:]) == code, line
    out = capsys.readouterr().out
    assert "targets: hash sha256:" in out and out.strip().endswith("checked")
    # "Read it back": the page's hr.load(..., package=...) reads the derived rows, typed
    found = re.search(r'`(hr\.load\("targets", package="derived"\))`', section)
    assert found is not None
    back = eval(found.group(1), {"hr": hr})
    assert 0 < back.height < hr.targets().height
    assert back.schema == hr.targets().schema
    assert back["target_id"].to_list() == [
        r for r in hr.targets()["target_id"].to_list() if r in set(back["target_id"])
    ]


def test_the_short_derivation_in_the_docs_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/ci.md: `haidian-report subset` then `validate`, and `hr.subset` in Python, exactly
    as the page shows them, with the counts the page prints."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "ci.md").read_text("utf-8")
    section = page.split("## Derive a package", 1)[1].split("The long way, by hand:", 1)[0]
    commands = section.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    python = section.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    for line in commands:
        argv = shlex.split(line.split("#", 1)[0])
        assert argv[0] == "haidian-report"
        assert main(argv[1:]) == 0, line
    assert "VALID" in capsys.readouterr().out
    exec(compile(python, "docs/ci.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()[0]
    promised = python.split("# ", 1)[1].split(" …", 1)[0]
    assert printed == promised
