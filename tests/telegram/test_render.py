from __future__ import annotations

import html
import re

from bot.engine import Engine
from bot.engine.engine import Reply, ReplyOption
from bot.telegram.render import (
    MAX_MESSAGE_LENGTH,
    answered_text,
    reply_messages,
    split_html,
)


def test_long_advice_is_split_under_the_limit_at_paragraphs() -> None:
    paragraphs = [f"Paragraph {i}: " + "word " * 150 for i in range(12)]
    pieces = split_html("\n\n".join(paragraphs))
    assert len(pieces) > 1
    assert all(len(p) <= MAX_MESSAGE_LENGTH for p in pieces)
    assert all(p.startswith("Paragraph") for p in pieces)
    assert " ".join(" ".join(pieces).split()) == " ".join(" ".join(paragraphs).split())


def test_unbroken_text_is_still_cut() -> None:
    pieces = split_html("x" * 10_000)
    assert [len(p) for p in pieces] == [4096, 4096, 1808]


def test_html_in_the_reply_is_escaped_and_keyboard_on_the_last_message(engine: Engine) -> None:
    reply = Reply(
        node="q", text="<b>1 < 2 & 3</b>\n\n" + "a " * 3000, options=[ReplyOption("yes", "Yes")]
    )
    messages = reply_messages(reply, engine.content, "en")
    assert messages[0].text.startswith("&lt;b&gt;1 &lt; 2 &amp; 3&lt;/b&gt;")
    assert all(m.keyboard is None for m in messages[:-1])
    button = messages[-1].keyboard.inline_keyboard[0][0]
    assert (button.text, button.callback_data) == ("Yes", "o|q|yes")


def test_outcome_has_the_booking_button_first(engine: Engine) -> None:
    reply = Reply(
        node="routine", text="advice", options=[ReplyOption("restart", "Start over")],
        outcome={"urgency": "routine"}, booking={"phone": "+7"},
    )  # fmt: skip
    keyboard = reply_messages(reply, engine.content, "en")[-1].keyboard
    assert [[b.callback_data for b in row] for row in keyboard.inline_keyboard] == [
        ["b"],
        ["o|routine|restart"],
    ]


def test_answered_text_escapes_both_parts() -> None:
    assert answered_text("Pain <10?", "A & B") == "Pain &lt;10?\n\n<b>› A &amp; B</b>"


def test_escaping_never_cuts_an_entity_and_stays_under_the_limit() -> None:
    for text in ("a" + "&" * 3000, "<" * 5000, "x " * 2000 + "&" * 2000):
        pieces = split_html(text)
        assert all(len(p) <= MAX_MESSAGE_LENGTH for p in pieces)
        assert html.unescape("".join(pieces)).replace(" ", "") == text.replace(" ", "")
        for piece in pieces:  # no piece starts or ends inside an entity
            assert not re.match(r"^[a-z]{1,4};", piece) and not re.search(r"&[a-z]{0,3}$", piece)


def test_answered_text_fits_a_message_even_after_a_long_question() -> None:
    text = answered_text("Q " * 3000 + "the end?", "Yes")
    assert len(text) <= MAX_MESSAGE_LENGTH and text.endswith("the end?\n\n<b>› Yes</b>")
