"""``python -m bot validate``: every check of the dialogue and content files.

Each problem names the file and line an author has to open. The checks are those of
dialogues/README.md: schema, graph (targets, reachability, a way to an outcome from every
node), concepts, and a text for every node, option and doctor in every language.
"""

from __future__ import annotations

import string
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bot.callback_data import OPTION, callback
from bot.content import MENU_COMMANDS, Content, ContentError, load_content
from bot.dialogue.loader import build_dialogue, read_dialogue
from bot.dialogue.model import Dialogue
from bot.engine.checklists import DONE
from bot.engine.conditions import answers_in, concepts_in
from bot.problems import Problem
from bot.schemas import schema_problems
from bot.yamlfile import YamlFile

REQUIRED_UI_TEXTS = (
    "not_understood", "ended", "restart", "doctor", "because",
    "warning_signs", "booking", "disclaimer", "resumed", "book_button", "book_online",
    "booking_details", "help", "privacy", "language_prompt", "language_name", "forget_confirm",
    "forget_yes", "forget_no", "forgotten", "forget_cancelled", "text_only", "edited",
    "private_only", "slow_down", "stale", "error", "left_emergency", "advice_updated",
    "noted", "ticked", "unticked", "checklist_none", "checklist_done", "confirm_yes",
    "confirm_no", "confirm_unsure", "confirm_doubt", "confirm_uncertain", "confirm_conflict",
    "unsure_safer", "confirm_ticks", "ticks_ok", "ticks_change", "subject_question",
    "subject_self", "subject_other", "about_other", "for_other", "slots_heard", "slots_ok",
    "slots_no", "emergency_repeat", "language_switched", "switch_back", "other_cyrillic",
    "terminal_help", "preticked", "greeting", "greeting_consent",
)  # fmt: skip
URGENCY_LEVELS = ("emergency", "urgent", "soon", "routine")
# filled in by the engine, not from clinic.yaml
RUNTIME_PLACEHOLDERS = {
    "doctors", "reasons", "retention_days", "sessions", "events", "label", "sign", "signs",
    "items",
}  # fmt: skip


def validate(dialogue_paths: Iterable[Path], content_dir: Path) -> list[Problem]:
    """All problems of the given dialogue files checked against one content folder."""
    try:
        content = load_content(content_dir)
    except ContentError as error:
        return sorted(error.problems)
    problems = content_problems(content)
    for path in dialogue_paths:
        problems += _checked_dialogue(path, content)[1]
    return sorted(set(problems))


def load_checked(dialogue_path: Path, content_dir: Path) -> tuple[Dialogue, Content]:
    """The dialogue and the content, each read once, that ``validate`` finds no problem in;
    ``ContentError`` with every problem otherwise."""
    try:
        content = load_content(content_dir)
    except ContentError as error:
        raise ContentError(sorted(error.problems)) from None
    dialogue, found = _checked_dialogue(dialogue_path, content)
    problems = sorted(set(content_problems(content) + found))
    if problems or dialogue is None:
        raise ContentError(problems)
    return dialogue, content


def _checked_dialogue(path: Path, content: Content) -> tuple[Dialogue | None, list[Problem]]:
    file, problems = read_dialogue(path)
    if file is None or problems:
        return None, problems
    dialogue = build_dialogue(file)
    return dialogue, dialogue_problems(file, dialogue, content)


# -- content -----------------------------------------------------------------------


def content_problems(content: Content) -> list[Problem]:
    problems = schema_problems(content.files["concepts.yaml"], "content.schema.json", "concepts")
    clinic_file = content.files["clinic.yaml"]
    for lang in content.languages:
        if not content.text_files.get(lang):
            message = f"language {lang} has no texts/{lang}/*.yaml files"
            problems.append(clinic_file.problem(message, "languages"))
            continue
        for file in content.text_files[lang]:
            problems += schema_problems(file, "content.schema.json", "texts")
            problems += _placeholder_problems(file, content)
            problems += _female_problems(file, file.data, ())
        ui_file = content.text_file(lang, "ui")
        for key in REQUIRED_UI_TEXTS:
            if ui_file and not isinstance(content.lookup(lang, "ui", key), str):
                problems.append(ui_file.problem(f"missing text ui.{key}", "ui"))
        commands_file = content.text_file(lang, "commands")
        for name in MENU_COMMANDS:
            if commands_file and not isinstance(content.lookup(lang, "commands", name), str):
                problems.append(commands_file.problem(f"missing text commands.{name}", "commands"))
        urgency_file = content.text_file(lang, "urgency")
        for level in URGENCY_LEVELS:
            if urgency_file and not isinstance(content.lookup(lang, "urgency", level), dict):
                problems.append(urgency_file.problem(f"missing text urgency.{level}", "urgency"))
        for section in ("concepts", "concepts_other", "concepts_other_female"):
            concepts_file = content.text_file(lang, section)
            for concept_id in content.lookup(lang, section) or {}:
                if concepts_file and concept_id not in content.concepts:
                    message = f"unknown concept {concept_id!r}"
                    problems.append(concepts_file.problem(message, section, concept_id))
    problems += _lexicon_problems(content)
    return problems


def _female_problems(file: YamlFile, data: Any, path: tuple[str, ...]) -> list[Problem]:
    """A wording for a woman (``other_female``, ``<key>_other_female``) stands beside the
    wording for anyone else it refines (``other``, ``<key>_other``): the engine falls back
    to that one for a man or someone unknown, and without it she would get the writer's own
    «у вас». A section of them (``concepts_other_female``) holds only keys of its base."""
    if not isinstance(data, dict):
        return []
    problems = []
    for key, value in data.items():
        name = str(key)
        if name.endswith("other_female"):
            base = name.removesuffix("_female")
            if base not in data:
                message = f"{name!r} has no {base!r} beside it (the wording it refines)"
                problems.append(file.problem(message, *path, name))
            elif isinstance(value, dict) and isinstance(data[base], dict):
                for inner in value:
                    if inner not in data[base]:
                        message = f"{name}.{inner} has no {base}.{inner} (the wording it refines)"
                        problems.append(file.problem(message, *path, name, str(inner)))
        problems += _female_problems(file, value, (*path, name))
    return problems


def _placeholder_problems(file: YamlFile, content: Content) -> list[Problem]:
    known = set(content.clinic) | RUNTIME_PLACEHOLDERS
    problems = []
    for path, text in _strings(file.data, ()):
        try:
            fields = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
        except ValueError as error:
            problems.append(file.problem(f"broken {{placeholder}}: {error}", *path))
            continue
        for field in sorted(fields - known):
            problems.append(file.problem(f"unknown placeholder {{{field}}}", *path))
    return problems


def _strings(data: Any, path: tuple[str | int, ...]) -> Iterable[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in ("synonyms", "slots", "replies"):  # words and patterns, not texts
                yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))


def _lexicon_problems(content: Content) -> list[Problem]:
    if not (content.folder / "lexicon").is_dir():
        return []
    from bot.matcher.lexicon import validate_lexicon

    return validate_lexicon(content.folder)


# -- dialogue ----------------------------------------------------------------------


def dialogue_problems(file: YamlFile, dialogue: Dialogue, content: Content) -> list[Problem]:
    problems = _target_problems(file, dialogue)
    if problems:  # the graph checks below assume every target exists
        return problems
    problems += _reachability_problems(file, dialogue)
    problems += _meaning_problems(file, dialogue, content)
    problems += _text_problems(file, dialogue, content)
    problems += _slot_problems(file, dialogue, content)
    problems += _emergency_rule_problems(file, dialogue, content)
    return problems


def _emergency_rule_problems(file: YamlFile, dialogue: Dialogue, content: Content) -> list[Problem]:
    """Every emergency sign a tick or a button can affirm either leads straight to emergency
    advice or is caught by a global rule (the exhaustive walk proves where rules lead)."""
    caught_levels = {r.when.get("level") for r in dialogue.rules if r.when}
    caught = {c for r in dialogue.rules for c in concepts_in(r.when) if len(r.when or {}) == 1}
    problems = []

    def straight_to_emergency(option: Any) -> bool:
        targets = [dialogue.nodes.get(t.goto) for t in option.next] if option else []
        return bool(targets) and all(
            t is not None and t.type == "outcome" and t.urgency == "emergency" for t in targets
        )

    for node in dialogue.nodes.values():
        told = [node.asks] if node.asks and not straight_to_emergency(node.option("yes")) else []
        told += [c for o in node.options if not straight_to_emergency(o) for c in o.sets]
        for concept_id in told:
            concept = content.concepts.get(concept_id)
            if concept is None or concept.level != "emergency":
                continue
            if "emergency" not in caught_levels and concept_id not in caught:
                message = f"no rule stops the questionnaire for the emergency sign {concept_id!r}"
                problems.append(file.problem(message, "nodes", node.id))
    return problems


def _gotos(file: YamlFile) -> Iterable[tuple[str, tuple[str | int, ...]]]:
    """Every ``goto`` target written in the file, with its path (for its line)."""
    data = file.data
    yield data["start"], ("start",)
    for index, rule in enumerate(data.get("rules", [])):
        yield rule["goto"], ("rules", index, "goto")
    for node_id, node in data["nodes"].items():
        base = ("nodes", node_id)
        yield from _next_gotos(node.get("next"), (*base, "next"))
        for index, skip in enumerate(node.get("skip", [])):
            yield skip["goto"], (*base, "skip", index, "goto")
        for option_id, option in node.get("options", {}).items():
            path = (*base, "options", option_id)
            if isinstance(option, str):
                yield option, path
            else:
                yield from _next_gotos(option.get("next"), (*path, "next"))


def _next_gotos(
    raw: Any, path: tuple[str | int, ...]
) -> Iterable[tuple[str, tuple[str | int, ...]]]:
    if isinstance(raw, str):
        yield raw, path
    elif isinstance(raw, list):
        for index, item in enumerate(raw):
            yield item["goto"], (*path, index, "goto")


def _target_problems(file: YamlFile, dialogue: Dialogue) -> list[Problem]:
    return [
        file.problem(f"unknown node {target!r}", *path)
        for target, path in _gotos(file)
        if target not in dialogue.nodes
    ]


def _reachability_problems(file: YamlFile, dialogue: Dialogue) -> list[Problem]:
    problems = []
    edges = {node.id: set(node.targets) for node in dialogue.nodes.values()}
    rule_targets = {rule.goto for rule in dialogue.rules}
    reached = _closure([dialogue.start, *rule_targets], edges)
    for node in dialogue.nodes.values():
        if node.id not in reached:
            problems.append(
                file.problem(f"node {node.id!r} cannot be reached from the start", "nodes", node.id)
            )
    backwards: dict[str, set[str]] = {n: set() for n in dialogue.nodes}
    for source, targets in edges.items():
        for target in targets:
            backwards[target].add(source)
    outcomes = [n.id for n in dialogue.nodes.values() if n.type == "outcome"]
    if not outcomes:
        problems.append(file.problem("the dialogue has no outcome node", "nodes"))
    can_finish = _closure(outcomes, backwards)
    for node in dialogue.nodes.values():
        if node.id not in can_finish:
            message = (
                f"no outcome can be reached from node {node.id!r} (a dead end or a closed loop)"
            )
            problems.append(file.problem(message, "nodes", node.id))
    # info nodes move on without waiting: a cycle of them would never stop
    passing = {n.id: {t.goto for t in n.next} for n in dialogue.nodes.values() if n.type == "info"}
    for node_id in passing:
        if node_id in _closure(list(passing[node_id]), passing):
            problems.append(
                file.problem(
                    f"info node {node_id!r} leads back to itself without a question",
                    "nodes",
                    node_id,
                )
            )
    for node in dialogue.nodes.values():
        key = ("nodes", node.id)
        transitions = [("next", node.next)] + [
            (("options", o.id, "next"), o.next) for o in node.options
        ]
        for where, chain in transitions:
            if chain and chain[-1].when is not None:
                path = (*key, *where) if isinstance(where, tuple) else (*key, where)
                problems.append(
                    file.problem("the last `next` entry must have no `if` (the default)", *path)
                )
    return problems


def _closure(starts: list[str], edges: dict[str, set[str]]) -> set[str]:
    seen = set(starts)
    queue = deque(starts)
    while queue:
        for target in edges.get(queue.popleft(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _meaning_problems(file: YamlFile, dialogue: Dialogue, content: Content) -> list[Problem]:
    problems = []
    scores_given = {name for n in dialogue.nodes.values() for o in n.options for name in o.score}

    def check_condition(condition: Any, path: tuple[str | int, ...]) -> None:
        for concept_id in concepts_in(condition):
            if concept_id not in content.concepts:
                problems.append(file.problem(f"unknown concept {concept_id!r}", *path))
        for node_id, option_ids in answers_in(condition):
            node = dialogue.nodes.get(node_id)
            if node is None or not node.options:
                problems.append(
                    file.problem(f"`answered` names {node_id!r}, which is not a question", *path)
                )
                continue
            for option_id in option_ids:
                if node.option(option_id) is None:
                    problems.append(
                        file.problem(f"question {node_id!r} has no option {option_id!r}", *path)
                    )
        for name in _scores_in(condition):
            if name not in scores_given:
                problems.append(file.problem(f"no option gives score {name!r}", *path))

    for index, rule in enumerate(file.data.get("rules", [])):
        check_condition(rule["if"], ("rules", index, "if"))
    if dialogue.consent is not None:
        question, given = dialogue.consent
        check_condition({"answered": {question: list(given)}}, ("consent",))
    for node_id, raw in file.data["nodes"].items():
        base = ("nodes", node_id)
        for index, skip in enumerate(raw.get("skip", [])):
            check_condition(skip["if"], (*base, "skip", index, "if"))
        if isinstance(raw.get("next"), list):
            for index, item in enumerate(raw["next"]):
                check_condition(item.get("if"), (*base, "next", index, "if"))
        for option_id, option in raw.get("options", {}).items():
            if isinstance(option, dict):
                path = (*base, "options", option_id)
                for key in ("sets", "clears"):
                    for concept_id in option.get(key, []):
                        if concept_id not in content.concepts:
                            problems.append(
                                file.problem(f"unknown concept {concept_id!r}", *path, key)
                            )
                if isinstance(option.get("next"), list):
                    for index, item in enumerate(option["next"]):
                        check_condition(item.get("if"), (*path, "next", index, "if"))
        node = dialogue.nodes[node_id]
        for option in node.options:
            try:  # the data its Telegram button carries
                callback(OPTION, node.id, option.id)
            except ValueError:
                message = (
                    f"node and option ids too long for a Telegram button: {node.id}.{option.id}"
                )
                problems.append(file.problem(message, *base, "options", option.id))
        problems += _option_kind_problems(file, node, raw)
        if node.asks is not None:
            if node.asks not in content.concepts:
                problems.append(file.problem(f"unknown concept {node.asks!r}", *base, "asks"))
            if node.option("yes") is None or node.option("no") is None:
                problems.append(
                    file.problem(
                        "a question that `asks` a concept needs options `yes` and `no`",
                        *base,
                        "asks",
                    )
                )
    return problems


def _option_kind_problems(file: YamlFile, node: Any, raw: dict[str, Any]) -> list[Problem]:
    """A question's options all lead somewhere; a checklist has items (options without
    `next`, each affirming concepts or giving points) and may have exits (with `next`)."""
    base = ("nodes", node.id)
    problems = []
    for option_id, option in raw.get("options", {}).items():
        leads = isinstance(option, str) or "next" in option
        if node.type != "checklist" and not leads:
            problems.append(file.problem("an option needs `next`", *base, "options", option_id))
        meaningless = not leads and not option.get("sets") and not option.get("score")
        if node.type == "checklist" and meaningless:
            message = "a checklist item needs `sets` or `score` (what a tick means)"
            problems.append(file.problem(message, *base, "options", option_id))
        if node.type == "checklist" and option_id == DONE:
            message = f"`{DONE}` is the checklist's own button (None of these / Done)"
            problems.append(file.problem(message, *base, "options", option_id))
    if node.type == "checklist":
        if not node.items:
            problems.append(file.problem("a checklist needs items to tick", *base, "options"))
        try:
            callback(OPTION, node.id, DONE)
        except ValueError:
            problems.append(file.problem("node id too long for a Telegram button", *base))
    return problems


def _slot_problems(file: YamlFile, dialogue: Dialogue, content: Content) -> list[Problem]:
    """Each slot answers a real question with real options, and has words in every language."""
    problems = []
    for name, spec in dialogue.slots.items():
        path = ("slots", name)
        question = spec.get("question")
        node = dialogue.nodes.get(question) if question else None
        if question and (node is None or node.type != "question"):
            problems.append(file.problem(f"slot {name!r}: {question!r} is not a question", *path))
            continue
        options = [*spec.get("below", {}), *([spec["otherwise"]] if "otherwise" in spec else [])]
        for lang in content.languages:
            words = content.lookup(lang, "slots", name)
            if not isinstance(words, dict):
                problems.append(file.problem(f"slot {name!r} has no words in texts/{lang}/", *path))
                continue
            if spec.get("kind") == "words":
                options += [k for k in words if k not in ("numbers", "units", "fixed", "pattern")]
        for option_id in options:
            if node is not None and node.option(option_id) is None:
                message = f"slot {name!r}: question {question!r} has no option {option_id!r}"
                problems.append(file.problem(message, *path))
    return problems


def _scores_in(condition: Any) -> list[str]:
    if not isinstance(condition, dict):
        return []
    found = [condition["score"]] if "score" in condition else []
    for key in ("all", "any"):
        for inner in condition.get(key, []):
            found += _scores_in(inner)
    return found + _scores_in(condition.get("not"))


def _text_problems(file: YamlFile, dialogue: Dialogue, content: Content) -> list[Problem]:
    problems = []
    specialists = {s for n in dialogue.nodes.values() for s in n.specialists}
    specialists |= {s for c in content.concepts.values() for s in c.route}
    for lang in content.languages:
        texts_name = f"texts/{lang}/"
        specialists_file = content.text_file(lang, "specialists")
        if specialists_file is None:
            continue  # reported with the content
        for node in dialogue.nodes.values():
            where = ("nodes", node.id)
            if not _has_text(content.lookup(lang, "nodes", node.id)):
                problems.append(
                    file.problem(f"node {node.id!r} has no text in {texts_name}", *where)
                )
            for option in node.options:
                own = content.lookup(lang, "nodes", node.id, "options", option.id)
                shared = content.lookup(lang, "options", option.id)
                if own is None and shared is None:
                    message = f"option {option.id!r} has no label in {texts_name}"
                    hint = f"(nodes.{node.id}.options or options)"
                    problems.append(file.problem(f"{message} {hint}", *where, "options", option.id))
        for specialist in sorted(specialists):
            if content.lookup(lang, "specialists", specialist) is None:
                message = f"missing text specialists.{specialist}"
                problems.append(specialists_file.problem(message, "specialists"))
    return problems


def _has_text(value: Any) -> bool:
    return isinstance(value, str) or (
        isinstance(value, dict) and isinstance(value.get("text"), str)
    )
