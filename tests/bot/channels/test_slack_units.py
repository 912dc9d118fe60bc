"""Pure parts of the Slack channel: configuration, signatures, who counts as a person."""
from __future__ import annotations

from bot.channels.slack import RadixSlackInput, bot_user_ids, slack_api_url


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


def test_radix_own_user_ids_come_from_bot_authorizations_only():
    body = {"authorizations": [{"user_id": "UBOT", "is_bot": True},
                               {"user_id": "UHUMAN", "is_bot": False}],
            "authed_users": ["ULEGACYBOT"]}
    assert bot_user_ids(body) == ["UBOT", "ULEGACYBOT"]
    assert bot_user_ids({}) == []
