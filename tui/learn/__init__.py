"""Learning from the store: ``annotty train`` and the suggester it makes.

``examples`` reads what the annotators tagged into training documents and
splits them; ``train`` fits a blank spaCy pipeline (entities, long spans
for quotes and claims) and ``attribution`` a small speaker ranker;
``suggester`` turns a trained model into the same ``Suggestion`` objects
as the rules. spaCy is imported only inside these modules' functions, so
that nothing pays for it unless a model is asked for. Core: no textual, no
rich, no printing.
"""

MODEL_META = "annotty-model.json"
INSTALL_HINT = "pip install 'annotty[train]'"
