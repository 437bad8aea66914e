"""The Textual interface: imports nothing heavy at package level."""
