"""Regexes built from word lists, shared by the stages that match dictionaries against text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
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
