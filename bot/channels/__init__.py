"""Radix's input/output channels (run inside the Rasa server process)."""
