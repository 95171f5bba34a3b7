"""Free-text symptom matcher (placeholder until the real matcher lands)."""

from bot.matcher.result import ConceptMatch, MatchResult

__all__ = ["ConceptMatch", "MatchResult"]
