"""Negation scope, on the real lexicon and the real cue file."""

import pytest

from bot.matcher import Matcher


def _state(matcher: Matcher, text: str) -> dict[str, bool]:
    """concept id -> negated?"""
    return {c.id: c.negated for c in matcher.match(text).concepts}


@pytest.mark.parametrize(
    "text, concept",
    [
        ("no fever", "fever"),
        ("I have no fever", "fever"),
        ("never had cancer", "cancer_history"),
        ("without any numbness", "numbness_tingling"),
        ("I don't have a temperature", "fever"),
        ("temp always normal", "fever"),
        ("не немеет", "numbness_tingling"),
        ("без температуры", "fever"),
        ("температуры нет", "fever"),
        ("нет температуры", "fever"),
        ("онемения нигде нет", "numbness_tingling"),
        ("тяжести не таскал", "lifting_onset"),
        ("не падал", None),
    ],
)
def test_negated(matcher: Matcher, text: str, concept: str | None) -> None:
    state = _state(matcher, text)
    if concept is None:
        assert not matcher.match(text).affirmed
    else:
        assert state.get(concept) is True, state


@pytest.mark.parametrize(
    "text, negated, affirmed",
    [
        ("no fever but my leg is numb", "fever", "numbness_tingling"),
        ("no fever, my leg is numb", "fever", "numbness_tingling"),
        ("нет температуры, но нога немеет", "fever", "numbness_tingling"),
        ("температуры нет, а нога немеет", "fever", "numbness_tingling"),
        ("no fever and I can't pee", "fever", "bladder_dysfunction"),
        ("не знобит и не могу помочиться", "fever", "bladder_dysfunction"),
    ],
)
def test_scope_ends_at_clause_boundary(
    matcher: Matcher, text: str, negated: str, affirmed: str
) -> None:
    state = _state(matcher, text)
    assert state.get(negated) is True, state
    assert state.get(affirmed) is False, state


@pytest.mark.parametrize(
    "text, concept",
    [
        ("can't feel my butt", "saddle_numbness"),
        ("не могу помочиться", "bladder_dysfunction"),
        ("I haven't been able to get it up", "sexual_dysfunction"),
        ("no feeling in my groin", "saddle_numbness"),
        ("нет эрекции уже неделю", "sexual_dysfunction"),
        ("ночью боль не даёт уснуть", "night_pain"),
        ("не чувствую пол под ногами", "numbness_tingling"),
    ],
)
def test_pseudo_negations_are_symptoms(matcher: Matcher, text: str, concept: str) -> None:
    assert concept in matcher.match(text).affirmed


def test_affirmed_wins_over_negated(matcher: Matcher) -> None:
    result = matcher.match("вроде температурила, градусника нет, но знобило точно")
    assert "fever" in result.affirmed
    assert [c.id for c in result.concepts].count("fever") == 1


@pytest.mark.parametrize(
    "text, concepts",
    [
        ("no fever, chills or sweats", ["fever"]),
        ("no fever, chills, or sweats", ["fever"]),
        ("нет температуры, озноба или потливости", ["fever"]),
        ("без температуры, онемения или слабости в ногах", ["fever", "numbness_tingling"]),
        # a cue after the list reaches back over the commas the same way
        ("онемения, покалывания и слабости нет", ["numbness_tingling"]),
        ("температуры, озноба и онемения нет", ["fever", "numbness_tingling"]),
        ("numbness, tingling or weakness, none of that", ["numbness_tingling"]),
    ],
)
def test_negated_list_goes_on_over_commas(matcher: Matcher, text: str, concepts: list[str]) -> None:
    state = _state(matcher, text)
    for concept in concepts:
        assert state.get(concept) is True, state


@pytest.mark.parametrize(
    "text, negated, affirmed",
    [
        ("no fever, but my leg is numb", "fever", "numbness_tingling"),
        ("no fever, my leg is numb", "fever", "numbness_tingling"),
        ("no fever, leg is numb and weak", "fever", "numbness_tingling"),
        ("no numbness, can't pee", "numbness_tingling", "bladder_dysfunction"),
        ("no fever, numb leg and can't pee", "fever", "bladder_dysfunction"),
        ("leg numb, fever and chills gone", "fever", "numbness_tingling"),
        ("не немеет, но болит и не могу помочиться", "numbness_tingling", "bladder_dysfunction"),
        ("нет онемения, не могу помочиться", "numbness_tingling", "bladder_dysfunction"),
        ("нет температуры, нога немеет и болит", "fever", "numbness_tingling"),
        ("нет температуры, нога немеет и не могу помочиться", "fever", "bladder_dysfunction"),
        ("температуры нет, нога немеет и болит", "fever", "numbness_tingling"),
    ],
)
def test_comma_keeps_the_statement_after_it(
    matcher: Matcher, text: str, negated: str, affirmed: str
) -> None:
    """Safety: a comma continues a negation only into a closed list of short items; a
    statement ("my leg is numb", "нога немеет") or a phrase with its own negation
    ("can't pee") after the comma stays affirmed."""
    state = _state(matcher, text)
    assert state.get(negated) is True, state
    assert state.get(affirmed) is False, state


def test_comma_list_must_be_closed_by_a_list_word(matcher: Matcher) -> None:
    # no "or" / "и" closes the list: the piece after the comma is its own clause
    assert _state(matcher, "no fever, numb leg").get("numbness_tingling") is False
    assert _state(matcher, "no fever. chills or sweats").get("fever") is False
    assert _state(matcher, "не немеет, но болит").get("numbness_tingling") is True


def _reading(matcher: Matcher, text: str, concept: str) -> str:
    """ "affirmed", "negated", "uncertain" or "absent" for one concept of ``text``."""
    for c in matcher.match(text).concepts:
        if c.id == concept:
            return "uncertain" if c.uncertain else "negated" if c.negated else "affirmed"
    return "absent"


@pytest.mark.parametrize(
    "text, concept",
    [
        # a new predicate after "and" / "и" / "а" / "но" opens a clause of its own
        ("no fever and numb between my legs", "saddle_numbness"),
        ("I don't have a fever and can't control my bladder", "bladder_dysfunction"),
        ("no temperature and my groin went numb", "saddle_numbness"),
        ("температуры нет и немеет промежность", "saddle_numbness"),
        ("жара нет и не могу пописать", "bladder_dysfunction"),
        ("не лихорадит, а ягодицы онемели", "saddle_numbness"),
        ("без температуры и онемела промежность", "saddle_numbness"),
    ],
)
def test_negation_ends_at_a_new_predicate(matcher: Matcher, text: str, concept: str) -> None:
    assert _reading(matcher, text, concept) == "affirmed"
    assert _reading(matcher, text, "fever") == "negated"


@pytest.mark.parametrize(
    "text, concept",
    [
        ("without warning my groin went numb", "saddle_numbness"),
        ("for no reason I wet myself at work", "bladder_dysfunction"),
        ("no idea why but I can't feel my bum", "saddle_numbness"),
        ("без причины онемела промежность", "saddle_numbness"),
        ("ни с того ни с сего обмочился", "bladder_dysfunction"),
        ("непонятно почему онемели ягодицы", "saddle_numbness"),
    ],
)
def test_pseudo_negations_stay_affirmative(matcher: Matcher, text: str, concept: str) -> None:
    assert _reading(matcher, text, concept) == "affirmed"


@pytest.mark.parametrize(
    "text, concept",
    [
        ("онемения нет", "numbness_tingling"),
        ("numbness - none", "numbness_tingling"),
        ("температура: нет", "fever"),
        ("chest pain? no.", "chest_pain"),
        ("слабость в ноге сильнее не становится", "progressive_weakness"),
        ("denies fever", "fever"),
        ("отрицает температуру", "fever"),
        ("temperature is fine", "fever"),
        ("температура в норме", "fever"),
        ("coughing makes no difference to the pain", "worse_cough_sitting"),
        ("neither fever nor chills", "fever"),
        ("ни температуры, ни озноба", "fever"),
    ],
)
def test_negation_forms(matcher: Matcher, text: str, concept: str) -> None:
    assert _reading(matcher, text, concept) in ("negated", "absent"), text
    assert concept not in matcher.match(text).affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        ("it isn't that I can't pee, it just burns", "bladder_dysfunction"),
        ("не то чтобы я не могу пописать, просто часто бегаю", "bladder_dysfunction"),
    ],
)
def test_double_negation_is_not_a_symptom(matcher: Matcher, text: str, concept: str) -> None:
    assert concept not in matcher.match(text).affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        ("I used to have numbness in my legs", "numbness_tingling"),
        ("раньше немели пальцы, сейчас только поясница", "numbness_tingling"),
        ("температура была, но прошла, а поясница болит", "fever"),
        ("had a fever last spring, this is different", "fever"),
    ],
)
def test_over_and_done_is_not_affirmed(matcher: Matcher, text: str, concept: str) -> None:
    assert concept not in matcher.match(text).affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        ("fell off a ladder years ago", "major_trauma"),
        ("рак был пять лет назад", "cancer_history"),
        ("почечная колика была в прошлом году, сейчас похоже снова", "renal_colic"),
    ],
)
def test_past_that_counts_or_comes_back(matcher: Matcher, text: str, concept: str) -> None:
    assert concept in matcher.match(text).affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        # far, across "and" with no new predicate, or hedged: a red flag is asked, not denied
        ("no fever and numbness in the groin", "saddle_numbness"),
        ("I don't think my groin is numb", "saddle_numbness"),
        ("I used to have numbness in my groin", "saddle_numbness"),
        ("не было температуры и онемения промежности", "saddle_numbness"),
        ("вроде не немеет промежность", "saddle_numbness"),
        ("cant say ive lost any weight", "weight_loss"),
    ],
)
def test_red_flag_under_a_vague_negation_is_uncertain(
    matcher: Matcher, text: str, concept: str
) -> None:
    assert _reading(matcher, text, concept) == "uncertain"


@pytest.mark.parametrize(
    "text, concept",
    [
        ("no numbness in the groin", "saddle_numbness"),
        ("I can pee fine, no incontinence", "bladder_dysfunction"),
        ("нет онемения в промежности", "saddle_numbness"),
        ("температуры нет", "fever"),
        ("no fever or chills", "fever"),
    ],
)
def test_red_flag_under_a_firm_close_negation_is_negated(
    matcher: Matcher, text: str, concept: str
) -> None:
    assert _reading(matcher, text, concept) == "negated"


def test_russian_case_tells_a_new_statement_from_a_denied_list(matcher: Matcher) -> None:
    """«нет температуры и онемение в паху»: a nominative after «и» is a statement of its own;
    «... и онемения в паху» (genitive) goes on with the denied list - too vague for a red flag
    either way, so it is asked."""
    assert _reading(matcher, "нет температуры и онемение в паху", "saddle_numbness") == "affirmed"
    assert _reading(matcher, "не было температуры и недержание мочи", "bladder_dysfunction") == (
        "affirmed"
    )
    assert _reading(matcher, "нет температуры и онемения в паху", "saddle_numbness") == (
        "uncertain"
    )


@pytest.mark.parametrize(
    "text, concept",
    [
        (
            "раньше никогда не было проблем с мочеиспусканием, а сейчас не могу",
            "bladder_dysfunction",
        ),
        ("no fever, no weight loss, but I can't pee", "bladder_dysfunction"),
        ("she's not got a fever and she's wetting herself", "bladder_dysfunction"),
    ],
)
def test_what_was_denied_before_is_affirmed_now(matcher: Matcher, text: str, concept: str) -> None:
    assert _reading(matcher, text, concept) == "affirmed"


@pytest.mark.parametrize(
    "text, concept",
    [
        ("I'm scared I will wet myself", "bladder_dysfunction"),
        ("what if I can't pee", "bladder_dysfunction"),
        ("боюсь, что будет недержание", "bladder_dysfunction"),
        ("а вдруг онемеет промежность", "saddle_numbness"),
        ("I'm terrified I'll lose control of my bladder one day", "bladder_dysfunction"),
        ("frightened that my groin will go numb", "saddle_numbness"),
    ],
)
def test_a_feared_red_flag_is_asked_not_affirmed(matcher: Matcher, text: str, concept: str) -> None:
    assert _reading(matcher, text, concept) == "uncertain"


def test_a_fear_does_not_hide_ordinary_symptoms(matcher: Matcher) -> None:
    assert "low_back_pain" in matcher.match("боюсь, что поясница болит всё сильнее").affirmed


def test_terrified_then_a_present_red_flag_stays_affirmed(matcher: Matcher) -> None:
    assert (
        _reading(matcher, "I'm terrified, I can't pee since yesterday", "bladder_dysfunction")
        == "affirmed"
    )


@pytest.mark.parametrize(
    "text, concept, reading",
    [
        ("sensation in the saddle area intact", "saddle_numbness", "negated"),
        ("чувствительность в промежности сохранена", "saddle_numbness", "absent"),
        ("no one told me numbness in the groin is serious", "saddle_numbness", "affirmed"),
        ("никто не верит, но я обмочился", "bladder_dysfunction", "affirmed"),
        ("there's no way I can pee, I've tried for hours", "bladder_dysfunction", "affirmed"),
    ],
)
def test_words_that_look_like_negation_and_words_that_deny(
    matcher: Matcher, text: str, concept: str, reading: str
) -> None:
    assert _reading(matcher, text, concept) == reading


@pytest.mark.parametrize(
    "text, concept",
    [
        (
            "neither the pain low on the right of my tummy nor the nausea has let up",
            "abdominal_pain",
        ),
        ("ни тошнота ни боль справа внизу живота не проходят", "abdominal_pain"),
        ("neither the numbness in my groin nor the back pain has gone away", "saddle_numbness"),
        ("онемение в паху не проходит", "saddle_numbness"),
        ("the numbness in my groin hasn't gone away", "saddle_numbness"),
    ],
)
def test_a_denied_ending_keeps_the_sign(matcher: Matcher, text: str, concept: str) -> None:
    found = {c.id: c for c in matcher.match(text).concepts}
    assert concept in found and not found[concept].negated and not found[concept].uncertain


def test_an_ending_after_a_past_cue_is_over_and_done(matcher: Matcher) -> None:
    """Only a plain cue in front turns an ending round: «раньше ..., сейчас прошло» is past."""
    found = {c.id: c for c in matcher.match("раньше немели пальцы на ноге, сейчас прошло").concepts}
    assert found["numbness_tingling"].negated


@pytest.mark.parametrize(
    "text, concept",
    [
        ("какая беременность, мне 61 год", "pregnancy"),
        ("какая уж там беременность) климакс лет пять как", "pregnancy"),
        ("какая ещё беременность? муж в командировке полгода", "pregnancy"),
        ("какая тут беременность в мои годы", "pregnancy"),
        ("what pregnancy, I'm 58 and had a hysterectomy", "pregnancy"),
        ("what pregnancy lol, my youngest is 30", "pregnancy"),
    ],
)
def test_a_rhetorical_what_denies_the_noun(matcher: Matcher, text: str, concept: str) -> None:
    result = matcher.match(text)
    assert concept in result.negated
    assert concept not in result.affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        ("какой там рак, просто спину потянула на даче", "cancer_history"),
        ("what cancer lol, I just pulled my back gardening", "cancer_history"),
    ],
)
def test_a_rhetorical_denial_of_a_red_flag_is_asked_not_dropped(
    matcher: Matcher, text: str, concept: str
) -> None:
    result = matcher.match(text)
    assert concept in result.uncertain
    assert "lifting_onset" in result.affirmed or "low_back_pain" in result.affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        ("какая боль! ещё и пописать не могу", "bladder_dysfunction"),
        ("what causes numbness in the leg? mine is numb since friday", "numbness_tingling"),
        ("я беременна, какая таблетка от спины поможет?", "pregnancy"),
    ],
)
def test_a_real_question_or_exclamation_is_no_denial(
    matcher: Matcher, text: str, concept: str
) -> None:
    assert concept in matcher.match(text).affirmed


@pytest.mark.parametrize(
    "text",
    ["pregnant? at 59? no chance", "pregnant? me? no", "беременна? в мои 58? нет",
     "беременность? у меня? нет"],
)  # fmt: skip
def test_an_answer_reaches_over_a_short_echoed_question(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert "pregnancy" in result.negated


def test_a_red_flag_before_an_echoed_question_is_asked_not_dropped(matcher: Matcher) -> None:
    result = matcher.match("numb groin? for days? no, weeks")
    assert "saddle_numbness" not in result.negated


@pytest.mark.parametrize(
    "text",
    [
        "car crash 12 years ago, nothing to do with this; the lower back has ached for a week",
        "упал с крыши в прошлом году, с этим не связано, а сейчас ноет поясница",
    ],
)
def test_a_history_set_aside_is_asked_not_affirmed(matcher: Matcher, text: str) -> None:
    assert _reading(matcher, text, "major_trauma") == "uncertain"


@pytest.mark.parametrize(
    "text", ["my groin has gone fuzzy", "inner thighs have gone woolly since monday"]
)
def test_gone_before_a_likeness_of_numbness_is_the_sign_not_its_end(
    matcher: Matcher, text: str
) -> None:
    assert _reading(matcher, text, "saddle_numbness") == "affirmed"


@pytest.mark.parametrize(
    "text, concepts",
    [
        ("I haven't had any trouble peeing, numbness or weakness", ["numbness_tingling"]),
        ("never had problems passing urine, numbness or weakness", ["numbness_tingling"]),
        ("не было проблем с мочеиспусканием, онемения или слабости", ["numbness_tingling"]),
    ],
)
def test_a_list_after_the_denied_verbs_first_item(
    matcher: Matcher, text: str, concepts: list[str]
) -> None:
    affirmed = matcher.match(text).affirmed
    assert not set(concepts) & set(affirmed)
    assert "bladder_dysfunction" not in affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        # the cue's own piece is the verb it denies, not a list item
        (
            "в туалет хожу как обычно, ничего не изменилось, боль в ягодице и по задней "
            "поверхности бедра",
            "radiating_leg_pain",
        ),
        ("I haven't had a fever, numb groin and wet myself", "bladder_dysfunction"),
        ("I haven't had a fever, but I've been wetting myself", "bladder_dysfunction"),
    ],
)
def test_a_statement_after_a_denial_is_no_list_item(
    matcher: Matcher, text: str, concept: str
) -> None:
    assert concept in matcher.match(text).affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        # «не» right before a predicate denies its clause back to its start
        ("поясница ноет, в бедро не стреляет", "radiating_leg_pain"),
        ("спина болит после дачи, в ногу не отдаёт", "radiating_leg_pain"),
        ("lower back aches, it doesn't go down my leg", "radiating_leg_pain"),
        # over and done, told with a duration in a clause of its own
        ("раньше кололо в стопе, уже год как нет", "numbness_tingling"),
        ("had tingling in my foot, haven't had that for years", "numbness_tingling"),
        # double negation variants
        ("it isn't like I can't pee", "bladder_dysfunction"),
        ("не сказать что не могу пописать", "bladder_dysfunction"),
    ],
)
def test_denied_after_the_symptom_or_over(matcher: Matcher, text: str, concept: str) -> None:
    assert concept not in matcher.match(text).affirmed, text


@pytest.mark.parametrize(
    "text, concept",
    [
        ("I did wet myself once on Monday but it's not happening now", "bladder_dysfunction"),
        ("I wet myself on Monday, hasn't happened since", "bladder_dysfunction"),
        ("the numbness in my groin has stopped", "numbness_tingling"),
        ("the tingling between my legs has stopped completely", "saddle_numbness"),
        ("онемение в промежности было, сейчас уже нет", "saddle_numbness"),
        ("немела промежность, прошло", "saddle_numbness"),
        ("had a temperature last week, gone now", "fever"),
        ("температура была 38, уже спала", "fever"),
    ],
)
def test_a_sign_over_and_done_is_not_affirmed(matcher: Matcher, text: str, concept: str) -> None:
    assert concept not in matcher.match(text).affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        ("down below it's like the novocaine at the dentist never wore off", "saddle_numbness"),
        ("my groin went numb and it hasn't stopped", "saddle_numbness"),
        ("the fever went away but now I can't feel my bum at all", "saddle_numbness"),
        ("температура прошла, а онемение в промежности осталось", "saddle_numbness"),
        ("I can't feel my groin, the pain in my back has stopped", "saddle_numbness"),
    ],
)
def test_a_sign_that_goes_on_stays_affirmed(matcher: Matcher, text: str, concept: str) -> None:
    result = matcher.match(text)
    assert concept in result.affirmed
    assert concept not in result.negated


@pytest.mark.parametrize(
    "text, concept",
    [
        # a red flag under «не» + predicate after it is asked, never taken as "no"
        ("онемела промежность, ноги не немеют", "saddle_numbness"),
        # a symptom that does not change goes on
        ("покалывание в стопе давно, не меняется", "numbness_tingling"),
        ("tingling in my toes for weeks, it doesn't change", "numbness_tingling"),
        ("температура не спадает и не уходит", "fever"),
    ],
)
def test_what_stays_affirmed(matcher: Matcher, text: str, concept: str) -> None:
    assert concept in matcher.match(text).affirmed, text


def test_a_red_flag_before_a_denied_predicate_is_asked_not_denied(matcher: Matcher) -> None:
    """«не» + a predicate reaching back is a hedged denial: a red flag under it is uncertain."""
    found = {c.id: c for c in matcher.match("онемение промежности не мешает ходить").concepts}
    saddle = found["saddle_numbness"]
    assert not saddle.negated and saddle.uncertain


@pytest.mark.parametrize(
    "text, concept",
    [
        ("температура спала, поясница болит", "fever"),
        ("жар вчера спал, а поясница ноет", "fever"),
        ("температуру сбили, теперь только поясница", "fever"),
        ("сбили температуру, но поясница болит", "fever"),
        ("температура ушла, осталась боль в пояснице", "fever"),
        ("температура больше не поднимается, поясница болит", "fever"),
        ("температура пришла в норму", "fever"),
        ("температуры уже нет, поясница болит", "fever"),
        ("онемение в левой ноге ушло, поясница болит", "numbness_tingling"),
        ("температура снизилась до нормы, болит поясница", "fever"),
        ("озноб прекратился, поясница ноет", "fever"),
        ("температура держалась два дня, в среду спала", "fever"),
        ("онемение в ноге больше не возвращалось", "numbness_tingling"),
        ("the fever went down, my lower back still hurts", "fever"),
        ("my fever broke yesterday, now just the lower back", "fever"),
        ("the temperature came down overnight", "fever"),
    ],
)
def test_a_symptom_that_went_down_is_over(matcher: Matcher, text: str, concept: str) -> None:
    """Over and done is not affirmed: an ordinary symptom is denied, a red flag (fever is
    urgent) is asked, never taken for present."""
    result = matcher.match(text)
    assert concept not in result.affirmed
    if concept == "fever":
        assert concept in result.uncertain


@pytest.mark.parametrize(
    "text, concept",
    [
        ("обмочился ночью, пока спал", "bladder_dysfunction"),
        ("описался, когда спал, спина болит", "bladder_dysfunction"),
        ("поясница болит, спала плохо", "low_back_pain"),
        ("от боли в пояснице не спала всю ночь", "low_back_pain"),
        ("боль из поясницы ушла в ногу", "radiating_leg_pain"),
        ("меня сбила машина, болит поясница", "major_trauma"),
        ("стопа больше не поднимается", "progressive_weakness"),
        ("чувствительность в паху ушла", "saddle_numbness"),
        ("сила в ногах ушла", "leg_weakness"),
        ("чувствительность в паху снизилась", "saddle_numbness"),
        ("проснулся мокрый, спал", "bladder_dysfunction"),
        ("the pain went down my leg to the foot", "radiating_leg_pain"),
    ],
)
def test_a_sleep_a_blow_a_way_or_a_lost_sense_is_no_ending(
    matcher: Matcher, text: str, concept: str
) -> None:
    """«спал», «сбила», «ушла», "went down" end only a symptom named as their subject: a
    sleep, a car that hit, a pain that went into the leg or a sense that left stay signs."""
    assert concept in matcher.match(text).affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        ("не могу сказать что не чувствую ягодицы, чувствую нормально", "saddle_numbness"),
        ("не скажу, что промежность онемела", "saddle_numbness"),
        ("I wouldn't say I can't feel my bum, it feels normal", "saddle_numbness"),
        ("I can't say I can't pee, it comes out fine", "bladder_dysfunction"),
    ],
)
def test_a_double_negation_with_a_verb_of_saying_is_no_sign(
    matcher: Matcher, text: str, concept: str
) -> None:
    assert concept not in matcher.match(text).affirmed, text


@pytest.mark.parametrize(
    "text, denied, affirmed",
    [
        ("numbness isn't an issue but I wet myself", "numbness_tingling", "bladder_dysfunction"),
        (
            "numbness is not a problem, but I've started leaking urine",
            "numbness_tingling",
            "bladder_dysfunction",
        ),
        ("онемение не проблема, но описалась", "numbness_tingling", "bladder_dysfunction"),
    ],
)
def test_a_sign_set_aside_is_denied_and_the_next_one_stands(
    matcher: Matcher, text: str, denied: str, affirmed: str
) -> None:
    result = matcher.match(text)
    assert denied in result.negated and affirmed in result.affirmed, text


@pytest.mark.parametrize(
    "text, concept",
    [
        (
            "непонятно почему перестала чувствовать, когда хочу по-маленькому, течёт само",
            "bladder_dysfunction",
        ),
        ("не понятно почему, но обмочилась ночью", "bladder_dysfunction"),
        ("no idea why but my groin has gone numb", "saddle_numbness"),
        ("no idea why but I can't tell when my bowels need to go", "bowel_incontinence"),
    ],
)
def test_no_idea_why_before_a_red_flag_stays_affirmative(
    matcher: Matcher, text: str, concept: str
) -> None:
    assert concept in matcher.match(text).affirmed, text


@pytest.mark.parametrize(
    "text, concept",
    [
        ("for no clear reason I peed myself", "bladder_dysfunction"),
        ("for no real reason my groin went numb", "saddle_numbness"),
        ("no rhyme or reason, I wet myself", "bladder_dysfunction"),
        ("без особой причины обмочился", "bladder_dysfunction"),
        ("без явной причины онемели ягодицы", "saddle_numbness"),
        ("непонятно с чего онемела промежность", "saddle_numbness"),
    ],
)
def test_a_reason_denied_with_any_adjective_denies_no_red_flag(
    matcher: Matcher, text: str, concept: str
) -> None:
    result = matcher.match(text)
    assert concept in result.affirmed and concept not in result.negated, text


def test_not_saying_before_a_sign_does_not_affirm_it(matcher: Matcher) -> None:
    assert "saddle_numbness" not in matcher.match("I'm not saying I can't feel my groin").affirmed


def test_a_sign_that_does_not_bother_the_writer_is_still_there(matcher: Matcher) -> None:
    result = matcher.match("the numbness in my groin doesn't bother me much, my bladder is leaking")
    assert {"saddle_numbness", "bladder_dysfunction"} <= set(result.affirmed)


def test_a_negative_course_is_no_negation(matcher: Matcher) -> None:
    result = matcher.match("у папы слабость в ноге нарастает динамика отрицательная")
    assert "progressive_weakness" in result.affirmed


@pytest.mark.parametrize(
    "text, concept",
    [
        ("numb down there as usual", "saddle_numbness"),
        ("still wetting myself as normal", "bladder_dysfunction"),
    ],
)
def test_a_red_flag_told_as_usual_is_asked_never_denied(
    matcher: Matcher, text: str, concept: str
) -> None:
    """ "Peeing normally" denies the sign, but "as usual" after the sign itself tells it:
    the words are too weak to deny a red flag, so it is asked."""
    found = {c.id: c for c in matcher.match(text).concepts}
    assert concept in found and not found[concept].negated
