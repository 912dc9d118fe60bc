import pytest

from common.settings import load_settings, rasa_server_environment, runtime_environment


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


def test_fault_and_security_settings_default_to_safe_values():
    settings = load_settings({})
    assert settings.cors_origins == () and settings.lock_url == ""
    assert settings.action_timeout == 5.0 and settings.turn_timeout == 30.0
    assert settings.max_request_bytes == 1_000_000
    assert settings.replica == "127.0.0.1:5005"


def test_cors_origins_lock_url_and_action_url_come_from_the_environment():
    settings = load_settings({"RADIX_CORS_ORIGINS": "https://a.example, http://b.example:8080",
                              "RADIX_LOCK_URL": "redis://cache:6379/2",
                              "RADIX_ACTION_URL": "http://actions:5055/webhook",
                              "RADIX_ACTION_TIMEOUT": "2.5"})
    assert settings.cors_origins == ("https://a.example", "http://b.example:8080")
    assert settings.lock_url == "redis://cache:6379/2"
    assert settings.action_endpoint == "http://actions:5055/webhook"
    assert settings.action_timeout == 2.5


@pytest.mark.parametrize("name, bad", [
    ("RADIX_CORS_ORIGINS", "*"), ("RADIX_CORS_ORIGINS", "https://a.example/path"),
    ("RADIX_LOCK_URL", "memcached://x"), ("RADIX_ACTION_TIMEOUT", "0"),
    ("RADIX_ACTION_TIMEOUT", "soon"), ("RADIX_ACTION_URL", "actions:5055"),
])
def test_bad_values_are_rejected_with_the_variable_named(name, bad):
    with pytest.raises(ValueError, match=name):
        load_settings({name: bad})


def test_every_channel_secret_defaults_to_empty_so_channels_stay_closed(tmp_path):
    env = runtime_environment(load_settings({"RADIX_DATA_DIR": str(tmp_path)}), base={})
    for name in ("RADIX_REST_TOKEN", "SLACK_SIGNING_SECRET", "TWILIO_AUTH_TOKEN",
                 "RADIX_SENDER_HASH_KEY", "RADIX_WEB_SESSION_KEY"):
        assert env[name] == ""
    assert rasa_server_environment(load_settings({}), env)["SANIC_REQUEST_MAX_SIZE"] == "1000000"


def test_the_rasa_server_gets_one_tensorflow_thread_per_pool_unless_told_otherwise():
    settings = load_settings({})
    env = rasa_server_environment(settings, {})
    assert env["TF_INTRA_OP_PARALLELISM_THREADS"] == env["TF_INTER_OP_PARALLELISM_THREADS"] == "1"
    chosen = rasa_server_environment(settings, {"TF_INTRA_OP_PARALLELISM_THREADS": "4"})
    assert chosen["TF_INTRA_OP_PARALLELISM_THREADS"] == "4"
