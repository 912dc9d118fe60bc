"""The strict-schema helper every data loader uses names file, entry and key."""
import pytest

from common.schema import SchemaError, Where, read_yaml


class CustomError(SchemaError):
    pass


def test_error_names_file_entry_and_key_and_uses_the_callers_class():
    where = Where("rules/levels.yml", error=CustomError).at("t12l1")
    with pytest.raises(CustomError) as error:
        where.keys({"id": "t12l1", "severity": "high"}, allowed=("id",))
    assert str(error.value).startswith("rules/levels.yml: entry 't12l1': key 'severity': unknown key")
    assert (error.value.file, error.value.entry, error.value.key) == ("rules/levels.yml", "t12l1", "severity")


@pytest.mark.parametrize("check, fragment", [
    (lambda w: w.keys({"id": ""}, allowed=("id",), required=("id",)), "missing required key"),
    (lambda w: w.choice("soon", ("urgent", "routine"), "triage"), "bad value 'soon'"),
    (lambda w: w.boolean("yes", "asserted"), "expected true or false"),
    (lambda w: w.strings([], "phrases"), "non-empty list of strings"),
    (lambda w: w.strings(["a", " "], "phrases"), "non-empty strings"),
    (lambda w: w.text({"label": 3}, "label"), "non-empty string"),
    (lambda w: w.positive_int(0, "max_scope"), "positive integer"),
    (lambda w: w.list({}, "rules", non_empty=True), "expected a list"),
    (lambda w: w.mapping([], "entry"), "expected a mapping"),
])
def test_each_check_rejects_bad_values(check, fragment):
    with pytest.raises(SchemaError, match=fragment):
        check(Where("f.yml", "e"))


def test_good_values_pass_through():
    where = Where("f.yml")
    assert where.text({"label": "  two   words "}, "label") == "two words"
    assert where.choice(None, ("a",), "k", nullable=True) is None
    assert where.strings(["a"], "phrases") == ["a"]


def test_read_yaml_reports_missing_and_malformed_files(tmp_path):
    with pytest.raises(CustomError, match="x.yml: file not found"):
        read_yaml(tmp_path / "x.yml", "x.yml", CustomError)
    (tmp_path / "y.yml").write_text("a: [\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="y.yml: not valid YAML"):
        read_yaml(tmp_path / "y.yml", "y.yml")
