"""Sentences, paragraphs and tokens of an article.

Sentences come from a rule-based splitter (paragraph breaks, then sentence punctuation not preceded by
an abbreviation such as "Sen." or "U.S."): it is an order of magnitude faster than running spaCy's
sentencizer and it keeps a paragraph that ends on an abbreviation ("Other Republicans, including Sen.")
as its own, truncated, sentence. Tokens come from spaCy's blank English tokenizer (no model download)
and are computed only when a stage asks for them.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

# Words that end with a period without ending the sentence. Lower-cased, without the period.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sen rep gov gen col lt maj capt cpt sgt cpl adm cmdr brig pres rev fr st jr sr
    hon amb dept govt sec atty supt insp det
    jan feb mar apr jun jul aug sep sept oct nov dec
    no nos vs v etc inc corp co ltd bros approx est fig al
    u.s u.n u.k e.u u.s.a d.c a.m p.m e.g i.e
    """.split()
)

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# Candidate sentence ends: terminal punctuation, optional closing quotes/brackets, whitespace, then
# something that can start a sentence.
_SENTENCE_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence's span (surrounding white space excluded) and the paragraph it belongs to."""

    start: int
    end: int
    paragraph: int


class Doc:
    """An article's text with its sentences; ``tokens`` is a spaCy Doc made on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences: list[Sentence] = split_sentences(text)
        self._starts = [s.start for s in self.sentences]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (the previous one if it falls between two)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def sentence_at(self, offset: int) -> Sentence:
        return self.sentences[self.sentence_index(offset)]

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]

    @cached_property
    def key(self) -> str:
        """A short hash of the text: the first part of every record id made from this article."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]

    @cached_property
    def tokens(self) -> SpacyDoc:
        return _tokenizer()(self.text)


def segment(text: str) -> Doc:
    """Split ``text`` into sentences (offsets into ``text`` as given)."""
    return Doc(text)


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(_paragraphs(text)):
        start = p_start
        for match in _SENTENCE_END.finditer(text, p_start, p_end):
            end = match.end()
            if _ends_with_abbreviation(text, start, match.start() + 1, match.group()):
                continue
            _append(sentences, text, start, end, number)
            start = end
        _append(sentences, text, start, p_end, number)
    return sentences


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank lines separate paragraphs; in text without blank lines, a line that
    does not look hard-wrapped (newswire wraps at ~70 characters) is its own paragraph."""
    if _BLANK_LINE.search(text):
        breaks = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(text)]
    elif "\n" in text and not _looks_hard_wrapped(text):
        breaks = [(m.start(), m.end()) for m in re.finditer(r"\n\s*", text)]
    else:
        breaks = []
    spans, start = [], 0
    for b_start, b_end in breaks:
        spans.append((start, b_start))
        start = b_end
    spans.append((start, len(text)))
    return spans


def _looks_hard_wrapped(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 4:
        return False
    wrapped = sum(1 for line in lines if 40 <= len(line.rstrip()) <= 90 and line.rstrip()[-1:] not in ".!?\"”")
    return wrapped / len(lines) > 0.5


def _ends_with_abbreviation(text: str, start: int, period_end: int, punct: str) -> bool:
    if not punct.startswith(".") or punct.startswith(".."):
        return False
    word = _WORD_BEFORE.search(text, max(start, period_end - 12), period_end)
    if not word:
        return False
    token = word.group(1).lower()
    # A single capital letter is an initial ("John F. Kennedy"), not a sentence end.
    return token in ABBREVIATIONS or (len(token) == 1 and text[word.start(1)].isupper())


def _append(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, paragraph))


@lru_cache(maxsize=1)
def _tokenizer():  # -> spacy.tokenizer.Tokenizer (imported lazily: spaCy is slow to import)
    import spacy

    return spacy.blank("en").tokenizer
