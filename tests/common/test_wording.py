"""The wording files are strict data: a missing or unknown key names the file, section and key."""
import shutil

import pytest
import yaml

from common.wording import WordingError, default_wording_dir, load_wording, say


@pytest.fixture
def wording_copy(tmp_path):
    folder = tmp_path / "wording"
    shutil.copytree(default_wording_dir(), folder)

    def edit(audience, change):
        path = folder / f"{audience}.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    return folder, edit


def test_placeholders_are_filled():
    assert say("patient", "titles.question", number=3) == "Question 3"
    assert "12,000" in say("clinician", "messages.too_long", length="12,000", limit="8,000")


def test_each_audience_speaks_its_own_way():
    assert say("patient", "triage.emergency") != say("clinician", "triage.emergency")
    assert "diagnose" in say("patient", "disclaimer")


@pytest.mark.parametrize("audience, change, fragment", [
    ("patient", lambda d: d["messages"].pop("no_findings"), r"patient.yml.*'messages'.*'no_findings'.*missing"),
    ("clinician", lambda d: d["titles"].update(subtitle="x"), r"clinician.yml.*'titles'.*'subtitle'.*unknown key"),
    ("patient", lambda d: d["concepts"].pop("foot_drop"), r"patient.yml.*'concepts'.*'foot_drop'"),
    ("clinician", lambda d: d["concepts"]["numbness"].update(question=""), r"'numbness'.*'question'"),
    ("clinician", lambda d: d.update(sms={"stop": "x"}), r"clinician.yml.*'sms'.*unknown key"),
    ("patient", lambda d: d["triage"].pop("urgent"), r"'triage'.*'urgent'"),
])
def test_a_broken_wording_file_names_what_is_wrong(wording_copy, audience, change, fragment):
    folder, edit = wording_copy
    edit(audience, change)
    with pytest.raises(WordingError, match=fragment):
        load_wording(audience, folder)


def test_unknown_audience_is_refused():
    with pytest.raises(WordingError, match="unknown audience"):
        load_wording("martian")
