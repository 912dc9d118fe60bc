"""Renderers: one structured reply (actions/dialogue/replies.py) in a channel's format."""
