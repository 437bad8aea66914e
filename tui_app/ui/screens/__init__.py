"""Modal screens of the Textual interface."""
