"""The marks beside an error and a warning, the same on every screen. They keep the two
apart where colour cannot (NO_COLOR, 16 colours)."""

ISSUE_MARK = "✗"
WARNING_MARK = "⚠"
