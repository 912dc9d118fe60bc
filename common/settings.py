"""Runtime settings: the one place that turns environment variables into defaults.

Every process Radix starts (Rasa server, action server, tests) gets its environment from
`runtime_environment`, so the embedded defaults (SQLite under a data directory) and the
overrides (RADIX_* variables) are decided here and nowhere else.
"""
from __future__ import annotations

import os
import re
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
    # Origins a browser may call the Rasa server from (CORS); empty: none but the page's own.
    cors_origins: tuple[str, ...] = ()
    # The Redis several Rasa replicas share (redis://host:port/db): conversation locks
    # (bot/lock_store.py) and the web chat's rooms (bot/channels/web.py); empty: in-process.
    lock_url: str = ""
    # Seconds one call to the action server may take, and one whole turn.
    action_timeout: float = 5.0
    turn_timeout: float = 30.0
    # This Rasa server's name among replicas: it reclaims its own unfinished messages on restart.
    replica: str = ""
    # First retry delay of an outgoing Slack/SMS message (doubles each time) and the attempts.
    outbox_retry_seconds: float = 2.0
    outbox_attempts: int = 8
    # Largest HTTP request body the Rasa server reads (bytes).
    max_request_bytes: int = 1_000_000
    # Where the Rasa server calls actions; empty: the action server started beside it.
    action_url: str = ""

    @property
    def rasa_url(self) -> str:
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def action_endpoint(self) -> str:
        return self.action_url or f"http://{self.host}:{self.actions_port}/webhook"


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise ValueError(f"{name} must be a TCP port number (1-65535), got {raw!r}")
    return int(raw)


def _number(env: Mapping[str, str], name: str, default: float, low: float, high: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not low <= value <= high:
        raise ValueError(f"{name} must be a number from {low:g} to {high:g}, got {raw!r}")
    return value


def _origins(env: Mapping[str, str]) -> tuple[str, ...]:
    origins = tuple(o.strip() for o in env.get("RADIX_CORS_ORIGINS", "").split(",") if o.strip())
    for origin in origins:
        if not re.fullmatch(r"https?://[^/\s*]+", origin):
            raise ValueError("RADIX_CORS_ORIGINS must list origins like https://clinic.example.org "
                             f"(scheme and host, no path, no wildcard), got {origin!r}")
    return origins


def _url(env: Mapping[str, str], name: str) -> str:
    url = env.get(name, "").strip()
    if url and not re.fullmatch(r"https?://\S+", url):
        raise ValueError(f"{name} must be an http(s) URL, got {url!r}")
    return url


def load_settings(env: Mapping[str, str] | None = None) -> RadixSettings:
    env = os.environ if env is None else env
    data_dir = Path(env.get("RADIX_DATA_DIR") or PROJECT_ROOT / "var").resolve()
    host = env.get("RADIX_HOST") or "127.0.0.1"
    rasa_port = _port(env, "RADIX_PORT", 5005)
    lock_url = env.get("RADIX_LOCK_URL", "").strip()
    if lock_url and not lock_url.startswith(("redis://", "rediss://")):
        raise ValueError(f"RADIX_LOCK_URL must be a redis:// URL, got {lock_url!r}")
    return RadixSettings(
        data_dir=data_dir,
        host=host,
        rasa_port=rasa_port,
        actions_port=_port(env, "RADIX_ACTIONS_PORT", 5055),
        model_path=Path(env.get("RADIX_MODEL") or PROJECT_ROOT / "models" / "radix.tar.gz"),
        tracker_url=env.get("RADIX_TRACKER_URL") or f"sqlite:///{data_dir / 'tracker.db'}",
        db_url=env.get("RADIX_DB_URL") or f"sqlite:///{data_dir / 'radix.db'}",
        cors_origins=_origins(env),
        lock_url=lock_url,
        action_timeout=_number(env, "RADIX_ACTION_TIMEOUT", 5.0, 0.1, 120),
        turn_timeout=_number(env, "RADIX_TURN_TIMEOUT", 30.0, 1, 600),
        replica=env.get("RADIX_REPLICA") or f"{host}:{rasa_port}",
        outbox_retry_seconds=_number(env, "RADIX_OUTBOX_RETRY_SECONDS", 2.0, 0.05, 600),
        outbox_attempts=int(_number(env, "RADIX_OUTBOX_ATTEMPTS", 8, 1, 50)),
        max_request_bytes=int(_number(env, "RADIX_MAX_REQUEST_BYTES", 1_000_000, 10_000, 100_000_000)),
        action_url=_url(env, "RADIX_ACTION_URL"),
    )


# bot/credentials.yml and bot/endpoints.yml read these (Rasa fails on an unset ${VAR}). Empty
# secrets are the safe local default: the REST, Slack and SMS webhooks then reject every request
# (fail closed), and an empty API URL means the real Slack / Twilio API. Real values:
# docs/security.md, docs/channels/*.md.
CHANNEL_SECRET_VARS = (
    "RADIX_REST_TOKEN", "RADIX_WEB_SESSION_KEY",
    "SLACK_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL",
    "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_NUMBER", "TWILIO_WEBHOOK_URL",
    "TWILIO_API_URL", "RADIX_SENDER_HASH_KEY", "RADIX_LOCK_URL",
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
            "RADIX_REPLICA": settings.replica,
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONUNBUFFERED": "1",
        }
    )
    for name in CHANNEL_SECRET_VARS:
        env.setdefault(name, "")
    return env


# One TensorFlow thread per pool for the Rasa server unless set otherwise: one message's intent
# model is a few small matrix products, and TensorFlow's default thread pools (one thread per core
# each) only contend with the event loop for the core (`make bench-turn`, README "Measured").
TF_THREAD_DEFAULTS = {"TF_INTRA_OP_PARALLELISM_THREADS": "1", "TF_INTER_OP_PARALLELISM_THREADS": "1"}


def rasa_server_environment(settings: RadixSettings, env: Mapping[str, str]) -> dict:
    """What the Rasa server adds to `env`: Sanic reads SANIC_* variables as its settings, Rasa
    TF_*_PARALLELISM_THREADS as TensorFlow's thread pools."""
    return {**TF_THREAD_DEFAULTS, **env, "SANIC_REQUEST_MAX_SIZE": str(settings.max_request_bytes)}
