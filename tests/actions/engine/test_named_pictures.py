"""The generic picture a person names comes first among the generic pictures (issue 10, fifteenth round).

Radiculopathy, sciatica and a prolapsed disc are overlapping names for one generic picture; which of them
is shown first used to follow points alone, so "my sciatica is back" was answered with radiculopathy first
and sciatica third. The person's own word now orders the generic pictures among themselves; every other
consideration keeps its place, and a discriminating or reported consideration still comes first.
"""

from actions.engine import assess
from actions.engine.assess import build_case, normalise_findings
from actions.engine.scoring import Evaluation, named_pictures


def f(concept, status="present", site=None, laterality=None, text="", **extra):
    return dict(concept=concept, status=status, site=site, laterality=laterality, text=text, **extra)


GENERIC = ("lumbar_radiculopathy", "sciatica", "prolapsed_disc")
# Radiculopathy collects the most points from these; sciatica follows it.
PICTURE = [f("back_pain"), f("numbness"), f("tingling"), f("weakness"), f("difficulty_walking")]


def order(findings, knowledge):
    return [c["id"] for c in assess(findings, knowledge=knowledge).considerations]


def test_a_named_sciatica_comes_first_among_the_generic_pictures(knowledge):
    unnamed = order(PICTURE + [f("leg_pain", text="pain down my leg")], knowledge)
    named = order(PICTURE + [f("leg_pain", text="my sciatica")], knowledge)
    assert unnamed.index("lumbar_radiculopathy") < unnamed.index("sciatica")
    assert [c for c in named if c in GENERIC][0] == "sciatica"
    # it takes the first generic place; the others keep their order after it
    assert named.index("sciatica") == unnamed.index("lumbar_radiculopathy")
    assert [c for c in named if c in GENERIC][1:] == [c for c in unnamed if c in GENERIC and c != "sciatica"]


def test_the_considerations_that_are_not_generic_keep_their_places(knowledge):
    findings = PICTURE + [f("worse_standing_walking"), f("relief_sitting_flexion"), f("leg_heaviness_cramping")]
    unnamed = order(findings + [f("leg_pain", text="leg pain")], knowledge)
    named = order(findings + [f("leg_pain", text="sciatic pain")], knowledge)
    assert named != unnamed
    for index, rule_id in enumerate(unnamed):
        if rule_id not in GENERIC:
            assert named[index] == rule_id, (unnamed, named)


def test_the_assessment_says_which_consideration_the_person_named(knowledge):
    result = assess(PICTURE + [f("leg_pain", text="Sciatica again")], knowledge=knowledge)
    named = {c["id"]: c["named"] for c in result.considerations}
    assert named["sciatica"] is True
    assert named["lumbar_radiculopathy"] is False


def test_a_discriminating_consideration_still_comes_first(knowledge):
    named = order(PICTURE + [f("leg_pain", text="sciatica"), f("foot_drop", laterality="left")], knowledge)
    assert named[0] == "l4_l5_root_foot_drop"
    assert [c for c in named if c in GENERIC][0] == "sciatica"


def test_a_reported_diagnosis_still_ranks_above_a_named_picture(knowledge):
    named = order(PICTURE + [f("leg_pain", text="sciatica"), f("dx_prolapsed_disc", text="slipped disc")],
                  knowledge)
    assert named[0] == "prolapsed_disc"


def test_a_denied_past_or_someone_elses_sciatica_names_nothing(knowledge):
    unnamed = order(PICTURE + [f("leg_pain", text="leg pain")], knowledge)
    for other in (f("leg_pain", status="absent", text="no sciatica"),
                  f("leg_pain", historical=True, text="sciatica years ago"),
                  f("leg_pain", experiencer="other", text="my mums sciatica")):
        assert order(PICTURE + [f("leg_pain", text="leg pain"), other], knowledge) == unnamed


def test_a_name_must_be_a_whole_word(knowledge):
    unnamed = order(PICTURE + [f("leg_pain", text="leg pain")], knowledge)
    assert order(PICTURE + [f("leg_pain", text="nonsciaticalike pain")], knowledge) == unnamed


def test_what_if_questions_compare_against_the_order_the_person_sees(knowledge):
    # answer_change asks whether an answer would change the top consideration: that top must be the
    # one shown, name included.
    findings = normalise_findings(PICTURE + [f("leg_pain", text="sciatica")], knowledge)
    case = build_case(findings)
    named = Evaluation(knowledge, case, named_pictures(knowledge, findings))
    assert named.top == named.ranking()[0][0] == "sciatica"
    assert Evaluation(knowledge, case).top == "lumbar_radiculopathy"
