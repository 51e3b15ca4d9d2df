"""The entity recogniser's network and training recipe reach the pipeline
and the updates: spaCy's own recipe for ``spacy train``, a shape chosen for
suggesting speed."""

from __future__ import annotations

import pytest

from tests.training_data import write_store

spacy = pytest.importorskip("spacy")


def test_the_recipe_is_spacys_own_for_a_cpu_ner_pipeline():
    from spacy.cli.init_config import init_config

    from tui.learn.recipe import Recipe

    config = init_config(lang="en", pipeline=["ner"], optimize="efficiency", gpu=False)
    training = config["training"]
    recipe = Recipe()
    assert recipe.dropout == training["dropout"]
    optimizer = training["optimizer"]
    assert (recipe.learn_rate, recipe.L2, recipe.grad_clip) == (
        optimizer["learn_rate"], optimizer["L2"], optimizer["grad_clip"])
    size = training["batcher"]["size"]
    assert training["batcher"]["@batchers"] == "spacy.batch_by_words.v1"
    assert recipe.batch_words == (size["start"], size["stop"]) and recipe.batch_growth == size["compound"]


def test_the_optimizer_has_the_recipes_settings():
    from tui.learn.recipe import Recipe

    optimizer = Recipe(learn_rate=0.002, L2=0.03, grad_clip=2.0).optimizer()
    assert optimizer.learn_rate == 0.002 and optimizer.L2 == 0.03 and optimizer.grad_clip == 2.0
    assert optimizer.L2_is_weight_decay and optimizer.averages is not None  # averaged weights kept


def test_batches_hold_about_the_scheduled_words_and_a_long_document_alone():
    from tui.learn.recipe import Recipe

    nlp = spacy.blank("en")
    texts = ["one two three four five"] * 10 + [" ".join(["word"] * 40)] + ["six seven eight nine ten"] * 4
    docs = [nlp.make_doc(text) for text in texts]
    batches = list(Recipe(batch_words=(20, 20)).batches(docs))
    assert sum(len(batch) for batch in batches) == len(docs)
    assert [len(doc) for doc in docs[10:11]] in [[len(doc) for doc in batch] for batch in batches]
    assert all(sum(map(len, batch)) <= 24 for batch in batches if len(batch) > 1)
    assert max(len(batch) for batch in batches) == 4  # 4 documents of 5 words: 20 words


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A model trained for one epoch with a small network and its own recipe, and every update's dropout."""
    from spacy.language import Language

    from tui.learn.examples import gather
    from tui.learn.recipe import NerNetwork, Recipe
    from tui.learn.train import Settings, train

    root = tmp_path_factory.mktemp("recipe")
    store = write_store(root / "store")
    updates: list[tuple[float, int]] = []
    real_update = Language.update

    def recording(self, examples, *args, **kwargs):
        updates.append((kwargs.get("drop"), sum(len(example) for example in examples)))
        return real_update(self, examples, *args, **kwargs)

    network = NerNetwork(width=32, depth=1, rows=(300, 100, 200, 100), hidden_width=16, maxout_pieces=1)
    settings = Settings(max_epochs=1, network=network, recipe=Recipe(dropout=0.25, batch_words=(300, 300)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Language, "update", recording)
        train(gather(store), root / "model", settings=settings)
    return root / "model", updates


def test_the_networks_shape_reaches_the_trained_model(small):
    model, _updates = small
    nlp = spacy.load(model)
    ner_model = nlp.config["components"]["ner"]["model"]
    assert ner_model["hidden_width"] == 16 and ner_model["maxout_pieces"] == 1
    encode = ner_model["tok2vec"]["encode"]
    assert (encode["width"], encode["depth"]) == (32, 1)
    assert ner_model["tok2vec"]["embed"]["rows"] == [300, 100, 200, 100]
    token_vectors = nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0]  # before the projection to hidden_width
    assert token_vectors.get_dim("nO") == 32
    assert "span_finder_QUOTE" in nlp.pipe_names  # the quotes' span finder is still trained beside it


def test_updates_use_the_recipes_dropout_and_batches(small):
    _model, updates = small
    assert updates and all(drop == 0.25 for drop, _words in updates)
    # Articles of about 100 words: about three to a batch of 300 (+20%), not one each.
    assert all(words <= 360 for _drop, words in updates)
    assert len(updates) < 11  # the 11 training articles in fewer batches than one each
