"""Words for the person concerned: questions about someone else are asked about them.

A node's text and an option's label may have an ``other`` wording in
content/texts/<language>/ (``night: {text: "Is the pain...", other: "Is their pain..."}``);
where a text has none, the question is shown as it is, under a line saying whom it is about.
The advice follows the same rule: an outcome node's ``other``, ``<key>_other`` of an urgency
level (``advice_other``, ``title_other``...) and ``concepts_other`` for the reasons it gives.
"""

from __future__ import annotations

from bot.content import Content
from bot.dialogue.model import Node
from bot.engine.session import Session


def about_other(session: Session) -> bool:
    return session.subject == "other"


def has_other(content: Content, lang: str, *keys: str) -> bool:
    """Whether the text at ``keys`` has its own wording for someone else."""
    return isinstance(content.lookup(lang, *keys, "other"), str)


def node_text(content: Content, session: Session, node_id: str) -> str:
    """The node's text, worded for whom the questions are about."""
    if about_other(session) and has_other(content, session.lang, "nodes", node_id):
        return content.text(session.lang, "nodes", node_id, "other")
    return content.text(session.lang, "nodes", node_id)


def ui_text(content: Content, session: Session, key: str, **values: str) -> str:
    """A line of the bot's own (``ui:``), in its ``<key>_other`` wording when the questions
    are about someone else and it has one."""
    if about_other(session) and isinstance(content.lookup(session.lang, "ui", f"{key}_other"), str):
        key = f"{key}_other"
    return content.text(session.lang, "ui", key, **values)


def urgency_text(content: Content, session: Session, urgency: str, key: str) -> str:
    """A line of an urgency level's advice (``title``, ``advice``...), in its ``<key>_other``
    wording when the questions are about someone else and it has one."""
    if about_other(session) and isinstance(
        content.lookup(session.lang, "urgency", urgency, f"{key}_other"), str
    ):
        key = f"{key}_other"
    return content.text(session.lang, "urgency", urgency, key)


def concept_text(content: Content, session: Session, concept_id: str) -> str | None:
    """How a sign the person told us about is said back to them ("you have a fever"), or to
    someone asking for another person ("they have a fever"); None when it has no wording."""
    phrase = None
    if about_other(session):
        phrase = content.lookup(session.lang, "concepts_other", concept_id)
    if not isinstance(phrase, str):
        phrase = content.lookup(session.lang, "concepts", concept_id)
    if not isinstance(phrase, str) or not phrase.strip():
        return None
    return phrase.strip()


def question_text(content: Content, session: Session, node: Node) -> str:
    """What a question or checklist says, for whom it is about, with the line saying that
    signs were ticked from the person's own words (to untick what is not right)."""
    lang = session.lang
    text = node_text(content, session, node.id)
    if node.type == "checklist" and any(
        c in session.typed
        for t in session.ticks
        if (option := node.option(t)) is not None
        for c in option.sets
    ):
        text = content.text(lang, "ui", "preticked") + "\n\n" + text
    if (
        about_other(session)
        and node.type in ("question", "checklist")
        and not has_other(content, lang, "nodes", node.id)
    ):  # no wording of its own for someone else: a line says whom it is about
        return content.text(lang, "ui", "for_other") + "\n" + text
    return text
