"""Loading: strict schema, quote verification, coverage, kb_version, topic lookup."""

import hashlib
from pathlib import Path

import pytest
import yaml

from actions.engine import KnowledgeError, load_knowledge
from actions.engine.corpus import normalise
from common.contract import WEAKNESS_CONCEPTS

@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def _edit_rule(folder, filename, rule_id, change):
    path = folder / "rules" / filename
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rule = next(r for r in data["rules"] if r["id"] == rule_id)
    change(rule)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_articles_metadata_read_from_texts(knowledge):
    assert len(knowledge.articles) == 5
    oracle = knowledge.articles["droracle-t12l1-l1l2"]
    assert oracle.last_updated == "2025-12-31"
    assert oracle.publisher == "Dr.Oracle"
    assert oracle.seed_stem == "000_f539c12fff5c0eaa"
    assert [r["year"] for r in oracle.references] == [2003, 1996]
    assert {a.seed_stem[:3] for a in knowledge.articles.values()} == {"000", "001", "002", "003", "004"}


def test_packaged_articles_are_the_seed_texts(knowledge):
    # The manifest's sha256 is checked at every load; here it is also compared with the corpus
    # itself when the seed folder sits next to the checkout (it does not in CI).
    seeds = knowledge.path.parent.parent.parent / "shared" / "seeds"
    for article in knowledge.articles.values():
        shipped = (knowledge.path / "articles" / article.file).read_bytes()
        assert hashlib.sha256(shipped).hexdigest() == article.seed_sha256
        seed = seeds / f"{article.seed_stem}.txt"
        assert not seed.is_file() or seed.read_bytes() == shipped


def test_every_clinical_passage_is_cited_and_chrome_is_apart(knowledge):
    cited = knowledge.coverage()
    unused = [pid for pid, p in knowledge.passages.items() if p.clinical and not cited[pid]]
    assert unused == []
    chrome = [p for p in knowledge.passages.values() if p.kind == "chrome"]
    assert any(p.text == "Personalize" for p in chrome)
    assert not any(cited[p.id] for p in chrome)


def test_citations_point_at_passages_containing_the_quote(knowledge):
    for rule in knowledge.rules:
        assert rule.citations
        for citation in rule.citations:
            passage = knowledge.passages[citation.passage_id]
            assert passage.article_id == citation.article_id
            assert normalise(citation.quote) in passage.normalised


def test_passage_ids_follow_the_documented_scheme(knowledge):
    article = knowledge.articles["lower-back-pain-foot-pain"]
    assert article.passages[0].id == "lower-back-pain-foot-pain:p01"
    assert article.passages[0].text == "Can Lower Back Pain Cause Foot Pain?"
    red_flag_item = knowledge.passages["lower-back-pain-foot-pain:p19"]
    assert red_flag_item.kind == "list_item"
    assert red_flag_item.text == "Sudden and severe muscle weakness in the leg or foot."


def test_tampered_quote_fails_loading_naming_the_rule(knowledge_copy):
    def tamper(rule):
        citation = next(c for c in rule["citations"] if "typically absent" in c["quote"])
        citation["quote"] = citation["quote"].replace("typically absent", "typically brisk")
    _edit_rule(knowledge_copy, "levels.yml", "t12l1_disc_herniation", tamper)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(knowledge_copy)
    message = str(error.value)
    assert "t12l1_disc_herniation" in message and "rules/levels.yml" in message
    assert "quote not found" in message and "typically brisk" in message


def _tamper_article(knowledge_copy, update_hash: bool):
    path = knowledge_copy / "articles" / "lower-back-pain-foot-pain.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Sudden and severe", "Gradual"),
                    encoding="utf-8")
    if update_hash:
        manifest = knowledge_copy / "articles.yml"
        data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
        entry = next(a for a in data["articles"] if a["id"] == "lower-back-pain-foot-pain")
        entry["seed_sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
        manifest.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_tampered_article_text_fails_loading_naming_the_article(knowledge_copy):
    _tamper_article(knowledge_copy, update_hash=False)
    with pytest.raises(KnowledgeError, match="articles.yml.*'lower-back-pain-foot-pain'.*'seed_sha256'"):
        load_knowledge(knowledge_copy)


def test_a_quote_missing_from_a_changed_article_names_the_rule(knowledge_copy):
    _tamper_article(knowledge_copy, update_hash=True)
    with pytest.raises(KnowledgeError, match="red_flag_sudden_severe_weakness"):
        load_knowledge(knowledge_copy)


def test_quote_marks_and_whitespace_are_normalised(knowledge_copy):
    # The article has curly quotes around "red flag" and a line break is not in the quote.
    _edit_rule(knowledge_copy, "red_flags.yml", "red_flag_bladder_bowel",
               lambda r: r["citations"].append({
                   "article": "lower-back-pain-foot-pain",
                   "quote": "Specific  \"red flag\"\n symptoms require immediate medical attention:"}))
    knowledge = load_knowledge(knowledge_copy)
    cited = knowledge.rules_by_id["red_flag_bladder_bowel"].citations[-1]
    assert cited.passage_id == "lower-back-pain-foot-pain:p18"


@pytest.mark.parametrize("filename, rule_id, change, key", [
    ("levels.yml", "t12l1_disc_herniation", lambda r: r.update(severity="high"), "severity"),
    ("red_flags.yml", "red_flag_bladder_bowel", lambda r: r.update(triage="soon"), "triage"),
    ("levels.yml", "l1l2_disc_herniation",
     lambda r: r["when"]["any"][0].update(status="maybe"), "status"),
    ("levels.yml", "l1l2_disc_herniation",
     lambda r: r["when"]["any"][0].update(concept="knee_pain"), "concept"),
    ("levels.yml", "l1l2_disc_herniation",
     lambda r: r["when"]["any"][1].update(site="elbow"), "site"),
    ("levels.yml", "l1l2_disc_herniation",
     lambda r: r["evidence"][0].update(weight=-1), "weight"),
    ("levels.yml", "l1l2_disc_herniation", lambda r: r.update(kind="diagnosis"), "kind"),
    ("levels.yml", "l1l2_disc_herniation", lambda r: r.update(citations=[]), "citations"),
    ("levels.yml", "l1l2_disc_herniation",
     lambda r: r["citations"][0].update(article="wikipedia"), "article"),
    ("levels.yml", "l1l2_disc_herniation",
     lambda r: r["citations"][0].update(page=3), "page"),
    ("levels.yml", "l1l2_disc_herniation",
     lambda r: r.update(when={"any": [], "all": []}), "when"),
    ("levels.yml", "l1l2_disc_herniation",
     lambda r: r.update(patient="This is an L1/L2 disc herniation."), "patient"),
    ("self_care.yml", "self_care_initial", lambda r: r.update(evidence=[]), "evidence"),
    ("red_flags.yml", "red_flag_bladder_bowel", lambda r: r.pop("triage"), "triage"),
    # issue 10, fifteenth round: the words a generic picture is named by
    ("conditions.yml", "sciatica", lambda r: r.update(generic="yes"), "generic"),
    ("conditions.yml", "sciatica", lambda r: r.update(named_as=["Sciatica!"]), "named_as"),
    ("conditions.yml", "sciatica", lambda r: r.update(named_as="sciatica"), "named_as"),
    ("conditions.yml", "piriformis_syndrome", lambda r: r.update(named_as=["piriformis"]), "named_as"),
    ("red_flags.yml", "red_flag_bladder_bowel", lambda r: r.update(generic=True), "generic"),
    # issue 10, sixteenth round: a diagnosis is evidence as stated; its suspected form is derived, and a
    # denied one is never evidence
    ("conditions.yml", "sciatica", lambda r: r["evidence"][0].update(status="absent"), "evidence"),
    ("conditions.yml", "sciatica", lambda r: r["evidence"][0].update(status="uncertain"), "evidence"),
])
def test_schema_errors_name_file_rule_and_key(knowledge_copy, filename, rule_id, change, key):
    _edit_rule(knowledge_copy, filename, rule_id, change)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(knowledge_copy)
    message = str(error.value)
    assert f"rules/{filename}" in message
    assert repr(rule_id) in message
    assert key in message


def test_duplicate_rule_id_rejected(knowledge_copy):
    _edit_rule(knowledge_copy, "pitfalls.yml", "pitfall_no_back_pain",
               lambda r: r.update(id="sciatica"))
    with pytest.raises(KnowledgeError, match="duplicate rule id"):
        load_knowledge(knowledge_copy)


@pytest.mark.parametrize("change, key", [
    (lambda a: a.update(icd10="M79.67"), "icd10"),
    (lambda a: a["passage_kinds"].update({"Spinal Stenosis": "banner"}), "passage_kinds"),
])
def test_unknown_article_key_and_bad_passage_kind_rejected(knowledge_copy, change, key):
    path = knowledge_copy / "articles.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    article = next(a for a in data["articles"] if a["id"] == "lower-back-pain-foot-pain")
    article.setdefault("passage_kinds", {})
    change(article)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=rf"articles.yml.*'lower-back-pain-foot-pain'.*'{key}'"):
        load_knowledge(knowledge_copy)


def test_bad_yaml_is_reported_with_the_file(knowledge_copy):
    (knowledge_copy / "rules" / "pitfalls.yml").write_text("rules: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="rules/pitfalls.yml.*not valid YAML"):
        load_knowledge(knowledge_copy)


def test_kb_version_is_stable_and_tracks_content(knowledge, knowledge_copy):
    assert load_knowledge(knowledge_copy).kb_version == knowledge.kb_version
    assert load_knowledge() is knowledge            # cached per path
    _edit_rule(knowledge_copy, "pitfalls.yml", "pitfall_no_back_pain",
               lambda r: r.update(patient=r["patient"] + " Ask a doctor."))
    from actions.engine.loader import _load    # uncached, the copy changed on disk

    assert _load(knowledge_copy).kb_version != knowledge.kb_version


def test_answer_by_level_uses_the_article_naming(knowledge):
    items = knowledge.answer("level", "clinician", "T12/L1")
    assert items and all(i["citations"] for i in items)
    assert "t12l1_disc_herniation" in {i["rule_id"] for i in items}
    assert {c["article_id"] for i in items for c in i["citations"]} == {"droracle-t12l1-l1l2"}
    assert knowledge.answer("level", "clinician", "t12-l1") == items
    l4l5 = {i["rule_id"] for i in knowledge.answer("level", "clinician", "L4/L5")}
    assert {"l4_l5_root_foot_drop", "lumbar_spinal_stenosis"} <= l4l5
    assert knowledge.answer("level", "clinician", "C5/C6") == []


def test_answer_topics(knowledge):
    red = knowledge.answer("red_flags", "patient")
    assert len(red) == 4 and all("right away" in i["text"] for i in red)
    assert {i["rule_id"] for i in knowledge.answer("tests")} >= {"exam_heel_walk", "diagnostic_tests"}
    treatment = {i["rule_id"] for i in knowledge.answer("treatment", subject="stenosis")}
    assert treatment == {"treatment_stenosis_conservative", "treatment_stenosis_surgery"}
    assert [i["rule_id"] for i in knowledge.answer("conditions", subject="piriformis")] == [
        "piriformis_syndrome"]
    self_care = {i["rule_id"]: i for i in knowledge.answer("self_care", "patient")}
    assert "rest, ice or heat" in self_care["self_care_initial"]["text"]
    assert knowledge.answer("conditions", subject="gout") == []
    with pytest.raises(ValueError, match="unknown topic"):
        knowledge.answer("astrology")


def test_the_sudden_weakness_rule_names_the_contracts_weakness_concepts():
    # the safety net, the screen and the interview read "weakness" from common.contract; the rule must agree
    rules = yaml.safe_load((Path(__file__).resolve().parents[3] / "actions" / "knowledge" / "rules"
                            / "red_flags.yml").read_text(encoding="utf-8"))
    rule = next(r for r in rules["rules"] if r["id"] == "red_flag_sudden_severe_weakness")
    weakness = next(part["any"] for part in rule["when"]["all"] if "any" in part)
    assert {condition["concept"] for condition in weakness} == set(WEAKNESS_CONCEPTS)
