"""Ranking from what is found (issue 10): discriminating findings first, then reported diagnoses,
then the generic pictures; normal findings argue against; "spinal origin unlikely" is a consideration."""

import pytest

from actions.engine import assess
from actions.engine.loader import KnowledgeError, load_knowledge as load


def f(concept, status="present", site=None, laterality=None, **extra):
    return dict(concept=concept, status=status, site=site, laterality=laterality, **extra)


def ranked(findings, knowledge):
    return [c["id"] for c in assess(findings, knowledge=knowledge).considerations]


# Many generic findings: radiculopathy / sciatica / prolapsed disc collect points from every one of them.
GENERIC = [f("leg_pain"), f("back_pain"), f("shooting_pain"), f("numbness"), f("tingling"), f("foot_pain"),
           f("difficulty_walking")]


@pytest.mark.parametrize("specific, first", [
    ([f("foot_drop", laterality="left")], "l4_l5_root_foot_drop"),
    ([f("heel_walk_weakness")], "heel_walk_nerve"),
    ([f("toe_walk_weakness")], "toe_walk_nerve"),
    ([f("weakness", site="calf")], "toe_walk_nerve"),
    ([f("foot_drop", laterality="bilateral"), f("numbness", site="sole", laterality="bilateral")],
     "t12l1_disc_herniation"),
    ([f("toe_clawing_weight_bearing")], "foot_dystonia_stenosis"),
])
def test_discriminating_findings_outrank_the_generic_pictures(knowledge, specific, first):
    result = assess(GENERIC + specific, knowledge=knowledge)
    order = [c["id"] for c in result.considerations]
    assert order[0] == first, order
    assert result.considerations[0]["discriminating"] is True
    # the generic pictures may still be listed, below
    assert {"lumbar_radiculopathy", "sciatica", "prolapsed_disc"} <= set(order[1:])


def test_thigh_pain_without_foot_weakness_is_l1l2(knowledge):
    order = ranked([f("thigh_pain", site="anterior_thigh"), f("back_pain")], knowledge)
    assert order[0] == "l1l2_disc_herniation"
    # with leg and foot symptoms below it, it is not the L1/L2 picture
    assert ranked([f("thigh_pain", site="anterior_thigh"), f("leg_pain"), f("shooting_pain")],
                  knowledge)[0] != "l1l2_disc_herniation"


def test_thigh_pain_at_the_back_of_the_thigh_is_not_l1l2_first(knowledge):
    assert ranked([f("buttock_pain"), f("thigh_pain"), f("shooting_pain")], knowledge)[0] == "sciatica"


def test_a_normal_knee_reflex_argues_against_t12l1(knowledge):
    base = [f("foot_drop", laterality="left"), f("achilles_reflex_absent")]
    before = {c["id"]: c for c in assess(base, knowledge=knowledge).considerations}
    after = {c["id"]: c for c in assess(base + [f("patellar_reflex_absent", "absent")],
                                        knowledge=knowledge).considerations}
    assert after["t12l1_disc_herniation"]["score"] < before["t12l1_disc_herniation"]["score"]
    assert "patellar_reflex_absent" in [item["concept"] for item in after["t12l1_disc_herniation"]["against"]]


def test_bilateral_foot_drop_is_t12l1_and_one_sided_is_l4l5(knowledge):
    assert ranked([f("foot_drop", laterality="bilateral")], knowledge)[0] == "t12l1_disc_herniation"
    assert ranked([f("foot_drop", laterality="right")], knowledge)[0] == "l4_l5_root_foot_drop"


@pytest.mark.parametrize("dx, first", [
    ("dx_prolapsed_disc", "prolapsed_disc"),
    ("dx_spondylolisthesis", "spondylolisthesis"),
    ("dx_piriformis_syndrome", "piriformis_syndrome"),
    ("dx_lumbar_spinal_stenosis", "lumbar_spinal_stenosis"),
    ("dx_sciatica", "sciatica"),
])
def test_a_reported_diagnosis_without_discriminators_points_to_its_own_consideration(knowledge, dx, first):
    result = assess(GENERIC + [f(dx)], knowledge=knowledge)
    assert result.considerations[0]["id"] == first
    assert result.considerations[0]["reported"] is True


def test_a_discriminating_finding_outranks_a_reported_diagnosis(knowledge):
    assert ranked(GENERIC + [f("dx_prolapsed_disc"), f("foot_drop", laterality="left")],
                  knowledge)[0] == "l4_l5_root_foot_drop"


def test_a_reported_diagnosis_alone_still_ranks_it(knowledge):
    assert ranked([f("dx_lumbar_spinal_stenosis")], knowledge) == ["lumbar_spinal_stenosis"]
    # a neuropathy a clinician named points away from the spine (eighth round)
    assert ranked([f("dx_peripheral_neuropathy")], knowledge) == ["spinal_origin_unlikely"]


def test_spinal_origin_unlikely_for_foot_pain_without_leg_pain(knowledge):
    result = assess([f("foot_pain", site="sole"), f("leg_pain", "absent"), f("back_pain", "absent")],
                    knowledge=knowledge)
    top = result.considerations[0]
    assert top["id"] == "spinal_origin_unlikely" and top["citations"]
    assert "spinal_origin_unlikely" not in ranked([f("foot_pain"), f("leg_pain")], knowledge)


def test_spinal_origin_unlikely_for_constant_symptoms_in_a_diabetic(knowledge):
    constant = [f("diabetes"), f("numbness", laterality="bilateral"), f("relief_sitting_flexion", "absent")]
    assert ranked(constant, knowledge)[0] == "spinal_origin_unlikely"
    positional = [f("diabetes"), f("numbness"), f("worse_standing_walking"), f("relief_sitting_flexion")]
    order = ranked(positional, knowledge)
    assert "spinal_origin_unlikely" not in order
    assert order[0] in ("neurogenic_positional_pedal_neuritis", "lumbar_spinal_stenosis")


def test_ranking_tiers_survive_what_if_questions(knowledge):
    # Asking about heel walking can make the heel-walk nerve discriminating: the question has value.
    result = assess([f("numbness", site="shin")], knowledge=knowledge)
    assert "heel_walk_weakness" in [q["concept"] for q in result.next_questions]


def test_discriminators_cannot_name_a_reported_diagnosis(knowledge_copy):
    path = knowledge_copy / "rules" / "levels.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("discriminators: {concept: heel_walk_weakness}",
                                 "discriminators: {concept: dx_prolapsed_disc}"), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="discriminators"):
        load(knowledge_copy)


# ---- issue 10, second round

def test_foot_pain_told_alone_points_away_from_the_spine(knowledge):
    assert ranked([f("foot_pain", site="sole"), f("difficulty_walking")], knowledge)[:1] == ["spinal_origin_unlikely"]
    # Any leg, back or nerve symptom, or a spinal diagnosis, and the picture is no longer foot pain alone.
    for other in (f("leg_pain"), f("back_pain"), f("numbness"), f("dx_prolapsed_disc")):
        assert "spinal_origin_unlikely" not in ranked([f("foot_pain"), other], knowledge)


@pytest.mark.parametrize("leg_symptom", ["difficulty_walking", "shooting_pain", "heel_walk_weakness"])
def test_bladder_loss_with_leg_symptoms_told_otherwise_is_an_emergency(knowledge, leg_symptom):
    result = assess([f("bladder_dysfunction"), f(leg_symptom)], knowledge=knowledge)
    assert result.triage == "emergency"


def test_pain_down_the_back_of_the_leg_is_the_sciatic_picture(knowledge):
    assert "sciatica" in ranked([f("leg_pain", site="calf"), f("back_pain")], knowledge)[:2]


# ---- issue 10, seventh round

def test_leg_pain_alone_is_considered_sciatica_as_well_as_radiculopathy(knowledge):
    order = ranked([f("leg_pain"), f("back_pain")], knowledge)
    assert {"lumbar_radiculopathy", "sciatica"} <= set(order[:2])
    # a discriminating finding still comes first
    assert ranked([f("leg_pain"), f("foot_drop", laterality="left")], knowledge)[0] == "l4_l5_root_foot_drop"


def test_a_burning_foot_pain_told_alone_points_away_from_the_spine(knowledge):
    assert ranked([f("foot_pain", laterality="left"), f("burning_pain", laterality="left")],
                  knowledge)[:1] == ["spinal_origin_unlikely"]
    # numbness or tingling is a nerve symptom: no longer foot pain alone
    assert "spinal_origin_unlikely" not in ranked([f("foot_pain"), f("burning_pain"), f("tingling")], knowledge)


# ---- issue 10, eighth round

def test_a_reported_neuropathy_is_supported_like_any_reported_diagnosis(knowledge):
    result = assess([f("dx_peripheral_neuropathy"), f("numbness", laterality="bilateral"), f("burning_pain"),
                     f("back_pain")], knowledge=knowledge)
    first = result.considerations[0]
    assert first["id"] == "spinal_origin_unlikely" and first["reported"] is True
    assert any(item["concept"] == "dx_peripheral_neuropathy" and item["reported"] for item in first["supporting"])
    # a positional pattern told with it is the articles' warning sign, not a neuropathy picture
    for positional in (f("relief_sitting_flexion"), f("worse_standing_walking")):
        assert "spinal_origin_unlikely" not in ranked([f("dx_peripheral_neuropathy"), f("numbness"), positional],
                                                      knowledge)


def test_a_diabetics_foot_symptoms_told_alone_point_away_from_the_spine(knowledge):
    feet = [f("diabetes"), f("numbness", laterality="bilateral"), f("tingling", laterality="bilateral")]
    assert "spinal_origin_unlikely" in ranked(feet, knowledge)[:2]
    # a leg or back symptom, a positional pattern or a weakness and it is no longer the feet alone
    for other in (f("leg_pain"), f("back_pain"), f("worse_standing_walking"), f("weakness")):
        assert "spinal_origin_unlikely" not in ranked(feet + [other], knowledge)
    # without diabetes, numb and tingling feet stay a nerve picture
    assert "spinal_origin_unlikely" not in ranked(feet[1:], knowledge)


# ---- issue 10, tenth round: symptoms in the foot alone

@pytest.mark.parametrize("foot_symptoms", [
    [f("numbness", site="foot", laterality="bilateral")],
    [f("foot_pain", site="sole"), f("numbness", site="foot")],
    [f("tingling", site="big_toe"), f("numbness", site="big_toe")],
    [f("diabetes"), f("numbness", site="sole")],
])
def test_symptoms_told_only_in_the_foot_point_away_from_the_spine_first(knowledge, foot_symptoms):
    top = assess(foot_symptoms, knowledge=knowledge).considerations[0]
    assert top["id"] == "spinal_origin_unlikely" and top["discriminating"] is True


@pytest.mark.parametrize("elsewhere", [
    f("numbness"),                      # numbness told without a place may be the leg's
    f("tingling", site="calf"),
    f("shooting_pain", site="buttock"),  # "starts in my butt cheek and shoots down to my foot"
    f("leg_pain"),
    f("dx_prolapsed_disc"),
])
def test_a_symptom_or_diagnosis_beyond_the_foot_ends_the_foot_alone_picture(knowledge, elsewhere):
    order = ranked([f("numbness", site="foot"), f("foot_pain"), elsewhere], knowledge)
    assert "spinal_origin_unlikely" not in order[:1], order


def test_foot_symptoms_that_vary_with_standing_are_not_the_foot_alone_picture(knowledge):
    # "symptoms that vary with spinal position ... indicate spinal origin": no discriminating foot-alone picture
    result = assess([f("numbness", site="foot"), f("worse_standing_walking")], knowledge=knowledge)
    unlikely = [c for c in result.considerations if c["id"] == "spinal_origin_unlikely"]
    assert not unlikely or unlikely[0]["discriminating"] is False
    assert result.considerations[0]["id"] != "spinal_origin_unlikely"


def test_a_discriminator_may_be_guarded_by_no_reported_diagnosis_but_not_made_of_one(knowledge_copy):
    path = knowledge_copy / "rules" / "levels.yml"
    text = path.read_text(encoding="utf-8")
    made_of = text.replace("discriminators: {concept: heel_walk_weakness}",
                           "discriminators: {any: [{concept: heel_walk_weakness}, {concept: dx_sciatica}]}")
    assert made_of != text
    path.write_text(made_of, encoding="utf-8")
    with pytest.raises(KnowledgeError, match="discriminators"):
        load(knowledge_copy)
    # (the loader caches a folder that loaded, so the accepted variant comes last)
    path.write_text(text.replace("discriminators: {concept: heel_walk_weakness}",
                                 "discriminators: {all: [{concept: heel_walk_weakness}, {none: [{concept: dx_sciatica}]}]}"),
                    encoding="utf-8")
    heel_walk = next(rule for rule in load(knowledge_copy).rules if rule.id == "heel_walk_nerve")
    assert "dx_sciatica" in {test.concept for test in heel_walk.discriminators.tests}


def test_numb_soles_are_the_t12_l1_picture_only_with_weakness(knowledge):
    soles = [f("numbness", site="sole", laterality="bilateral")]
    t12 = [c for c in assess(soles, knowledge=knowledge).considerations if c["id"] == "t12l1_disc_herniation"]
    assert t12 and t12[0]["discriminating"] is False
    result = assess(soles + [f("weakness", laterality="bilateral")], knowledge=knowledge)
    assert result.considerations[0]["id"] == "t12l1_disc_herniation"
    assert result.considerations[0]["discriminating"] is True


def test_sphincter_or_saddle_involvement_lists_t12l1_by_its_points(knowledge):
    # "Bowel and bladder dysfunction commonly accompanies T12/L1 herniation": considered, not discriminating
    cauda = [f("back_pain"), f("leg_pain"), f("shooting_pain"), f("weakness"), f("bladder_dysfunction")]
    result = assess(cauda, knowledge=knowledge)
    order = [c["id"] for c in result.considerations]
    assert "t12l1_disc_herniation" in order
    assert order[0] != "t12l1_disc_herniation", order
    assert "t12l1_disc_herniation" in ranked([f("saddle_anesthesia")], knowledge)


def test_a_named_cauda_equina_syndrome_does_not_lift_t12l1_above_the_generic_pictures(knowledge):
    order = ranked([f("back_pain"), f("leg_pain"), f("shooting_pain"), f("bladder_dysfunction"),
                    f("achilles_reflex_absent"), f("dx_cauda_equina")], knowledge)
    assert "t12l1_disc_herniation" in order
    assert order[0] != "t12l1_disc_herniation", order
