"""Regexes built from word lists, shared by the stages that match dictionaries against text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


def trie_pattern(words: Iterable[str], char: Callable[[str], str] = re.escape) -> str:
    """A regex (no capturing groups) matching any of ``words``, nested by character like a trie.

    Python's ``re`` then decides with a few comparisons per position instead of trying every word, so
    matching costs about the same for 50 or 5,000 words. At one position the longest word is preferred.
    ``char`` turns one character into its pattern (default: the escaped character itself), which lets a
    caller match, say, any white space where a word has a space. An empty list gives a never-matching regex.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_pattern(trie, char) or "(?!)"


def _node_pattern(node: dict[str, Any], char: Callable[[str], str]) -> str:
    branches = [char(ch) + _node_pattern(child, char) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        # The word may end here; "?" is greedy, so longer words are tried first.
        return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


def word_runs_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Matches a whole run of ASCII letters that is one of ``words`` (case as given)."""
    return re.compile(r"(?<![A-Za-z])(?:" + trie_pattern(words) + r")(?![A-Za-z])")


def word_start_pattern(prefixes: Iterable[str]) -> re.Pattern[str]:
    """Matches a whole run of ASCII letters that begins with one of ``prefixes``."""
    return re.compile(r"(?<![A-Za-z])(?=" + trie_pattern(prefixes) + r")[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class PrefixIndex:
    """Word prefixes (three letters or more) ready for ``find_prefixed``."""

    by_head: dict[str, tuple[str, ...]]
    words: re.Pattern[str]


def prefix_index(prefixes: frozenset[str] | set[str]) -> PrefixIndex:
    by_head: dict[str, list[str]] = {}
    for prefix in prefixes:
        by_head.setdefault(prefix[:3], []).append(prefix)
    return PrefixIndex({k: tuple(v) for k, v in by_head.items()}, word_start_pattern(prefixes))


def find_prefixed(text: str, index: PrefixIndex) -> list[tuple[int, str]]:
    """(offset, prefix) for every word of ``text`` that begins with a prefix of ``index`` (a word may
    begin with several). One trie-regex scan finds the candidate words, so the cost does not grow with
    the number of words in the article that begin with no prefix."""
    found: list[tuple[int, str]] = []
    for m in index.words.finditer(text):
        word = m.group()
        found.extend((m.start(), prefix) for prefix in index.by_head.get(word[:3], ()) if word.startswith(prefix))
    return found
