"""Times the Rasa processor's own stages for `make bench-turn` (only when RADIX_STAGE_LOG is set).

The stages Radix owns time themselves (channel, turn, lock, tracker store, action call); the
NLU pipeline and the policies are Rasa's, so their methods on the loaded agent's processor are
wrapped here, on that instance only, and only when stage timing is on.
"""
from __future__ import annotations

import functools
import time
from typing import Any

from common import timings

NLU_STAGE = "rasa: NLU pipeline"
POLICY_STAGE = "rasa: policies (next action)"


def time_processor(processor: Any) -> None:
    if processor is None or not timings.enabled() or getattr(processor, "_radix_timed", False):
        return
    parse = processor.parse_message
    predict = processor.predict_next_with_tracker_if_should

    @functools.wraps(parse)
    async def timed_parse(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await parse(*args, **kwargs)
        finally:
            timings.record(NLU_STAGE, (time.perf_counter() - started) * 1000.0)

    @functools.wraps(predict)
    def timed_predict(*args: Any, **kwargs: Any) -> Any:
        with timings.stage(POLICY_STAGE):
            return predict(*args, **kwargs)

    processor.parse_message = timed_parse
    processor.predict_next_with_tracker_if_should = timed_predict
    processor._radix_timed = True
