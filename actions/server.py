"""Entry point of the action server: `python -m actions.server [--port N]`.

Wraps rasa_sdk's server so it binds to RADIX_HOST (via SANIC_HOST) instead of every interface.
"""
from __future__ import annotations

import argparse
import logging
import os


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Radix action server")
    parser.add_argument("--port", type=int, default=int(os.environ.get("RADIX_ACTIONS_PORT", 5055)))
    args = parser.parse_args(argv)
    os.environ.setdefault("SANIC_HOST", os.environ.get("RADIX_HOST", "127.0.0.1"))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")

    from rasa_sdk.endpoint import run

    run("actions.dialogue", port=args.port, cors_origins="")


if __name__ == "__main__":
    main()
