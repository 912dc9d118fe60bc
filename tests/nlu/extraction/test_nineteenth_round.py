"""Issue 10, nineteenth round: a story told from after an operation, durations that are not how long the
complaint has lasted, and seasons that date a past episode. Sentences of our own."""

import pytest

from nlu.extraction import extract_findings


def found(text, concept):
    return [f for f in extract_findings(text) if f["concept"] == concept]


# ---- a negated duration says nothing about how long the complaint has lasted

@pytest.mark.parametrize("text", [
    "back and leg pain, havent needed the painkillers for a month",
    "sciatica down the L leg. plan: no imaging for 4-6/52 without red flags",
    "pt with L leg pain, no record of 3/12 conservative tx",
])
def test_a_negated_duration_is_no_duration(text):
    assert found(text, "symptoms_persist_weeks") == []


@pytest.mark.parametrize("text, status", [
    ("numb toes for 3 weeks", "present"),
    ("leg pain, not for long, only a few days", "absent"),
    ("leg pain for a few days", "absent"),
])
def test_a_stated_duration_still_counts(text, status):
    assert [f["status"] for f in found(text, "symptoms_persist_weeks")] == [status]


# ---- when something else was done is not how long the complaint has lasted

@pytest.mark.parametrize("text", [
    "77M, CABG x4 12/12 ago, recovered well. buttock pain worse walking",
    "MRI 7/12 ago: foraminal stenosis. now L lateral leg pain",
    "vertebroplasty 6/12 ago. now sudden pain in both legs",
])
def test_time_since_a_procedure_ago_is_no_duration(text):
    assert [f["status"] for f in found(text, "symptoms_persist_weeks")] != ["present"]


def test_a_complaint_dated_ago_still_counts():
    assert [f["status"] for f in found("leg pain that started 6 weeks ago", "symptoms_persist_weeks")] == ["present"]


# ---- a story told from after an operation: what it tells in the past was before the operation

@pytest.mark.parametrize("text, concept", [
    ("3 months on from my L5/S1 microdiscectomy. the disc had herniated and i had numbness down to my right toes",
     "numbness"),
    ("almost a week since my discectomy and im feeling good. id been moaning about my back for weeks and the leg "
     "pain was the killer", "leg_pain"),
    ("6 wks out from my fusion. before it my left leg was weak and i couldnt walk far", "weakness"),
    ("10/7 post L microdiscectomy. had L foot numbness and an ankle that kept giving way", "numbness"),
])
def test_the_past_after_a_post_operative_opener_is_historical(text, concept):
    assert {f["historical"] for f in found(text, concept)} == {True}


@pytest.mark.parametrize("text, concept", [
    # the trouble goes on: "still"
    ("2 weeks since the laminectomy. my foot has got some strength back but the numbness is still there", "numbness"),
    ("4 weeks since my laminectomy. i lost strength in my right leg and its still weak", "weakness"),
    # told in the present
    ("6 weeks post microdiscectomy. mornings its just some tingling in my toes", "tingling"),
    # "after": a story after the operation, not before it
    ("six months after my op and back at work. last night out of nowhere a sharp tingly feeling in my leg",
     "tingling"),
    # no operation in the opening sentence
    ("3 months on and no better. my leg went numb", "numbness"),
    # a post about an operation is not written from after it
    ("long post about my spine surgery. my leg went numb", "numbness"),
])
def test_no_post_operative_divide_without_the_frame_or_when_the_trouble_goes_on(text, concept):
    assert {f["historical"] for f in found(text, concept)} == {False}


# ---- a season and a year date a past episode; "since" that season runs to now

def test_a_season_and_year_open_a_past_episode():
    text = "short version: summer 2021 i herniated a disc. a second injury left me with numbness in my left calf"
    assert {f["historical"] for f in found(text, "numbness")} == {True}


def test_since_a_season_and_year_runs_to_now():
    text = "back problems since summer 2014. then shooting pains down my left leg"
    assert {f["historical"] for f in found(text, "shooting_pain")} == {False}


# ---- the new story lists are strict data

@pytest.mark.parametrize("key", ["episode_post_op_frames", "episode_operation_words"])
def test_the_post_operative_lists_are_validated_and_optional(key):
    import copy

    from nlu.extraction.rule_pack import VocabularyError, load_rule_pack, validate_rule_pack

    pack = load_rule_pack()
    older = copy.deepcopy(pack)
    del older["stories"][key]
    validate_rule_pack(older)       # an older pack without the list is valid (the divide is then off)
    pack["stories"][key] = ["op", 7]
    with pytest.raises(VocabularyError, match=key):
        validate_rule_pack(pack)


# ---- burning told as heat, walking told by how long it lasts, advice not given

@pytest.mark.parametrize("text", [
    "a hot wire of electric pain shoots down his leg",
    "sometimes its a hot knife in my bum cheek",
    "his feet feel really hot at night",
])
def test_heat_told_as_a_wire_a_knife_or_hot_feet_is_burning(text):
    assert {f["status"] for f in found(text, "burning_pain")} == {"present"}


def test_a_hot_day_is_not_burning():
    assert found("it was a hot day and my back ached", "burning_pain") == []


@pytest.mark.parametrize("text", [
    "after a minute or so of walking i start dragging my feet",
    "i cant walk for more than a few minutes before my legs ache",
])
def test_walking_that_only_lasts_so_long_is_worse_walking(text):
    assert {f["status"] for f in found(text, "worse_standing_walking")} == {"present"}


def test_no_warning_about_red_flags_is_advice_not_an_onset():
    assert found("sent home on paracetamol with no warning about red flags", "sudden_onset") == []
    assert {f["status"] for f in found("no warning, my leg just buckled under me", "sudden_onset")} == {"present"}


# ---- a question about what one's own diabetes does takes the diabetes as given

@pytest.mark.parametrize("text", ["at night my feet are on fire. is that from my diabetes??",
                                  "could his diabetes be doing this to his feet?"])
def test_a_question_about_ones_own_diabetes_states_the_diabetes(text):
    assert {f["status"] for f in found(text, "diabetes")} == {"present"}


def test_a_question_whether_one_has_diabetes_stays_uncertain():
    assert {f["status"] for f in found("could i have diabetes?", "diabetes")} == {"uncertain"}


# ---- a text that only ever names both sides: its limb findings are on both sides

def sides(text, concept):
    return {f["laterality"] for f in found(text, concept)}


def test_a_story_of_both_legs_puts_its_unsided_limb_findings_on_both_sides():
    text = "weeks of this in both legs. now the toes are numb and tingly like they werent attached"
    assert sides(text, "numbness") == {"bilateral"}
    assert sides(text, "tingling") == {"bilateral"}


@pytest.mark.parametrize("text, concept", [
    # a dropped foot, a weak heel or toe walk, or a numb sole: one foot unless the text says both
    ("both legs ache at night. i have foot drop and trip a lot", "foot_drop"),
    ("both legs ache at night. i cant walk on my heels", "heel_walk_weakness"),
])
def test_one_foot_signs_do_not_take_both_sides_from_the_story(text, concept):
    assert sides(text, concept) == {None}


def test_a_text_naming_one_side_and_both_keeps_each_findings_own_side():
    assert sides("both legs ache and the left foot is numb. tingling too", "tingling") == {None}


@pytest.mark.parametrize("text, concept, side", [
    ("36M, 3/52 severe L LBP around L5/S1", "back_pain", "left"),
    ("occasional brief tingle L post thigh, never past the knee", "tingling", "left"),
    ("aching in the L hamstring", "thigh_pain", "left"),
])
def test_a_capital_side_before_the_same_body_words_on_either_side(text, concept, side):
    assert sides(text, concept) == {side}


def test_a_capital_letter_before_a_level_is_no_side():
    assert sides("L5 radiculopathy with leg pain", "leg_pain") == {None}


# ---- a conjunction before a new subject ends a denial

@pytest.mark.parametrize("text, concept", [
    ("the physio didnt help and she has numb toes", "numbness"),
    ("the steroid hasnt touched it and hes on a cane", "difficulty_walking"),
    ("i didnt think much of it but i cant lift my left foot", "foot_drop"),
])
def test_a_conjunction_before_a_new_subject_ends_the_denial(text, concept):
    assert {f["status"] for f in found(text, concept)} == {"present"}


@pytest.mark.parametrize("text, concept", [
    ("denies numbness and weakness", "weakness"),
    ("no back and leg pain", "leg_pain"),
    ("no numbness and i have no weakness", "weakness"),
])
def test_a_coordinated_denial_still_denies(text, concept):
    assert {f["status"] for f in found(text, concept)} == {"absent"}


def test_a_report_reaches_over_the_conjunction():
    text = "scan says one vertebra has slipped forward and its narrowed the space for the nerves"
    assert {f["status"] for f in found(text, "dx_lumbar_spinal_stenosis")} == {"present"}


# ---- sensation told in note shorthand, and feet that go to sleep

@pytest.mark.parametrize("text", [
    "exam: hip flex weak L, reduced sens medial calf",
    "pinprick + vibration down in L foot",
    "sensation down over dorsum R foot",
    "first tingly feet, then feet going to sleep even standing",
])
def test_shorthand_sensory_loss_and_feet_going_to_sleep_are_numbness(text):
    assert {f["status"] for f in found(text, "numbness")} == {"present"}


@pytest.mark.parametrize("text", ["no sens deficit, mild weakness RLE", "power 5/5, sens intact"])
def test_shorthand_normal_sensation_is_no_numbness(text):
    assert {f["status"] for f in found(text, "numbness")} == {"absent"}


# ---- the back told as getting worse, coming back, or where the pain sits

@pytest.mark.parametrize("text", [
    "my back is worse than i thought",
    "its in the bottom of my back, down my legs too",
    "90% leg pain + stabbing pain LS junction",
    "after 2/52: minimal pain, now centralised to the low back",
    "my back is back, warning whiny post",
])
def test_the_back_getting_worse_coming_back_or_named_as_the_pains_place_is_back_pain(text):
    assert {f["status"] for f in found(text, "back_pain")} == {"present"}


@pytest.mark.parametrize("text", [
    "the back is back to normal now",
    "a central disc bulge at the bottom of her spine",
    "i think its a pinched nerve in my lower back",
])
def test_a_back_back_to_normal_a_spine_location_or_a_pinched_nerve_is_not_back_pain(text):
    assert found(text, "back_pain") == []


@pytest.mark.parametrize("text", [
    "my back pain isnt actually in my back, its deep in my left butt cheek",
    "it kicks off in my right butt cheek and slides down the side of my leg",
    "48yo, R buttock/lat hip pain radiating down the thigh",
    "the pain is intermittent, sharp, cramp-like, low in the buttock",
    "since then sore spots in my butt and burning in my thighs",
])
def test_the_buttock_named_as_where_the_pain_sits_or_starts_is_buttock_pain(text):
    assert {f["status"] for f in found(text, "buttock_pain")} == {"present"}


def test_numbness_in_the_buttock_is_not_buttock_pain():
    assert found("numbness in the buttock and down the thigh", "buttock_pain") == []


@pytest.mark.parametrize("text", [
    "O/E SLR +ve, reflexes reduced on one side, motor down",
    "power down in the L leg",
    "any time my legs might buckle, some days they wont move at all",
    "2 weeks since the laminectomy. right foot has got some strength back",
])
def test_motor_loss_in_shorthand_legs_that_wont_move_and_strength_partly_back_are_weakness(text):
    assert {f["status"] for f in found(text, "weakness")} == {"present"}


def test_strength_fully_back_is_no_weakness():
    assert "present" not in {f["status"] for f in found("my legs got all their strength back", "weakness")}


# ---- a spasm is a leg's cramp only where the leg is named

@pytest.mark.parametrize("text", [
    "now the back pain and spasms are back so bad the pills dont touch it",
    "ROM full except flexion, paraspinal spasm",
    "monday morning my lower back went into a spasm i cant even describe",
])
def test_a_spasm_of_the_back_is_not_a_leg_cramp(text):
    assert found(text, "leg_heaviness_cramping") == []


@pytest.mark.parametrize("text", [
    "cramps and spasms in the left leg that stop me in my tracks",
    "i get spasms down the back of my left leg that last minutes",
    "my calf went into spasm on the stairs",
    "night leg spasms wake me up",
])
def test_a_spasm_of_the_leg_is_a_leg_cramp(text):
    assert {f["status"] for f in found(text, "leg_heaviness_cramping")} == {"present"}


def test_meralgia_paresthetica_is_a_diagnosis_not_pins_and_needles():
    assert found("DDx meralgia paraesthetica vs femoral neuropathy", "tingling") == []
    assert {f["status"] for f in found("paresthesias in the L foot", "tingling")} == {"present"}


def test_time_since_an_epidural_is_no_duration():
    assert found("my left foot is numb and tingly, 2 weeks since the epidural", "symptoms_persist_weeks") == []
