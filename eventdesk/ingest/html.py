"""HTML pages: main text, title, publication date, site name and canonical URL via trafilatura (offline).

Nothing is fetched: trafilatura only parses the bytes it is given. ``Article.text`` is trafilatura's main
text (paragraphs separated by newlines; comments and tables left out), and every offset indexes it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from lxml import html as lxml_html

from eventdesk.ingest.common import SourceError
from eventdesk.records import Article

NO_ARTICLE = "no article text found in the HTML page"

# Publication date from the page's metadata (and URL) only: htmldate's "extensive search" would take any
# date written in the body, which for news is usually the date of the events, not of the article.
_DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}
_WORD = re.compile(r"\w+")
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAG = re.compile(rb"<(?:html|head|body|p|div|article|title|meta)\b", re.I)
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote article section header footer tr table pre figure".split()
)


def looks_like_html(sample: bytes) -> bool:
    """True when the start of a document is an HTML page (used for stdin and unknown extensions)."""
    if _HTML_START.match(sample):
        return True
    stripped = sample.lstrip()
    return stripped.startswith(b"<") and _HTML_TAG.search(sample[:2048]) is not None


def html_to_article(
    data: bytes | str,
    origin: str,
    *,
    article_id: str | None,
    url: str | None = None,
    published: date | None = None,
) -> Article:
    """The article in an HTML page.

    ``url`` (e.g. a WARC target URI) wins over the page's canonical link; ``published`` is used only when
    the page states no date. Raises ``SourceError`` "no article text found in the HTML page" when the page
    holds no main text (or only navigation links).
    """
    # Imported here: trafilatura takes a fifth of a second to import, which plain-text runs need not pay.
    import trafilatura

    try:
        tree = trafilatura.load_html(data)
    except ValueError:  # raised for undecodable or oversized input
        tree = None
    if tree is None:
        raise SourceError(origin, NO_ARTICLE)
    page = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    text = page.text if page is not None else None
    if not text or not text.strip() or _only_link_text(text, tree):
        raise SourceError(origin, NO_ARTICLE)
    page_url = url or page.url
    return Article(
        text=text,
        id=article_id,
        title=_clean(page.title),
        url=page_url,
        source=_clean(page.sitename) or _clean(page.hostname) or _domain(page_url),
        published=_page_date(page.date) or published,
    )


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of a small HTML fragment (a feed entry's content): one line per block element."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types for junk; plain text is the honest fallback
        return fragment.strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _only_link_text(text: str, tree: Any) -> bool:
    """True when every word of the extracted text is link text (a navigation menu, not an article)."""
    words = set(_WORD.findall(text.lower()))
    if not words:
        return True
    link_words = set(_WORD.findall(" ".join(tree.xpath("//a//text()")).lower()))
    return words <= link_words


def _page_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None
