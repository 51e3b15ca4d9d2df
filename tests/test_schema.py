from __future__ import annotations

import pytest

from tui.errors import AnnottyError
from tui.schema import DEFAULT_SCHEMA, RESERVED_KEYS, load_schema


def test_default_schema_keys():
    keys = {label.name: label.key for label in DEFAULT_SCHEMA.labels}
    assert keys == {"PERSON": "p", "ORG": "o", "LOC": "l", "DATE": "d", "MISC": "m", "QUOTE": "q", "CLAIM": "c"}
    assert not set(keys.values()) & RESERVED_KEYS


def test_schema_file_is_loaded(tmp_path):
    path = tmp_path / "schema.toml"
    path.write_text('snap = "off"\n[labels.SPEAKER]\nkind = "entity"\nkey = "w"\ncolor = "#ff0000"\n'
                    '[labels.STATEMENT]\nkind = "claim"\nkey = "c"\n')
    schema = load_schema(path)
    assert schema.snap == "off"
    assert [label.name for label in schema.labels] == ["SPEAKER", "STATEMENT"]
    assert schema.by_key("c").kind == "claim"


@pytest.mark.parametrize(
    "body, message",
    [
        ("[labels.A]\nkind = 'entity'\nkey = 'p'\n[labels.B]\nkey = 'p'\n", "already used by A"),
        ("[labels.A]\nkey = 'x'\n", "taken by annotty"),
        ("[labels.A]\nkey = 'p'\nkind = 'event'\n", "kind must be one of"),
        ("[labels.A]\nkey = 'pp'\n", "single character"),
        ("[labels.A]\nkey = 'p'\ncolor = 'red'\n", "color must look like"),
        ("snap = 'sometimes'\n[labels.A]\nkey = 'p'\n", "snap must be"),
        ("title = 'no labels'\n", "at least one label"),
    ],
)
def test_schema_mistakes_are_named(tmp_path, body, message):
    path = tmp_path / "schema.toml"
    path.write_text(body)
    with pytest.raises(AnnottyError, match=message) as error:
        load_schema(path)
    assert str(path) in str(error.value)


def test_toml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "schema.toml"
    path.write_text("[labels.A]\nkey = 'p'\ncolor = \n")
    with pytest.raises(AnnottyError) as error:
        load_schema(path)
    assert f"{path}:3:" in str(error.value)
