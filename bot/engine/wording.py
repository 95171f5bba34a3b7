"""Words for the person concerned: questions about someone else are asked about them.

A node's text and an option's label may have an ``other`` wording in
content/texts/<language>/ (``night: {text: "Is the pain...", other: "Is their pain..."}``);
where a text has none, the question is shown as it is, under a line saying whom it is about.
The advice follows the same rule: an outcome node's ``other``, ``<key>_other`` of an urgency
level (``advice_other``, ``title_other``...) and ``concepts_other`` for the reasons it gives.

For a woman or girl (the matcher read it from "my mum", «у неё», «упала»), a text may have her
own wording beside it, ``other_female`` (``<key>_other_female``, ``concepts_other_female``):
Russian says «у него» of anyone, «у неё» of her. A text without one keeps its ``other``.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.content import Content
from bot.dialogue.model import Node
from bot.engine.session import Session

# the wordings a text may have, the closest to the person first
FOR_A_MAN = ("other",)  # and for anyone else whose gender is not known
FOR_A_WOMAN = ("other_female", "other")


def about_other(session: Session) -> bool:
    return session.subject == "other"


def variants(session: Session) -> tuple[str, ...]:
    """Which wordings suit the person the questions are about, the closest first: none for
    the writer, whose texts are the plain ones."""
    if not about_other(session):
        return ()
    return FOR_A_WOMAN if session.subject_gender == "female" else FOR_A_MAN


def worded(
    content: Content,
    lang: str,
    person: tuple[str, ...],
    keys_of: Callable[[str], tuple[str, ...]],
) -> tuple[str, ...] | None:
    """Where the text for ``person`` (from ``variants``) is: ``keys_of(variant)`` of the first
    variant that has a text there; None when none has, and the plain text is the one."""
    for variant in person:
        keys = keys_of(variant)
        if isinstance(content.lookup(lang, *keys), str):
            return keys
    return None


def has_other(content: Content, lang: str, *keys: str) -> bool:
    """Whether the text at ``keys`` has its own wording for someone else."""
    return isinstance(content.lookup(lang, *keys, "other"), str)


def node_text(content: Content, session: Session, node_id: str) -> str:
    """The node's text, worded for whom the questions are about."""
    keys = worded(content, session.lang, variants(session), lambda v: ("nodes", node_id, v))
    return content.text(session.lang, *(keys or ("nodes", node_id)))


def ui_text(content: Content, session: Session, key: str, **values: str) -> str:
    """A line of the bot's own (``ui:``), in its ``<key>_other`` wording when the questions
    are about someone else and it has one. A line said only of someone else (``for_other``)
    is given by that key, and has her wording too (``for_other_female``)."""
    base = key.removesuffix("_other")
    keys = worded(content, session.lang, variants(session), lambda v: ("ui", f"{base}_{v}"))
    return content.text(session.lang, *(keys or ("ui", key)), **values)


def urgency_text(content: Content, session: Session, urgency: str, key: str) -> str:
    """A line of an urgency level's advice (``title``, ``advice``...), in its ``<key>_other``
    wording when the questions are about someone else and it has one."""
    keys = worded(
        content, session.lang, variants(session), lambda v: ("urgency", urgency, f"{key}_{v}")
    )
    return content.text(session.lang, *(keys or ("urgency", urgency, key)))


def concept_text(content: Content, session: Session, concept_id: str) -> str | None:
    """How a sign the person told us about is said back to them ("you have a fever"), or to
    someone asking for another person ("they have a fever"); None when it has no wording."""
    keys = worded(content, session.lang, variants(session), lambda v: (f"concepts_{v}", concept_id))
    phrase = content.lookup(session.lang, *(keys or ("concepts", concept_id)))
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
        return ui_text(content, session, "for_other") + "\n" + text
    return text
