"""Renderers: one structured reply (common/reply.py) in a channel's format."""
