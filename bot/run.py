"""`make run`: start the action server and the Rasa server, say how to talk to them, restart a
server that crashes (bot/supervisor.py), and on Ctrl-C or SIGTERM stop the Rasa server first
(it finishes turns in progress and sends queued replies), then the action server."""
from __future__ import annotations

import os
import secrets
import signal
import sys
import time

from bot.launcher import RadixServers, ServerStartError
from bot.supervisor import Supervisor
from common.settings import load_settings


def _interrupt(*_signal_args) -> None:
    raise KeyboardInterrupt


def main() -> int:
    # Explicit handlers: a shell that starts us in the background sets SIGINT to "ignore".
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        settings = load_settings()
    except ValueError as problem:
        print(f"radix: {problem}", file=sys.stderr)
        return 2
    extra_env = {}
    token = os.environ.get("RADIX_REST_TOKEN", "")
    generated = not token
    if generated:  # a local token for this run; set RADIX_REST_TOKEN to choose one
        token = extra_env["RADIX_REST_TOKEN"] = secrets.token_urlsafe(24)
    servers = RadixServers(settings, extra_env)
    supervisor = Supervisor(servers)
    started = time.monotonic()
    print(f"Starting Radix (model {settings.model_path}, data in {settings.data_dir}) ...", flush=True)
    try:
        servers.start()
        servers.wait_ready()
    except ServerStartError as problem:
        print(f"radix: {problem}", file=sys.stderr)
        servers.stop()
        return 1
    except KeyboardInterrupt:
        servers.stop()
        return 130
    url = f"{settings.rasa_url}/webhooks/rest/webhook"
    print(
        f"\nRadix is ready after {time.monotonic() - started:.0f}s.\n"
        f"  Web chat:      open {settings.rasa_url}/webhooks/web/ in a browser\n"
        f"  REST webhook:  POST {url}\n"
        f"  REST token:    {token}" + (" (generated for this run; set RADIX_REST_TOKEN to "
                                       "choose one)" if generated else "") + "\n"
        f"  try:  curl -s {url} -H 'Authorization: Bearer {token}' "
        "-H 'Content-Type: application/json' -d '{\"sender\": \"me\", \"message\": \"hi\"}'\n"
        f"  logs: {servers.log_dir}\n"
        "A server that stops by itself is restarted. Press Ctrl-C to stop.",
        flush=True,
    )
    try:
        supervisor.run(until=lambda: False)
    except KeyboardInterrupt:
        print("\nStopping Radix (finishing turns in progress, sending queued replies) ...",
              flush=True)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the drain
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        supervisor.stop()
        print("Stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
