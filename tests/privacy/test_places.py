"""Places and workplaces (bot/privacy/places.py): addresses without a street word, stations,
districts, estates, plots; where a person works; car plates. Cities and jobs are kept."""

from __future__ import annotations

import pytest

from bot.privacy.scrubber import Scrubber
from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber.load(PROJECT_ROOT / "content")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("живу на Пионерской 15, болит поясница", "живу на [ADDRESS], болит поясница"),
        ("I'm at flat 4, 12 Baker, the pain wakes me", "I'm at [ADDRESS], the pain wakes me"),
        ("я живу возле метро Профсоюзная, болит крестец", "я живу возле [ADDRESS], болит крестец"),
        ("I'm near Clapham Junction station, sharp pain", "I'm [ADDRESS], sharp pain"),
        ("живём в ЖК «Солнечный берег», корпус 3, спину прихватило",
         "живём в [ADDRESS], спину прихватило"),
        ("we're off Kingsland Road, my neck is stiff", "we're [ADDRESS], my neck is stiff"),
        ("в районе Бирюлёво сорвал спину", "в [ADDRESS] сорвал спину"),
        ("дача в Малаховке, участок 112, там и надорвался",
         "дача в [ADDRESS], там и надорвался"),
        ("I live in Hackney, back spasms", "I live in [ADDRESS], back spasms"),
        ("we moved into 8 Hawthorn last year, the stairs are hard",
         "we moved into [ADDRESS] last year, the stairs are hard"),
        ("address 41 Sycamore, flat B", "address [ADDRESS]"),
    ],
)  # fmt: skip
def test_places_without_a_street_word_are_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "приехала из Королёва на приём, болит спина",  # a city that is also a surname
        "живу в Москве, боль в пояснице уже неделю",
        "we moved from Lincoln to Preston, my back hurts on long drives",
        "pain near L5, worse sitting, better walking",
        "грузчик на складе, таскаю мешки по 50 кг",  # the job and its load
        "I'm a cashier, ten hours standing, lower back pain",
        "I took 12 Nurofen, 3 Codeine, still in pain",  # a list of counts, not "3 Codeine" road
        "the ache sits near the Baker's cyst, pain near the Achilles tendon",  # eponyms
    ],
)
def test_cities_jobs_and_clinical_words_are_kept(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("работаю кассиром в Пятёрочке, стою по 12 часов",
         "работаю кассиром в [WORKPLACE], стою по 12 часов"),
        ("я учитель в школе № 1234, весь день на ногах",
         "я учитель в [WORKPLACE], весь день на ногах"),
        ("медсестра в 67-й больнице, ночные смены", "медсестра в [WORKPLACE], ночные смены"),
        ("работаю в ООО «Стройтехмонтаж» монтажником", "работаю в [WORKPLACE] монтажником"),
        ("I work as a cashier at Sainsbury's, ten hours standing",
         "I work as a cashier at [WORKPLACE], ten hours standing"),
        ("HCA at Oakwood care home, hoisting residents", "HCA at [WORKPLACE], hoisting residents"),
        ("porter at Leeds General, pushing beds", "porter at [WORKPLACE], pushing beds"),
        ("I drive for Hargreaves Logistics, ten hours driving a day",
         "I drive for [WORKPLACE], ten hours driving a day"),
    ],
)  # fmt: skip
def test_workplaces_are_masked_and_the_job_is_kept(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("моя машина А123ВС 77, припаркуюсь у входа", "моя машина [PLATE], припаркуюсь у входа"),
        ("номер машины о777оо199", "номер машины [PLATE]"),
        ("my car is AB12 CDE, can I park outside?", "my car is [PLATE], can I park outside?"),
        ("the van was YF 21 BNA", "the van was [PLATE]"),
        ("reg lk68xyz, disabled badge", "reg [PLATE], disabled badge"),
    ],
)
def test_car_plates_of_both_countries_are_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "грыжа L4-L5 и L5-S1, MRI T2 shows it, 400 mg twice",
        "I had a discectomy at L5-S1 in 2012, Schmorl's nodes at T11",
        "pain at night, worse at Christmas, better at home",
    ],
)
def test_spine_levels_doses_and_times_are_no_plates_nor_firms(
    scrubber: Scrubber, text: str
) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("мы в ЖК Северный, 4 секция, 9 этаж, спину заклинило", "мы в [ADDRESS], спину заклинило"),
        ("участок 214, прихватило поясницу", "[ADDRESS], прихватило поясницу"),
        ("подъезд 3, кв 51, папа не встаёт", "[ADDRESS], папа не встаёт"),
        ("come to block 7, apartment 31, my dad can't stand up",
         "come to [ADDRESS], my dad can't stand up"),
        ("I'm on the 6th floor, lift is broken, knee pain",
         "I'm on the [ADDRESS], lift is broken, knee pain"),
        ("it's plot 17C by the canal, back went", "it's [ADDRESS] by the canal, back went"),
        ("I live in flat B, lower back pain", "I live in [ADDRESS], lower back pain"),
        ("apartment D, ground floor, no lift", "[ADDRESS], ground floor, no lift"),
        ("кв. 5б, лифта нет, болит шея", "[ADDRESS], лифта нет, болит шея"),
        ("корпус 2 квартира 17, болит шея", "[ADDRESS], болит шея"),
    ],
)  # fmt: skip
def test_a_unit_and_its_number_are_an_address_with_no_street(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("живём у Исаакиевского собора, болит шея", "живём у [ADDRESS], болит шея"),
        ("мы возле Ледового дворца, колено опухло", "мы [ADDRESS], колено опухло"),
        ("we're by the Rovers Return pub, sciatica", "we're [ADDRESS], sciatica"),
        ("flat above the Harland block, neck pain", "[ADDRESS], neck pain"),
    ],
)
def test_a_landmark_named_with_its_kind_is_masked_whole(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "fell on the floor 3 times this week, hip pain",
        "нажмите «Готово», если ничего не болит",
        "я считаю это за «да», болит колено",
        "Отметьте всё, что подходит, и нажмите «Готово».",
    ],
)
def test_counts_and_quoted_answers_are_no_places(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("it's 12 Beech, the blue door", "it's [ADDRESS], the blue door"),
        ("Pain all week. 4 Orchard, round the back", "Pain all week. [ADDRESS], round the back"),
        ("its 7 Rowan - side gate, back is bad", "its [ADDRESS] - side gate, back is bad"),
        ("we live at 15 Alder, the house with the green fence",
         "we live at [ADDRESS], the house with the green fence"),
    ],
)  # fmt: skip
def test_a_house_number_and_a_short_name_ending_a_clause_are_an_address(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the flat I mean is cold, my back aches",
        "it's 12 Beech trees we planted, my back aches",
        "I do 20 Lunges, then my back hurts",
        "it's 3 Paracetamol a day, not helping",
    ],
)
def test_a_letter_or_a_count_after_the_same_words_is_no_address(
    scrubber: Scrubber, text: str
) -> None:
    assert "[ADDRESS]" not in scrubber.scrub(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the van was kx19 pfo, whiplash since", "the van was [PLATE], whiplash since"),
        ("my taxi is lb07 rtu, neck stiff", "my taxi is [PLATE], neck stiff"),
        ("грузовик в777ор 50, спина болит", "грузовик [PLATE], спина болит"),
    ],
)
def test_a_plate_after_a_vehicle_word_is_masked_in_lower_case(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    ["car hit me at 30 mph, neck pain", "taxi driver, 10 hours a day", "фура, 12 часов за рулём"],
)
def test_vehicles_and_their_hours_are_kept(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("мы в СНТ Дружба-3, спина", "мы в [ADDRESS], спина"),
        ("ЖК Лесной-5, болит поясница", "[ADDRESS], болит поясница"),
        ("грыжа L4-5, мы в СНТ Заря-2", "грыжа L4-5, мы в [ADDRESS]"),
    ],
)
def test_a_place_named_with_a_number_is_masked_with_it(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a firm after other verbs than "work at", with the job and its load kept
        ("plasterer, subbing for Mears on the council contract, arms up all day",
         "plasterer, subbing for [WORKPLACE] on the council contract, arms up all day"),
        ("covering for Hallam Builders, lifting plasterboard",
         "covering for [WORKPLACE], lifting plasterboard"),
        ("working the tills at Barton's Garden Centre, back seized up",
         "working the tills at [WORKPLACE], back seized up"),
        ("I work in the Boots by the station, standing all day",
         "I work in [WORKPLACE], standing all day"),
        # a listed firm whose name is a word: capitalised, quoted or right after a work verb
        ("подрабатываю в «Ленте» грузчиком", "подрабатываю в «[WORKPLACE]» грузчиком"),
        ("работаю в ленте грузчиком", "работаю в [WORKPLACE] грузчиком"),
        # an institution by its number, in any case of its word
        ("медсестра в 15-й горбольнице, таскаю лежачих", "медсестра в [WORKPLACE], таскаю лежачих"),
        ("учительница в гимназии № 5, весь день на ногах",
         "учительница в [WORKPLACE], весь день на ногах"),
    ],
)  # fmt: skip
def test_a_workplace_after_any_verb_is_masked_and_the_job_kept(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "в меня въехали сзади на светофоре, теперь шея и поясница",
        "клею кинезио ленту на поясницу, магнит не помог",
        "waiting for Ibuprofen to kick in, off work for Christmas",
        "on block 3 of physio, block 2 of 6 done",
        "I'm at A&E with my dad",
    ],
)
def test_everyday_words_counts_and_acronyms_are_no_workplace(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a landmark's name of words that are also clinical, and the district after it
        ("house next to the Black Horse pub, Church End. Numbness in the saddle area",
         "[ADDRESS]. Numbness in the saddle area"),
        ("I'm in room 214 of the Premier Inn, my back spasmed",
         "I'm in [ADDRESS] of [ADDRESS], my back spasmed"),
        # a Russian name of an adjective and a noun in lower case, after a near cue
        ("живу у Чистых прудов, болит спина", "живу [ADDRESS], болит спина"),
        # an entrance with its number in words
        ("живу на Автозаводской 5, второй подъезд, сама не дойду",
         "живу на [ADDRESS], сама не дойду"),
    ],
)  # fmt: skip
def test_a_landmark_of_everyday_words_and_what_follows_it_are_masked(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "jumped from a second floor window during a fire, landed on my back",
        "упал с лесов на стройке, второй этаж, на спину",
        "живу на третьем этаже без лифта, колени болят",
    ],
)
def test_how_high_a_person_fell_or_climbs_is_kept(scrubber: Scrubber, text: str) -> None:
    assert scrubber.scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("у Купчино выхожу, нога немеет", "у [ADDRESS] выхожу, нога немеет"),
        ("живём у м. Тёплый Стан, спина болит", "живём у м. [ADDRESS], спина болит"),
        ("встречу вас у ст. м. Выхино", "встречу вас у [ADDRESS]"),
    ],
)  # fmt: skip
def test_a_station_after_u_or_m_is_masked_whole(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("пройти 5 м. Потом боль в пояснице", "пройти 5 м. Потом боль в пояснице"),
        ("у Врача спрошу про МРТ", "у Врача спрошу про МРТ"),
        ("у Ивана тоже грыжа", "у [NAME] тоже грыжа"),
    ],
)
def test_a_unit_a_noun_or_a_person_after_u_or_m_is_no_station(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("meet me at clapham junction after work", "meet me at [ADDRESS] after work"),
        ("we moved to the brixworth estate in may", "we moved to the [ADDRESS] in may"),
        ("pain at the lumbosacral junction, L5-S1", "pain at the lumbosacral junction, L5-S1"),
    ],
)
def test_a_lower_case_unknown_word_before_a_place_word_is_its_name(
    scrubber: Scrubber, text: str, expected: str
) -> None:
    assert scrubber.scrub(text) == expected
