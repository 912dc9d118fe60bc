"""`action_help`: what Radix does, how to use it, and what it is not."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue.replies import PATIENT_DISCLAIMER

HELP_TEXT = (
    "I'm Radix. I help work out whether foot pain, numbness or weakness may be coming "
    "from the spine, from which level, and how urgent it is.\n"
    "- Describe the symptoms in your own words: where, which side, what makes them "
    "worse or better, any weakness.\n"
    "- I ask a few questions, then give an assessment with the source article and its "
    "exact words for every point.\n"
    "- Ask 'why?' or 'source?' after any answer.\n"
    "- Ask direct questions, e.g. 'can T12/L1 cause foot pain?' or 'what tests are used?'."
)


class ActionHelp(Action):
    def name(self) -> Text:
        return "action_help"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(text=f"{HELP_TEXT}\n\n{PATIENT_DISCLAIMER}")
        return []
