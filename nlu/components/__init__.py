"""Custom Rasa NLU components for Radix."""
