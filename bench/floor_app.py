"""The floor for a Textual form app: header, footer, tabs and a dozen inputs, nothing else.

Its start-up time is what the interpreter and Textual alone cost; a real app can only add to it.
"""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input, Label, TabbedContent, TabPane


class Baseline(App):
    BINDINGS = [("ctrl+q", "quit", "Quit")]  # noqa: RUF012 (kept as in the shared floor)

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent():
            for tab in ("General", "Workers", "Policy", "Volumes"):
                with TabPane(tab):
                    for i in range(3):
                        yield Label(f"{tab} field {i}")
                        yield Input(placeholder=f"{tab.lower()}-{i}")
        yield Label("READY")
        yield Footer()


if __name__ == "__main__":
    Baseline().run()
