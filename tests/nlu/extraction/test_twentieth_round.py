"""Issue 10, twentieth round: a relative's back, wetting "with no warning", pain at the ankle itself.
Sentences of our own."""

import pytest

from nlu.extraction import extract_findings


def found(text, concept):
    return [f for f in extract_findings(text) if f["concept"] == concept]


# ---- a relative's possessive is a determiner: "my mums back is worse" is back pain

@pytest.mark.parametrize("text", [
    "my mums back is worse than i thought",
    "my husband's back hurts and his toes are numb",
    "dads back has been killing him since friday",
])
def test_a_relatives_back_is_back_pain(text):
    assert [f["status"] for f in found(text, "back_pain")] == ["present"]


def test_a_relatives_back_is_still_denied():
    assert [f["status"] for f in found("my mums back doesnt hurt, its her feet", "back_pain")] == ["absent"]


# ---- wetting or soiling "with no warning" is no urge felt, not a sudden onset

@pytest.mark.parametrize("text, concept", [
    ("bad back for months, then one day i properly wet myself, no warning at all", "bladder_dysfunction"),
    ("if i stand still for a while and then walk, the wee just comes, no warning at all", "bladder_dysfunction"),
    ("my back is agony and i soiled myself without any warning", "bowel_dysfunction"),
])
def test_incontinence_with_no_warning_is_no_onset(text, concept):
    assert [f["status"] for f in found(text, concept)] == ["present"]
    assert found(text, "sudden_onset") == []


@pytest.mark.parametrize("text", [
    "no warning, im walking across the room and my left leg just buckles under me",
    "electric shocks down my leg with no warning",
    "my leg gave way without any warning this morning",
])
def test_no_warning_still_tells_a_sudden_onset(text):
    assert [f["status"] for f in found(text, "sudden_onset")] == ["present"]


# ---- pain at the ankle itself is the foot's; a path that comes down to the ankle is the leg's

@pytest.mark.parametrize("text", [
    "4/52 pain over the medial L ankle, night cramps",
    "a sharp pain behind my ankle bone into the heel",
    "pain in my right ankle when i stand",
])
def test_pain_at_the_ankle_itself_is_foot_pain(text):
    assert found(text, "foot_pain") and not found(text, "leg_pain")


@pytest.mark.parametrize("text", [
    "nerve pain from my lower back down to my ankle",
    "sharp burning pain down the back of my leg to the ankle",
    "the odd ache down to my ankle",
])
def test_a_path_down_to_the_ankle_is_leg_pain(text):
    assert found(text, "leg_pain")


# ---- bowel incontinence named with faeces; both organs "going"

@pytest.mark.parametrize("text", [
    "past month twice incontinent of faeces, numb feet",
    "he is faecally incontinent and his legs are weak",
])
def test_incontinent_of_faeces_is_the_bowel_not_the_bladder(text):
    assert [f["status"] for f in found(text, "bowel_dysfunction")] == ["present"]
    assert found(text, "bladder_dysfunction") == []


def test_bladder_and_bowels_going_is_both():
    text = "my back is agony and my bladder and bowels are going"
    assert [f["status"] for f in found(text, "bladder_dysfunction")] == ["present"]
    assert [f["status"] for f in found(text, "bowel_dysfunction")] == ["present"]


def test_bladder_and_bowels_named_alone_are_still_asked_about():
    assert [f["status"] for f in found("bladder and bowels ok?", "bladder_dysfunction")] != ["present"]


# ---- a holiday or a season with a year dates the past

def test_christmas_with_a_year_is_the_past():
    text = "over christmas 2009 my legs went tingly and burning. now my back hurts"
    assert {f["historical"] for f in found(text, "tingling")} == {True}
    assert {f["historical"] for f in found(text, "back_pain")} == {False}


def test_since_christmas_with_a_year_is_a_duration_not_the_past():
    assert {f["historical"] for f in found("numb toes since christmas 2019", "numbness")} == {False}


def test_before_my_op_is_the_past():
    text = "my back is much better now. before my op i couldnt walk to the shops"
    assert {f["historical"] for f in found(text, "difficulty_walking")} == {True}


# ---- an old episode's red flag that a general "still" brings back is asked about, not alarmed on

def test_a_revived_episodes_red_flag_is_uncertain():
    text = ("over christmas 2009 my back went. by new years day my legs were numb and my bladder and bowels were "
            "going. i still have a lot of nerve pain")
    assert [f["status"] for f in found(text, "bladder_dysfunction")] == ["uncertain"]
    assert [(f["status"], f["historical"]) for f in found(text, "numbness")] == [("present", False)]


def test_a_red_flag_told_now_after_an_episode_stays_present():
    text = ("years ago i lost control of my bladder after a disc went. "
            "i still have back pain and today i wet myself again")
    assert "present" in [f["status"] for f in found(text, "bladder_dysfunction")]


# ---- words: a thigh or foot that "started aching", "hip flexors" inside a path, "sharp shocks"

@pytest.mark.parametrize("text, concept", [
    ("i hobbled through the holidays, then my thigh started aching", "thigh_pain"),
    ("my left foot started hurting after the run", "foot_pain"),
    ("a throbbing shoots through my right glute, hip flexors and thigh", "thigh_pain"),
])
def test_pain_words_reach_the_thigh_and_foot(text, concept):
    assert [f["status"] for f in found(text, concept)] == ["present"]


def test_sharp_shocks_are_the_shooting_quality():
    assert found("standing up gives me sharp shocks all the way down the leg", "shooting_pain")


# ---- feet "falling asleep" and a feeling "crawling round my waist" are no trouble walking

@pytest.mark.parametrize("text", [
    "my feet keep falling asleep when i sit",
    "it felt like something was crawling round my waist",
])
def test_falling_asleep_and_a_crawling_feeling_are_not_trouble_walking(text):
    assert found(text, "difficulty_walking") == []


@pytest.mark.parametrize("text", [
    "he keeps falling over in the kitchen",
    "ive been falling more since christmas",
    "she was crawling round the house on all fours",
])
def test_falls_and_crawling_about_are_still_trouble_walking(text):
    assert [f["status"] for f in found(text, "difficulty_walking")] == ["present"]


# ---- "acute" passes over a degree word before the deficit

def test_acute_complete_foot_drop_is_a_sudden_onset():
    assert [f["status"] for f in found("42M to ED with acute complete foot drop", "sudden_onset")] == ["present"]


def test_acute_severe_back_pain_is_still_no_onset():
    assert found("acute severe back pain after lifting", "sudden_onset") == []


# ---- a foot that drags told after another of its symptoms

@pytest.mark.parametrize("text", ["my left foot is numb and drags", "my foot is weak and drags when i walk"])
def test_a_foot_that_is_numb_and_drags_is_foot_drop(text):
    assert [f["status"] for f in found(text, "foot_drop")] == ["present"]


# ---- a site named nearby that the concept cannot have is not its own

@pytest.mark.parametrize("text, concept, site", [
    ("my right leg hurts and my big toe feels numb", "leg_pain", None),
    ("my right leg hurts and my big toe feels numb", "numbness", "big_toe"),
    ("constant LBP + R post thigh and calf pain", "leg_pain", "calf"),
    ("constant LBP + R post thigh and calf pain", "thigh_pain", None),
    ("a sharp pain in the sole of my left foot", "foot_pain", "sole"),
])
def test_a_pain_takes_only_its_own_sites(text, concept, site):
    assert {f["site"] for f in found(text, concept)} == {site}


# ---- the saddle listed after the legs as one more place of the same numbness is saddle numbness too

@pytest.mark.parametrize("text", [
    "no feeling in my legs or in the saddle area",
    "numb down both legs and in my groin",
    "numbness in both legs and around my back passage",
])
def test_the_saddle_listed_with_the_legs_is_saddle_numbness(text):
    assert [f["status"] for f in found(text, "saddle_anesthesia")] == ["present"]
    assert [f["status"] for f in found(text, "numbness")] == ["present"]


@pytest.mark.parametrize("text", [
    "a numb right leg and a tingly bum cheek",
    "hes lost all the feeling in his left foot and the bottom of his leg",
])
def test_a_place_with_its_own_symptom_or_a_bottom_of_is_not_listed(text):
    assert "present" not in [f["status"] for f in found(text, "saddle_anesthesia")]


def test_legs_and_groin_denied_together_stay_denied():
    assert {f["status"] for f in found("no numbness in my legs or groin", "saddle_anesthesia")} == {"absent"}


# ---- no wee for hours is a bladder symptom, not a denial

@pytest.mark.parametrize("text", [
    "lower back agony, i have not had a wee since yesterday",
    "she hasnt been for a wee all day, leg pain",
    "he hasnt passed urine since last night and his back is bad",
    "back pain, no urine output since yesterday",
])
def test_no_wee_for_hours_is_bladder_trouble(text):
    assert [f["status"] for f in found(text, "bladder_dysfunction")] == ["present"]


def test_passing_urine_normally_is_still_no_bladder_trouble():
    assert "present" not in [f["status"] for f in found("back pain, passing urine normally", "bladder_dysfunction")]


# ---- a severe weakness dated to earlier today is asked about as a possible sudden onset

def test_weakness_since_lunchtime_is_a_possible_sudden_onset():
    text = "since lunchtime both my legs are like jelly and i can hardly stand"
    assert [f["status"] for f in found(text, "sudden_onset")] == ["uncertain"]


# ---- not noticing something is no denial of it

@pytest.mark.parametrize("text, concept", [
    ("back pain and i didnt notice i'd wet myself until i stood up", "bladder_dysfunction"),
    ("sciatica, and i didn't realise i had soiled myself", "bowel_dysfunction"),
])
def test_not_noticing_a_red_flag_is_no_denial(text, concept):
    assert [f["status"] for f in found(text, concept)] == ["present"]


def test_a_plain_denial_still_denies():
    assert [f["status"] for f in found("back pain, i didnt wet myself", "bladder_dysfunction")] == ["absent"]


def test_not_noticing_any_of_it_still_denies_it():
    assert [f["status"] for f in found("back pain, didn't notice any numbness", "numbness")] == ["absent"]


# ---- a pain with its own place, then a numb part: the part is the numbness's, not the pain's

def test_leg_pain_then_a_numb_toe_is_no_foot_pain():
    text = "61M, L leg pain + numb L big toe x3/52"
    assert found(text, "foot_pain") == [] and [f["site"] for f in found(text, "numbness")] == ["big_toe"]


@pytest.mark.parametrize("text, concept", [
    ("burning pain and numbness both feet", "foot_pain"),
    ("pain and numbness down the lower leg", "leg_pain"),
])
def test_a_bare_pain_still_shares_the_numbness_place(text, concept):
    assert [f["status"] for f in found(text, concept)] == ["present"]
