"""Rasa custom actions served by the action server (`python -m actions.server`).

The action server imports every module in this package to register its actions; modules
here must do no work at import time.
"""
