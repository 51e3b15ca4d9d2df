"""How the entity recogniser is built and trained: its network's shape and
the training recipe (optimizer, batches, dropout), spaCy's own defaults for
a CPU pipeline without word vectors (``spacy init config -p ner``) unless
measured otherwise.

The shape trades accuracy for suggesting speed. On a 5 KB article (about
1,000 tokens, one core) spaCy's default network (token vectors of width 96,
a hidden layer of 64) takes about 53 ms: half for the token vectors, half
for the transition model's step per token. Width 64 and a hidden layer of
32 take about 35 ms, which with the rules' 8 ms makes more than 20 articles
a second. Hash tables of twice spaCy's rows cost a lookup per token, no
more. Held-out strict F1 on wikigold after 5 minutes: 0.501 for this shape,
0.512 for spaCy's (``benchmarks/train.py``); with seed 1, 0.486 and 0.536.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

#: The token attributes hashed into embeddings, as in spaCy's default tok2vec.
EMBED_ATTRS = ("NORM", "PREFIX", "SUFFIX", "SHAPE")


@dataclass(frozen=True)
class NerNetwork:
    """The entity recogniser's network: a hash-embedding CNN under spaCy's transition-based model."""

    #: Width of the token vectors.
    width: int = 64
    #: Convolution layers: each widens what a token's vector sees by ``window`` tokens either side.
    depth: int = 4
    window: int = 1
    #: Hash-embedding rows for each of EMBED_ATTRS.
    rows: tuple[int, ...] = (10000, 2000, 5000, 5000)
    #: The transition model's hidden layer.
    hidden_width: int = 32
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

    def batches(self, examples: Sequence) -> Iterator[list]:
        """``examples`` in batches of about the scheduled number of words (a longer document is a
        batch of its own); the schedule starts again with each pass, as in ``spacy train``."""
        from spacy.training.batchers import minibatch_by_words
        from thinc.api import compounding

        sizes = (int(size) for size in compounding(*self.batch_words, self.batch_growth))
        return minibatch_by_words(examples, size=sizes, tolerance=0.2, get_length=len)
