"""How the entity recogniser is built and trained: its network's shape and
the training recipe (optimizer, batches, dropout), spaCy's own defaults for
a CPU pipeline without word vectors (``spacy init config -p ner``).

The shape trades accuracy for suggesting speed, and accuracy comes first.
On wikigold (held-out strict F1 after 5 minutes, ``benchmarks/train.py``)
spaCy's shape (token vectors of width 96, a hidden layer of 64) gave 0.512
and 0.536 with seeds 0 and 1; width 64 and a hidden layer of 32 gave 0.501
and 0.486, for about 35 ms an article of 5 KB against 53 ms on one core.
Suggesting for many articles uses every core instead (``annotty suggest
--jobs``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: The token attributes hashed into embeddings, as in spaCy's default tok2vec.
EMBED_ATTRS = ("NORM", "PREFIX", "SUFFIX", "SHAPE")


@dataclass(frozen=True)
class NerNetwork:
    """The entity recogniser's network: a hash-embedding CNN under spaCy's transition-based model."""

    #: Width of the token vectors.
    width: int = 96
    #: Convolution layers: each widens what a token's vector sees by ``window`` tokens either side.
    depth: int = 4
    window: int = 1
    #: Hash-embedding rows for each of EMBED_ATTRS.
    rows: tuple[int, ...] = (5000, 1000, 2500, 2500)
    #: The transition model's hidden layer.
    hidden_width: int = 64
    maxout_pieces: int = 2

    def model_config(self) -> dict:
        """The ``model`` config of spaCy's ``ner`` factory for this shape."""
        return {
            "@architectures": "spacy.TransitionBasedParser.v2",
            "state_type": "ner",
            "extra_state_tokens": False,
            "hidden_width": self.hidden_width,
            "maxout_pieces": self.maxout_pieces,
            "use_upper": True,
            "nO": None,
            "tok2vec": {
                "@architectures": "spacy.Tok2Vec.v2",
                "embed": {
                    "@architectures": "spacy.MultiHashEmbed.v2",
                    "width": self.width,
                    "attrs": list(EMBED_ATTRS),
                    "rows": list(self.rows),
                    "include_static_vectors": False,
                },
                "encode": {
                    "@architectures": "spacy.MaxoutWindowEncoder.v2",
                    "width": self.width,
                    "depth": self.depth,
                    "window_size": self.window,
                    "maxout_pieces": 3,
                },
            },
        }


@dataclass(frozen=True)
class Recipe:
    """How the weights are fitted (spaCy's defaults for ``spacy train``)."""

    dropout: float = 0.1
    learn_rate: float = 0.001
    #: Weight decay.
    L2: float = 0.01
    grad_clip: float = 1.0
    #: Words per batch: from the first to the second, compounding by ``batch_growth`` each batch.
    batch_words: tuple[int, int] = (100, 1000)
    batch_growth: float = 1.001

    def optimizer(self):
        """Adam with these settings, keeping averaged weights: those are scored and kept."""
        from thinc.api import Adam

        return Adam(self.learn_rate, L2=self.L2, grad_clip=self.grad_clip, L2_is_weight_decay=True,
                    use_averages=True)

    def batches(self, examples: Sequence) -> Iterable[list]:
        """``examples`` in batches of about the scheduled number of words (a longer document is a
        batch of its own); the schedule starts again with each pass, as in ``spacy train``."""
        from spacy.training.batchers import minibatch_by_words
        from thinc.api import compounding

        sizes = (int(size) for size in compounding(*self.batch_words, self.batch_growth))
        # spaCy's own config passes a schedule, endless like this one; its annotation only says Sequence.
        return minibatch_by_words(examples, size=sizes, tolerance=0.2, get_length=len)  # type: ignore[arg-type]
