"""Which conversations an operator looks at: a period plus campaign, language and channel.

Channels: ``telegram`` is real people; ``terminal`` (``python -m bot chat``) and ``test`` are
the clinic's own trials and simulations. Reports and the console show ``telegram`` unless
asked otherwise, so test chats are not counted with patients.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.operators.periods import Period, add_period_arguments, period_from

if TYPE_CHECKING:  # the command line builds its parsers from this module: no storage then
    from bot.storage.readside import Scope

REAL_CHANNEL = "telegram"
CHANNELS = ("telegram", "terminal", "test")
ALL = "all"
# the campaign filter's value for conversations that came without a campaign link
WITHOUT_CAMPAIGN = "-"


@dataclass(frozen=True)
class Selection:
    period: Period = field(default_factory=Period)
    campaign: str | None = None  # None: any; WITHOUT_CAMPAIGN: none
    lang: str | None = None
    channel: str | None = REAL_CHANNEL  # None: every channel
    bot: str | None = None  # several bots on one database: one of them (None: all)

    def scope(self) -> Scope:
        """The storage's read side's name for these conversations."""
        from bot.storage.readside import Scope

        return Scope(
            since=self.period.since, until=self.period.until,
            campaign=None if self.campaign == WITHOUT_CAMPAIGN else self.campaign,
            without_campaign=self.campaign == WITHOUT_CAMPAIGN,
            lang=self.lang, channel=self.channel, bot=self.bot,
        )  # fmt: skip


def as_selection(scope: Selection | Period | None) -> Selection:
    """A bare period means every conversation of it, whatever the channel (the ``logs``
    commands' meaning); a ``Selection`` is taken as it is."""
    if scope is None:
        return Selection(channel=None)
    if isinstance(scope, Period):
        return Selection(scope, channel=None)
    return scope


def channel_option(text: str) -> str | None:
    """``--channel``'s value: a channel name, or ``all``."""
    return None if text == ALL else text


def add_selection_arguments(parser: argparse.ArgumentParser, channel: str | None) -> None:
    """``--since --until --campaign --lang --channel``; ``channel`` is ``--channel``'s
    default (None: every channel)."""
    add_period_arguments(parser)
    parser.add_argument(
        "--campaign", metavar="NAME",
        help=f"only this campaign ('{WITHOUT_CAMPAIGN}': those without a campaign link)",
    )  # fmt: skip
    parser.add_argument("--lang", metavar="LANG", help="only conversations in this language")
    parser.add_argument(
        "--channel", type=channel_option, default=channel, metavar="CHANNEL",
        help=f"{', '.join(CHANNELS)} or {ALL} (default: {channel or ALL})",
    )  # fmt: skip
    parser.add_argument("--bot", metavar="BOT", help="only this bot (several on one database)")


def selection_from(args: argparse.Namespace) -> Selection:
    return Selection(period_from(args), args.campaign, args.lang, args.channel, args.bot)
