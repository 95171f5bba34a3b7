"""One dialogue step: (dialogue, session, input) -> (reply, new session). No I/O here.

The engine never touches Telegram, files or the database; front ends call ``start`` and
``step`` and store the returned session wherever they like.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from bot.content import Content
from bot.dialogue.model import Dialogue, Node, Option, Transition
from bot.engine.advice import build_outcome, higher, render_advice
from bot.engine.answers import AnswerMatcher, option_label
from bot.engine.conditions import holds
from bot.engine.session import Session
from bot.matcher.result import MatchResult

# Guards against an author's cycle of nodes that never wait for an answer.
MAX_HOPS = 100

COMMANDS = ("start", "restart", "back", "repeat")


class ConceptMatcher(Protocol):
    def match(self, text: str, lang: str = "auto") -> MatchResult: ...


@dataclass(frozen=True, slots=True)
class UserInput:
    kind: Literal["option", "text", "command"]
    value: str

    @classmethod
    def option(cls, option_id: str) -> UserInput:
        return cls("option", option_id)

    @classmethod
    def text(cls, text: str) -> UserInput:
        return cls("text", text)

    @classmethod
    def command(cls, name: str) -> UserInput:
        return cls("command", name)


@dataclass(frozen=True, slots=True)
class ReplyOption:
    id: str
    label: str


@dataclass
class Reply:
    node: str
    text: str
    options: list[ReplyOption]
    outcome: dict[str, Any] | None = None
    # what happened, for front ends and the event log
    event: str = "asked"  # asked | reask | outcome | emergency_rule | restarted | back | ended
    chosen: str | None = None  # the option taken this turn
    match: MatchResult | None = None  # concepts found in typed text
    booking: dict[str, str] = field(default_factory=dict)  # url / phone, on outcomes


@dataclass
class Turn:
    reply: Reply
    session: Session


class DialogueDefinitionError(RuntimeError):
    """The dialogue led somewhere the validator should have refused."""


class Engine:
    def __init__(
        self, dialogue: Dialogue, content: Content, matcher: ConceptMatcher | None = None
    ) -> None:
        self.dialogue = dialogue
        self.content = content
        self.matcher = matcher
        self.answers = AnswerMatcher(dialogue, content)

    # -- public -------------------------------------------------------------------

    def start(self, lang: str | None = None) -> Turn:
        lang = lang if lang in self.content.languages else self.content.default_language
        session = Session(dialogue=self.dialogue.id, lang=lang, version=self.dialogue.version)
        messages: list[str] = []
        self._arrive(session, self.dialogue.start, messages)
        return Turn(self._reply(session, messages, "asked"), session)

    def step(self, session: Session, user_input: UserInput) -> Turn:
        """The reply to ``user_input`` and the new session; ``session`` itself is not changed."""
        session = session.copy()
        if session.version != self.dialogue.version or session.node not in self.dialogue.nodes:
            # stored under another version of the dialogue: its nodes, answers and rules may
            # mean something else now. Begin again - and still read what was typed, so that a
            # warning sign in it is not lost.
            fresh = self.start(session.lang)
            if user_input.kind == "text":
                return self.step(fresh.session, user_input)
            fresh.reply.event = "restarted"
            return fresh
        if user_input.kind == "command":
            return self._command(session, user_input.value)
        session.turns += 1
        if user_input.kind == "option":
            return self._option(session, user_input.value)
        return self._text(session, user_input.value)

    def alarm(self, session: Session, text: str) -> Turn | None:
        """Only the warning signs in a text that is not an answer (a photo's caption, an
        edited message, one of a flood): the emergency advice if a rule now holds; otherwise
        None, and nothing about the session changes."""
        if self.matcher is None or session.version != self.dialogue.version:
            return None
        trial = session.copy()
        trial.push_history()
        trial.turns += 1
        match = self.matcher.match(text, "auto")
        self._remember(trial, match)
        return self._emergency(trial, match)

    def accepts(self, session: Session, option_id: str) -> bool:
        """Whether ``option_id`` is a button of the step the session is at now."""
        if session.ended:
            return option_id == "restart"
        node = self.dialogue.nodes.get(session.node)
        return node is not None and node.option(option_id) is not None

    def consented(self, session: Session) -> bool:
        """Whether the person agreed that what they type may be kept (see ``consent:``)."""
        if self.dialogue.consent is None:
            return True
        question, given = self.dialogue.consent
        return session.answers.get(question) in given

    def with_language(self, session: Session, lang: str) -> Turn:
        """The same place in the dialogue, shown in another language."""
        session = session.copy()
        if lang in self.content.languages:
            session.lang = lang
        return self._command(session, "repeat")

    # -- inputs -------------------------------------------------------------------

    def _command(self, session: Session, name: str) -> Turn:
        if name == "restart" or (name == "start" and session.ended):
            turn = self.start(session.lang)
            turn.reply.event = "restarted"
            return turn
        if name == "back" and session.history:
            left_emergency = bool(session.outcome and session.outcome["urgency"] == "emergency")
            snapshot = session.history.pop()
            history = session.history
            session = Session.from_json(snapshot)
            session.history = history
            # going back is allowed (a mistaken press), but never silently past an emergency
            messages = (
                [self.content.text(session.lang, "ui", "left_emergency")] if left_emergency else []
            )
            return Turn(self._render(session, messages, "back"), session)
        # start (mid-dialogue), repeat, or back with nowhere to go: show the current step
        return Turn(self._render(session, [], "asked"), session)

    def _option(self, session: Session, option_id: str) -> Turn:
        node = self.dialogue.nodes[session.node]
        if session.ended:
            if option_id == "restart":
                return self._command(session, "restart")
            return Turn(self._render(session, [], "ended"), session)
        option = node.option(option_id)
        if option is None:  # stale or forged button data
            return self._reask(session)
        session.push_history()
        return self._choose(session, node, option, [], None)

    def _emergency(self, session: Session, match: MatchResult | None) -> Turn | None:
        """The emergency advice, if a warning-sign rule holds now."""
        rule = self._fired_rule(session)
        if rule is None:
            return None
        messages: list[str] = []
        self._arrive(session, rule.goto, messages)
        return Turn(self._reply(session, messages, "emergency_rule", match=match), session)

    def _text(self, session: Session, text: str) -> Turn:
        # /back undoes this message together with all it told us, whatever it led to; a
        # message that changed nothing (a re-ask, a "thanks" after the advice) leaves no step
        # of its own to go back to
        session.push_history()
        turn = self._read(session, text)
        session.drop_unchanged_history()
        return turn

    def _read(self, session: Session, text: str) -> Turn:
        match = self.matcher.match(text, "auto") if self.matcher else None
        if match is not None:
            self._remember(session, match)
        emergency = self._emergency(session, match)
        if emergency is not None:
            return emergency
        if session.ended:
            return self._after_advice(session, match)
        node = self.dialogue.nodes[session.node]
        option = None
        said = [c for c in match.concepts if c.id == node.asks] if match and node.asks else []
        if said:  # "I do have a fever" / "no fever" at the fever question
            option = node.option("no" if said[0].negated else "yes")
        if option is None:
            option_id = self.answers.match(node.id, text)
            option = node.option(option_id) if option_id else None
        if option is not None:
            return self._choose(session, node, option, [], match)
        if node.type == "text":
            session.answers[node.id] = "text"
            messages = []
            self._arrive(session, self._first(node.next, session, node), messages)
            return Turn(self._reply(session, messages, "asked", match=match), session)
        return self._reask(session, match)

    def _after_advice(self, session: Session, match: MatchResult | None) -> Turn:
        """Typed after the advice: what it adds can raise the advice, never lower it."""
        assert session.outcome is not None
        node = self.dialogue.nodes[session.node]
        outcome = build_outcome(node, session, self.content)
        raised = higher(outcome["urgency"], session.outcome["urgency"]) == outcome["urgency"]
        wider = set(outcome["specialists"]) >= set(session.outcome["specialists"])
        if outcome != session.outcome and raised and wider:
            session.outcome = outcome
            messages = [self.content.text(session.lang, "ui", "advice_updated")]
            return Turn(self._reply(session, messages, "outcome", match=match), session)
        return Turn(self._render(session, [], "ended", match=match), session)

    # -- moving through the graph -------------------------------------------------

    def _choose(
        self,
        session: Session,
        node: Node,
        option: Option,
        messages: list[str],
        match: MatchResult | None,
    ) -> Turn:
        self._apply(session, node, option)
        rule = self._fired_rule(session)
        target = rule.goto if rule else self._first(option.next, session, node)
        self._arrive(session, target, messages)
        event = "emergency_rule" if rule else "asked"
        return Turn(self._reply(session, messages, event, chosen=option.id, match=match), session)

    def _apply(self, session: Session, node: Node, option: Option) -> None:
        session.answers[node.id] = option.id
        if node.asks and option.id in ("yes", "no"):
            self._set_concept(session, node.asks, option.id == "yes")
        for concept in option.sets:
            self._set_concept(session, concept, True)
        for concept in option.clears:
            self._set_concept(session, concept, False)
        for name, points in option.score.items():
            session.scores[name] = session.scores.get(name, 0) + points

    def _set_concept(self, session: Session, concept_id: str, affirmed: bool) -> None:
        concept = self.content.concepts.get(concept_id)
        red_flag = concept is not None and concept.level in ("emergency", "urgent")
        # A red flag once affirmed stays affirmed: a later "no" elsewhere in a message
        # must not talk the bot out of a warning sign.
        if red_flag and session.concepts.get(concept_id) is True and not affirmed:
            return
        session.concepts[concept_id] = affirmed

    def _remember(self, session: Session, match: MatchResult) -> None:
        for found in match.concepts:
            self._set_concept(session, found.id, not found.negated)

    def _fired_rule(self, session: Session) -> Transition | None:
        """The first global rule that now holds and has not been taken yet."""
        if session.outcome and session.outcome["urgency"] == "emergency":
            return None  # nothing is more urgent than what the person was already told
        for index, rule in enumerate(self.dialogue.rules):
            if index in session.fired or rule.goto == session.node:
                continue
            if holds(rule.when, session, self.content):
                session.fired.append(index)
                return rule
        return None

    def _first(self, transitions: tuple[Transition, ...], session: Session, node: Node) -> str:
        for transition in transitions:
            if holds(transition.when, session, self.content):
                return transition.goto
        raise DialogueDefinitionError(f"node {node.id}: no transition holds and none is default")

    def _arrive(self, session: Session, node_id: str, messages: list[str]) -> None:
        """Enter ``node_id`` and move on through information and already-answered steps."""
        session.outcome = None
        for _ in range(MAX_HOPS):
            node = self.dialogue.nodes[node_id]
            session.node = node_id
            if node.type == "info":
                messages.append(self.content.text(session.lang, "nodes", node.id))
                node_id = self._first(node.next, session, node)
                continue
            if node.type == "outcome":
                session.outcome = build_outcome(node, session, self.content)
                return
            skip = next((t for t in node.skip if holds(t.when, session, self.content)), None)
            if skip is not None:
                node_id = skip.goto
                continue
            known = session.concepts.get(node.asks) if node.asks else None
            option = node.option("yes" if known else "no") if known is not None else None
            if option is not None:
                # already told us in their own words: do not ask again
                self._apply(session, node, option)
                rule = self._fired_rule(session)
                node_id = rule.goto if rule else self._first(option.next, session, node)
                continue
            return
        raise DialogueDefinitionError(f"more than {MAX_HOPS} steps without a question")

    # -- replies ------------------------------------------------------------------

    def _reask(self, session: Session, match: MatchResult | None = None) -> Turn:
        lang = session.lang
        told = [
            phrase
            for concept_id in (match.affirmed if match else [])
            if isinstance(phrase := self.content.lookup(lang, "concepts", concept_id), str)
        ]
        if told:  # not an answer to this question, but not lost either: say so
            messages = [self.content.text(lang, "ui", "noted", reasons="; ".join(told))]
        else:
            messages = [self.content.text(lang, "ui", "not_understood")]
        return Turn(self._render(session, messages, "reask", match=match), session)

    def _render(
        self, session: Session, messages: list[str], event: str, match: MatchResult | None = None
    ) -> Reply:
        """The reply showing the session's current step again, after ``messages``."""
        if session.ended and event not in ("back", "asked"):
            messages = [*messages, self.content.text(session.lang, "ui", "ended")]
        return self._reply(session, messages, event, match=match)

    def _reply(
        self,
        session: Session,
        messages: list[str],
        event: str,
        chosen: str | None = None,
        match: MatchResult | None = None,
    ) -> Reply:
        node = self.dialogue.nodes[session.node]
        lang = session.lang
        booking: dict[str, str] = {}
        if node.type == "outcome" and session.outcome is not None:
            if event not in ("ended",):
                messages = [*messages, render_advice(node, session.outcome, session, self.content)]
            options = [ReplyOption("restart", self.content.text(lang, "ui", "restart"))]
            # both required by content.schema.json
            booking = {key: str(self.content.clinic[key]) for key in ("booking_url", "phone")}
            if event == "asked":
                event = "outcome"
        else:
            if event != "ended":
                messages = [*messages, self.content.text(lang, "nodes", node.id)]
            options = [
                ReplyOption(o.id, option_label(self.content, lang, node.id, o.id))
                for o in node.options
            ]
        return Reply(
            node=node.id,
            text="\n\n".join(m for m in messages if m),
            options=options,
            outcome=session.outcome,
            event=event,
            chosen=chosen,
            match=match,
            booking=booking,
        )
