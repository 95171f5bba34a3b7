"""Meaning classes told in everyday words, in both languages: genital numbness, foot drop and
failing legs, falls from a height, and the look-alikes that are none of these."""

import pytest

from bot.matcher import Matcher


@pytest.mark.parametrize(
    "text",
    [
        "my bits feel dead",
        "no feeling in my private parts, like rubber",
        "my willy has gone numb since the weekend",
        "I can't feel my vagina at all",
        "не чувствую половые органы",
        "член онемел, как чужой",
        "пропала чувствительность половых органов",
    ],
)
def test_numb_genitals_are_a_saddle_and_a_sexual_sign(matcher: Matcher, text: str) -> None:
    assert {"saddle_numbness", "sexual_dysfunction"} <= set(matcher.match(text).affirmed), text


@pytest.mark.parametrize(
    "text",
    [
        "catching my toes on the stairs and it's getting worse",
        "toes scuff the floor when I walk, worse than yesterday",
        "my foot just won't lift",
        "I keep clipping my toes on the kerb, more every day",
        "нога шаркает, хуже чем вчера",
        "носок не поднимается, с каждым днём сильнее",
        "запинаюсь правой ногой всё чаще",
    ],
)
def test_foot_drop_in_everyday_words_is_progressive_weakness(matcher: Matcher, text: str) -> None:
    assert "progressive_weakness" in matcher.match(text).affirmed, text


@pytest.mark.parametrize(
    "text",
    [
        "my legs give way when I stand",
        "he can't stand up from the sofa",
        "муж не может подняться по ступенькам",
    ],
)
def test_not_standing_or_climbing_is_walking_difficulty(matcher: Matcher, text: str) -> None:
    assert "walking_difficulty" in matcher.match(text).affirmed, text


@pytest.mark.parametrize(
    "text",
    [
        "fell off the trampoline onto concrete, about 2 metres",
        "fell from the loft hatch onto the landing",
        "came off the top bunk",
        "свалился с батута на асфальт",
        "упала с чердака вчера",
        "сорвался со стены на камни",
    ],
)
def test_a_fall_from_a_height_or_onto_a_hard_surface_is_major_trauma(
    matcher: Matcher, text: str
) -> None:
    assert "major_trauma" in matcher.match(text).affirmed, text


@pytest.mark.parametrize(
    "text, concept",
    [
        ("slipped on the wet floor and landed on my bum", "major_trauma"),
        ("came from work and slipped on the steps", "major_trauma"),
        ("I came back from climbing and my back hurts", "major_trauma"),
        ("шла с работы и упала на асфальт", "major_trauma"),
        ("I tripped over the dog and landed on my backside, back hurts", "major_trauma"),
        ("поскользнулась дома и приземлилась на попу", "major_trauma"),
        ("our dog is called Fever, my back hurts", "fever"),
        ("the office is in a fever, my back hurts", "fever"),
        ("на работе все в лихорадке, болит поясница", "fever"),
        ("my horse is named Cancer", "cancer_history"),
        ("у кошки цистит, болит поясница", "urinary_symptoms"),
        ("our cat has cystitis and my back hurts", "urinary_symptoms"),
        ("lost 10kg at slimming world, back hurts", "weight_loss"),
        ("минус 5 кг на кето, болит поясница", "weight_loss"),
        ("похудела на 7 кг за месяц, специально", "weight_loss"),
        ("I work in an office and sit all day, my lower back aches", "worse_cough_sitting"),
        ("работаю в офисе, сижу весь день, болит поясница", "worse_cough_sitting"),
        ("negative pregnancy test, back pain on the left", "pregnancy"),
        ("тест на беременность отрицательный", "pregnancy"),
    ],
)
def test_look_alikes_are_not_affirmed(matcher: Matcher, text: str, concept: str) -> None:
    assert concept not in matcher.match(text).affirmed, text


@pytest.mark.parametrize(
    "text, concept",
    [
        ("fell off the ladder and landed on my bum", "major_trauma"),
        ("I sit at a desk all day and sitting makes the pain much worse", "worse_cough_sitting"),
        ("I was on keto last year but now I've lost 6 kg for no reason", "weight_loss"),
        ("I'm not on a diet but I've lost 5 kg", "weight_loss"),
        ("на диете была год назад, а сейчас похудела", "weight_loss"),
        ("у собаки температура, и у меня тоже температура 38", "fever"),
        ("after walking the dog I had a fever all night", "fever"),
        ("the GP called back, fever 38.5 and my back is agony", "fever"),
        ("похудела на 5 кг на обычном питании", "weight_loss"),
        ("I have a dog, I had breast cancer five years ago", "cancer_history"),
    ],
)
def test_the_sign_told_beside_a_look_alike_still_counts(
    matcher: Matcher, text: str, concept: str
) -> None:
    assert concept in matcher.match(text).affirmed, text


@pytest.mark.parametrize(
    "text, concept",
    [
        ("I'm not able to stand on my left leg", "walking_difficulty"),
        ("he can't get off the toilet without help", "walking_difficulty"),
        ("left foot won't come up when I walk", "progressive_weakness"),
        ("he's been unable to stand since yesterday", "walking_difficulty"),
        ("she's unsteady on her feet since the weekend", "walking_difficulty"),
        ("I struggle to get up from the sofa", "walking_difficulty"),
        ("не могу долго стоять, поясница", "walking_difficulty"),
        ("мама не встаёт с кровати второй день", "walking_difficulty"),
        ("ne v sostoyanii pomochitsya", "bladder_dysfunction"),
    ],
)
def test_more_ways_of_not_standing_and_a_foot_that_drops(
    matcher: Matcher, text: str, concept: str
) -> None:
    assert concept in matcher.match(text).affirmed, text


@pytest.mark.parametrize(
    "text, concept",
    [
        ("the whole family is in a fever about the wedding", "fever"),
        ("lost 4 stone on weight watchers", "weight_loss"),
        ("минус 5 кг на диете, болит поясница", "weight_loss"),
        ("похудела на 10 кг на гречневой диете", "weight_loss"),
        ("lost 2 stone on the cambridge diet", "weight_loss"),
        ("the pregnancy test came back negative", "pregnancy"),
        ("тест показал отрицательный результат на беременность", "pregnancy"),
        ("I'm at my desk all day, lower back pain", "worse_cough_sitting"),
        ("I can barely stand the pain", "walking_difficulty"),
    ],
)
def test_more_look_alikes(matcher: Matcher, text: str, concept: str) -> None:
    assert concept not in matcher.match(text).affirmed, text
