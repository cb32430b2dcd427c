"""An executed notebook to one self-contained HTML file (render/pdf.py prints it to PDF).

The HTML uses the packaged `claimtrace` nbconvert template: no CDN, no external CSS or fonts,
images inlined, code hidden unless asked. Hyperlinks to the web are reduced to their text and
anything that would still fetch from the network fails the export, so a report opens the same
offline, in an archive, or years later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import nbformat
from nbconvert import HTMLExporter

from claimtrace.errors import RenderError
from claimtrace.render.manifest import TEMPLATES

TEMPLATE_NAME = "claimtrace"

_TOC_PLACEHOLDER = "<!-- claimtrace:toc -->"
_HEADING = re.compile(
    r'<h([1-3]) id="([^"]+)">(.*?)<a class="anchor-link" href="#[^"]*">', re.DOTALL
)
_TAG = re.compile(r"<[^>]+>")
_WEB_LINK = re.compile(
    r"""(<a\b[^>]*?)\s+href\s*=\s*(?:"(?:https?:)?//[^"]*"|'(?:https?:)?//[^']*'|(?:https?:)?//[^\s>]*)""",
    re.IGNORECASE,
)
_FETCHING_ATTRIBUTES = {"src", "href", "xlink:href", "srcset", "poster", "action", "data"}
_NETWORK_URL = re.compile(r"\s*(?:https?:)?//", re.IGNORECASE)
_CSS_FETCH = re.compile(
    r"""url\(\s*["']?\s*(?:https?:)?//[^)]*\)|@import\s+["']?(?:https?:)?//[^\s"';]*""",
    re.IGNORECASE,
)
_JS_TOKEN = re.compile(
    r"""(?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)"""
    r"""|(?P<comment>//[^\n]*|/\*.*?\*/)|(?P<keyword>\bimport\b)|(?P<end>;)""",
    re.DOTALL,
)
_SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript"}


@dataclass(frozen=True)
class TitleBlock:
    """The report's title, and what its closing "About this report" appendix says about how it
    was made: for an operator, so it comes last."""

    job: str
    title: str
    notebook: str
    run_date: str
    data_hash: str
    parameters: list[dict[str, object]]
    notebook_hash: str = ""
    seeds_hash: str = ""
    versions: list[tuple[str, str]] = field(default_factory=list)


def notebook_to_html(notebook: nbformat.NotebookNode, title: TitleBlock, show_code: bool) -> str:
    """The report as one HTML document: its title, a table of contents (on screen), the
    notebook's outputs, and the "About this report" appendix."""
    exporter = HTMLExporter(
        extra_template_basedirs=[str(TEMPLATES)],
        template_name=TEMPLATE_NAME,
        exclude_input=not show_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    body, _ = exporter.from_notebook_node(notebook, resources={"report": title})
    body = without_web_links(body)
    body = body.replace(_TOC_PLACEHOLDER, table_of_contents(body), 1)
    fetches = network_references(body)
    if fetches:
        raise RenderError(
            "the report would load from the network (itables must run with "
            f"init_notebook_mode(connected=False)): {fetches[:5]}"
        )
    return body


def table_of_contents(document: str) -> str:
    """A nav of the document's markdown headings (levels 1-3), linked to their anchors."""
    items = [
        f'<li class="ct-toc-{level}"><a href="#{anchor}">{_TAG.sub("", text).strip()}</a></li>'
        for level, anchor, text in _HEADING.findall(document)
    ]
    if not items:
        return ""
    return '<nav class="ct-toc"><h2>Contents</h2><ol>' + "".join(items) + "</ol></nav>"


def without_web_links(document: str) -> str:
    """Hyperlinks to the web reduced to their text: the report itself points nowhere."""
    return _WEB_LINK.sub(r"\1", document)


def network_references(document: str) -> list[str]:
    """Every place the document would fetch something from the network: an attribute that
    loads a URL, CSS (in a style element or attribute) and a script's imports. Text, even text
    that reads like markup (a quote saying `href="https://…"` or `url(https://…)`), and data in
    a script's string literals load nothing, so they are not looked at."""
    finder = _FetchFinder()
    finder.feed(document)
    finder.close()
    return [reference[:120] for reference in finder.references]


class _FetchFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.references: list[str] = []
        self._inside: str | None = None  # "style" or "script" while in one

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name == "style":
                self.references += _CSS_FETCH.findall(value)
            elif name in _FETCHING_ATTRIBUTES and any(
                _NETWORK_URL.match(candidate) for candidate in value.split(",")
            ):
                self.references.append(f"{name}={value}")
        script = tag == "script" and (dict(attrs).get("type") or "").lower() in _SCRIPT_TYPES
        self._inside = "script" if script else "style" if tag == "style" else None

    def handle_endtag(self, tag: str) -> None:
        self._inside = None

    def handle_data(self, data: str) -> None:
        if self._inside == "style":
            self.references += _CSS_FETCH.findall(data)
        elif self._inside == "script":
            self.references += _script_imports(data)


def _script_imports(code: str) -> list[str]:
    """The network URLs a script imports (`import … from "URL"`, `import("URL")`): the first
    string after the keyword `import` in code, not in a string or a comment."""
    imports, importing = [], False
    for token in _JS_TOKEN.finditer(code):
        kind = token.lastgroup
        if kind == "keyword":
            importing = True
        elif kind == "end":
            importing = False
        elif kind == "string" and importing:
            importing = False
            if _NETWORK_URL.match(token.group()[1:]):
                imports.append(f"import {token.group()}")
    return imports
