"""`make bench-turn`: what one Radix turn costs, against the bare `rasa init` bot on the same venv.

1. Latency, interleaved: the `rasa init` bot (trained once into .rasa/bench-init/) and Radix
   (temporary data directory, embedded defaults) run side by side; N "hello" turns to the init
   bot alternate with N Radix turns (a symptom message, then answers to its questions, five turns
   a conversation). Prints p50/p95 of each and the ratio of Radix's p95 to the init bot's.
2. Where Radix's time goes: every stage's count per turn, p50 and p95 (common/timings.py,
   RADIX_STAGE_LOG): channel, NLU pipeline, policies, lock, tracker read/write, action call,
   the action itself, the rules engine.
3. Throughput: the init bot stopped, Radix's processes (Rasa server and action server) pinned to
   one core and the clients to the other; C clients run five-turn conversations for S seconds.

    .venv/bin/python -m bot.bench_turn [--turns 200] [--seconds 20] [--clients 8]
Figures go to the README ("Measured"), with the date.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from bot.bench_support import (INIT_DIR, RadixUnderTest, percentile, pin, post_turn, start_init_bot,
                               train_init_bot, wait_up)
from common.timings import read_stage_logs

SYMPTOMS = [
    "my right foot is numb on top and I can't walk on my heels",
    "burning pain in the sole of my left foot, worse when I walk",
    "pain down the back of my leg into the outer foot, can't stand on tiptoe",
    "tingling in both feet for weeks and my calves ache when I walk",
    "my left foot slaps when I walk and the big toe is weak",
]
# The interview's answers, then the result through the red-flag screen (a consult and its summary).
ANSWERS = ["no", "yes", "result", "no to all"]


def conversation_turn(number: int) -> tuple[str, str, str]:
    """(conversation, text, kind) of Radix's `number`-th turn: five turns a conversation."""
    conversation, step = divmod(number, 1 + len(ANSWERS))
    if step == 0:
        return f"c{conversation}", SYMPTOMS[conversation % len(SYMPTOMS)], "symptom"
    return f"c{conversation}", ANSWERS[step - 1], "answer"


def latency(init_url: str, radix: RadixUnderTest, turns: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"init hello": [], "symptom": [], "answer": []}
    for number in range(-10, turns):  # ten warm-up turns each, not counted
        started = time.perf_counter()
        post_turn(init_url, f"hello-{number // 5}", "hello")
        init_ms = (time.perf_counter() - started) * 1000.0
        conversation, text, kind = conversation_turn(number + 10)
        started = time.perf_counter()
        post_turn(radix.url, f"warm-{conversation}" if number < 0 else conversation, text,
                  radix.token)
        radix_ms = (time.perf_counter() - started) * 1000.0
        if number >= 0:
            times["init hello"].append(init_ms)
            times[kind].append(radix_ms)
    return times


def throughput(radix: RadixUnderTest, seconds: float, clients: int) -> tuple[int, float]:
    stop = time.monotonic() + seconds
    done = [0] * clients

    def client(index: int) -> None:
        number = 0
        while time.monotonic() < stop:
            conversation, text, _ = conversation_turn(number)
            post_turn(radix.url, f"load-{index}-{conversation}", text, radix.token)
            done[index] += 1
            number += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done), time.monotonic() - started


def print_latency(times: dict[str, list[float]]) -> None:
    print("\n1. Latency, one turn at a time, interleaved (ms)")
    for name, values in times.items():
        print(f"  {name:<16} n={len(values):<4} p50 {percentile(values, 50):6.1f}   "
              f"p95 {percentile(values, 95):6.1f}")
    radix_all = times["symptom"] + times["answer"]
    base = percentile(times["init hello"], 95)
    print(f"  Radix p95 / init hello p95: symptom turns {percentile(times['symptom'], 95) / base:.2f}x, "
          f"answer turns {percentile(times['answer'], 95) / base:.2f}x, "
          f"all turns {percentile(radix_all, 95) / base:.2f}x")


def print_stages(stage_dir: Path, turns: int) -> None:
    print("\n2. Where a Radix turn's time goes (ms; 'per turn' = calls per turn)")
    stages = read_stage_logs(stage_dir)
    width = max((len(name) for name in stages), default=10)
    for name in sorted(stages, key=lambda n: -percentile(stages[n], 50) * len(stages[n])):
        values = stages[name]
        print(f"  {name:<{width}}  per turn {len(values) / turns:4.2f}   p50 {percentile(values, 50):6.2f}"
              f"   p95 {percentile(values, 95):6.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=200, help="Radix turns (and init hellos) timed")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of the throughput run")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients, throughput run")
    args = parser.parse_args(argv)
    print(f"Training the bare `rasa init` bot once into {INIT_DIR} (cached) ...", flush=True)
    init_model = train_init_bot()
    work = Path(tempfile.mkdtemp(prefix="radix-bench-turn-"))
    stage_dir = work / "stages"
    init_proc = radix = None
    try:
        init_proc, init_url = start_init_bot(init_model, work / "init.log")
        radix = RadixUnderTest(work / "radix", extra_env={"RADIX_STAGE_LOG": str(stage_dir)}).start()
        wait_up(init_url, init_proc, work / "init.log")
        times = latency(init_url, radix, args.turns)
        print_latency(times)
        print_stages(stage_dir, args.turns + 10)
        init_proc.terminate()
        init_proc.wait(timeout=60)
        init_proc = None
        cores = sorted(os.sched_getaffinity(0))
        if len(cores) >= 2:
            server_core, client_cores = cores[:1], cores[1:]
            for pid in radix.pids():
                pin(pid, server_core)
            os.sched_setaffinity(0, client_cores)
            where = f"Radix's Rasa and action servers pinned to core {server_core[0]}, clients on {client_cores}"
        else:
            where = "one core shared by servers and clients"
        count, elapsed = throughput(radix, args.seconds, args.clients)
        print(f"\n3. Throughput: {count} turns in {elapsed:.1f}s = {count / elapsed:.1f} turns/s "
              f"({args.clients} clients; {where})")
    finally:
        if init_proc is not None:
            init_proc.terminate()
        if radix is not None:
            radix.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
