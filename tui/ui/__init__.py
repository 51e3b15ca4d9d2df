"""Everything that imports Textual: the app, its action mixins, widgets, screens, keys and messages.

The core (the rest of ``tui``) never imports from here.
"""
