"""Pure parts of the Slack channel: the de-duplication memory and configuration."""
from __future__ import annotations

from bot.channels.dedupe import RecentKeys
from bot.channels.slack import RadixSlackInput, slack_api_url


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_key_is_reported_once_within_the_ttl_and_again_after_it():
    clock = FakeClock()
    recent = RecentKeys(ttl=60, clock=clock)
    assert recent.seen_before("event:Ev1") is False
    clock.now += 59
    assert recent.seen_before("event:Ev1") is True
    clock.now += 61
    assert recent.seen_before("event:Ev1") is False


def test_any_known_key_marks_a_duplicate_and_all_keys_are_remembered():
    recent = RecentKeys(ttl=60, clock=FakeClock())
    # The same message delivered as app_mention and as message: new event id, same channel+ts.
    assert recent.seen_before("event:Ev1", "message:C1:1.0001") is False
    assert recent.seen_before("event:Ev2", "message:C1:1.0001") is True
    assert recent.seen_before("event:Ev2") is True
    assert recent.seen_before(None, "") is False  # missing keys are ignored


def test_memory_is_bounded():
    recent = RecentKeys(ttl=3600, max_keys=3, clock=FakeClock())
    for n in range(5):
        recent.seen_before(f"k{n}")
    assert recent.seen_before("k0") is False  # evicted, oldest first
    assert recent.seen_before("k4") is True


def test_api_url_default_and_override():
    assert slack_api_url({}) == "https://slack.com/api/"
    assert slack_api_url({"SLACK_API_URL": "http://127.0.0.1:9/api"}) == "http://127.0.0.1:9/api/"


def test_without_a_signing_secret_the_channel_starts_but_rejects_everything():
    channel = RadixSlackInput.from_credentials({"slack_token": "", "slack_signing_secret": ""})
    assert channel.name() == "slack" and channel.use_threads is True

    class Unsigned:
        headers = {}
        body = b"{}"

    assert channel.is_request_from_slack_authentic(Unsigned()) is False


def test_use_threads_accepts_yaml_strings():
    channel = RadixSlackInput.from_credentials(
        {"slack_token": "x", "slack_signing_secret": "s", "use_threads": "false"})
    assert channel.use_threads is False
