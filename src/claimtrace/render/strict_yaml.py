"""YAML as papermill reads parameters (dates stay text), made strict, for the jobs file and
`-p` values alike.

Kept apart from render/params.py, which needs papermill and nbformat, so that reading the jobs
file (as a render that has nothing to do does) imports neither.
"""

from __future__ import annotations

from typing import ClassVar

import yaml

from claimtrace.errors import brief

MAX_YAML_NESTING = 20
"""Deeper YAML (a list in a list in …) is refused before it is built."""


class NoDatesSafeLoader(yaml.SafeLoader):
    """YAML's safe loader without its timestamp rule, as papermill's own loader of the same
    name: `2023-01-01` stays the text a date parameter is declared as."""

    yaml_implicit_resolvers: ClassVar[dict] = {  # type: ignore[misc]  # PyYAML keeps it per class
        first: [rule for rule in rules if rule[0] != "tag:yaml.org,2002:timestamp"]
        for first, rules in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class StrictYamlLoader(NoDatesSafeLoader):
    """YAML as papermill reads it (dates stay text), refusing what no parameter or job needs
    and what lets a few bytes cost minutes or hide a mistake: aliases (`*name`, which expand),
    nesting deeper than MAX_YAML_NESTING, and a key given twice (the last would silently win)."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not accepted", mark)
        self._depth += 1
        try:
            if self._depth > MAX_YAML_NESTING:
                mark = self.peek_event().start_mark
                rule = f"nested deeper than {MAX_YAML_NESTING} levels"
                raise yaml.composer.ComposerError(None, None, rule, mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, str | int | float | bool) and key in seen:
                rule = f"{brief(key)} is given twice"
                raise yaml.constructor.ConstructorError(None, None, rule, key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def load_yaml(text: str) -> object:
    """Text read as YAML by StrictYamlLoader; yaml.YAMLError when it is refused."""
    return yaml.load(text, Loader=StrictYamlLoader)
