from __future__ import annotations

import pytest

from bot.dialogue.loader import DialogueError, load_dialogue

from ..conftest import DIALOGUE_FILE, FIXTURES


def test_loads_the_shipped_dialogue() -> None:
    dialogue = load_dialogue(DIALOGUE_FILE)
    assert dialogue.start == "welcome"
    saddle = dialogue.nodes["saddle"]
    assert saddle.asks == "saddle_numbness"
    assert [o.id for o in saddle.options] == ["yes", "no", "unsure"]
    assert dialogue.nodes["emergency"].urgency == "emergency"


def test_a_file_with_schema_errors_raises_with_file_and_line() -> None:
    path = FIXTURES / "dialogues" / "bad_urgency.yaml"
    with pytest.raises(DialogueError) as error:
        load_dialogue(path)
    assert f"{path}:10:" in str(error.value)
