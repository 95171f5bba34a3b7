"""One dialogue step: (dialogue, session, input) -> (reply, new session). No I/O here.

The engine never touches Telegram, files or the database; front ends call ``start`` and
``step`` and store the returned session wherever they like.
"""

from __future__ import annotations

from typing import Protocol

from bot.content import Content
from bot.dialogue.model import Dialogue, Node, Option, Transition
from bot.engine import checklists, replies, wording
from bot.engine.advice import build_outcome, higher, offers_booking
from bot.engine.answers import AnswerMatcher
from bot.engine.asking import Asking
from bot.engine.checklists import DONE
from bot.engine.conditions import holds
from bot.engine.listening import Listener
from bot.engine.session import Session
from bot.engine.turns import Reply, ReplyOption, Turn, UserInput
from bot.events import ReplyEvent
from bot.matcher.result import MatchResult

__all__ = ["ConceptMatcher", "Engine", "Reply", "ReplyOption", "Turn", "UserInput"]

# Guards against an author's cycle of nodes that never wait for an answer.
MAX_HOPS = 100

COMMANDS = ("start", "restart", "back", "repeat")
# Levels whose concepts are warning signs: asked, never assumed from vague words.
RED_FLAG_LEVELS = ("emergency", "urgent")
# at most this many words make a typed yes or no at the consent question ("no thanks")
CLEAR_ANSWER_WORDS = 3


class ConceptMatcher(Protocol):
    def match(self, text: str, lang: str = "auto") -> MatchResult: ...


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
        self.listener = Listener(dialogue, content)
        self.asking = Asking(self)
        # the yes/no question about each concept (the one-by-one questions): its wording is
        # how the bot asks about that sign again
        self.asked_by: dict[str, str] = {}
        for node in dialogue.nodes.values():
            if node.asks:
                self.asked_by.setdefault(node.asks, node.id)

    # -- public -------------------------------------------------------------------

    def start(self, lang: str | None = None) -> Turn:
        lang = lang if lang in self.content.languages else self.content.default_language
        session = Session(dialogue=self.dialogue.id, lang=lang, version=self.dialogue.version)
        messages: list[str] = []
        self._arrive(session, self.dialogue.start, messages)
        return Turn(replies.reply(self, session, messages, ReplyEvent.ASKED), session)

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
            fresh.reply.event = ReplyEvent.RESTARTED
            return fresh
        if user_input.kind == "command":
            return self._command(session, user_input.value)
        session.switched_from = ""  # "switch back" is offered with the switch only
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
        match = self.matcher.match(self.listener.kindred(text) or text, "auto")
        self._remember(trial, match, None)
        return self._emergency(trial, match)

    def accepts(self, session: Session, option_id: str) -> bool:
        """Whether ``option_id`` is a button of the step the session is at now."""
        if option_id.startswith("lang_") and option_id[5:] in self.content.languages:
            return True
        if session.ended:
            return option_id == "restart"
        if session.pending:
            return option_id in self.asking.option_ids(session.pending[0])
        node = self.dialogue.nodes.get(session.node)
        if node is not None and node.type == "checklist" and option_id == DONE:
            return True
        return node is not None and node.option(option_id) is not None

    def toggles(self, session: Session, option_id: str) -> bool:
        """Whether pressing ``option_id`` only ticks or unticks a checklist item (front ends
        may then redraw the same message's buttons instead of sending a new one)."""
        node = self.dialogue.nodes.get(session.node)
        if node is None or node.type != "checklist" or session.pending or session.ended:
            return False
        return any(item.id == option_id for item in node.items)

    def offers_booking(self, session: Session) -> bool:
        """Whether the session stands at advice that offers to book (not emergency advice,
        not the safety net after a refusal): a booking press anywhere else is refused."""
        node = self.dialogue.nodes.get(session.node)
        return bool(session.outcome and node and offers_booking(node, session.outcome))

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
            turn.reply.event = ReplyEvent.RESTARTED
            return turn
        if name == "back" and session.history:
            left_emergency = bool(session.outcome and session.outcome["urgency"] == "emergency")
            session = session.back()
            # going back is allowed (a mistaken press), but never silently past an emergency
            messages = (
                [self.content.text(session.lang, "ui", "left_emergency")] if left_emergency else []
            )
            return Turn(replies.render(self, session, messages, ReplyEvent.BACK), session)
        # start (mid-dialogue), repeat, or back with nowhere to go: show the current step
        return Turn(replies.render(self, session, [], ReplyEvent.ASKED), session)

    def _option(self, session: Session, option_id: str) -> Turn:
        if option_id.startswith("lang_") and option_id[5:] in self.content.languages:
            session.lang = option_id[5:]
            return Turn(replies.render(self, session, [], ReplyEvent.ASKED), session)
        node = self.dialogue.nodes[session.node]
        if session.ended:
            if option_id == "restart":
                return self._command(session, "restart")
            return Turn(replies.render(self, session, [], ReplyEvent.ENDED), session)
        if session.pending:
            if option_id not in self.asking.option_ids(session.pending[0]):
                return replies.reask(self, session)
            session.push_history()
            return self.asking.resolve(session, option_id, None)
        if node.type == "checklist" and (option_id == DONE or node.option(option_id) in node.items):
            session.push_history()
            return checklists.press(self, session, node, option_id)
        option = node.option(option_id)
        if option is None:  # stale or forged button data
            return replies.reask(self, session)
        session.push_history()
        self._pressed(session, node, option)
        return self._choose(session, node, option, [], None)

    def _emergency(
        self, session: Session, match: MatchResult | None, notes: list[str] | None = None
    ) -> Turn | None:
        """The emergency advice (after ``notes``), if a warning-sign rule holds now."""
        rule = self._fired_rule(session)
        if rule is None:
            return None
        if match is not None and match.subject == "other" and not session.subject:
            session.subject = "other"
        messages = list(notes or [])
        session.pending = []
        self._arrive(session, rule.goto, messages)
        return Turn(
            replies.reply(self, session, messages, ReplyEvent.EMERGENCY_RULE, match=match), session
        )

    def _text(self, session: Session, text: str) -> Turn:
        # /back undoes this message together with all it told us, whatever it led to; a
        # message that changed nothing (a re-ask, a "thanks" after the advice) leaves no step
        # of its own to go back to
        session.push_history()
        turn = self._read(session, text)
        session.drop_unchanged_history()
        return turn

    def _read(self, session: Session, text: str) -> Turn:
        node = self.dialogue.nodes[session.node]
        was_pending = bool(session.pending) and not session.ended
        # a Ukrainian or Belarusian message is read in Russian: its warning signs count
        kindred = self.listener.kindred(text)
        notes = self.asking.language(session, text, kindred is not None)
        greeting = self.listener.greeting(text) and self.answers.match(node.id, text) is None
        if greeting and not session.ended:
            # "hi" is no answer, and no misunderstanding either: greet back, ask again
            key = "greeting_consent" if node.id == self._consent_node() else "greeting"
            messages = [*notes, self.content.text(session.lang, "ui", key)]
            return Turn(replies.render(self, session, messages, ReplyEvent.REASK), session)
        match = self.matcher.match(kindred or text, "auto") if self.matcher else None
        reading = self.listener.reading(text)
        own = self._own_concepts(node) if not session.pending and not session.ended else set()
        if match is not None:
            if reading == "no" and self._no_tells_a_sign(match, own, node, text):
                # "ничего не чувствую в промежности", "never had that, but now I can't feel my
                # bum": the opening word reads as a no, the words are the warning sign itself;
                # confirmed with buttons, never taken as a no
                reading = "unsure"
            elif reading is None and self._lost_there(match, node, text):
                # "I can't feel anything there": the question names the place, the words the
                # lost feeling - confirmed with buttons, neither asked again nor taken as a no
                reading = "unsure"
            elif reading is None and node.asks and self.listener.fine(text):
                # "peeing normally", «с грудью всё в порядке»: a no - unless the words also
                # tell the sign ("numb down there as usual"), then it is confirmed with buttons
                told = any(c.id in own and not c.negated for c in match.concepts)
                reading = "unsure" if told else "no"
            if reading in ("yes", "no") and own:
                # "no, I'm 56, what pregnancy": the answer is the no; the words after it are
                # the person's reason, not a second answer to the same question. A list's
                # items are many questions: a warning sign told after its "no" ("no, but I
                # have a fever") is kept, to be ticked
                kept = {c for c in own if self._red_flag(c)} if node.type == "checklist" else set()
                match = _without(match, own - kept)
            elif reading == "unsure" and node.asks and self._red_flag(node.asks):
                match = _without(match, {node.asks})  # confirmed with buttons instead
            self._remember(session, match, node)
        if not was_pending and not session.ended:
            self._hear_slots(session, kindred or text, node)
        emergency = self._emergency(session, match, notes)
        if emergency is not None:
            return emergency
        if session.ended:
            return self._after_advice(session, match, reading)
        if was_pending:
            answered = self.asking.read_answer(session, text, reading, notes, match)
            if answered is not None:
                return answered
            return replies.reask(self, session, match, notes)
        if match is not None and match.subject == "other" and not session.subject:
            self.asking.ask_first(session, {"kind": "subject"})
        if node.type == "checklist":
            return checklists.typed(self, session, node, text, reading, match, notes)
        option = self._typed_option(session, node, text, reading, match)
        if option is not None:
            return self._choose(session, node, option, notes, match)
        if node.type == "text":
            session.answers[node.id] = "text"
            messages = list(notes)
            self._arrive(session, self._first(node.next, session, node), messages)
            return Turn(
                replies.reply(self, session, messages, ReplyEvent.ASKED, match=match), session
            )
        # not an answer to this question (a description at the consent question is not a
        # refusal either): what it told is noted, then the question - or the bot's short
        # question about what it told - again
        return replies.reask(self, session, match, notes)

    def _typed_option(
        self,
        session: Session,
        node: Node,
        text: str,
        reading: str | None,
        match: MatchResult | None,
    ) -> Option | None:
        """The option a typed message picks at a question, or None."""
        if node.id == self._consent_node() and self._said_something(match):
            # a description: never a refusal ("no fever and numb between my legs"), though
            # it may come with an explicit agreement ("I agree, my back hurts")
            assert self.dialogue.consent is not None
            option_id = self.answers.match(node.id, text)
            return node.option(option_id) if option_id in self.dialogue.consent[1] else None
        if node.id == self._consent_node() and self.answers.match(node.id, text) is None:
            return self._consent_reading(node, text, reading)
        if reading == "unsure" and node.asks and self._red_flag(node.asks):
            self.asking.ask_first(
                session, {"kind": "confirm", "concept": node.asks, "why": "doubt", "answer": True}
            )
            return None
        if reading in ("yes", "no") and node.option(reading) is not None:
            return node.option(reading)
        said = [c for c in match.concepts if c.id == node.asks] if match and node.asks else []
        if said and not said[0].uncertain:  # "I do have a fever" / "no fever" at the question
            return node.option("no" if said[0].negated else "yes")
        option_id = self.answers.match(node.id, text)
        heard = self.listener.heard(text).answers.get(node.id)
        if heard is not None and not self.answers.exact(node.id, text):
            # "about a month and a half" is no "a month" of a choice's words: a number with its
            # unit, read in full, places it better - unless a choice was typed as it stands
            option_id = heard
        if option_id is None:  # "fifty six" at "how old?", "about eight" at "from 0 to 10"
            spelled = self.listener.spelled_out(text)
            option_id = self.answers.match(node.id, spelled) if spelled != text else None
        if option_id is None and match is not None:
            # «подняла сумку тяжёлую» at "how did it start?": the one option that sets what
            # the words told
            told = {c.id for c in match.concepts if not c.negated and not c.uncertain}
            setting = [o.id for o in node.options if told & set(o.sets)]
            option_id = setting[0] if len(setting) == 1 else None
        # a "no" somewhere inside a longer message is not an unambiguous denial
        vague_no = option_id == "no" and reading is None and len(text.split()) > 3
        if vague_no and node.asks and self._red_flag(node.asks):
            return None
        return node.option(option_id) if option_id else None

    def _after_advice(
        self, session: Session, match: MatchResult | None, reading: str | None
    ) -> Turn:
        """Typed after the advice: what it adds can raise the advice, never lower it."""
        assert session.outcome is not None
        node = self.dialogue.nodes[session.node]
        if node.safety_net:  # no verdict after a refusal; its warning signs act above
            return Turn(replies.render(self, session, [], ReplyEvent.ENDED, match=match), session)
        if session.outcome["urgency"] == "emergency":
            # "can I wait till Monday?": the same advice again, firmly and kindly
            messages = [
                self.content.text(session.lang, "ui", "emergency_repeat"),
                self._urgency_advice(session, "emergency"),
            ]
            return Turn(
                replies.reply(self, session, messages, ReplyEvent.ENDED, match=match), session
            )
        outcome = build_outcome(node, session, self.content)
        # the safety net returned above: an outcome reached here has a verdict
        assert outcome["urgency"] is not None and session.outcome["urgency"] is not None
        raised = higher(outcome["urgency"], session.outcome["urgency"]) == outcome["urgency"]
        wider = set(outcome["specialists"]) >= set(session.outcome["specialists"])
        if outcome != session.outcome and raised and wider:
            session.outcome = outcome
            messages = [self.content.text(session.lang, "ui", "advice_updated")]
            return Turn(
                replies.reply(self, session, messages, ReplyEvent.OUTCOME, match=match), session
            )
        return Turn(replies.render(self, session, [], ReplyEvent.ENDED, match=match), session)

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
        event = ReplyEvent.EMERGENCY_RULE if rule else ReplyEvent.ASKED
        return Turn(
            replies.reply(self, session, messages, event, chosen=option.id, match=match), session
        )

    def _pressed(self, session: Session, node: Node, option: Option) -> None:
        """A button answer is explicit: typed words later never silently override it."""
        concepts = [node.asks] if node.asks and option.id in ("yes", "no") else []
        for concept in [*concepts, *option.sets, *option.clears]:
            if concept not in session.pressed:
                session.pressed.append(concept)
            if concept in session.typed:
                session.typed.remove(concept)
        if node.asks and option.id == "no":
            # the person's own "No" at the question about it: their answer, not our reading
            session.concepts[node.asks] = False

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

    def _set_concept(
        self, session: Session, concept_id: str, affirmed: bool, pressed: bool = False
    ) -> None:
        red_flag = self._red_flag(concept_id)
        # A red flag once affirmed stays affirmed: a later "no" elsewhere in a message
        # must not talk the bot out of a warning sign - unless the person un-ticks it
        # themselves (it was only read from their words)
        told = red_flag and session.concepts.get(concept_id) is True and not affirmed
        if told and not (pressed and concept_id in session.typed):
            return
        session.concepts[concept_id] = affirmed
        if pressed:
            if concept_id not in session.pressed:
                session.pressed.append(concept_id)
            if concept_id in session.typed:
                session.typed.remove(concept_id)

    def _remember(self, session: Session, match: MatchResult, node: Node | None) -> None:
        if match.subject == "other" and match.subject_gender and not session.subject_gender:
            # the first message that tells who the person is («у мамы») words the rest for her
            session.subject_gender = match.subject_gender
        for found in match.concepts:
            known = session.concepts.get(found.id)
            red_flag = self._red_flag(found.id)
            if found.uncertain:
                if red_flag and known is None:  # never skipped, never taken as "no": asked
                    self.asking.ask(
                        session, {"kind": "confirm", "concept": found.id, "why": "uncertain"}
                    )
                continue
            affirmed = not found.negated
            own_question = node is not None and node.asks == found.id
            if found.negated and self._level(found.id) == "emergency" and not own_question:
                # "no fever and numb between my legs": a denial read from a description is
                # never trusted for an emergency sign - its checklist still asks about it
                continue
            if (
                affirmed
                and not session.ended  # after the advice an added sign can only raise it
                and known is False
                and found.id in session.pressed
                and self._level(found.id) == "urgent"
            ):
                # typed words against a button answer: asked once, never overridden silently
                if found.id not in session.asked_again:
                    session.asked_again.append(found.id)
                    self.asking.ask(
                        session, {"kind": "confirm", "concept": found.id, "why": "conflict"}
                    )
                continue
            self._set_concept(session, found.id, affirmed)
            new = found.id not in session.pressed and found.id not in session.typed
            if affirmed and red_flag and not own_question and new:
                session.typed.append(found.id)

    def _hear_slots(self, session: Session, text: str, node: Node) -> None:
        """Answers to questions still ahead, shown back in one line to confirm."""
        heard = self.listener.heard(text)
        answers = {
            question: option
            for question, option in heard.answers.items()
            if question not in session.answers
            and question != node.id
            and question in self.dialogue.nodes
            and self.dialogue.nodes[question].option(option) is not None
        }
        # an answer that by itself means emergency care ("vomiting again and again" for "very
        # unwell?") is taken at once, however it was reported: no confirmation delays it
        for question, option_id in list(answers.items()):
            asked = self.dialogue.nodes[question]
            option = asked.option(option_id)
            leads = [self.dialogue.nodes[t.goto] for t in option.next] if option else []
            if any(n.type == "outcome" and n.urgency == "emergency" for n in leads):
                assert option is not None
                self._apply(session, asked, option)
                del answers[question]
        if answers:
            self.asking.ask(session, {"kind": "slots", "answers": answers, "side": heard.side})

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

    def arrive(self, session: Session, node_id: str, messages: list[str]) -> None:
        self._arrive(session, node_id, messages)

    def _arrive(self, session: Session, node_id: str, messages: list[str]) -> None:
        """Enter ``node_id`` and move on through information and already-answered steps."""
        session.outcome = None
        previous = session.node
        for _ in range(MAX_HOPS):
            node = self.dialogue.nodes[node_id]
            session.node = node_id
            if node.type == "info":
                messages.append(self.content.text(session.lang, "nodes", node.id))
                node_id = self._first(node.next, session, node)
                continue
            if node.type == "outcome":
                session.pending = []
                session.outcome = build_outcome(node, session, self.content)
                return
            skip = next((t for t in node.skip if holds(t.when, session, self.content)), None)
            if skip is not None:
                node_id = skip.goto
                continue
            answered = node.option(session.answers.get(node.id, ""))
            if answered is not None:  # answered ahead, in the person's own words
                rule = self._fired_rule(session)
                node_id = rule.goto if rule else self._first(answered.next, session, node)
                continue
            if node.type == "checklist":
                # ticked for them: the signs they already told us about, to see and untick
                kept = session.ticks if node_id == previous else []
                told = [
                    item.id
                    for item in node.items
                    if item.sets and all(session.concepts.get(c) is True for c in item.sets)
                ]
                session.ticks = [*kept, *(t for t in told if t not in kept)]
                return
            known = session.concepts.get(node.asks) if node.asks else None
            if known is True and node.asks in session.typed and self._red_flag(node.asks):
                return  # a warning sign only read from their words: asked, not assumed
            option = node.option("yes" if known else "no") if known is not None else None
            if option is not None:
                # already told us in their own words: do not ask again
                self._apply(session, node, option)
                rule = self._fired_rule(session)
                node_id = rule.goto if rule else self._first(option.next, session, node)
                continue
            return
        raise DialogueDefinitionError(f"more than {MAX_HOPS} steps without a question")

    # -- small facts ----------------------------------------------------------------

    def _level(self, concept_id: str) -> str | None:
        concept = self.content.concepts.get(concept_id)
        return concept.level if concept is not None else None

    def _red_flag(self, concept_id: str) -> bool:
        return self._level(concept_id) in RED_FLAG_LEVELS

    def _no_tells_a_sign(self, match: MatchResult, own: set[str], node: Node, text: str) -> bool:
        """Whether a message opening with "no" at a warning-sign question tells the sign: its
        words affirm it, or tell of a feeling lost where the question already names the place."""
        if any(c.id in own and not c.negated and self._red_flag(c.id) for c in match.concepts):
            return True
        asked = node.asks
        return asked is not None and self._red_flag(asked) and self.listener.lost_feeling(text)

    def _lost_there(self, match: MatchResult, node: Node, text: str) -> bool:
        """Whether a message that is no yes or no tells of a feeling lost, at a warning-sign
        question whose sign the matcher did not read in it (the place is the question's)."""
        asked = node.asks
        if asked is None or not self._red_flag(asked):
            return False
        return all(c.id != asked for c in match.concepts) and self.listener.lost_feeling(text)

    def _consent_reading(self, node: Node, text: str, reading: str | None) -> Option | None:
        """A short, clear yes or no typed at the consent question ("sure", «ага», "nope") is
        taken as the button would be; a longer message is read as a description instead."""
        assert self.dialogue.consent is not None
        if reading not in ("yes", "no") or len(text.split()) > CLEAR_ANSWER_WORDS:
            return None
        given = self.dialogue.consent[1]
        picked = [o for o in node.options if (o.id in given) == (reading == "yes")]
        return picked[0] if picked else None

    def _consent_node(self) -> str | None:
        return self.dialogue.consent[0] if self.dialogue.consent else None

    def _own_concepts(self, node: Node) -> set[str]:
        """The concepts a question's own answers decide."""
        own = {node.asks} if node.asks else set()
        for option in node.options:
            own.update(option.sets, option.clears)
        return own

    @staticmethod
    def _said_something(match: MatchResult | None) -> bool:
        return bool(match and match.concepts)

    def _urgency_advice(self, session: Session, urgency: str) -> str:
        return wording.urgency_text(self.content, session, urgency, "advice")

    def _question_text(self, session: Session, node: Node) -> str:
        return wording.question_text(self.content, session, node)


def _without(match: MatchResult, concepts: set[str]) -> MatchResult:
    kept = [c for c in match.concepts if c.id not in concepts]
    return MatchResult(match.lang, kept, match.subject, match.subject_gender)
