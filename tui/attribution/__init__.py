"""The attribution engine: who said what, on whose authority.

One place decides the speaker of a quote and the source of a claim; the
suggester, the link picker, review and grading's explanations all call it.
"""

from tui.attribution.cue import ANONYMOUS, Cue, attribution_attrs, read_cue, write_cue

__all__ = ["ANONYMOUS", "Attribution", "Cue", "attribute", "attribution_attrs", "find_attributions", "read_cue",
           "write_cue"]


def __getattr__(name: str):
    # Late: the engine reads the suggester's text units, which import this package's lexicon.
    if name in ("Attribution", "attribute", "find_attributions"):
        from tui.attribution import engine

        return getattr(engine, name)
    raise AttributeError(name)
