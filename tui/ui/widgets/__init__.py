"""Widgets of the annotator's screen."""
