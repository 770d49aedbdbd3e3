"""Flags: warnings for the reader about passages that cannot be taken at face value.

- ``truncated_sentence``: a paragraph that stops on a title abbreviation ("Other Republicans, including
  Sen.") or, without final punctuation, on a word no sentence ends on ("of", "the", "including").
- ``unattributed_quote``: a direct quote with no speaker in the text.
- ``ambiguous_speaker``: a quote whose speaker is a "he"/"she" that the quote finder could not resolve
  (no single person in view).
- ``unbalanced_quotes``: a paragraph that opens a quotation it never closes, when the next paragraph
  does not continue the quote (news style leaves a multi-paragraph quote open on purpose).
- ``repeated_line``: a paragraph repeated word for word (a headline pasted twice, a caption echoed).

The words the truncation check relies on live in ``data/statements/flags.yaml``.
"""

from __future__ import annotations

import re
from pathlib import Path

from eventdesk.datafiles import fail, read_yaml
from eventdesk.extract.segment import Doc
from eventdesk.records import Flag, Quote
from eventdesk.settings import Settings

DATA = Path(__file__).parent / "data" / "statements" / "flags.yaml"

_CLOSERS = "\"'”’) \t\n"
_PRONOUNS = frozenset({"he", "she"})
_BULLETS = "•·*-–—>#  "
_OPENING_MARKS = "\"“'‘"


class FlagFinder:
    """``FlagFinder(settings)(doc, quotes) -> list[Flag]`` in text order."""

    def __init__(self, settings: Settings, path: Path = DATA) -> None:
        self.settings = settings
        data = read_yaml(path)
        lists: dict[str, frozenset[str]] = {}
        for name in ("title_abbreviations", "dangling_words"):
            words = data.get(name) if isinstance(data, dict) else None
            if not isinstance(words, list) or not all(isinstance(w, str) and w == w.lower() for w in words):
                raise fail(path, None, f"'{name}' must be a list of lower-case words")
            lists[name] = frozenset(words)
        self.titles = lists["title_abbreviations"]
        self.dangling = lists["dangling_words"]

    def __call__(self, doc: Doc, quotes: list[Quote]) -> list[Flag]:
        paragraphs = _paragraphs(doc)
        flags = self._truncated(doc, paragraphs) + _quote_flags(doc, quotes)
        flags += _unbalanced(doc.text, paragraphs) + _repeated(doc.text, paragraphs)
        return sorted(flags, key=lambda f: (f.start, f.kind))

    def _truncated(self, doc: Doc, paragraphs: list[tuple[int, int]]) -> list[Flag]:
        text = doc.text
        out: list[Flag] = []
        for _, end in paragraphs:
            last = doc.sentences[doc.sentence_index(end - 1)]
            tail = text[max(last.start, end - 40) : end].rstrip(_CLOSERS)
            pieces = tail.rsplit(None, 1)
            if not pieces:
                continue
            last_word = pieces[-1].lstrip(_CLOSERS + "(")
            period = last_word.endswith(".")
            word = last_word.rstrip(".").lower()
            cut_on_title = period and word in self.titles
            dangling = not period and word in self.dangling and text[end - 1].isalpha()
            ends_on_comma = text[end - 1] == ","
            if cut_on_title or dangling or ends_on_comma:
                note = "ends on a title abbreviation" if cut_on_title else "ends mid-sentence"
                out.append(Flag("truncated_sentence", last.start, last.end, text[last.start : last.end], note))
        return out


def _paragraphs(doc: Doc) -> list[tuple[int, int]]:
    spans: dict[int, tuple[int, int]] = {}
    for s in doc.sentences:
        first = spans[s.paragraph][0] if s.paragraph in spans else s.start
        spans[s.paragraph] = (first, s.end)
    return list(spans.values())


def _quote_flags(doc: Doc, quotes: list[Quote]) -> list[Flag]:
    text = doc.text
    out: list[Flag] = []
    for quote in quotes:
        speaker = quote.speaker
        if speaker is None:
            if quote.kind == "direct":
                out.append(Flag("unattributed_quote", quote.start, quote.end, quote.text, "no speaker in the text"))
            continue
        name = (speaker.name or "").lower()
        if name in _PRONOUNS and speaker.actor is None and speaker.start is not None and speaker.end is not None:
            named = _named_speakers_before(doc, quotes, speaker.start)
            if named:
                said = text[speaker.start : speaker.end]
                note = f"'{said}' could be {' or '.join(sorted(named))} or another person named nearby"
                out.append(Flag("ambiguous_speaker", speaker.start, speaker.end, said, note))
    return out


def _named_speakers_before(doc: Doc, quotes: list[Quote], pos: int) -> set[str]:
    """Names of the quote speakers mentioned in the previous sentence or earlier in this one.

    The quote finder resolves "he"/"she" when exactly one person is in view; a pronoun left as it
    is while a named speaker is in view therefore had a rival (another person named nearby). With
    nobody in view the pronoun is merely unresolved, which is common and not flagged.
    """
    here = doc.sentence_index(pos)
    lo = doc.sentences[max(0, here - 1)].start
    names: set[str] = set()
    for quote in quotes:
        sp = quote.speaker
        in_view = sp is not None and sp.start is not None and lo <= sp.start < pos
        if in_view and sp and sp.name and sp.name.lower() not in _PRONOUNS and not sp.anonymous:
            names.add(sp.name)
    return names


def _unbalanced(text: str, paragraphs: list[tuple[int, int]]) -> list[Flag]:
    out: list[Flag] = []
    for i, (start, end) in enumerate(paragraphs):
        if not _opens_unclosed(text, start, end):
            continue
        following = paragraphs[i + 1][0] if i + 1 < len(paragraphs) else None
        if following is not None and text[following] in _OPENING_MARKS:
            continue  # a quote running on into the next paragraph
        out.append(Flag("unbalanced_quotes", start, end, text[start:end], "a quotation mark is never closed"))
    return out


def _opens_unclosed(text: str, start: int, end: int) -> bool:
    """True when the paragraph's double quotes do not pair up, or it opens with a single quote that
    is never closed."""
    straight = text.count('"', start, end)
    curly_open, curly_close = text.count("“", start, end), text.count("”", start, end)
    if straight % 2 or curly_open > curly_close:
        return True
    if text[start] in "'‘":
        closing = re.search(r"[’'](?![A-Za-z])", text[start + 1 : end])
        return closing is None
    return False


def _repeated(text: str, paragraphs: list[tuple[int, int]]) -> list[Flag]:
    if len(paragraphs) < 2:
        return []  # nothing to repeat (and no need to normalise a one-paragraph text)
    seen: set[str] = set()
    out: list[Flag] = []
    for start, end in paragraphs:
        key = " ".join(text[start:end].lower().split()).lstrip(_BULLETS)
        if len(key) < 20:
            continue  # short lines ("Reuters", "Read more") repeat legitimately
        if key in seen:
            out.append(Flag("repeated_line", start, end, text[start:end], "the same line appears earlier"))
        seen.add(key)
    return out
