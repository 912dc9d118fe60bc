"""Runtime settings: the one place that turns environment variables into defaults.

Every process Radix starts (Rasa server, action server, tests) gets its environment from
`runtime_environment`, so the embedded defaults (SQLite under a data directory) and the
overrides (RADIX_* variables) are decided here and nowhere else.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class RadixSettings:
    data_dir: Path
    host: str
    rasa_port: int
    actions_port: int
    model_path: Path
    tracker_url: str
    db_url: str

    @property
    def rasa_url(self) -> str:
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def action_endpoint(self) -> str:
        return f"http://{self.host}:{self.actions_port}/webhook"


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise ValueError(f"{name} must be a TCP port number (1-65535), got {raw!r}")
    return int(raw)


def load_settings(env: Mapping[str, str] | None = None) -> RadixSettings:
    env = os.environ if env is None else env
    data_dir = Path(env.get("RADIX_DATA_DIR") or PROJECT_ROOT / "var").resolve()
    return RadixSettings(
        data_dir=data_dir,
        host=env.get("RADIX_HOST") or "127.0.0.1",
        rasa_port=_port(env, "RADIX_PORT", 5005),
        actions_port=_port(env, "RADIX_ACTIONS_PORT", 5055),
        model_path=Path(env.get("RADIX_MODEL") or PROJECT_ROOT / "models" / "radix.tar.gz"),
        tracker_url=env.get("RADIX_TRACKER_URL") or f"sqlite:///{data_dir / 'tracker.db'}",
        db_url=env.get("RADIX_DB_URL") or f"sqlite:///{data_dir / 'radix.db'}",
    )


# bot/credentials.yml reads these (Rasa fails on an unset ${VAR}). Empty secrets are the safe
# local default: the Slack and SMS webhooks then reject every request (fail closed), and an
# empty API URL means the real Slack / Twilio API. Real values: docs/channels/slack.md, sms.md.
CHANNEL_SECRET_VARS = (
    "SLACK_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL",
    "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_NUMBER", "TWILIO_WEBHOOK_URL",
    "TWILIO_API_URL", "RADIX_SENDER_HASH_KEY",
)


def runtime_environment(settings: RadixSettings, base: Mapping[str, str] | None = None) -> dict:
    """The environment every Radix process runs with."""
    env = dict(os.environ if base is None else base)
    env.update(
        {
            # Rasa otherwise retries unreachable telemetry/error-report hosts and stalls.
            "RASA_TELEMETRY_ENABLED": "false",
            "SANIC_HOST": settings.host,  # the action server binds here, not 0.0.0.0
            "RADIX_DATA_DIR": str(settings.data_dir),
            "RADIX_ACTION_ENDPOINT": settings.action_endpoint,
            "RADIX_TRACKER_URL": settings.tracker_url,
            "RADIX_DB_URL": settings.db_url,
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONUNBUFFERED": "1",
        }
    )
    for name in CHANNEL_SECRET_VARS:
        env.setdefault(name, "")
    return env
