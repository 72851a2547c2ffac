"""Make untrusted text (article text, titles, file and place names) safe inside map HTML.

folium puts tooltip and popup HTML inside JavaScript template literals
(`` `...` ``), where ``${...}`` runs code and a backslash or backtick can end
the string early. :func:`safe_html` therefore does more than ``html.escape``:
it also turns ``$``, backticks and backslashes into HTML character
references, which render as the same characters but mean nothing to the
JavaScript around them.
"""
from __future__ import annotations

import html
import json
from typing import Any

# Applied after html.escape, so the '&' of these references is never re-escaped.
_JS_TEMPLATE_CHARS = {
    "\\": "&#92;",
    "`": "&#96;",
    "$": "&#36;",
}
_TRANSLATION = str.maketrans(_JS_TEMPLATE_CHARS)


def safe_html(text: Any) -> str:
    """``text`` as HTML-escaped text that is also inert inside a JS template literal."""
    if text is None:
        return ""
    return html.escape(str(text), quote=True).translate(_TRANSLATION)


def js_string(value: Any, *, compact: bool = False) -> str:
    """A JavaScript string/JSON literal that cannot close a <script> element or a template.

    ``compact`` drops the spaces after commas and colons (for bulky data such as coordinates).
    """
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":") if compact else None)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("'", "\\u0027")
        .replace("`", "\\u0060")
        .replace("$", "\\u0024")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
