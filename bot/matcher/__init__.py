"""Free-text symptom matcher: Russian and English text -> concepts of content/concepts.yaml."""

from bot.matcher.matcher import Matcher
from bot.matcher.result import ConceptMatch, MatchResult

__all__ = ["ConceptMatch", "MatchResult", "Matcher"]
