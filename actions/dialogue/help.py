"""`action_help`: what Radix does, how to use it, and what it is not."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue import state
from common.wording import say


class ActionHelp(Action):
    def name(self) -> Text:
        return "action_help"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        audience = state.audience_for(tracker.get_latest_input_channel(),
                                      (tracker.latest_message or {}).get("metadata"),
                                      tracker.get_slot(state.AUDIENCE_SLOT))
        dispatcher.utter_message(text=f"{say(audience, 'messages.help')}\n\n{say(audience, 'disclaimer')}")
        return []
