import pytest

from common.settings import load_settings, runtime_environment


def test_defaults_are_embedded_sqlite_under_the_data_dir(tmp_path):
    settings = load_settings({"RADIX_DATA_DIR": str(tmp_path)})
    assert settings.tracker_url == f"sqlite:///{tmp_path / 'tracker.db'}"
    assert settings.db_url == f"sqlite:///{tmp_path / 'radix.db'}"
    assert (settings.rasa_port, settings.actions_port) == (5005, 5055)
    assert settings.action_endpoint == "http://127.0.0.1:5055/webhook"


def test_urls_and_ports_come_from_the_environment():
    settings = load_settings(
        {
            "RADIX_PORT": "6000",
            "RADIX_TRACKER_URL": "postgresql://radix@db/radix",
            "RADIX_DB_URL": "postgresql://radix@db/kb",
        }
    )
    assert settings.rasa_url.endswith(":6000")
    assert settings.tracker_url == "postgresql://radix@db/radix"
    assert settings.db_url == "postgresql://radix@db/kb"


@pytest.mark.parametrize("bad", ["abc", "0", "70000", "-1"])
def test_a_bad_port_is_rejected_with_the_variable_named(bad):
    with pytest.raises(ValueError, match="RADIX_PORT"):
        load_settings({"RADIX_PORT": bad})


def test_runtime_environment_turns_telemetry_off_and_passes_settings(tmp_path):
    env = runtime_environment(load_settings({"RADIX_DATA_DIR": str(tmp_path)}), base={})
    assert env["RASA_TELEMETRY_ENABLED"] == "false"
    assert env["RADIX_TRACKER_URL"].startswith("sqlite:///")
    assert env["SANIC_HOST"] == "127.0.0.1"
