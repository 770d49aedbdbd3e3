"""Exports: ACLED-style CSV, JSON Lines with provenance, GeoJSON and Parquet."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import GAO, IDLIB, SARMIN

from eventdesk.export import EXPORTERS
from eventdesk.export.columns import ACLED_COLUMNS, COLUMNS
from eventdesk.store.db import Store
from eventdesk.store.merge import Merger
from eventdesk.store.query import EventFilter, iter_bundles
from eventdesk.store.writer import write_batch


@pytest.fixture
def filled(store: Store, make_result) -> Store:
    strike = {
        "sub": "Air/drone strike",
        "trigger": "struck",
        "actor1": "Syrian Air Force",
        "actor2": "Civilians (Syria)",
        "actor2_kind": "civilians",
    }
    write_batch(
        store,
        [
            make_result(
                "Warplanes struck a market in Idlib on Tuesday, killing 12 people.",
                source="Northwire",
                published="2024-03-05",
                events=[{**strike, "place": IDLIB, "date": ("2024-03-05", "day"), "killed": (12, 12)}],
            ),
            make_result(
                "Jets struck the Idlib area on March 5, the toll rose to 15.",
                source="Levant Post",
                published="2024-03-07",
                events=[{**strike, "place": SARMIN, "date": ("2024-03-05", "day"), "killed": (15, 15)}],
            ),
            make_result(
                "Militants clashed with soldiers in Mali in March.",
                source="Sahel Monitor",
                published="2024-03-20",
                events=[
                    {
                        "sub": "Armed clash",
                        "trigger": "clashed",
                        "place": GAO,
                        "date": ("2024-03", "month"),
                        "actor1": "ISSP",
                        "actor1_kind": "armed_group",
                        "actor2": "Malian Army",
                    }
                ],
            ),
            make_result(
                "Fighting was reported somewhere on Friday.",
                source="Wire",
                published="2024-03-08",
                events=[{"sub": "Armed clash", "trigger": "Fighting", "date": ("2024-03-08", "day")}],
            ),
        ],
        Merger(),
    )
    return store


def export(store: Store, fmt: str, path: Path, f: EventFilter | None = None) -> int:
    with store.session() as s:
        return EXPORTERS[fmt](iter_bundles(s, f or EventFilter(), chunk=2), path)


def test_acled_csv_has_acled_columns_and_codes(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    assert export(filled, "acled-csv", path) == 3
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS and COLUMNS[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
        rows = {r["location"]: r for r in reader}
    idlib = rows["Idlib"]
    assert idlib["event_id_cnty"].startswith("SYR") and idlib["iso"] == "760" and idlib["country"] == "Syria"
    assert (idlib["event_date"], idlib["year"], idlib["time_precision"]) == ("2024-03-05", "2024", "1")
    assert idlib["disorder_type"] == "Political violence" and idlib["geo_precision"] == "1"
    assert (idlib["inter1"], idlib["inter2"], idlib["interaction"]) == ("1", "7", "17")
    assert idlib["civilian_targeting"] == "Civilian targeting"
    assert idlib["source"] == "Levant Post; Northwire" and idlib["n_sources"] == "2"
    assert (idlib["fatalities"], idlib["fatalities_min"], idlib["fatalities_max"]) == ("15", "12", "15")
    assert idlib["notes"].startswith("Warplanes struck a market in Idlib")
    gao = rows["Gao"]
    # Month precision: ACLED puts the date in the middle of the period and codes precision 3.
    assert (gao["event_date"], gao["time_precision"], gao["inter1"], gao["interaction"]) == (
        "2024-03-16",
        "3",
        "2",
        "12",
    )
    assert gao["fatalities"] == "0" and gao["fatalities_min"] == ""


def test_filters_apply_to_exports(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "mali.csv"
    assert export(filled, "acled-csv", path, EventFilter(country="ML")) == 1


def test_jsonl_carries_every_report_with_its_article_and_evidence(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    assert export(filled, "jsonl", path) == 3
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    idlib = next(r for r in records if r["location"] == "Idlib")
    assert [r["article"]["source"] for r in idlib["reports"]] == ["Northwire", "Levant Post"]
    second = idlib["reports"][1]
    assert second["merge_score"] > 0.5 and "same sub-event type" in second["merge_reason"]
    assert second["event"]["fatalities"]["min"] == 15 and second["event"]["trigger"]["text"] == "struck"
    assert second["evidence_text"].startswith("Jets struck the Idlib area")


def test_geojson_has_one_point_per_located_event(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "out.geojson"
    assert export(filled, "geojson", path) == 2  # the unlocated clash is left out
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    coords = sorted(f["geometry"]["coordinates"] for f in data["features"])
    assert coords == [[-0.04, 16.27], [36.63, 35.93]]  # longitude first
    assert {f["properties"]["sub_event_type"] for f in data["features"]} == {"Air/drone strike", "Armed clash"}


def test_geojson_of_nothing_is_still_valid(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "empty.geojson"
    assert export(store, "geojson", path) == 0
    assert json.loads(path.read_text(encoding="utf-8")) == {"type": "FeatureCollection", "features": []}


def test_parquet_round_trips_with_types(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    assert export(filled, "parquet", path) == 3
    table = pq.read_table(path)
    assert table.column_names == COLUMNS
    rows = {r["location"]: r for r in table.to_pylist()}
    assert rows["Idlib"]["fatalities"] == 15 and rows["Idlib"]["latitude"] == pytest.approx(35.93)
    assert rows[None]["latitude"] is None
