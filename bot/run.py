"""`make run`: start the action server and the Rasa server, say how to talk to them,
stop both on Ctrl-C."""
from __future__ import annotations

import signal
import sys
import time

from bot.launcher import RadixServers, ServerStartError
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
    servers = RadixServers(settings)
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
        f"  try:  curl -s {url} -H 'Content-Type: application/json' "
        "-d '{\"sender\": \"me\", \"message\": \"hi\"}'\n"
        f"  logs: {servers.log_dir}\n"
        "Press Ctrl-C to stop.",
        flush=True,
    )
    try:
        while True:
            stopped = servers.exited()
            if stopped:
                print(f"radix: {stopped}", file=sys.stderr)
                servers.stop()
                return 1
            time.sleep(1)
    except KeyboardInterrupt:
        print("\nStopping Radix ...", flush=True)
        servers.stop()
        print("Stopped.")
        return 0


if __name__ == "__main__":
    sys.exit(main())
