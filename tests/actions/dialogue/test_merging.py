from actions.dialogue.merging import keeps_told, merge_finding, strongest_per_concept
from common.finding import Finding

PRESENT = Finding("weakness", laterality="left").to_dict()


def test_the_strongest_status_of_a_concept_in_one_message_stands():
    kept = strongest_per_concept([Finding("weakness", laterality="right"), Finding("weakness", "absent"),
                                  Finding("bladder_dysfunction", "absent"), Finding("bladder_dysfunction", "uncertain")])
    assert {(f.concept, f.status, f.laterality) for f in kept} == {("weakness", "present", "right"),
                                                                     ("bladder_dysfunction", "uncertain", None)}


def test_a_pattern_takes_the_last_word():
    kept = strongest_per_concept([Finding("worse_standing_walking"), Finding("worse_standing_walking", "absent")])
    assert [f.status for f in kept] == ["absent"]


def test_what_keeps_a_told_finding():
    assert keeps_told(PRESENT, Finding("weakness", "uncertain"), explicit=False)
    assert keeps_told(PRESENT, Finding("weakness", "absent", site="big_toe"), explicit=False)
    assert not keeps_told(PRESENT, Finding("weakness", "absent"), explicit=False)
    assert not keeps_told(PRESENT, Finding("weakness", "uncertain"), explicit=True)
    bladder = Finding("bladder_dysfunction").to_dict()
    assert keeps_told(bladder, Finding("bladder_dysfunction", "absent"), explicit=False)
    assert not keeps_told(None, Finding("bladder_dysfunction", "absent"), explicit=False)


def test_a_denial_of_the_whole_organ_takes_a_bladder_or_bowel_finding_back_but_one_way_of_failing_does_not():
    bladder = Finding("bladder_dysfunction", text="the first one").to_dict()
    for words in ("her bladder is fine", "bladder problems", "waterworks all normal", "bowels fine"):
        concept = "bowel_dysfunction" if "bowel" in words else "bladder_dysfunction"
        assert not keeps_told({**bladder, "concept": concept}, Finding(concept, "absent", text=words), explicit=False)
    for words in ("incontinence", "no leaking", "bladder control", "retention"):
        assert keeps_told(bladder, Finding("bladder_dysfunction", "absent", text=words), explicit=False)


def test_a_repeated_status_keeps_the_known_side():
    assert merge_finding(PRESENT, Finding("weakness"))["laterality"] == "left"
