"""The self-containment check finds what would load from the network, and nothing else."""

from __future__ import annotations

from claimtrace.render.convert import network_references

FETCHES = [
    '<script src="https://cdn.example/x.js"></script>',
    '<link rel="stylesheet" href="//cdn.example/x.css">',
    '<img srcset="a.png 1x, https://cdn.example/b.png 2x">',
    '<div style="background: url(https://cdn.example/i.png)"></div>',
    "<style>@import 'https://fonts.example/a.css';</style>",
    "<script type=module>import { f } from 'https://unpkg.com/m.js';</script>",
    '<script>const m = await import("//cdn.example/m.js");</script>',
]

# What a quote or title from the data looks like once escaped into the report: text in an
# element, and a string in a script's data. None of it loads anything.
QUOTED = 'see url(https://x.example/i.png) and href="https://x.example/" or import "https://x"'
ESCAPED_TEXT = [
    f"<p>{QUOTED.replace('<', '&lt;')}</p>",
    f"<pre>{QUOTED}</pre>",
    '<script>let dt_args = {"data_json": "[[0, \\"see url(https://x.example/i.png) and href='
    '\\\\\\"https://x.example/\\\\\\" import \\\\\\"https://x\\\\\\"\\"]]"};</script>',
    '<script type="application/json">{"u": "import \'https://x\'"}</script>',
    "<!-- <img src='https://x.example/commented.png'> -->",
    '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    '<a href="#Chart">Chart</a><img src="data:image/png;base64,AAAA">',
]


def test_every_kind_of_fetch_is_found() -> None:
    for fetch in FETCHES:
        assert len(network_references(fetch)) == 1, fetch


def test_text_and_data_that_read_like_markup_are_not_fetches() -> None:
    for document in ESCAPED_TEXT:
        assert network_references(document) == [], document
