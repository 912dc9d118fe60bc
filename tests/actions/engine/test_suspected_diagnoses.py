"""A diagnosis a clinician only suspects ("?S1 radic", "query disc") is evidence for its consideration,
weighed as the rule file weighs the diagnosis, but only a diagnosis stated as made lifts the consideration
into the reported tier and is listed as reported (issue 10, sixteenth round)."""

from actions.engine import assess


def f(concept, status="present", site=None, laterality=None, text="", **extra):
    return dict(concept=concept, status=status, site=site, laterality=laterality, text=text, **extra)


PICTURE = [f("back_pain"), f("thigh_pain"), f("numbness")]
# A picture where sciatica outranks radiculopathy on findings alone.
SCIATIC_PICTURE = [f("back_pain"), f("leg_pain"), f("weakness", "absent")]


def considerations(findings, knowledge):
    return {c["id"]: c for c in assess(findings, knowledge=knowledge).to_dict()["considerations"]}


def test_a_suspected_diagnosis_adds_its_weight_without_the_reported_tier(knowledge):
    plain = considerations(PICTURE, knowledge)
    suspected = considerations(PICTURE + [f("dx_lumbar_radiculopathy", "uncertain", text="?S1 radic")], knowledge)
    assert suspected["lumbar_radiculopathy"]["score"] > plain["lumbar_radiculopathy"]["score"]
    assert suspected["lumbar_radiculopathy"]["reported"] is False
    supporting = {s["concept"]: s for s in suspected["lumbar_radiculopathy"]["supporting"]}
    assert supporting["dx_lumbar_radiculopathy"]["status"] == "uncertain"


def test_a_suspected_diagnosis_is_not_listed_as_reported(knowledge):
    result = assess(PICTURE + [f("dx_prolapsed_disc", "uncertain", text="?disc")], knowledge=knowledge).to_dict()
    assert result["reported_diagnoses"] == []


def test_a_stated_diagnosis_still_lifts_its_consideration_first(knowledge):
    result = assess(PICTURE + [f("dx_spondylolisthesis", text="XR: spondylolisthesis")], knowledge=knowledge)
    first = result.to_dict()["considerations"][0]
    assert first["id"] == "spondylolisthesis" and first["reported"] is True


def test_a_suspected_diagnosis_does_not_jump_the_ranking(knowledge):
    # stated, spondylolisthesis comes first whatever the findings; suspected, it only adds points
    result = assess(PICTURE + [f("dx_spondylolisthesis", "uncertain", text="?spondylolisthesis")],
                    knowledge=knowledge).to_dict()
    ranked = [c["id"] for c in result["considerations"]]
    assert "spondylolisthesis" not in ranked[:1]


def test_the_ranking_a_suspicion_changes(knowledge):
    without = list(considerations(SCIATIC_PICTURE, knowledge))
    with_suspicion = list(considerations(
        SCIATIC_PICTURE + [f("dx_lumbar_radiculopathy", "uncertain", text="?L5 radic")], knowledge))
    assert without[0] == "sciatica" and with_suspicion[0] == "lumbar_radiculopathy"
