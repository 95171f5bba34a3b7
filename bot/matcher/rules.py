"""The matcher's rule files beside the phrases: negation cues (content/lexicon/negation.yaml)
and whose symptoms a message tells (content/lexicon/subject.yaml) - their data and readers.

Content is data: every cue, clause word and person word lives in YAML; this module parses
those files into ``NegationRules`` and ``SubjectRules`` and reports problems with file:line.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from bot.matcher.language import LANGUAGES
from bot.matcher.normalize import fold_word
from bot.problems import Problem
from bot.yamlfile import YamlFile

MAX_GAP = 12  # the widest reach of a cue, and the widest gap of a phrase
WORD = re.compile(r"^[^\W\d_]+$")


@dataclass(frozen=True, slots=True)
class Cue:
    """A negation cue (or a pseudo-negation) as a sequence of folded words."""

    words: tuple[str, ...]  # folded forms; a trailing "*" makes a word a prefix
    scope: int  # how many words it reaches (0 for pseudo-negations)
    # "plain": a clear negation; "vague": a hedge ("I don't think"), never trusted for a red
    # flag; "past": over and done ("used to", "прошло"), does not negate past-counting concepts;
    # "feared": a fear or a what-if ("I'm scared I'll"): a red flag after it is only asked
    kind: str = "plain"


@dataclass
class NegationRules:
    before: list[Cue] = field(default_factory=list)  # "no fever", "без температуры"
    after: list[Cue] = field(default_factory=list)  # "температуры нет", "temp normal"
    pseudo: list[Cue] = field(default_factory=list)  # "не могу", "no better": not negations
    boundaries: list[Cue] = field(default_factory=list)  # "but", "но": scope ends here
    # "or", "или": a list goes on, so the reach of a cue goes on ("no fever or chills")
    lists: list[Cue] = field(default_factory=list)
    # words that make a piece between commas a clause of its own, not an item of a negated
    # list ("no fever, my leg IS numb and tingles"); a leading "*" means any word ending so
    clause_words: list[str] = field(default_factory=list)
    # list words that keep a negation unambiguous ("no fever OR chills"); the others ("and",
    # "и") make it too vague to trust for a red flag ("no fever and numbness in the groin")
    firm_lists: list[Cue] = field(default_factory=list)
    # "this is different", "сейчас другое": what the sentence said before it is over and done
    contrast: list[Cue] = field(default_factory=list)
    # concepts that are about the past anyway: "over and done" does not negate them
    past_counts: list[str] = field(default_factory=list)
    # concepts that tell a cause ("lifting"): a cue in front of a symptom told with its cause
    # denies the cause ("I didn't hurt my back LIFTING, it just started")
    causes: list[str] = field(default_factory=list)
    # concepts of a sensation ("bladder full", "need to go"): told after "I know when" /
    # «чувствую, когда» they say the sensation is there, not the symptom (see ``sensing``)
    sensed: list[str] = field(default_factory=list)
    # "I know when", "can tell when", «чувствую, когда»: the frame that tells a sensation kept
    sensing: list[Cue] = field(default_factory=list)
    # "full control", "no problem holding", «полностью контролирую»: a function told intact
    # before the words of a sensed concept; ``kept_lost`` just before it turns it round
    # ("LOST full control of my bladder")
    kept: list[Cue] = field(default_factory=list)
    kept_lost: list[str] = field(default_factory=list)
    # concepts whose exclude phrases are an excuse ("dieting, lost weight"): a plain negation in
    # front of the excuse ("lost 6 kg WITHOUT dieting") lets the concept stand
    excuses: list[str] = field(default_factory=list)
    # concept -> the concepts whose phrases hold it: its words told only inside such a phrase
    # are that concept's ("pins and needles in the saddle" is saddle numbness, not the leg's)
    within: dict[str, list[str]] = field(default_factory=dict)
    # the first words of the cues that negate a verb ("didnt", «не»): only these move their
    # focus to a cause; "no back pain after lifting" still denies the pain
    cause_cues: set[str] = field(default_factory=set)
    # a lone answer after a question or a colon: "chest pain? no."
    answers: list[Cue] = field(default_factory=list)
    # "it isn't that", "не то чтобы": negate even a phrase with its own negation
    doubles: list[Cue] = field(default_factory=list)
    # "вроде", "I think": a negation in the same clause is only a doubtful one
    hedges: list[Cue] = field(default_factory=list)
    # "again", "снова": what was over and done is back
    recurrence: list[Cue] = field(default_factory=list)
    # words that may stand beside an after-cue in a clause of its own ("but it's gone NOW")
    fillers: list[str] = field(default_factory=list)
    # "now", «уже»: in a clause of its own after a symptom they make its cue tell a change
    # over time ("numb groin last week, fine NOW"): over and done, not never there
    now_words: list[str] = field(default_factory=list)
    # "feeling", «чувствительност*»: a sense whose "going away" is its loss, not an ending
    senses: list[str] = field(default_factory=list)
    # "loss", «потер*»: a phrase's own negation word before or after one denies the loss
    # ("no LOSS of bladder control"), not states the symptom
    losses: list[str] = field(default_factory=list)
    # "nor", «ни»: a comma piece opened by one is a new item of a denial ("нет онемения в паху,
    # ни боли"): no phrase reaches into it from before the comma
    denial_openers: list[str] = field(default_factory=list)
    # "what", «какая»: opening a clause before a lone noun ("what pregnancy, I'm 56") or a
    # particle («какая ТАМ беременность») it asks a question that denies the noun
    rhetorical: list[str] = field(default_factory=list)
    rhetorical_particles: list[str] = field(default_factory=list)
    # "only", «только»: a short clause opened by one of these, after a denied one, keeps the
    # denied clause's symptom and names another place: "no numbness in my legs, only in my groin"
    ellipsis: list[Cue] = field(default_factory=list)
    # "don't have (any) control": a possession denied before a faculty (``faculties``) is its
    # loss, read as "no control"; ``lacking_fillers`` may stand between
    lacking: list[Cue] = field(default_factory=list)
    # «тоже», "either": a short clause ending so after a denied one is denied as well
    # («температуры нет, онемения тоже»)
    also: list[str] = field(default_factory=list)
    lacking_fillers: list[str] = field(default_factory=list)
    faculties: list[str] = field(default_factory=list)
    # "how much", «сколько стоит»: a sentence asking about a service or its price names body
    # parts and therapies, not the writer's symptoms
    services: list[Cue] = field(default_factory=list)
    # "let up", «проходит»: a predicate of ending. Under a negation in front of the symptoms
    # ("neither the pain nor the nausea has LET UP") it is the ending that is denied
    ceasing: list[Cue] = field(default_factory=list)
    # "hasn't let up", «не проходит»: an ending denied in so many words; the symptoms before
    # it in the clause go on ("ни тошнота, ни боль не проходят")
    unceasing: list[Cue] = field(default_factory=list)
    # «не» right before a predicate denies its whole clause, also the words before it: «в ногу
    # не отдаёт», «пах не немеет» (the reach is how many words back; a red flag is only asked)
    predicate_after: list[Cue] = field(default_factory=list)
    # «спала», «сбили», «ушло»: an ending whose subject is the symptom's own noun
    # («температура спала», «температуру сбили»); it ends only what a noun right before it
    # names, else it is a sleep («пока спал»), a blow («сбила машина») or a way («ушла в ногу»)
    subject_endings: list[Cue] = field(default_factory=list)
    # "unable to", "hasn't been able to", «не в состоянии»: an inability told in many words,
    # read as the form the phrases use ("cant", «не могу»; ``inability`` maps each cue to its
    # reading), so that every phrase of an inability holds for every way of telling it
    inability: list[Cue] = field(default_factory=list)
    inability_as: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    # the words that tell an inability cue may be in a message ("able", «состоянии»): each cue
    # holds one; a message with none is not looked at
    inability_words: set[str] = field(default_factory=set)


@dataclass
class SubjectRules:
    """Words that tell whose symptoms a message tells (content/lexicon/subject.yaml)."""

    self_words: set[str] = field(default_factory=set)
    other_words: set[str] = field(default_factory=set)
    possessives: set[str] = field(default_factory=set)
    on_behalf: list[Cue] = field(default_factory=list)
    # "my other half", «вторая половина»: a few words that together name another person
    other_phrases: list[Cue] = field(default_factory=list)
    # "asking for myself", «спрашиваю про себя»: the writer turns back to their own body
    for_self: list[Cue] = field(default_factory=list)
    # "I'm fine but my husband can't pee", «у меня всё нормально, а муж...»: the writer says
    # they are well, so their clause tells no complaint of their own
    well: list[Cue] = field(default_factory=list)
    # "my 15 yo son", «сыну 7 лет»: an age between a possessive and its relative
    age_words: set[str] = field(default_factory=set)
    # "my 9 yo CANT", "my 11 yr old GIRL": what shows that an age after "my" is a person
    after_age_words: set[str] = field(default_factory=set)
    # prepositions after which a person is company, not the patient ("with my wife")
    object_words: set[str] = field(default_factory=set)
    # "he TOLD me": after a verb of telling, "me" is who heard it, not whose symptom it is
    reporting_words: set[str] = field(default_factory=set)
    # «у»: before an animate noun it names whose body it is («у внука болит колено»)
    owner_words: set[str] = field(default_factory=set)
    # «у стоматолога», «у врача»: people one goes to; after «у» they name a place of a visit
    # («как после укола у стоматолога»), not whose body it is
    visited_words: set[str] = field(default_factory=set)
    # "my wife AND I": someone joined to the writer is company, not whose symptom it is
    joiner_words: set[str] = field(default_factory=set)
    # "LIFTED my son", "CARRIED my mum upstairs": a person the writer handled is the object of
    # the writer's own effort; the symptoms told with it are the writer's
    handling_words: set[str] = field(default_factory=set)
    # what may stand between such a verb and the person ("picked UP my (little) daughter")
    handled_between_words: set[str] = field(default_factory=set)
    # the other person's gender: nouns that name a woman or a man ("mum", «муж»), and the
    # weaker pronouns ("she", «он»), which a noun outvotes
    female_words: set[str] = field(default_factory=set)
    male_words: set[str] = field(default_factory=set)
    she_words: set[str] = field(default_factory=set)
    he_words: set[str] = field(default_factory=set)
    # «неделю», «месяц»: nouns of time, never what «он», «она» stand for («уже месяц он не
    # может пописать» is a person); dictionary forms
    time_words: set[str] = field(default_factory=set)


def parse_cue(text: str) -> tuple[str, ...]:
    words = tuple(fold_word(w.rstrip("*")) + ("*" if w.endswith("*") else "") for w in text.split())
    if not words or not all(WORD.match(w.rstrip("*")) for w in words):
        raise ValueError(f"{text!r}: a cue is one or more words")
    return words


def cue_variants(text: str) -> list[str]:
    """The cues a line stands for: a word written "a|b|c" is any one of them ("no clear|real
    reason|cause" is four cues)."""
    return [" ".join(words) for words in itertools.product(*(w.split("|") for w in text.split()))]


def _read_cues(
    doc: YamlFile,
    name: str,
    lang: str,
    raw: Any,
    scoped: bool,
    out: list[Cue],
    problems: list[Problem],
    kind: str = "plain",
) -> None:
    keys = ("languages", lang, name)
    if raw is None:
        return
    if scoped and not isinstance(raw, dict):
        problems.append(
            doc.problem(f"'{name}' must map each cue to how many words it reaches", *keys)
        )
        return
    if not scoped and not isinstance(raw, list):
        problems.append(doc.problem(f"'{name}' must be a list of words or phrases", *keys))
        return
    entries = raw.items() if scoped else ((item, 0) for item in raw)
    for i, (text, scope) in enumerate(entries):
        where = (*keys, text) if scoped else (*keys, i)
        if not isinstance(scope, int) or scope < 0 or scope > MAX_GAP:
            problems.append(doc.problem(f"cue {text!r}: reach must be 0..{MAX_GAP} words", *where))
            continue
        try:
            out.extend(Cue(parse_cue(variant), scope, kind) for variant in cue_variants(str(text)))
        except ValueError as error:
            problems.append(doc.problem(str(error), *where))


def _read_inability(
    doc: YamlFile,
    lang: str,
    rules: dict[str, Any],
    negation: NegationRules,
    problems: list[Problem],
) -> None:
    raw = rules.get("inability")
    if raw is None:
        return
    keys = ("languages", lang, "inability")
    telling = rules.get("inability_words")
    if not isinstance(telling, list) or not telling:
        problems.append(doc.problem("'inability_words' must list the words cues hold", *keys))
        return
    words_of = {fold_word(str(w)) for w in telling}
    if not isinstance(raw, dict):
        problems.append(
            doc.problem("'inability' must map each cue to the words it is read as", *keys)
        )
        return
    for text, read_as in raw.items():
        try:
            words, as_words = parse_cue(str(text)), parse_cue(str(read_as))
        except ValueError as error:
            problems.append(doc.problem(str(error), *keys, text))
            continue
        if any(w.endswith("*") for w in (*words, *as_words)):
            problems.append(doc.problem("an inability cue is whole words (no '*')", *keys, text))
            continue
        if words_of.isdisjoint(words):
            problems.append(doc.problem("the cue holds none of 'inability_words'", *keys, text))
            continue
        negation.inability.append(Cue(words, 0))
        negation.inability_as[words] = as_words
    negation.inability_words |= words_of


def read_negation_file(doc: YamlFile, negation: NegationRules, problems: list[Problem]) -> None:
    past = doc.data.get("past_counts") or []
    if not isinstance(past, list) or not all(isinstance(c, str) for c in past):
        problems.append(doc.problem("'past_counts' must be a list of concept ids", "past_counts"))
    else:
        negation.past_counts.extend(past)
    causes = doc.data.get("causes") or []
    if not isinstance(causes, list) or not all(isinstance(c, str) for c in causes):
        problems.append(doc.problem("'causes' must be a list of concept ids", "causes"))
    else:
        negation.causes.extend(causes)
    sensed = doc.data.get("sensed") or []
    if not isinstance(sensed, list) or not all(isinstance(c, str) for c in sensed):
        problems.append(doc.problem("'sensed' must be a list of concept ids", "sensed"))
    else:
        negation.sensed.extend(sensed)
    excuses = doc.data.get("excuses") or []
    if not isinstance(excuses, list) or not all(isinstance(c, str) for c in excuses):
        problems.append(doc.problem("'excuses' must be a list of concept ids", "excuses"))
    else:
        negation.excuses.extend(excuses)
    within = doc.data.get("within") or {}
    if not isinstance(within, dict) or not all(
        isinstance(v, list) and all(isinstance(c, str) for c in v) for v in within.values()
    ):
        problems.append(doc.problem("'within' must map a concept to a list of concepts", "within"))
    else:
        for inner, outers in within.items():
            negation.within.setdefault(str(inner), []).extend(outers)
    languages = doc.data.get("languages")
    if not isinstance(languages, dict):
        problems.append(doc.problem("'languages' must map ru/en to their cues"))
        return
    for lang, rules in languages.items():
        if lang not in LANGUAGES or not isinstance(rules, dict):
            problems.append(doc.problem(f"unknown language {lang!r} or no cues", "languages", lang))
            continue
        _read_cues(doc, "before", lang, rules.get("before"), True, negation.before, problems)
        _read_cues(doc, "after", lang, rules.get("after"), True, negation.after, problems)
        _read_cues(doc, "pseudo", lang, rules.get("pseudo"), False, negation.pseudo, problems)
        _read_cues(
            doc, "boundaries", lang, rules.get("boundaries"), False, negation.boundaries, problems
        )
        _read_cues(doc, "lists", lang, rules.get("lists"), False, negation.lists, problems)
        for name, target, kind in (
            ("vague_before", negation.before, "vague"),
            ("vague_after", negation.after, "vague"),
            ("past_before", negation.before, "past"),
            ("past_after", negation.after, "past"),
            ("past_after_subject", negation.subject_endings, "past"),
            ("feared", negation.before, "feared"),
        ):
            _read_cues(doc, name, lang, rules.get(name), True, target, problems, kind)
        _read_cues(
            doc, "firm_lists", lang, rules.get("firm_lists"), False, negation.firm_lists, problems
        )
        _read_cues(doc, "contrast", lang, rules.get("contrast"), False, negation.contrast, problems)
        _read_cues(doc, "answers", lang, rules.get("answers"), False, negation.answers, problems)
        _read_cues(doc, "doubles", lang, rules.get("doubles"), False, negation.doubles, problems)
        _read_cues(doc, "hedges", lang, rules.get("hedges"), False, negation.hedges, problems)
        _read_cues(doc, "ellipsis", lang, rules.get("ellipsis"), False, negation.ellipsis, problems)
        _read_cues(doc, "lacking", lang, rules.get("lacking"), False, negation.lacking, problems)
        _read_cues(doc, "services", lang, rules.get("services"), False, negation.services, problems)
        _read_cues(doc, "ceasing", lang, rules.get("ceasing"), False, negation.ceasing, problems)
        _read_cues(doc, "sensing", lang, rules.get("sensing"), False, negation.sensing, problems)
        _read_cues(doc, "kept", lang, rules.get("kept"), False, negation.kept, problems, "kept")
        _read_cues(
            doc, "unceasing", lang, rules.get("unceasing"), False, negation.unceasing, problems
        )
        _read_cues(
            doc, "recurrence", lang, rules.get("recurrence"), False, negation.recurrence, problems
        )
        _read_cues(
            doc,
            "predicate_after",
            lang,
            rules.get("predicate_after"),
            True,
            negation.predicate_after,
            problems,
            "vague",
        )
        _read_inability(doc, lang, rules, negation, problems)
        verbal = rules.get("cause_cues") or []
        if isinstance(verbal, list):
            negation.cause_cues.update(fold_word(str(w)) for w in verbal)
        else:
            problems.append(doc.problem("'cause_cues' must be a list of words", "languages", lang))
        for key, into in (
            ("fillers", negation.fillers),
            ("now_words", negation.now_words),
            ("senses", negation.senses),
            ("losses", negation.losses),
            ("lacking_fillers", negation.lacking_fillers),
            ("also", negation.also),
            ("faculties", negation.faculties),
            ("denial_openers", negation.denial_openers),
            ("rhetorical", negation.rhetorical),
            ("rhetorical_particles", negation.rhetorical_particles),
            ("kept_lost", negation.kept_lost),
        ):
            listed = rules.get(key) or []
            if isinstance(listed, list):
                into.extend(
                    fold_word(str(w).rstrip("*")) + ("*" if str(w).endswith("*") else "")
                    for w in listed
                )
            else:
                problems.append(doc.problem(f"'{key}' must be a list of words", "languages", lang))
        raw = rules.get("clause_words") or []
        if not isinstance(raw, list):
            problems.append(
                doc.problem(
                    "'clause_words' must be a list of words", "languages", lang, "clause_words"
                )
            )
            continue
        for i, word in enumerate(raw):
            folded = fold_word(str(word).lstrip("*"))
            if not WORD.match(folded):
                problems.append(
                    doc.problem(
                        f"{word!r}: a clause word is one word or *ending",
                        "languages",
                        lang,
                        "clause_words",
                        i,
                    )
                )
                continue
            negation.clause_words.append(("*" if str(word).startswith("*") else "") + folded)


def read_subject_file(doc: YamlFile, rules: SubjectRules, problems: list[Problem]) -> None:
    languages = doc.data.get("languages")
    if not isinstance(languages, dict):
        problems.append(doc.problem("'languages' must map ru/en to their words"))
        return
    for lang, block in languages.items():
        if lang not in LANGUAGES or not isinstance(block, dict):
            problems.append(
                doc.problem(f"unknown language {lang!r} or no words", "languages", lang)
            )
            continue
        for name, target in (
            ("self", rules.self_words),
            ("other", rules.other_words),
            ("possessives", rules.possessives),
            ("objects", rules.object_words),
            ("reporting", rules.reporting_words),
            ("owners", rules.owner_words),
            ("visited", rules.visited_words),
            ("joiners", rules.joiner_words),
            ("handling", rules.handling_words),
            ("handled_between", rules.handled_between_words),
            ("ages", rules.age_words),
            ("after_age", rules.after_age_words),
            ("female", rules.female_words),
            ("male", rules.male_words),
            ("she", rules.she_words),
            ("he", rules.he_words),
            ("times", rules.time_words),
        ):
            raw = block.get(name) or []
            if not isinstance(raw, list):
                problems.append(doc.problem(f"'{name}' must be a list of words", "languages", lang))
                continue
            for i, word in enumerate(raw):
                folded = fold_word(str(word))
                if not WORD.match(folded):
                    problems.append(
                        doc.problem(f"{word!r} is not one word", "languages", lang, name, i)
                    )
                    continue
                target.add(folded)
        _read_cues(doc, "on_behalf", lang, block.get("on_behalf"), False, rules.on_behalf, problems)
        _read_cues(
            doc,
            "other_phrases",
            lang,
            block.get("other_phrases"),
            False,
            rules.other_phrases,
            problems,
        )
        _read_cues(doc, "for_self", lang, block.get("for_self"), False, rules.for_self, problems)
        _read_cues(doc, "well", lang, block.get("well"), False, rules.well, problems)
