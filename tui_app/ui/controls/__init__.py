"""Small parts shared by widgets and modal screens alike; they import nothing else of the UI
but :mod:`tui_app.ui.json_text`, so widgets and screens can both build on them."""
