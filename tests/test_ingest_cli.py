"""The ingest run and the store commands: idempotence, failures, a killed run, workers, the demo."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import GAO, IDLIB

from eventdesk.cli import cli
from eventdesk.extract.pipeline import Extractor
from eventdesk.records import Article
from eventdesk.sample import load_samples
from eventdesk.store.db import Store, open_store
from eventdesk.store.ingest import ingest
from eventdesk.store.merge import Merger
from eventdesk.store.writer import write_batch

PLACES = ["Kirkuk", "Mosul", "Gao", "Kidal", "Idlib", "Aleppo", "Kismayo", "Baidoa"]


def article_text(i: int) -> str:
    place = PLACES[i % len(PLACES)]
    return (
        f"Gunmen attacked a police checkpoint near {place} on Monday, killing {i % 9 + 1} officers, "
        f"a local official said in report number {i}. " + "Residents described hours of gunfire. " * 20
    )


def write_jsonl(path: Path, n: int, bad_lines: tuple[int, ...] = ()) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            if i in bad_lines:
                handle.write('{"id": "broken", "text": \n')  # not JSON: a read failure
                continue
            record = {"id": f"a{i}", "text": article_text(i), "source": f"Outlet {i % 5}", "published": "2024-03-05"}
            handle.write(json.dumps(record) + "\n")
    return path


def count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(sql).fetchone()[0])


def test_ingest_is_idempotent(tmp_path: Path, one_extractor: Extractor) -> None:
    source = write_jsonl(tmp_path / "batch.jsonl", 40)
    db = tmp_path / "e.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(source), "--db", str(db), "--workers", "1", "--quiet"])
    assert first.exit_code == 0, first.output
    assert "40 stored, 0 already stored" in first.output
    second = runner.invoke(cli, ["ingest", str(source), "--db", f"sqlite:///{db}", "--workers", "1", "--quiet"])
    assert second.exit_code == 0 and "0 stored, 40 already stored" in second.output
    assert count(db, "select count(*) from articles") == 40


def test_bad_source_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "missing.jsonl"), "--db", str(tmp_path / "e.db")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: {tmp_path / 'missing.jsonl'}: no such file or directory"]


def test_failed_records_are_recorded_and_the_run_goes_on(tmp_path: Path, one_extractor: Extractor) -> None:
    source = write_jsonl(tmp_path / "batch.jsonl", 30, bad_lines=(3, 17))
    db = tmp_path / "e.db"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["ingest", str(source), "--db", str(db), "--workers", "1", "--batch-size", "8", "--quiet"]
    )
    assert result.exit_code == 3, result.output
    assert "28 stored" in result.output and "2 failed (see `eventdesk failures`)" in result.output
    assert count(db, "select count(*) from articles") == 28
    listed = runner.invoke(cli, ["failures", "--db", str(db)])
    lines = listed.output.strip().splitlines()
    assert [line.split("\t")[:2] for line in lines] == [["read", f"{source}:4"], ["read", f"{source}:18"]]
    assert "invalid JSON" in lines[0]


def test_an_article_whose_extraction_raises_is_a_failure(store: Store, one_extractor: Extractor) -> None:
    articles = [Article(text=article_text(i), id=f"a{i}") for i in range(3)]
    articles.insert(1, Article(text="   ", id="blank"))  # the extractor refuses empty text
    report = ingest(articles, store, workers=1)
    assert (report.read, report.stored, report.failed) == (4, 3, 1)
    with store.session() as s:
        from eventdesk.store.query import list_failures

        [failure] = list_failures(s)
    assert failure.stage == "extract" and failure.article_id == "blank" and "no text" in failure.error


def test_killed_ingest_resumes_without_gaps_or_duplicates(tmp_path: Path) -> None:
    n = 300
    source = write_jsonl(tmp_path / "batch.jsonl", n)
    db = tmp_path / "e.db"
    command = [
        sys.executable,
        "-m",
        "eventdesk.cli",
        "ingest",
        str(source),
        "--db",
        str(db),
        "--workers",
        "1",
        "--batch-size",
        "5",
        "--quiet",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if db.exists():
                try:
                    stored = count(db, "select count(*) from articles")
                except sqlite3.OperationalError:  # the schema is still being created
                    stored = 0
                if stored >= 20:
                    break
            time.sleep(0.01)
        assert process.poll() is None, "the run finished before it could be killed: raise n"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    at_kill = count(db, "select count(*) from articles")
    assert 0 < at_kill < n
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{n - at_kill} stored, {at_kill} already stored" in rerun.stderr
    assert count(db, "select count(*) from articles") == n
    assert count(db, "select count(distinct article_id) from articles") == n
    assert count(db, "select count(distinct text_sha256) from articles") == n
    # Every stored article's mentions are there once, and every mention belongs to an event.
    assert count(db, "select coalesce(sum(n_events), 0) from articles") == count(
        db, "select count(*) from event_mentions"
    )
    assert count(db, "select count(*) from event_mentions where event_pk is null") == 0


def test_two_workers_store_the_same_as_one(tmp_path: Path, one_extractor: Extractor) -> None:
    articles = [Article(text=article_text(i), id=f"a{i}", source="X") for i in range(24)]
    one, two = open_store(str(tmp_path / "one.db")), open_store(str(tmp_path / "two.db"))
    try:
        r1 = ingest(articles, one, workers=1, batch_size=4)
        r2 = ingest(articles, two, workers=2, batch_size=4)
        assert (r1.stored, r1.mentions) == (r2.stored, r2.mentions) == (24, r1.mentions)
    finally:
        one.close()
        two.close()
    query = "select group_concat(article_id || ':' || n_events) from (select * from articles order by pk)"
    assert count_text(tmp_path / "one.db", query) == count_text(tmp_path / "two.db", query)


def count_text(db: Path, sql: str) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute(sql).fetchone()[0])


@pytest.fixture
def filled_db(tmp_path: Path, make_result) -> Path:
    db = tmp_path / "f.db"
    store = open_store(str(db))
    write_batch(
        store,
        [
            make_result(
                "Warplanes struck a market in Idlib on Tuesday, killing 12 people.",
                source="Northwire",
                published="2024-03-05",
                events=[
                    {
                        "sub": "Air/drone strike",
                        "trigger": "struck",
                        "place": IDLIB,
                        "date": ("2024-03-05", "day"),
                        "killed": (12, 12),
                        "actor1": "Syrian Air Force",
                    }
                ],
            ),
            make_result(
                "The toll of the air strike on Idlib on March 5 rose to 15.",
                source="Levant Post",
                published="2024-03-07",
                events=[
                    {
                        "sub": "Air/drone strike",
                        "trigger": "air strike",
                        "place": IDLIB,
                        "date": ("2024-03-05", "day"),
                        "killed": (15, 15),
                    }
                ],
            ),
            make_result(
                "Militants clashed with soldiers near Gao.",
                source="Sahel Monitor",
                published="2024-03-10",
                events=[
                    {
                        "sub": "Armed clash",
                        "trigger": "clashed",
                        "place": GAO,
                        "date": ("2024-03-09", "day"),
                        "actor1": "ISSP",
                        "actor2": "Malian Army",
                    }
                ],
            ),
        ],
        Merger(),
    )
    store.close()
    return db


def test_events_table_and_json(filled_db: Path) -> None:
    runner = CliRunner()
    table = runner.invoke(cli, ["events", "--db", str(filled_db)])
    assert table.exit_code == 0, table.output
    header, *rows = table.output.strip().splitlines()
    assert header.split()[:3] == ["EVENT", "DATE", "TYPE"]
    assert len(rows) == 2 and "Armed clash" in rows[0] and "Air/drone strike" in rows[1]
    assert "15 (12-15)" in rows[1] and rows[1].rstrip().endswith("2")
    only = runner.invoke(cli, ["events", "--db", str(filled_db), "--country", "ML", "--format", "json"])
    [record] = [json.loads(line) for line in only.output.splitlines()]
    assert record["location"] == "Gao" and record["reports"][0]["article"]["source"] == "Sahel Monitor"
    bad = runner.invoke(cli, ["events", "--db", str(filled_db), "--country", "Atlantis"])
    assert bad.exit_code == 1 and "unknown country" in bad.output


def test_show_lists_reports_and_sentences(filled_db: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["events", "--db", str(filled_db), "--type", "Air/drone strike", "--format", "json"])
    event_id = json.loads(listed.output.splitlines()[0])["event_id"]
    shown = runner.invoke(cli, ["show", event_id, "--db", str(filled_db)])
    assert shown.exit_code == 0, shown.output
    assert "2 report(s)" in shown.output
    assert "Northwire, 2024-03-05" in shown.output and "Levant Post, 2024-03-07" in shown.output
    assert "> Warplanes struck a market in Idlib on Tuesday, killing 12 people." in shown.output
    assert "merged, score" in shown.output
    missing = runner.invoke(cli, ["show", "evt_000000000000", "--db", str(filled_db)])
    assert missing.exit_code == 1 and "no event" in missing.output


def test_unmerge_command(filled_db: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["events", "--db", str(filled_db), "--type", "Air/drone strike", "--format", "json"])
    second = json.loads(listed.output.splitlines()[0])["reports"][1]["mention_id"]
    result = runner.invoke(cli, ["unmerge", second, "--db", str(filled_db)])
    assert result.exit_code == 0, result.output
    assert count(filled_db, "select count(*) from events") == 3


@pytest.mark.parametrize("fmt", ["acled-csv", "jsonl", "geojson", "parquet"])
def test_export_command(filled_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(
        cli, ["export", "--format", fmt, "-o", str(out), "--db", str(filled_db), "--since", "2024-03-06"]
    )
    assert result.exit_code == 0, result.output
    assert "wrote 1 events" in result.output and out.stat().st_size > 0


# The end-to-end bar: the bundled sample articles through the real extractor and the merge.
EXPECTED_INCIDENTS = [
    {"sample-01", "sample-02", "sample-03"},  # air strike on an Idlib market, 12 -> 15 -> 17 dead
    {"sample-04", "sample-05"},  # attack on an army post near Gao, 8 vs 10 soldiers dead
    {"sample-06", "sample-07"},  # fuel tax march in Nairobi
    {"sample-08"},  # roadside bomb near Mosul
]


def test_demo_merges_the_sample_articles_into_one_event_per_incident(tmp_path: Path, one_extractor: Extractor) -> None:
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(cli, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert len(load_samples()) == 8
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "select m.event_pk, a.article_id from event_mentions m join articles a on a.pk = m.article_pk"
        ).fetchall()
        n_sources = dict(conn.execute("select pk, n_sources from events").fetchall())
    groups: dict[int, set[str]] = {}
    for event_pk, article_id in rows:
        groups.setdefault(event_pk, set()).add(article_id)
    assert sorted(groups.values(), key=sorted) == sorted(EXPECTED_INCIDENTS, key=sorted)
    assert sorted(n_sources.values()) == [1, 2, 2, 3]


def test_field_options_reach_the_reader(tmp_path: Path, one_extractor: Extractor) -> None:
    source = tmp_path / "custom.jsonl"
    records = [{"id": "c1", "body": article_text(1), "when": "2024-03-05"}, {"id": "c2", "body": article_text(2)}]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "e.db"
    result = CliRunner().invoke(
        cli,
        ["ingest", str(source), "--db", str(db), "--workers", "1", "--quiet", "--text-field", "body",
         "--date-field", "when", "--published", "2024-01-31"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select article_id, published from articles order by article_id").fetchall()
    # Its own date where the record has one; --published for the others.
    assert rows == [("c1", "2024-03-05"), ("c2", "2024-01-31")]
