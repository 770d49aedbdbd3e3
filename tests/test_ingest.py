"""Ingest: every input format, and clean handling of bad input (eventdesk/ingest)."""

from __future__ import annotations

import gzip
import io
import sys
import warnings
from datetime import date
from pathlib import Path

import pytest

from eventdesk.errors import InputError
from eventdesk.ingest import Failure, IngestWarning, read_article, read_articles
from eventdesk.ingest.formats import sniff_format
from eventdesk.records import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

NEWS = (
    "Government troops recaptured the town of Marsa on Friday after two days of fighting, "
    "the defence ministry said.\nAt least six fighters were killed, a local official said.\n"
)


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


def _articles(records: list[Article | Failure]) -> list[Article]:
    return [r for r in records if isinstance(r, Article)]


# --- plain text ---------------------------------------------------------------------------------


def test_text_file_is_read_exactly_as_given() -> None:
    (article,) = read_articles(FIXTURES / "article.txt", published=date(2021, 2, 26))
    assert isinstance(article, Article)
    assert article.text == (FIXTURES / "article.txt").read_text(encoding="utf-8")
    assert article.id == "article"
    assert article.published == date(2021, 2, 26)
    assert article.title is None


def test_text_keeps_crlf_and_drops_only_the_bom(tmp_path: Path) -> None:
    path = _write(tmp_path / "crlf.txt", b"\xef\xbb\xbfRockets hit the base.\r\nNo one was hurt.\r\n")
    article = read_article(path)
    assert article.text == "Rockets hit the base.\r\nNo one was hurt.\r\n"
    start = article.text.index("No one")
    assert article.text[start : start + 6] == "No one"


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = _write(tmp_path / "wide.txt", "Talks collapsed in Geneva.".encode("utf-16"))
    assert read_article(path).text == "Talks collapsed in Geneva."


def test_invalid_utf8_is_replaced_with_a_warning_naming_the_file(tmp_path: Path) -> None:
    # "Café" written in Latin-1: the é byte (0xE9) is not valid UTF-8.
    path = _write(tmp_path / "latin1.txt", "Protesters gathered outside the Café Central on Monday.".encode("latin-1"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        article = read_article(path)
    assert article.text == "Protesters gathered outside the Caf\ufffd Central on Monday."
    messages = [str(w.message) for w in caught if issubclass(w.category, IngestWarning)]
    assert len(messages) == 1
    assert str(path) in messages[0] and "not valid UTF-8" in messages[0]


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\r\n  ", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "looks like binary data, not text"),
        ("noise.txt", bytes(range(1, 32)) * 40, "looks like binary data, not text"),
        ("garbage.txt", bytes(range(0x80, 0x100)) * 10, "looks like binary data, not text"),
        ("blank.html", b"\n\n", "empty"),
        ("blank.jsonl", b"\n  \n\n", "empty"),
        ("image.jsonl", b"\x00\x01\x02\x03" * 100, "looks like binary data, not text"),
    ],
)
def test_bad_files_raise_one_line_errors_that_name_the_file(
    tmp_path: Path, name: str, data: bytes, problem: str
) -> None:
    path = _write(tmp_path / name, data)
    with pytest.raises(InputError) as error:
        list(read_articles(path))
    assert str(error.value) == f"{path}: {problem}"


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    with pytest.raises(InputError, match=r"nowhere\.txt: no such file$"):
        read_articles(missing)  # raised at once, before iteration


def test_oversized_file_is_refused_without_being_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(11_000_000)  # sparse: 11 MB on paper, nothing written

    def refuse(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("the whole file was read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError) as error:
        read_articles(path)
    assert str(error.value) == f"{path}: 11 MB, over the 10 MB limit for one article"


def test_max_bytes_sets_the_limit(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", NEWS)
    with pytest.raises(InputError, match="over the 100 bytes limit"):
        read_articles(path, max_bytes=100)
    assert read_article(path, max_bytes=len(NEWS)).text == NEWS


# --- HTML ---------------------------------------------------------------------------------------


def test_html_page_gives_main_text_and_metadata() -> None:
    (article,) = read_articles(FIXTURES / "article.html", published=date(1999, 1, 1))
    assert isinstance(article, Article)
    assert article.title == "Shelling hits market town near the border"
    assert article.source == "The Riverside Courier"
    assert article.url == "https://courier.example.org/world/2023/05/14/shelling-market-town"
    assert article.published == date(2023, 5, 14)  # the page's own date wins over the fallback
    assert article.id == "article"
    assert "killing at least four people" in article.text
    assert "Home" not in article.text and "Copyright" not in article.text
    assert "<p>" not in article.text


def test_html_without_a_date_uses_the_given_one_and_the_domain_as_source(tmp_path: Path) -> None:
    head = "<title>Court jails activists</title><link rel='canonical' href='https://www.dailyplain.example/a/77'>"
    body = "<article><p>" + NEWS + "</p><p>The court sentenced four activists to prison on Thursday.</p></article>"
    path = _write(tmp_path / "plain.htm", _page(body, head))
    article = read_article(path, published=date(2024, 6, 1))
    assert article.published == date(2024, 6, 1)
    assert article.source == "dailyplain.example"
    assert article.url == "https://www.dailyplain.example/a/77"
    assert article.text.startswith("Government troops recaptured")


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    body = (
        "<article><p>Protesters gathered outside the Caf\xe9 Central on Monday, police said. "
        "Several people were detained after scuffles broke out near the square.</p></article>"
    )
    path = _write(tmp_path / "latin.html", _page(body).replace("utf-8", "iso-8859-1").encode("latin-1"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a declared charset is not a decoding problem
        article = read_article(path)
    assert "outside the Caf\xe9 Central on Monday" in article.text


def test_html_with_no_article_text() -> None:
    path = FIXTURES / "nav_only.html"
    with pytest.raises(InputError) as error:
        read_articles(path)
    assert str(error.value) == f"{path}: no article text found in the HTML page"


def test_html_empty_body(tmp_path: Path) -> None:
    path = _write(tmp_path / "shell.html", _page("<div id='root'></div><script>boot()</script>"))
    with pytest.raises(InputError, match="no article text found in the HTML page"):
        read_article(path)


# --- JSON Lines, JSON, CSV ------------------------------------------------------------------------


def test_jsonl_bad_lines_fail_alone_and_the_batch_goes_on() -> None:
    path = FIXTURES / "batch.jsonl"
    records = list(read_articles(path, published=date(2022, 1, 1)))
    summary = [(r.id, type(r).__name__) for r in records]
    assert summary == [
        ("a1", "Article"),
        ("a2", "Article"),
        (None, "Failure"),  # line 3: truncated JSON
        ("a4", "Failure"),  # line 4: blank text; line 5 is empty and skipped
        ("a5", "Failure"),  # line 6: "last Tuesday" is not a date
        (None, "Failure"),  # line 7: a list, not an object
        ("batch:8", "Article"),  # no id: stem and line
    ]
    first, second, bad_json, no_text, bad_date, not_object, third = records
    assert isinstance(first, Article) and isinstance(second, Article) and isinstance(third, Article)
    assert first.title == "Ceasefire talks resume" and first.source == "Wire One"
    assert first.url == "https://wire.example.net/a1"
    assert first.published == date(2022, 3, 4)
    assert second.published == date(2022, 3, 5)  # "2022-03-05T10:00:00Z"
    assert third.published == date(2022, 1, 1)  # no date of its own: the one given
    assert isinstance(bad_json, Failure) and bad_json.origin == f"{path}:3"
    assert bad_json.message.startswith("invalid JSON")
    assert isinstance(no_text, Failure) and no_text.message == "no text in field 'text'"
    assert isinstance(bad_date, Failure) and "bad date in field 'published': 'last Tuesday'" in bad_date.message
    assert isinstance(not_object, Failure) and not_object.message == "expected a JSON object, found list"


def test_jsonl_field_names_can_be_renamed(tmp_path: Path) -> None:
    line = (
        '{"doc_id": "x9", "body": "Militants attacked a checkpoint.", "headline": "Checkpoint attack", '
        '"link": "https://n.example/x9", "outlet": "N", "date": "2020-05-05T23:59:00+05:00", "text": "wrong"}\n'
    )
    path = _write(tmp_path / "renamed.jsonl", line)
    (article,) = read_articles(
        path,
        text_field="body",
        date_field="date",
        id_field="doc_id",
        title_field="headline",
        url_field="link",
        source_field="outlet",
    )
    assert article == Article(
        text="Militants attacked a checkpoint.",
        id="x9",
        title="Checkpoint attack",
        url="https://n.example/x9",
        source="N",
        published=date(2020, 5, 5),  # the publisher's calendar day, not converted to UTC
    )


def test_jsonl_line_over_the_limit_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    long_line = '{"id": "big", "text": "' + "Shelling continued. " * 500 + '"}\n'
    good = '{"id": "ok", "text": "The mayor resigned on Friday."}\n'
    path = _write(tmp_path / "mixed.jsonl", good + long_line + good)
    records = list(read_articles(path, max_bytes=1000))
    assert [type(r).__name__ for r in records] == ["Article", "Failure", "Article"]
    assert records[1] == Failure(f"{path}:2", "line is over the 1 kB limit for one article")


def test_jsonl_hostile_nesting_is_a_failure(tmp_path: Path) -> None:
    path = _write(tmp_path / "deep.jsonl", "[" * 100_000 + "]" * 100_000 + '\n{"text": "Curfew lifted."}\n')
    records = list(read_articles(path))
    assert records[0] == Failure(f"{path}:1", "invalid JSON: nested too deeply")
    assert records[1].text == "Curfew lifted."


def test_jsonl_invalid_utf8_line_warns_once_and_is_read(tmp_path: Path) -> None:
    data = b'{"id": "1", "text": "Caf\xe9 bombed"}\n{"id": "2", "text": "Caf\xe9 reopened"}\n'
    path = _write(tmp_path / "latin.jsonl", data)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        records = list(read_articles(path))
    assert [r.text for r in _articles(records)] == ["Caf\ufffd bombed", "Caf\ufffd reopened"]
    assert [str(w.message).split(":")[:2] for w in caught] == [[str(path), "1"]]


def test_json_list_and_single_object(tmp_path: Path) -> None:
    path = FIXTURES / "batch.json"
    records = list(read_articles(path))
    assert [(r.id, type(r).__name__) for r in records] == [("17", "Article"), ("18", "Failure"), ("19", "Article")]
    assert records[1].origin == f"{path}#2"
    single = _write(tmp_path / "one.json", '{"text": "Troops left the city.", "published": "2021-07-09"}')
    article = read_article(single)
    assert (article.id, article.published) == ("one", date(2021, 7, 9))


def test_json_that_is_not_records(tmp_path: Path) -> None:
    path = _write(tmp_path / "n.json", "42")
    with pytest.raises(InputError, match="expected a JSON object or a list of objects"):
        list(read_articles(path))
    broken = _write(tmp_path / "b.json", '[{"text": "x"},')
    with pytest.raises(InputError, match=r"b\.json: invalid JSON"):
        list(read_articles(broken))


def test_csv_rows_with_quoted_newlines_bad_dates_and_wrong_widths() -> None:
    path = FIXTURES / "batch.csv"
    records = list(read_articles(path))
    assert [(r.id, type(r).__name__) for r in records] == [
        ("c1", "Article"),
        ("c2", "Article"),
        ("c3", "Failure"),
        (None, "Failure"),
    ]
    market, strike, bad_date, wide = records
    assert market.published == date(2019, 7, 1) and market.title == "Market attack"
    assert strike.text.endswith('monitor the deal, "line by line".')
    assert "\r\n\r\n" in strike.text  # the field's own line breaks, as written
    assert strike.published is None
    assert bad_date.origin == f"{path}:6"
    assert wide.origin == f"{path}:7" and wide.message == "expected 4 columns as in the header, found 5"


def test_csv_line_over_the_limit_is_a_failure_and_reading_goes_on(tmp_path: Path) -> None:
    rows = ["id,text", "k1,Police closed the bridge.", "k2," + "x" * 2000, "k3,The bridge reopened on Monday."]
    path = _write(tmp_path / "long_line.csv", "\n".join(rows) + "\n")
    records = list(read_articles(path, max_bytes=1000))
    assert [(r.id, type(r).__name__) for r in records] == [("k1", "Article"), (None, "Failure"), ("k3", "Article")]
    assert records[1].origin == f"{path}:3"


def test_csv_needs_a_text_column_and_tsv_works(tmp_path: Path) -> None:
    path = _write(tmp_path / "no_text.csv", "id,body\n1,Rebels advanced.\n")
    with pytest.raises(InputError, match=r"no_text\.csv: no 'text' column in the header \(columns: id, body\)"):
        list(read_articles(path))
    (article,) = read_articles(path, text_field="body")
    assert (article.id, article.text) == ("1", "Rebels advanced.")
    tsv = _write(tmp_path / "rows.tsv", "id\ttext\nt1\tA curfew was imposed, police said.\n")
    assert read_article(tsv).text == "A curfew was imposed, police said."


def test_csv_long_article_fields_are_accepted(tmp_path: Path) -> None:
    text = "Fighting resumed near the dam. " * 6000  # about 186 kB: over the csv module's default field limit
    path = _write(tmp_path / "long.csv", f'id,text\nL1,"{text}"\n')
    assert read_article(path).text == text


# --- feeds ----------------------------------------------------------------------------------------


def test_rss_entries_become_articles() -> None:
    path = FIXTURES / "feed.rss"
    flood, detained, gallery = read_articles(path)
    assert isinstance(flood, Article) and isinstance(detained, Article)
    assert flood.text == (
        "Heavy rains flooded dozens of villages in the delta region over the weekend, forcing thousands of "
        "people from their homes, the disaster agency said.\n"
        "Soldiers were deployed to help with evacuations & to deliver food."
    )
    assert flood.id == "lakeside-4411"
    assert flood.title == "Flooding displaces thousands in delta region"
    assert flood.url == "https://lakeside.example.com/world/flooding-delta"
    assert flood.source == "Lakeside Daily - World"
    assert flood.published == date(2022, 10, 10)  # 23:30 at -05:00: the publisher's day, not UTC's
    assert detained.text.startswith("Security forces detained") and "<p>" not in detained.text
    assert detained.id == "https://lakeside.example.com/world/opposition-leader"
    assert gallery == Failure(
        f"{path}#3", "no text in the entry (neither content nor summary)", "https://lakeside.example.com/world/gallery"
    )


def test_atom_entries_become_articles() -> None:
    clashes, election = read_articles(FIXTURES / "feed.atom", published=date(2000, 1, 1))
    assert clashes.title == "Clashes near the border crossing"
    assert clashes.text == (
        "Border guards exchanged fire with smugglers near the main crossing on Saturday night.\n"
        "No casualties were reported."
    )
    assert clashes.published == date(2023, 1, 14)
    assert clashes.source == "Hillcrest Observer"
    assert clashes.url == "https://hillcrest.example.org/news/clashes-border"
    assert election.published == date(2023, 1, 15)  # only <updated>
    assert election.text == "The electoral commission said the count would take two more days."


def test_rss_1_0_rdf_feed(tmp_path: Path) -> None:
    feed = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://r.example/"><title>Old Style Wire</title><link>https://r.example/</link></channel>
  <item rdf:about="https://r.example/1"><title>Port closed</title><link>https://r.example/1</link>
    <description>The port was closed after a strike by dock workers.</description>
    <dc:date>2004-05-06T07:00:00+02:00</dc:date></item>
</rdf:RDF>"""
    path = _write(tmp_path / "wire.rdf", feed)
    (article,) = read_articles(path, fmt="rss")
    assert article == Article(
        text="The port was closed after a strike by dock workers.",
        id="https://r.example/1",
        title="Port closed",
        url="https://r.example/1",
        source="Old Style Wire",
        published=date(2004, 5, 6),
    )


def test_long_feed_streams_every_entry_in_order(tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>Report {n}</title><guid>g{n}</guid>"
        f"<description>Patrol {n} returned to base.</description></item>"
        for n in range(300)
    )
    path = _write(tmp_path / "long.xml", f"<rss version='2.0'><channel><title>T</title>{items}</channel></rss>")
    records = list(read_articles(path))
    assert [r.id for r in records] == [f"g{n}" for n in range(300)]
    assert records[299].text == "Patrol 299 returned to base."


def test_malformed_feed_is_read_leniently(tmp_path: Path) -> None:
    # A bare "&" makes this invalid XML; feedparser's lenient parser still reads it.
    feed = (
        "<rss version='2.0'><channel><title>Hills & Valleys News</title>"
        "<item><title>Dam talks</title><description>Officials met to discuss the dam & its water.</description>"
        "</item></channel></rss>"
    )
    path = _write(tmp_path / "loose.rss", feed)
    (article,) = read_articles(path)
    assert article.text == "Officials met to discuss the dam & its water."
    assert article.id == "loose#1"


def test_feed_entry_over_the_limit_and_damage_after_entries(tmp_path: Path) -> None:
    big = "Shelling resumed overnight. " * 100
    feed = (
        "<rss version='2.0'><channel><title>W</title>"
        "<item><guid>1</guid><description>Talks resumed.</description></item>"
        f"<item><guid>2</guid><description>{big}</description></item>"
        "<item><guid>3</guid><description>Curfew lifted.</description></item>"
        "<item><guid>4</guid><description>Broken <b>markup</description></item></channel></rss>"
    )
    path = _write(tmp_path / "w.rss", feed)
    records = list(read_articles(path, max_bytes=1000))
    assert [type(r).__name__ for r in records] == ["Article", "Failure", "Article", "Failure"]
    assert records[1].origin == f"{path}#2" and "over the 1 kB limit" in records[1].message
    assert records[3].origin == str(path) and records[3].message.startswith("malformed XML after entry 3")


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = _write(tmp_path / "sitemap.xml", "<urlset><url><loc>https://x.example/</loc></url></urlset>")
    with pytest.raises(InputError, match=r"sitemap\.xml: not an RSS or Atom feed"):
        list(read_articles(path))


# --- WARC -----------------------------------------------------------------------------------------


def _warc(path: Path, records: list[tuple[str, str, str, bytes, str]], *, compress: bool = True) -> Path:
    """Write a WARC: (record type, uri, content type, payload, WARC-Date) per record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        for rec_type, uri, content_type, payload, warc_date in records:
            status = "301 Moved Permanently" if content_type == "redirect" else "200 OK"
            kind = "text/html" if content_type == "redirect" else content_type
            http = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri,
                rec_type,
                payload=io.BytesIO(payload),
                http_headers=http if rec_type == "response" else None,
                warc_headers_dict={"WARC-Date": warc_date},
            )
            writer.write_record(record)
    return path


def test_warc_html_responses_become_articles(tmp_path: Path) -> None:
    dated = (FIXTURES / "article.html").read_bytes()
    undated = _page(f"<article><p>{NEWS}</p><p>Aid convoys were halted at the edge of the town.</p></article>")
    nav = (FIXTURES / "nav_only.html").read_bytes()
    path = _warc(
        tmp_path / "crawl.warc.gz",
        [
            ("response", "https://courier.example.org/s?id=1", "text/html; charset=utf-8", dated, "2023-06-01"),
            ("response", "https://img.example.org/a.png", "image/png", b"\x89PNG\x00\x00", "2023-06-01T00:00:01Z"),
            ("response", "https://other.example.net/n/2", "text/html", undated.encode(), "2023-06-02T09:00:00Z"),
            ("response", "https://other.example.net/old", "redirect", b"", "2023-06-02T09:00:01Z"),
            ("response", "https://other.example.net/", "text/html", nav, "2023-06-02T09:00:02Z"),
        ],
    )
    records = list(read_articles(path))
    assert [type(r).__name__ for r in records] == ["Article", "Article", "Failure"]
    first, second, failure = records
    assert first.url == "https://courier.example.org/s?id=1"  # what was fetched
    assert first.published == date(2023, 5, 14)  # the page's date
    assert first.title == "Shelling hits market town near the border"
    assert first.id == "crawl#1"
    assert second.published == date(2023, 6, 2)  # no page date: when it was archived
    assert second.source == "other.example.net"
    assert second.text.startswith("Government troops recaptured")
    assert failure == Failure(f"{path}#5", "no article text found in the HTML page", "crawl#5")


def test_warc_page_over_the_limit_is_a_failure(tmp_path: Path) -> None:
    big = _page("<p>" + "Fighting continued near the bridge. " * 100 + "</p>").encode()
    small = _page(f"<p>{NEWS}</p>").encode()
    path = _warc(
        tmp_path / "two.warc.gz",
        [
            ("response", "https://a.example/big", "text/html", big, "2022-02-02T02:02:02Z"),
            ("response", "https://a.example/small", "text/html", small, "2022-02-02T02:02:03Z"),
        ],
    )
    big_one, small_one = read_articles(path, max_bytes=1000)
    assert big_one == Failure(f"{path}#1", "page is over the 1 kB limit for one article", "two#1")
    assert small_one.url == "https://a.example/small"


def test_uncompressed_warc_and_sniffing(tmp_path: Path) -> None:
    page = _page(f"<p>{NEWS}</p>").encode()
    record = ("response", "https://a.example/1", "text/html", page, "2022-02-02T02:02:02Z")
    path = _warc(tmp_path / "plain.warc", [record], compress=False)
    (article,) = read_articles(path)
    assert article.url == "https://a.example/1"
    renamed = tmp_path / "capture.bin"
    renamed.write_bytes(gzip.compress(path.read_bytes()))
    assert sniff_format(renamed.read_bytes()[:8192]) == "warc"


def test_file_named_warc_that_is_not_one(tmp_path: Path) -> None:
    path = _write(tmp_path / "fake.warc", "This is a plain note, not an archive.\n")
    with pytest.raises(InputError, match=r"fake\.warc: not a readable WARC file"):
        list(read_articles(path))


# --- folders, stdin, formats ------------------------------------------------------------------------


def test_folder_walk_reads_known_files_in_order_and_goes_on_after_a_bad_one(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", NEWS)
    _write(tmp_path / "2021" / "feb" / "strike.txt", "Air strikes hit a depot, the army said.")
    _write(tmp_path / "2021" / "feb" / "page.html", (FIXTURES / "article.html").read_bytes())
    _write(tmp_path / "2021" / "empty.txt", "")
    _write(tmp_path / "a.jsonl", '{"text": "One."}\n{"id": "j2", "text": "Two."}\n')
    _write(tmp_path / "notes.md", "# not read")
    _write(tmp_path / ".hidden" / "x.txt", "not read")
    records = list(read_articles(tmp_path))
    assert [(r.id, type(r).__name__) for r in records] == [
        ("2021/empty", "Failure"),
        ("2021/feb/page", "Article"),
        ("2021/feb/strike", "Article"),
        ("a:1", "Article"),
        ("j2", "Article"),
        ("b", "Article"),
    ]
    assert records[0] == Failure(str(tmp_path / "2021" / "empty.txt"), "empty", "2021/empty")


def test_folder_with_fmt_reads_only_that_format(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", NEWS)
    _write(tmp_path / "b.jsonl", '{"text": "One."}\n')
    assert [r.id for r in read_articles(tmp_path, fmt="ndjson")] == ["b:1"]


def test_empty_and_unreadable_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "readme.md", "nothing to read")
    with pytest.raises(InputError, match="no input files found in the folder"):
        read_articles(tmp_path)

    def denied(self: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", denied)
    with pytest.raises(InputError) as error:
        read_articles(tmp_path)
    assert str(error.value) == f"{tmp_path}: cannot read the folder: Permission denied"


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_text_and_html(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, NEWS.encode())
    article = read_article("-", published=date(2021, 3, 1))
    assert (article.text, article.id, article.published) == (NEWS, None, date(2021, 3, 1))
    _stdin(monkeypatch, (FIXTURES / "article.html").read_bytes())
    (page,) = read_articles("-")
    assert page.title == "Shelling hits market town near the border" and "<" not in page.text


def test_stdin_batch_and_bad_input(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b'{"text": "First."}\nnot json\n{"text": "Third."}\n')
    records = list(read_articles("-", fmt="jsonl"))
    assert [type(r).__name__ for r in records] == ["Article", "Failure", "Article"]
    assert records[1].origin == "<stdin>:2"
    _stdin(monkeypatch, b"")
    with pytest.raises(InputError, match=r"^<stdin>: empty$"):
        list(read_articles("-"))
    _stdin(monkeypatch, b"x" * 2000)
    with pytest.raises(InputError, match="<stdin>: more than 1 kB"):
        list(read_articles("-", max_bytes=1000))


def test_format_is_sniffed_when_the_name_says_nothing(tmp_path: Path) -> None:
    jsonl = _write(tmp_path / "export", '{"id": "s1", "text": "Ships were seized."}\n{"text": "Crews held."}\n')
    assert [r.id for r in read_articles(jsonl)] == ["s1", "export:2"]
    page = _write(tmp_path / "download.dat", (FIXTURES / "article.html").read_bytes())
    assert read_article(page).source == "The Riverside Courier"
    feed = _write(tmp_path / "feed", (FIXTURES / "feed.atom").read_bytes())
    assert len(list(read_articles(feed))) == 2
    text = _write(tmp_path / "note", NEWS)
    assert read_article(text).text == NEWS


@pytest.mark.parametrize(
    ("start", "fmt"),
    [
        (b'<?xml version="1.0"?>\n<!-- mirror --><rss version="2.0"><channel>', "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>', "feed"),
        (b'<?xml version="1.0"?><urlset><url>', "feed"),  # so the feed reader can refuse it by name
        (b"<!DOCTYPE html>\n<html><body><feed-list></feed-list>", "html"),
        (b"  <div><p>Troops withdrew.</p></div>", "html"),
        (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        (b'{\n  "text": "a"\n}\n', "json"),
        (b'[{"text": "a"}]', "json"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b"<Reuters> said troops withdrew on Monday.", "text"),
        (b"Troops withdrew on Monday, officials said.", "text"),
    ],
)
def test_sniffing(start: bytes, fmt: str) -> None:
    assert sniff_format(start) == fmt


def test_fmt_overrides_the_name_and_unknown_formats_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "rows.txt", "id,text\nr1,Shelling resumed.\n")
    (row,) = read_articles(path, fmt="csv")
    assert row.id == "r1"
    with pytest.raises(InputError, match="unknown input format 'docx'"):
        read_articles(path, fmt="docx")


def test_read_article_refuses_batches_and_failed_records(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="holds more than one article"):
        read_article(FIXTURES / "batch.jsonl")
    bad = _write(tmp_path / "bad.jsonl", '{"id": "z", "text": ""}\n')
    with pytest.raises(InputError, match=r"bad\.jsonl:1: no text in field 'text'"):
        read_article(bad)
