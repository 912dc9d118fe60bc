"""Radix's bottom layer: what the Rasa server (bot/), the action server (actions/) and the NLU
pipeline (nlu/) all use. It imports nothing else of Radix.

- contract.py   ids every room shares: concepts, sites, statuses, sides, audiences, triage order
- finding.py    the one finding shape, from extractor entity to engine input
- schema.py     strict-schema checks for the YAML data files
- settings.py   environment -> settings (ports, data directory, database URLs)
- database.py   the one place that builds database sessions
- wording.py    user-facing wording per audience (common/wording/*.yml)
- reply.py      the structured reply; render/ turns it into text, HTML, Block Kit or SMS
"""
