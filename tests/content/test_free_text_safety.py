"""An emergency sign is never stored as denied, driven through the real dialogue.

The first message of a conversation negates one sign (fever) and affirms an emergency one
(saddle numbness) in the same sentence, in both languages and several phrasings. Before the
clause-aware negation the negation of the fever reached over "and" / "и" and swallowed the
saddle numbness, and the dialogue went on as if it had been denied. Every such message must
end in the emergency advice, at once, through the real Engine with the shipped dialogue and
content, and through `python -m bot simulate` as a person's first line.

The first message is sent as the very first input: the emergency rule reads typed text at
any step, the consent question included (the consent flow itself is issue 15's).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.engine import Engine
from bot.settings import PROJECT_ROOT
from tests.conftest import talk

NEGATED_FEVER_AFFIRMED_SADDLE = [
    ("en", "no fever and numb between my legs"),
    ("en", "I don't have a fever and my groin has gone numb"),
    ("en", "no temperature, but I can't feel my bum when I wipe"),
    ("en", "haven't had any fever and there's no feeling down there since yesterday"),
    ("en", "fever - none. numbness around my anus since this morning"),
    ("en", "never had a temperature with it and now my backside is numb"),
    ("en", "without warning my groin went numb, no fever though"),
    ("ru", "температуры нет и немеет промежность"),
    ("ru", "температуры нет, а промежность онемела"),
    ("ru", "без температуры, но онемели ягодицы и пах"),
    ("ru", "жара не было и не чувствую промежность"),
    ("ru", "не температурю и онемело между ног"),
    ("ru", "без причины онемела промежность, температуры нет"),
    ("ru", "temperatury net i onemela promezhnost"),
]


@pytest.mark.parametrize("lang, text", NEGATED_FEVER_AFFIRMED_SADDLE)
def test_first_message_with_a_negated_fever_and_saddle_numbness_is_an_emergency(
    engine: Engine, lang: str, text: str
) -> None:
    turn = talk(engine, text, lang=lang)
    assert turn.reply.outcome is not None, turn.reply.node
    assert turn.reply.outcome["urgency"] == "emergency", turn.reply.outcome
    assert "saddle_numbness" in turn.reply.outcome["red_flags"], turn.reply.outcome
    assert "fever" not in turn.reply.outcome["red_flags"], turn.reply.outcome


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "no fever and I can't control my bladder"),
        ("en", "I don't have a temperature and couldn't pee all day"),
        ("ru", "температуры нет и не могу пописать с утра"),
        ("ru", "жара нет, но обмочился ни с того ни с сего"),
    ],
)
def test_first_message_with_a_negated_fever_and_a_bladder_problem_is_an_emergency(
    engine: Engine, lang: str, text: str
) -> None:
    turn = talk(engine, text, lang=lang)
    assert turn.reply.outcome is not None and turn.reply.outcome["urgency"] == "emergency", (
        turn.reply.node
    )
    assert "bladder_dysfunction" in turn.reply.outcome["red_flags"]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "no fever and numb between my legs"),
        ("ru", "температуры нет и немеет промежность"),
    ],
)
def test_simulate_first_line_reaches_emergency(lang: str, text: str) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "bot", "simulate", "--lang", lang],
        input=text + "\n",
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=60,
        check=True,
    )
    first = json.loads(run.stdout.splitlines()[0])
    assert first["outcome"]["urgency"] == "emergency", first
    assert "saddle_numbness" in first["outcome"]["red_flags"], first


# Wordings nobody tuned the lexicon for (issue 14's second round): each CLASS of language, as
# a person's first message, must end in the emergency advice with that sign among the red flags.
UNTUNED_EMERGENCIES = [
    ("en", "my bum feels like rubber since this morning", "saddle_numbness"),
    ("en", "no numbness in my legs, only in my groin", "saddle_numbness"),
    ("en", "she says she can't feel the toilet seat under her at all", "saddle_numbness"),
    ("en", "my manhood hasn't worked since the sciatica started", "sexual_dysfunction"),
    ("en", "a bull pinned me against the fence and my back is agony", "major_trauma"),
    ("en", "i jumped off the balcony and landed on my back", "major_trauma"),
    ("en", "keep having accidents with my wee out of nowhere", "bladder_dysfunction"),
    ("en", "first my foot dragged a little, now i trip constantly", "progressive_weakness"),
    ("ru", "ягодицы как деревянные, ничего не чувствую", "saddle_numbness"),
    ("ru", "онемения в ногах нет, только в паху", "saddle_numbness"),
    ("ru", "ни чуствую ягадиц и промешности", "saddle_numbness"),
    ("ru", "по мужской части ничего не получается после спины", "sexual_dysfunction"),
    ("ru", "выпрыгнул из окна второго этажа, спина болит", "major_trauma"),
    ("ru", "ни магу памочиться с утра", "bladder_dysfunction"),
    ("ru", "сначала ногу подворачивал, теперь спотыкаюсь постоянно", "progressive_weakness"),
]


@pytest.mark.parametrize("lang, text, sign", UNTUNED_EMERGENCIES)
def test_untuned_emergency_wordings_reach_the_emergency_advice(
    engine: Engine, lang: str, text: str, sign: str
) -> None:
    turn = talk(engine, text, lang=lang)
    assert turn.reply.outcome is not None, (text, turn.reply.node)
    assert turn.reply.outcome["urgency"] == "emergency", (text, turn.reply.outcome)
    assert sign in turn.reply.outcome["red_flags"], (text, turn.reply.outcome)


# Issue 14, third round: the classes that reached emergency only in part before it
THIRD_ROUND_EMERGENCIES = [
    # a sign told a clause or a sentence after its place
    ("en", "my groin... I mean, since yesterday it's gone completely numb", "saddle_numbness"),
    ("ru", "промежность... короче, со вчера вообще онемела", "saddle_numbness"),
    # the ending is denied, not the sign
    ("en", "neither the numbness in my bum nor the back pain has let up", "saddle_numbness"),
    ("ru", "ни онемение в паху, ни боль в спине не проходят", "saddle_numbness"),
    # words that do not say which: both signs (docs/clinical-rules.md)
    ("en", "had an accident in my trousers and my back is agony", "bladder_dysfunction"),
    ("en", "had an accident in my trousers and my back is agony", "bowel_incontinence"),
    ("ru", "не дотерпел до туалета, поясница болит", "bowel_incontinence"),
    # a vowel slip into a dictionary word, beside the place it names
    ("en", "cant feal my groin since this morning", "saddle_numbness"),
]


@pytest.mark.parametrize("lang, text, sign", THIRD_ROUND_EMERGENCIES)
def test_third_round_emergency_classes_reach_the_emergency_advice(
    engine: Engine, lang: str, text: str, sign: str
) -> None:
    turn = talk(engine, text, lang=lang)
    assert turn.reply.outcome is not None, (text, turn.reply.node)
    assert turn.reply.outcome["urgency"] == "emergency", (text, turn.reply.outcome)
    assert sign in turn.reply.outcome["red_flags"], (text, turn.reply.outcome)


# Issue 14, heldout6 round: emergency classes that were missed or stored as denied
HELDOUT6_ROUND_EMERGENCIES = [
    # a lost control told with a negated "have": the negation is the sign
    ("en", "I haven't had any control of my bladder since friday", "bladder_dysfunction"),
    ("ru", "со вчера нет никакого контроля над кишечником", "bowel_incontinence"),
    # the urge or the organ not felt, in any word order; what comes out by itself
    ("en", "I no longer feel the urge to poo, it just slips out on its own", "bowel_incontinence"),
    ("ru", "мочевой пузырь совсем не ощущаю, хожу по часам", "bladder_dysfunction"),
    ("ru", "перестал чувствовать, когда надо в туалет", "bowel_incontinence"),
    # injury mechanisms: struck by a heavy thing, thrown, crash slang
    ("en", "a girder swung round and smacked me in the back", "major_trauma"),
    ("ru", "на работе бревном прилетело по пояснице", "major_trauma"),
    ("ru", "разложился на мопеде, теперь поясница болит", "major_trauma"),
    # sexual function told by a trouble word or a perfect tense
    ("ru", "с эрекцией беда после того как сорвал спину", "sexual_dysfunction"),
    ("en", "nothing has worked in the bedroom since the disc went", "sexual_dysfunction"),
    # voiding with difficulty, in the third person
    ("ru", "брат мочится с трудом со вчерашнего дня", "bladder_dysfunction"),
    # a part gone to sleep that will not wake
    ("en", "my bum went numb on the train and it won't wake up", "saddle_numbness"),
    ("ru", "попа затекла с утра и никак не отходит", "saddle_numbness"),
    # «там» beside a word of intimacy; the groin typed as its sound-alike
    ("ru", "с эрекцией проблемы, и там всё как ватное", "saddle_numbness"),
    ("en", "my groan feels numb on the right", "saddle_numbness"),
]


@pytest.mark.parametrize("lang, text, sign", HELDOUT6_ROUND_EMERGENCIES)
def test_heldout6_round_emergency_classes_reach_the_emergency_advice(
    engine: Engine, lang: str, text: str, sign: str
) -> None:
    turn = talk(engine, text, lang=lang)
    assert turn.reply.outcome is not None, (text, turn.reply.node)
    assert turn.reply.outcome["urgency"] == "emergency", (text, turn.reply.outcome)
    assert sign in turn.reply.outcome["red_flags"], (text, turn.reply.outcome)
