"""Reading speed and memory of every ingest format: ``python bench/read_formats.py [--records N]``.

Writes synthetic news-like articles of about 3,000 characters (the size extraction is budgeted for) in each
format to a temporary folder, reads them back with ``read_articles`` and prints a table: milliseconds per
record, records per second, and the peak memory Python allocated while reading (tracemalloc, in a second
pass) next to the file size -- streaming formats must stay far below their file size.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from eventdesk.ingest import read_articles

_SENTENCES = (
    "Government forces shelled positions held by rebels near the northern town on Tuesday, a military "
    "spokesman said.",
    "At least seven people were killed and more than twenty wounded, according to a local hospital official "
    "who asked not to be named.",
    '"We will not stop until the area is secure," the regional governor told reporters in the capital.',
    "The rebels said in a statement that they had repelled the attack and accused the army of targeting "
    "civilians.",
    "Aid agencies said thousands of families had fled towards the border since the weekend.",
    "The United Nations called for an immediate ceasefire and urged both sides to protect civilians.",
)


def synthetic_article(number: int, size: int = 3000) -> str:
    """A news-like text of about ``size`` characters, different for every ``number``."""
    parts: list[str] = []
    index = number
    while sum(len(p) + 1 for p in parts) < size:
        parts.append(_SENTENCES[index % len(_SENTENCES)])
        index += 1
    return f"Report {number}. " + "\n".join(parts)


def _write_formats(folder: Path, count: int) -> dict[str, Path]:
    texts = [synthetic_article(n) for n in range(count)]
    files = {
        "text": folder / "one.txt",
        "html": folder / "one.html",
        "jsonl": folder / "batch.jsonl",
        "json": folder / "batch.json",
        "csv": folder / "batch.csv",
        "feed": folder / "feed.rss",
        "warc": folder / "crawl.warc.gz",
    }
    files["text"].write_text(texts[0], encoding="utf-8")
    files["html"].write_text(_page(texts[0]), encoding="utf-8")
    records = [{"id": f"r{n}", "published": "2021-02-26", "text": t} for n, t in enumerate(texts)]
    with files["jsonl"].open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(r) + "\n" for r in records)
    files["json"].write_text(json.dumps(records), encoding="utf-8")
    with files["csv"].open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=["id", "published", "text"])
        writer.writeheader()
        writer.writerows(records)
    items = "".join(
        f"<item><title>Report {n}</title><guid>g{n}</guid><pubDate>Fri, 26 Feb 2021 10:00:00 +0000</pubDate>"
        f"<description>{html.escape(_paragraphs(t))}</description></item>"
        for n, t in enumerate(texts)
    )
    files["feed"].write_text(f"<rss version='2.0'><channel><title>Bench</title>{items}</channel></rss>")
    _write_warc(files["warc"], texts)
    return files


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n"))


def _page(text: str) -> str:
    menu = " ".join(f"<a href='/s{n}'>Section {n}</a>" for n in range(20))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Report | Bench News</title>"
        "<meta property='article:published_time' content='2021-02-26T10:00:00Z'></head>"
        f"<body><nav>{menu}</nav><article><h1>Report</h1>{_paragraphs(text)}</article>"
        "<footer>Bench News</footer></body></html>"
    )


def _write_warc(path: Path, texts: list[str]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n, text in enumerate(texts):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://bench.example/{n}", "response", payload=io.BytesIO(_page(text).encode()), http_headers=headers
            )
            writer.write_record(record)


def _timed(read: Callable[[], int], repeat: int) -> tuple[int, float]:
    start = time.perf_counter()
    count = sum(read() for _ in range(repeat))
    return count, time.perf_counter() - start


def run(count: int) -> list[tuple[str, int, float, int, int]]:
    """(format, records read, seconds, peak bytes allocated, file bytes) per format."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        files = _write_formats(Path(folder), count)
        for fmt, path in files.items():
            repeat = count if fmt in ("text", "html") else 1  # single-article formats: read the file N times

            def read(path: Path = path) -> int:
                return sum(1 for _ in read_articles(path))

            read()  # warm up: lazy imports, caches
            records, seconds = _timed(read, repeat)
            tracemalloc.start()
            read()
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            rows.append((fmt, records, seconds, peak, path.stat().st_size))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=500, help="records per batch file (default 500)")
    args = parser.parse_args()
    print(f"{'format':<7} {'records':>8} {'ms/record':>10} {'records/s':>10} {'peak MB':>8} {'file MB':>8}")
    for fmt, records, seconds, peak, size in run(args.records):
        print(
            f"{fmt:<7} {records:>8} {seconds / records * 1000:>10.3f} {records / seconds:>10.0f} "
            f"{peak / 1e6:>8.1f} {size / 1e6:>8.1f}"
        )


if __name__ == "__main__":
    main()
