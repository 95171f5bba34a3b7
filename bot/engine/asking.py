"""Short questions the bot puts in between the dialogue's own: a confirmation of a doubtful
answer to a warning-sign question, of ticked warning signs, of what a message already told
("You said: ... - right?"), and "yourself or someone else?". Also the language switch.

A pending question is plain data in ``Session.pending`` (a dict with a ``kind``), so it
survives a restart like the rest of the session. Its buttons have ids of their own, never
those of a dialogue option.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.engine import checklists, replies, wording
from bot.engine.answers import option_label
from bot.engine.listening import KINDRED_LETTERS
from bot.engine.session import Session
from bot.engine.turns import ReplyOption, Turn
from bot.events import ReplyEvent
from bot.matcher.result import MatchResult

if TYPE_CHECKING:
    from bot.engine.engine import Engine

OPTIONS: dict[str, tuple[str, ...]] = {
    "confirm": ("confirm_yes", "confirm_no", "confirm_unsure"),
    "subject": ("subject_self", "subject_other"),
    "slots": ("slots_ok", "slots_no"),
    "ticks": ("ticks_ok", "ticks_change"),
}
# what a typed yes / no / not sure means for each kind
TYPED: dict[str, dict[str, str]] = {
    "confirm": {"yes": "confirm_yes", "no": "confirm_no", "unsure": "confirm_unsure"},
    "slots": {"yes": "slots_ok", "no": "slots_no"},
    "ticks": {"yes": "ticks_ok", "no": "ticks_change"},
}
MIN_LETTERS_TO_SWITCH = 6


class Asking:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- queue ----------------------------------------------------------------------

    @staticmethod
    def ask(session: Session, item: dict[str, Any]) -> None:
        if item not in session.pending:
            session.pending = [*session.pending, item]

    @staticmethod
    def ask_first(session: Session, item: dict[str, Any]) -> None:
        session.pending = [item, *(p for p in session.pending if p != item)]

    @staticmethod
    def option_ids(item: dict[str, Any]) -> tuple[str, ...]:
        return OPTIONS[item["kind"]]

    # -- showing --------------------------------------------------------------------

    def render(self, session: Session, item: dict[str, Any]) -> tuple[str, list[tuple[str, str]]]:
        content = self.engine.content
        lang = session.lang
        kind = item["kind"]
        labels = [(i, content.text(lang, "ui", i)) for i in OPTIONS[kind]]
        if kind == "confirm":
            concept = item["concept"]
            sign = wording.concept_text(content, session, concept) or concept
            lead = wording.ui_text(content, session, f"confirm_{item['why']}", sign=str(sign))
            question = self.engine.asked_by.get(concept)
            if question is None:  # a sign no question asks: the confirmation stands alone
                return lead, labels
            asked = self.engine._question_text(session, self.engine.dialogue.nodes[question])
            return f"{lead}\n\n{asked}", labels
        if kind == "subject":
            return content.text(lang, "ui", "subject_question"), labels
        if kind == "slots":
            heard = []
            for question, option_id in item["answers"].items():
                topic = content.lookup(lang, "ui", f"heard_{question}")
                label = option_label(content, lang, question, option_id)
                heard.append(f"{topic} {label.lower()}" if isinstance(topic, str) else label)
            if item.get("side"):
                heard.append(content.text(lang, "ui", f"side_{item['side']}"))
            return content.text(lang, "ui", "slots_heard", items="; ".join(heard)), labels
        node = self.engine.dialogue.nodes[item["node"]]
        person = wording.variants(session)
        ticked = [option_label(content, lang, node.id, t, person) for t in session.ticks]
        return wording.ui_text(content, session, "confirm_ticks", signs="; ".join(ticked)), labels

    # -- answers --------------------------------------------------------------------

    def read_answer(
        self,
        session: Session,
        text: str,
        reading: str | None,
        notes: list[str],
        match: MatchResult | None = None,
    ) -> Turn | None:
        """A typed answer to the pending question, if the text is one."""
        item = session.pending[0]
        if item["kind"] == "subject":
            named_other = match is not None and match.subject == "other"
            whose = self.engine.listener.whose(text, named_other)
            option_id = f"subject_{whose}" if whose else None
        else:
            option_id = TYPED[item["kind"]].get(reading or "")
        if option_id is None:
            return None
        return self.resolve(session, option_id, notes)

    def resolve(self, session: Session, option_id: str, notes: list[str] | None) -> Turn:
        engine = self.engine
        content = engine.content
        lang = session.lang
        item = session.pending[0]
        session.pending = session.pending[1:]
        messages = list(notes or [])
        node = engine.dialogue.nodes[session.node]
        kind = item["kind"]
        if kind == "subject":
            session.subject = "other" if option_id == "subject_other" else "self"
            if session.subject == "other":
                messages.append(wording.ui_text(content, session, "about_other"))
        elif kind == "ticks":
            checklist = engine.dialogue.nodes[item["node"]]
            if option_id == "ticks_ok":
                return checklists.finish(engine, session, checklist, messages)
        elif kind == "slots":
            if option_id == "slots_ok":
                for question, option_id_ in item["answers"].items():
                    asked = engine.dialogue.nodes[question]
                    option = asked.option(option_id_)
                    if option is not None and question not in session.answers:
                        engine._apply(session, asked, option)
        elif kind == "confirm":
            concept = item["concept"]
            affirmed = option_id != "confirm_no"
            if option_id == "confirm_unsure":  # not sure about a warning sign: the safer side
                messages.append(content.text(lang, "ui", "unsure_safer"))
            session.concepts[concept] = affirmed
            engine._set_concept(session, concept, affirmed, pressed=True)
            if item.get("answer") and node.asks == concept:
                wanted = "yes" if affirmed else "no"
                if option_id == "confirm_unsure" and node.option("unsure") is not None:
                    wanted = "unsure"
                option = node.option(wanted)
                if option is not None:
                    return engine._choose(session, node, option, messages, None)
        emergency = engine._emergency(session, None)
        if emergency is not None:
            emergency.reply.text = "\n\n".join([*messages, emergency.reply.text])
            return emergency
        if node.type != "checklist" or kind != "ticks":
            engine.arrive(session, session.node, messages)
        return Turn(
            replies.reply(engine, session, messages, ReplyEvent.ASKED, chosen=option_id), session
        )

    # -- language -------------------------------------------------------------------

    def language(self, session: Session, text: str, kindred: bool = False) -> list[str]:
        """Follows the person's script: notes to show when the conversation switched."""
        content = self.engine.content
        letters = [ch for ch in text if ch.isalpha()]
        cyrillic = sum("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in letters)
        cyrillic += sum(ch.lower() in KINDRED_LETTERS for ch in letters)
        latin = sum("a" <= ch.lower() <= "z" for ch in letters)
        notes: list[str] = []
        script = None
        if len(letters) >= MIN_LETTERS_TO_SWITCH and len(text.split()) >= 2:
            if cyrillic > 2 * latin:
                script = "ru"
            elif latin > 2 * cyrillic:
                script = "en"
        if script and script != session.lang and script in content.languages:
            session.switched_from = session.lang
            session.lang = script
            notes.append(content.text(script, "ui", "language_switched"))
        if kindred and "ru" in content.languages:
            marker = "note:other_cyrillic"
            if marker not in session.asked_again:
                session.asked_again.append(marker)
                notes.append(content.text(session.lang, "ui", "other_cyrillic"))
        return notes

    def language_options(self, session: Session) -> list[ReplyOption]:
        if not session.switched_from or session.switched_from == session.lang:
            return []
        back = session.switched_from
        return [ReplyOption(f"lang_{back}", self.engine.content.text(back, "ui", "switch_back"))]
