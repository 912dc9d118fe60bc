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
