"""Issue 10, eighth round: clinicians' grades of the foot-lifting muscles, each class tested with
sentences of our own."""

import pytest

from actions.engine import assess
from nlu.extraction import extract_findings


def found(text):
    """{(concept, status)} of the patient's current findings in ``text``."""
    return {(f["concept"], f["status"]) for f in extract_findings(text)
            if f["experiencer"] == "patient" and not f["historical"]}


# ---- a weak ankle dorsiflexion is foot drop at any grade (the spinal-stenosis article's definition)

@pytest.mark.parametrize("text", ["O/E R ankle DF 4/5, EHL 4/5", "DF 3/5 L", "tib ant 4-/5 on the left",
                                  "power: 4/5 DF L", "weak L DF, PF fine", "mild residual dorsiflexion weakness"])
def test_a_weak_dorsiflexion_is_foot_drop_and_weakness(text):
    assert {("foot_drop", "present"), ("weakness", "present")} <= found(text)


@pytest.mark.parametrize("text", ["DF 5/5 bilaterally", "PF 4/5 R", "EHL 4/5 R", "power 5/5 throughout incl DF"])
def test_a_normal_dorsiflexion_or_another_muscle_is_no_foot_drop(text):
    assert not {f for f in found(text) if f[0] == "foot_drop"}


def test_a_graded_one_sided_dorsiflexion_ranks_the_l4_l5_root_first():
    result = assess(extract_findings("38M, 3/52 LBP radiating down the R leg to the dorsum of the foot. "
                                     "SLR +ve R 40 deg, R DF 4/5, sensation reduced dorsum R foot"))
    assert result.considerations[0]["id"] == "l4_l5_root_foot_drop"


# ---- a full stop after a lone capital ends the sentence ("R.", "B+B.")

def test_a_denial_stops_at_a_full_stop_after_a_capital():
    assert ("dx_prolapsed_disc", "present") in found("denies B+B. failed conservative mx, for discectomy")


def test_a_side_before_a_full_stop_is_read():
    sides = [f["laterality"] for f in extract_findings("unable to tiptoe on R. numb L heel")
             if f["concept"] == "toe_walk_weakness"]
    assert sides == ["right"]


def test_an_age_sex_header_with_a_full_stop_stays_the_writer():
    assert ("back_pain", "present") in found("30F. back sore since spring, then i slipped on the snow")
