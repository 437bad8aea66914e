"""Headless verbs of the ``ppio-endpoint`` command. Each module: ``add_parsers(sub)``."""
