"""Control characters in user text are shown, never obeyed: the one rule for every output.

A title, note or name in a plan file (or typed on the command line) can hold anything TOML can
write: ESC starting a sequence that clears the screen (CSI 2J), writes the clipboard (OSC 52),
renames the window (OSC 0) or hides a link (OSC 8); BEL, backspace, a lone carriage return, NUL;
C1 controls (U+0080-U+009F, which some terminals obey like ESC sequences); bidi overrides that
reorder what a line seems to say. ``visible`` turns each of these into a visible escape such as
``\\x1b``, so the rest of a sequence prints as plain text and does nothing.

The terminal module draws every user text through it, the CLI passes every message, question
and error through it, the Markdown and Word reports use it too, and ``json_text`` keeps JSON
output exact while leaving no raw control character in it. No rich here: error messages and
change lines are printed without rich, on the fast start-up path.
"""

from __future__ import annotations

import re
from typing import Any

# Shown as an escape: C0 controls but line feed (tab and a CR before a line feed are handled
# apart), DEL, C1 controls, bidi embeddings/overrides/isolates (U+202A-U+202E, U+2066-U+2069),
# the non-characters U+FFFE/U+FFFF and lone surrogates (no terminal, XML or encoder takes them).
_HIDDEN = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff"
_CONTROL = re.compile(f"\r\n|\t|[{_HIDDEN}]")
# What JSON text may still hold raw after json.dumps(ensure_ascii=False), which escapes only
# U+0000-U+001F.
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")


def _shown(match: re.Match[str]) -> str:
    char = match.group()  # one character, or CR LF
    if char == "\r\n":  # a Windows line end is a line end
        return "\n"
    if char == "\t":  # harmless, but it would break the columns of a table
        return " "
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character shown as an escape (ESC as ``\\x1b``, a C1
    character as ``\\x9b``, a bidi override as ``\\u202e``); line feeds are kept, a CR before
    a line feed is dropped, a tab becomes a space."""
    if _CONTROL.search(text) is None:  # the usual case: nothing to do, nothing copied
        return text
    return _CONTROL.sub(_shown, text)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_text(payload: Any) -> str:
    """``payload`` as indented JSON (Chinese as written) that reads back exactly as it was,
    with DEL, C1, bidi controls and the like written as ``\\u`` escapes instead of raw."""
    import json

    text = json.dumps(payload, ensure_ascii=False, indent=2)
    # These characters can only stand inside JSON strings, where a \\u escape means the same.
    return _JSON_RAW.sub(_json_escape, text)
