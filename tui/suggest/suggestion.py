"""A suggestion: a span the suggester proposes, not yet an annotation.

Offsets are Python string indices (code points) into the document text, end
exclusive, as everywhere in annotty: ``text[start:end] == suggestion.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Suggestion:
    start: int
    end: int
    label: str
    kind: str  # entity, quote or claim
    text: str
    attrs: dict = field(default_factory=dict, compare=True, hash=False)
    #: Why it was suggested, short and for people: "inside quotation marks".
    reason: str = ""
    #: How sure the rule is, 0..1 (a rough order for reviewing, not a probability).
    score: float = 0.5
    #: For quotes, the likely speaker (for claims, the likely source): (start, end).
    speaker: tuple[int, int] | None = None
    speaker_text: str = ""

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.label)

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "kind": self.kind,
            "attrs": dict(self.attrs),
            "reason": self.reason,
            "score": round(float(self.score), 2),
            "speaker": list(self.speaker) if self.speaker else None,
            "speaker_text": self.speaker_text if self.speaker else None,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Suggestion:
        speaker = data.get("speaker")
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            label=str(data["label"]),
            kind=str(data["kind"]),
            text=str(data["text"]),
            attrs=dict(data.get("attrs") or {}),
            reason=str(data.get("reason") or ""),
            score=float(data.get("score", 0.5)),
            speaker=(int(speaker[0]), int(speaker[1])) if speaker else None,
            speaker_text=str(data.get("speaker_text") or "") if speaker else "",
        )
