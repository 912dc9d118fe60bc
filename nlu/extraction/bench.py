"""Throughput of the finding extractor.

    python -m nlu.extraction.bench [--messages N] [--model PATH]

Prints messages per second (single process, one thread) for:
  1. the extractor alone (FindingExtractor.extract),
  2. the Rasa component (RadixFindingExtractor.process on one Message at a time, after a real
     train -> persist -> load cycle in a temporary model storage),
  3. with --model: the whole Rasa NLU pipeline of a trained model (Agent.parse_message).
Figures are printed, not asserted: the target is >= 1,000 short messages/s for the component.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterable

# Short messages as patients and residents write them (not the evaluation sentences).
SAMPLE_MESSAGES = (
    "my left foot is numb",
    "pins and needles in both feet",
    "Pt c/o R foot numbness, denies bladder problems, can't heel walk",
    "can't stand on tiptoe",
    "AJ 0 bilat, EHL 4/5 L",
    "my foot slaps the ground when I walk",
    "no saddle anesthesia, no b/b dysfunction",
    "back pain for 3 weeks, worse standing",
    "is this serious?",
    "peeing myself since last night",
    "thanks",
    "shooting pain down my right leg",
    "L5 or S1?",
    "my mum had foot drop",
    "heel walk normal, toe walk weak on R",
    "numb between my legs",
)


def _rate(label: str, count: int, run: Callable[[], None]) -> float:
    start = time.perf_counter()
    run()
    elapsed = time.perf_counter() - start
    rate = count / elapsed if elapsed else float("inf")
    print(f"{label:58} {rate:10,.0f} msgs/s  ({count} messages in {elapsed:.2f} s)")
    return rate


def _messages(count: int) -> list[str]:
    return [SAMPLE_MESSAGES[i % len(SAMPLE_MESSAGES)] for i in range(count)]


def bench_extractor(texts: Iterable[str]) -> float:
    from nlu.extraction.pipeline import default_extractor

    extractor = default_extractor()
    for text in SAMPLE_MESSAGES:  # warm up: spaCy creates lexemes for new words on first sight
        extractor.extract(text)
    # Collect what building the pipeline left behind, or the timed loop pays for a full collection of it
    # (it did: the figure swung by 20 % with the vocabulary's size, not with its matching).
    gc.collect()
    texts = list(texts)
    return _rate("extractor (FindingExtractor.extract)", len(texts), lambda: [extractor.extract(t) for t in texts])


def build_component(storage_dir: Path):
    """Train and reload the component through Rasa's model storage (as `rasa train` would)."""
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.training_data.training_data import TrainingData

    from nlu.components.finding_extractor import RadixFindingExtractor

    storage = LocalModelStorage(storage_dir)
    resource = Resource("radix_finding_extractor")
    context = ExecutionContext(GraphSchema({}), "bench")
    config = RadixFindingExtractor.get_default_config()
    RadixFindingExtractor.create(config, storage, resource, context).train(TrainingData())
    return RadixFindingExtractor.load(config, storage, resource, context)


def bench_component(texts: Iterable[str]) -> float:
    from rasa.shared.nlu.training_data.message import Message

    texts = list(texts)
    with tempfile.TemporaryDirectory() as directory:
        component = build_component(Path(directory))
        component.process([Message.build(text=text) for text in SAMPLE_MESSAGES])
        gc.collect()

        def run():
            for text in texts:
                component.process([Message.build(text=text)])

        return _rate("Rasa component (RadixFindingExtractor.process)", len(texts), run)


def bench_model(model_path: str, texts: Iterable[str]) -> float:
    """Whole NLU pipeline of a trained model: tokenizer, featurizers, classifiers, extractors."""
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # per-message debug lines would dominate the timing
    logging.getLogger("rasa").setLevel(logging.WARNING)
    texts = list(texts)
    agent = Agent.load(model_path)

    async def run_all():
        for text in SAMPLE_MESSAGES:
            await agent.parse_message(text)
        start = time.perf_counter()
        for text in texts:
            await agent.parse_message(text)
        return time.perf_counter() - start

    elapsed = asyncio.run(run_all())
    rate = len(texts) / elapsed if elapsed else float("inf")
    print(f"{'whole Rasa NLU pipeline (Agent.parse_message)':58} {rate:10,.0f} msgs/s  "
          f"({len(texts)} messages in {elapsed:.2f} s, model {model_path})")
    return rate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nlu.extraction.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=3000, help="messages per measurement (default %(default)s)")
    parser.add_argument("--model", default=None, help="trained Rasa model (.tar.gz) for the whole-pipeline figure")
    args = parser.parse_args(argv)
    if args.messages <= 0:
        print("error: --messages must be positive", file=sys.stderr)
        return 2
    if args.model and not Path(args.model).is_file():
        print(f"error: no model file at {args.model}", file=sys.stderr)
        return 2
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    texts = _messages(args.messages)
    print(f"{len(SAMPLE_MESSAGES)} distinct short messages, average {sum(map(len, SAMPLE_MESSAGES)) / len(SAMPLE_MESSAGES):.0f} "
          f"characters; one process, one thread")
    bench_extractor(texts)
    bench_component(texts)
    if args.model:
        bench_model(args.model, _messages(min(args.messages, 500)))
    else:
        print("whole Rasa NLU pipeline: skipped (pass --model models/<model>.tar.gz)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
