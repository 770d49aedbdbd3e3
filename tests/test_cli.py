"""`eventdesk extract`: output formats, and bad input as one line on stderr with a non-zero exit."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventdesk.cli import main

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
KADUNA = ARTICLES / "kaduna_attack.txt"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, err: str, *fragments: str) -> None:
    assert code != 0
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    for fragment in fragments:
        assert fragment in lines[0]


def test_json_output_is_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["extract", "--published", "2024-03-08", "--format", "json", str(KADUNA)], capsys)
    assert code == 0
    result = json.loads(out)
    assert result["article"]["published"] == "2024-03-08"
    assert result["article"]["id"] == "kaduna_attack"
    assert set(result) >= {"actors", "places", "times", "events", "statements", "quotes", "relations", "flags"}


def test_table_output_names_the_article_and_counts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["extract", "--published", "2024-03-08", str(KADUNA)], capsys)
    assert code == 0
    assert out.startswith("== kaduna_attack (2024-03-08)")
    assert " events, " in out


def test_jsonl_batch_keeps_order_and_ids_and_reports_a_bad_line_in_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": KADUNA.read_text(encoding="utf-8"), "published": "2024-03-08"}),
        "{this is not json",
        json.dumps({"id": "a3", "text": "Police arrested 40 protesters in the capital on Friday."}),
    ]
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(["extract", "--format", "jsonl", str(batch)], capsys)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 3
    assert rows[0]["article"]["id"] == "a1" and rows[0]["article"]["published"] == "2024-03-08"
    assert "error" in rows[1] and "events" not in rows[1]
    assert rows[2]["article"]["id"] == "a3"
    assert "warning" in err


def test_stdin_is_read_with_a_dash() -> None:
    text = KADUNA.read_text(encoding="utf-8")
    run_ = subprocess.run([sys.executable, "-m", "eventdesk.cli", "extract", "--format", "json", "-"],
                          input=text, capture_output=True, text=True, timeout=120)
    assert run_.returncode == 0, run_.stderr
    assert json.loads(run_.stdout)["article"]["text_sha256"]


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["extract", "no/such/article.txt"], capsys)
    assert_one_line_error(code, err, "no/such/article.txt")


def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    code, _, err = run(["extract", str(empty)], capsys)
    assert_one_line_error(code, err, "empty")


def test_binary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blob = tmp_path / "photo.txt"
    blob.write_bytes(bytes(range(256)) * 64)
    code, _, err = run(["extract", str(blob)], capsys)
    assert_one_line_error(code, err, "binary")


def test_html_page_without_an_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "nav.html"
    page.write_text("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
                    encoding="utf-8")
    code, _, err = run(["extract", str(page)], capsys)
    assert_one_line_error(code, err, "no article")


def test_invalid_utf8_is_decoded_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Troops entered the town of Cúcuta on Monday, officials said.".encode("latin-1"))
    code, out, err = run(["extract", "--format", "json", str(bad)], capsys)
    assert code == 0
    assert "warning" in err and "UTF-8" in err
    assert "\ufffd" in json.loads(out)["article"]["id"] or json.loads(out)["actors"] is not None


def test_an_article_over_the_size_limit_is_refused_with_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Rebels attacked the base. " * 200, encoding="utf-8")
    code, _, err = run(["extract", "--max-chars", "1000", str(big)], capsys)
    assert_one_line_error(code, err, "1,000")


def test_internal_errors_are_one_line_too(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from eventdesk.extract import pipeline

    def boom(self: object, doc: object) -> list[object]:
        raise RuntimeError("stage exploded")

    monkeypatch.setattr(pipeline.ActorFinder, "__call__", boom)
    code, _, err = run(["extract", str(KADUNA)], capsys)
    assert_one_line_error(code, err, "stage exploded")


def test_python_module_entry_point_prints_help() -> None:
    out = subprocess.run([sys.executable, "-m", "eventdesk.cli", "--help"], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0 and "extract" in out.stdout
    assert io.StringIO(out.stdout).readline().startswith("Usage:")
