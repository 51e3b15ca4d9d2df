"""The attribution engine: who said what, on whose authority.

One place decides the speaker of a quote and the source of a claim; the
suggester, the link picker, review and grading's explanations all call it.
"""

from tui.attribution.cue import ANONYMOUS, Cue, read_cue, write_cue

__all__ = ["ANONYMOUS", "Cue", "read_cue", "write_cue"]
