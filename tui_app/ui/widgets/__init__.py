"""Widgets of the Textual interface, one per module with its CSS beside it."""
