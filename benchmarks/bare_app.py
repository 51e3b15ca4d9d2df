"""The startup baseline: a bare Textual app showing one Static with the seed
article's headline (what the first frame of annotty must show)."""

from textual.app import App, ComposeResult
from textual.widgets import Static

HEADLINE = "Islamic State down to less than 1% of original caliphate: U.S.-led coalition"


class BareApp(App):
    def compose(self) -> ComposeResult:
        yield Static(HEADLINE)


if __name__ == "__main__":
    BareApp().run()
