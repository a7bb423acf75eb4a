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

from collections.abc import Callable
from typing import Any

# No regular expressions here: compiling a character class beyond Latin-1 costs about 0.6 ms,
# paid by every start; str.isprintable and str.translate cost nothing until they are used.


def _hidden(code: int) -> bool:
    """Shown as an escape: C0 controls but line feed (and tab, shown as a space), DEL, C1
    controls, bidi marks, embeddings, overrides and isolates (U+200E/U+200F, U+061C,
    U+202A-U+202E, U+2066-U+2069), the line and paragraph separators (U+2028/U+2029, shown as
    the line break they stand for), noncharacters (U+FDD0-U+FDEF and the last two of each
    plane, up to U+10FFFF) and lone surrogates (no terminal, XML or encoder takes them); and
    what prints as nothing, by which a title looks equal to another or hides text: the soft
    hyphen U+00AD, the zero-width space U+200B, the word joiner and invisible operators
    U+2060-U+2064, U+FEFF (a BOM inside text), U+180E, the tag characters U+E0000-U+E007F and
    the Hangul fillers U+115F, U+1160, U+3164, U+FFA0 (letters to Unicode, a blank or nothing
    on screen: a name of fillers alone looks empty), the combining grapheme joiner U+034F and
    the Khmer inherent vowels U+17B4, U+17B5, Mongolian's free variation selectors U+180B-U+180D,
    U+180F and the blank Braille cell U+2800 (marks, or a cell, that draw nothing:
    ``_UNDRAWN_MARKS``). (Not the zero-width joiners U+200C/U+200D
    nor variation selectors: emoji, Persian or Hindi words and the variants of a 汉字 are
    written with them; a U+200D that joins no emoji and a U+200C between letters of no script
    spelt with it are shown by ``visible``: ``_stray_joiners``, ``_stray_non_joiners``.) And
    every other format character (Unicode's Cf), as ``validate`` counts them unseen in an id:
    the interlinear annotation marks U+FFF9-U+FFFB (the text between them may be dropped as an
    annotation), the deprecated shaping controls U+206A-U+206F, the musical format marks
    U+1D173-U+1D17A. (``unicodedata`` only for a character ``str.isprintable`` refuses: never on
    the fast path.)"""
    return (
        (code != 0x0A and _acting(code))
        or code in (0x00AD, 0x200B, 0xFEFF, 0x180E)
        or 0x2060 <= code <= 0x2064
        or 0xE0000 <= code <= 0xE007F
        or code in _FILLER_CODES
        or code in _UNDRAWN_MARK_CODES
        or (code not in _JOINERS and _format_character(code))
    )


_JOINERS = (0x200C, 0x200D)


def hidden(code: int) -> bool:
    """Whether ``visible`` shows the character ``code`` as an escape wherever it stands (a
    joiner, shown where it joins nothing, aside): the plan file writes these as TOML escapes
    (``canonical.escaped_unseen``)."""
    return _hidden(code)


def _format_character(code: int) -> bool:
    import unicodedata

    return unicodedata.category(chr(code)) == "Cf"


# The Hangul fillers (HANGUL CHOSEONG FILLER, JUNGSEONG FILLER, HANGUL FILLER and its half-width
# form): str.isprintable takes them as letters, so ``_printable`` looks for them by name.
_FILLERS = ("\u3164", "\u115f", "\u1160", "\uffa0")
_FILLER_CODES = frozenset(map(ord, _FILLERS))
# Marks printable to Python and drawn as nothing (Unicode's Default_Ignorable marks but the
# variation selectors U+FE00-FE0F and U+E0100-E01EF, which write the variants of a 汉字 and
# emoji): the combining grapheme joiner, Khmer's two inherent vowels (deprecated), Mongolian's
# free variation selectors (a plan has no Mongolian script for them to shape; ids refuse them
# too); and the blank Braille cell, a symbol that draws as a space. 修<U+034F>塘 read as 修塘,
# 修<U+2800>塘 as 修 塘. Looked for by name too.
_UNDRAWN_MARKS = ("\u034f", "\u17b4", "\u17b5", "\u180b", "\u180c", "\u180d", "\u180f", "\u2800")
_UNDRAWN_MARK_CODES = frozenset(map(ord, _UNDRAWN_MARKS))
JOINER = "\u200d"
NON_JOINER = "\u200c"


class _Escapes(dict[int, str | int]):
    """A ``str.translate`` table filled as characters come: a hidden character maps to its
    escape, any other to itself."""

    def __init__(self, escape: Callable[[int], str]):
        super().__init__()
        self.escape = escape

    def __missing__(self, code: int) -> str | int:
        value: str | int = self.escape(code) if _hidden(code) else code
        self[code] = value
        return value


_VISIBLE = _Escapes(
    lambda code: (
        f"\\x{code:02x}"
        if code < 0x100
        else (f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    )
)
_VISIBLE[ord("\t")] = " "  # harmless, but it would break the columns of a table
# Text pasted from Word or a web page: a line break by name, which a terminal does not break at
# (and Python's splitlines does); shown as one, as a line feed is.
_VISIBLE[0x2028] = _VISIBLE[0x2029] = "\n"
_JSON = _Escapes(lambda code: _json_escape(code))


def _acting(code: int) -> bool:
    """A hidden character that does something to the text: a control (a line break too), a bidi
    mark, a line separator, a surrogate or a noncharacter."""
    return (
        code < 0x20
        or 0x7F <= code <= 0x9F
        or code in (0x200E, 0x200F, 0x061C, 0x2028, 0x2029)
        or 0x202A <= code <= 0x202E
        or 0x2066 <= code <= 0x2069
        or 0xD800 <= code <= 0xDFFF
        or code & 0xFFFE == 0xFFFE
        or 0xFDD0 <= code <= 0xFDEF
    )


# The most of a typed word an error quotes: a 10,000-character title pasted as an id was
# quoted whole, some 60 lines of one paragraph.
LONGEST_TYPED = 120


def typed_start(text: str, count: int = 40) -> str:
    """The first ``count`` characters of ``text`` (code points, as ``len`` counts them), fewer
    where the cut would split what reads as one character: an accent from its letter (Café's
    e and its U+0301), a flag's two halves, a joiner or an emoji selector from what it joins.
    A word of such marks alone is cut at ``count``."""
    cut = at = min(count, len(text))
    while at > 1 and not _grapheme_edge(text, at):
        at -= 1
    return text[: at if _grapheme_edge(text, at) else cut]


def _grapheme_edge(text: str, n: int) -> bool:
    """Whether ``text[n - 1]`` and ``text[n]`` belong to two characters as a reader sees them
    (a simple part of Unicode's grapheme rules: marks, joiners, selectors, skin tones, tags,
    flags)."""
    if n <= 0 or n >= len(text):
        return True
    import unicodedata

    after, before = text[n], text[n - 1]
    code = ord(after)
    if before == JOINER or after == JOINER or unicodedata.category(after) in ("Mn", "Mc", "Me"):
        return False
    if 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF or 0xE0000 <= code <= 0xE0FFF:
        return False  # a variation selector, a skin tone, a tag (🏴 flags)
    if before == "\r" and after == "\n":
        return False
    if 0x1F1E6 <= code <= 0x1F1FF:  # a flag is two regional indicators: split none
        run = n
        while run > 0 and 0x1F1E6 <= ord(text[run - 1]) <= 0x1F1FF:
            run -= 1
        return (n - run) % 2 == 0
    return True


def splits_flag(text: str, n: int, start: int = 0) -> bool:
    """Whether a cut of ``text`` at ``n`` parts the two regional indicator letters of a flag
    (🇨🇳 is C and N): ``text[n - 1]`` and ``text[n]`` are such letters and the run of them
    ending at ``n - 1`` (counted from ``start`` on, where a line of them starts) is of odd
    length. A line ending 🇨🇳🇨 starts the next 🇳🇨🇳…, New Caledonia's flags."""
    if not start < n < len(text) or not (_regional(text[n]) and _regional(text[n - 1])):
        return False
    at = n - 1
    while at > start and _regional(text[at - 1]):
        at -= 1
    return (n - at) % 2 == 1


def _regional(character: str) -> bool:
    return "\U0001f1e6" <= character <= "\U0001f1ff"


def cut_before(text: str, end: int) -> str:
    """``text[:end]`` for a message that cuts a text short and adds …, the cut moved back so
    as not to part what reads as one character: a flag's two regional indicator letters
    (🇨🇳🇨… showed New Caledonia's flags: ``splits_flag``), a letter and its combining marks
    (Café's e and U+0301), a character and its variation selector (a 汉字's variant, ❤️),
    skin tone or tags; less a zero width joiner it would end with (cut inside 👨‍👩‍👧 the
    pictures before the cut stay, the joiner left would join nothing and show as
    ``\\u200d``). A text of marks alone is cut at ``end``."""
    if splits_flag(text, end):
        end -= 1
    while 1 < end < len(text) and _attached(text[end]):
        end -= 1
    return text[:end].rstrip(JOINER)


def _attached(character: str) -> bool:
    """Whether ``character`` belongs to the one before it: a combining mark, a variation
    selector, a skin tone, a tag character."""
    code = ord(character)
    if 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF or 0xE0000 <= code <= 0xE0FFF:
        return True
    if code < 0x300:
        return False
    import unicodedata

    return unicodedata.category(character) in ("Mn", "Mc", "Me")


def typed_shown(text: str) -> str:
    """What was typed on the command line, escaped as the English messages show it with
    ``!r`` (a tab as ``\\t``, a backslash doubled so that one typed is told apart), without the
    quotes, for a Chinese message's “”: never a tab shown as a space. A full-width space stays
    as typed, which the advice on two words run together names. One longer than
    ``LONGEST_TYPED`` is shown by its start and how long it is."""
    if len(text) > LONGEST_TYPED:
        return f"{typed_shown(typed_start(text))}…（共 {len(text):,} 字）"
    if text.isprintable():
        return text.replace("\\", "\\\\") if "\\" in text else text
    return "".join(ch if ch == "\u3000" else repr(ch)[1:-1] for ch in text)


def path_shown(path: str) -> str:
    """A path as a message names it: one longer than ``LONGEST_TYPED`` by its first 40
    characters and its last 60 (the file and its folder), with … between, as a word typed is
    shortened (``typed_shown``); control characters shown as ``visible`` shows them."""
    shown = visible(path)
    if len(shown) <= LONGEST_TYPED:
        return shown
    start = typed_start(shown)
    end = shown[len(shown) - 60 :]
    while end and not _grapheme_edge(shown, len(shown) - len(end)):
        end = end[1:]  # (not from inside what reads as one character)
    return f"{start}…{end}"


def typed_quoted(text: str) -> str:
    """``typed_shown`` for an English message: ``repr`` (quotes and escapes), one longer than
    ``LONGEST_TYPED`` by its start and how long it is."""
    if len(text) > LONGEST_TYPED:
        return f"{typed_start(text)!r}… ({len(text):,} characters)"
    return repr(text)


def visible(text: str) -> str:
    """``text`` with every control character shown as an escape (ESC as ``\\x1b``, a C1
    character as ``\\x9b``, a bidi override as ``\\u202e``); line feeds are kept, a CR before
    a line feed is dropped, a tab becomes a space, a line or paragraph separator a line feed."""
    if _printable(text):  # the usual case, at C speed: nothing to do, nothing copied
        return text
    if "\r\n" in text:  # a Windows line end is a line end
        text = text.replace("\r\n", "\n")
    return stray_joiners_shown(text.translate(_VISIBLE))


def acting_in(text: str) -> bool:
    """Whether ``text`` holds a character that does something to it (a control, a line break
    too, a bidi mark, a line separator: ``_acting``): a key so written (``"自评得分\n"``) is not
    the column of that name, whose name it only looks like once shown."""
    return not text.isprintable() and any(_acting(ord(character)) for character in text)


def visible_key(key: str) -> str:
    """A key of a table (a field the tool does not know, named as a quoted TOML key may name
    it: ``"a\\nb" = "x"``) as a label shows it, on one line: ``visible``'s escapes, and each
    line break as ``\\n`` (a line or paragraph separator as ``\\u2028``, ``\\u2029``), the
    escapes its TOML key is written with. A label in two lines beside a value in one left its
    second line with no value beside it. An empty key, or one of spaces, in its quotes."""
    if not key.strip():  # (no key at all to see: "" = "x", " " = "x", as TOML writes it)
        return '"' + visible(key) + '"'
    if "\u2028" in key or "\u2029" in key:
        key = key.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    shown = visible(key)
    return shown.replace("\n", "\\n") if "\n" in shown else shown


def stray_joiners_shown(text: str) -> str:
    """``text`` with each zero-width joiner that joins no emoji, and each non-joiner that stands
    between no letters of a script spelt with it, as its escape (``\\u200d``, ``\\u200c``, as
    TOML reads them too: ``canonical.escaped_unseen``); the others as they are."""
    if NON_JOINER in text:
        text = _stray_non_joiners(text)
    return _stray_joiners(text) if JOINER in text else text


def visible_exactly(text: str) -> str:
    """``visible``'s text that ``visible_undone`` reads back as ``text`` (an exported table's
    cell, which ``plan import`` reads): a backslash of the text itself before what would read
    as an escape (a path's ``C:\\x1b``, a ``\\u202e`` typed as six characters, a backslash
    before an escape ``visible`` wrote) is doubled, so an escape in the cell is one ``visible``
    wrote, and nothing else. A line feed, a tab and a line separator are what ``visible``
    makes of them (a line feed; a space)."""
    if "\\" not in text:
        return visible(text)
    import re

    parts = re.split(r"(\\+)", text)
    shown = [part if n % 2 else visible(part) for n, part in enumerate(parts)]
    for n in range(1, len(shown), 2):
        after = shown[n + 1]
        if after[:1] == "\\" or _escape_read_back(re.match(_ESCAPE_TEXT, after)) is not None:
            shown[n] += shown[n]  # (``visible`` writes no backslash of its own but an escape's)
    return "".join(shown)


# An escape ``visible`` writes, but its backslash: always lowercase, two digits up to U+00FF,
# four up to U+FFFF, eight beyond.
_ESCAPE_TEXT = r"x([0-9a-f]{2})|u([0-9a-f]{4})|U([0-9a-f]{8})"


def _escape_read_back(found: Any) -> int | None:
    """The character an escape (``_ESCAPE_TEXT`` found) stands for where ``visible`` writes
    such an escape for it, else None: ``\\x41`` is no escape of ``visible``'s, and a lone
    surrogate, which no plan holds, stays as written."""
    if found is None:
        return None
    hexadecimal = found[1] or found[2] or found[3]
    code = int(hexadecimal, 16)
    if len(hexadecimal) != (2 if code < 0x100 else 4 if code <= 0xFFFF else 8):
        return None  # (\u001b: not as visible writes ESC)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return None
    return code if _hidden(code) or code in _JOINERS else None


def visible_undone(text: str) -> str:
    """``text`` with the escapes ``visible_exactly`` wrote read back as the characters they
    show (``\\x1b`` ESC, ``\\u202e`` the override, ``\\u200b`` the zero-width space), and
    each doubled backslash before one as the one backslash of the text: an exported table,
    imported, gives the plan's text back as it was. Any other backslash, and an escape
    ``visible`` never writes (``\\x41``, ``\\u001B``), stays as written."""
    if "\\" not in text:
        return text
    import re

    def undone(found: re.Match[str]) -> str:
        backslashes = len(found[1])
        code = _escape_read_back(re.match(_ESCAPE_TEXT, found[2]))
        if code is None:
            return found[0]
        if backslashes % 2:
            return "\\" * (backslashes // 2) + chr(code)
        return "\\" * (backslashes // 2) + found[2]

    return re.sub(r"(\\+)(" + _ESCAPE_TEXT + ")", undone, text)


def _stray_non_joiners(text: str) -> str:
    """``text`` with each zero width non-joiner shown as ``\\u200c`` but one between two letters
    of a script that is spelt with it (Persian نامه‌ها, Hindi, Bengali …: ``_spelt_with_non_joiner``).
    Anywhere else (修‌塘, pasted from a web page) it prints as nothing and makes a title look
    like another, as a zero-width space does."""
    parts = text.split(NON_JOINER)
    out = [parts[0]]
    for n in range(1, len(parts)):
        before, after = parts[n - 1][-1:], parts[n][:1]
        spelt = (
            before and after and _spelt_with_non_joiner(before) and _spelt_with_non_joiner(after)
        )
        out.append((NON_JOINER if spelt else "\\u200c") + parts[n])
    return "".join(out)


def _spelt_with_non_joiner(character: str) -> bool:
    """Whether ``character`` is of a script whose spelling uses the non-joiner: Arabic (and
    Persian, Urdu), Syriac, N'Ko, the scripts of India, Myanmar, Khmer, Mongolian."""
    code = ord(character)
    return (
        0x0600 <= code <= 0x08FF  # Arabic, Syriac, Thaana, N'Ko and their supplements
        or 0x0900 <= code <= 0x0DFF  # Devanagari to Sinhala
        or 0x1000 <= code <= 0x109F  # Myanmar
        or 0x1780 <= code <= 0x18AF  # Khmer, Mongolian
        or 0xFB50 <= code <= 0xFDFF  # Arabic presentation forms
        or 0xFE70 <= code <= 0xFEFE
    )


def _stray_joiners(text: str) -> str:
    """``text`` with each zero width joiner that joins no emoji shown as ``\\u200d``: one
    between two pictographs (👨‍👩‍👧, 🏳️‍🌈, 🏃‍♂️, an emoji selector or skin tone between)
    is how the emoji is written and stays; one anywhere else (修‍塘, pasted from a web page or
    a WeChat message) prints as nothing and makes a title look like another."""
    parts = text.split(JOINER)
    out = [parts[0]]
    for n in range(1, len(parts)):
        before, after = _last_drawn(parts[n - 1]), parts[n][:1]
        joins = before and after and pictograph(before) and pictograph(after)
        out.append((JOINER if joins else "\\u200d") + parts[n])
    return "".join(out)


def _last_drawn(text: str) -> str:
    """The last character of ``text`` that an emoji selector or a skin tone does not follow
    (they belong to it), or ''."""
    end = len(text)
    while end and (text[end - 1] == "\ufe0f" or 0x1F3FB <= ord(text[end - 1]) <= 0x1F3FF):
        end -= 1
    return text[end - 1] if end else ""


def pictograph(character: str) -> bool:
    """Whether a joiner may join ``character`` into an emoji (Unicode's Extended_Pictographic,
    near enough for a terminal): the emoji planes, the wide symbols of U+2190-U+2BFF (⌚ ☔ ⭐
    ❤), and a few more (© ™ 〰 ㊗). Never a Chinese character, kana, a letter or a digit.
    ``terminal.cells.pictograph`` adds rich's table of the symbols an emoji selector widens."""
    code = ord(character)
    if code >= 0x1F000:
        return not (0x1F1E6 <= code <= 0x1F1FF or 0x1F3FB <= code <= 0x1F3FF or code >= 0x1FFFE)
    return 0x2190 <= code <= 0x2BFF or code in _PICTOGRAPHS


_PICTOGRAPHS = frozenset((0x00A9, 0x00AE, 0x203C, 0x2049, 0x2122, 0x3030, 0x303D, 0x3297, 0x3299))


def json_text(payload: Any, encoding: str | None = None) -> str:
    """``payload`` as indented JSON (Chinese as written) that reads back exactly as it was,
    with DEL, C1, bidi controls and the like written as ``\\u`` escapes instead of raw; and,
    for output in ``encoding`` (stdout's: GBK in a redirect on Chinese Windows), each character
    that encoding lacks (an emoji, a rare character) as its ``\\u`` escape too, which reads back
    as that character, where the output would write a ``?``."""
    import json

    text = json.dumps(payload, ensure_ascii=False, indent=2)
    # json.dumps escapes U+0000-U+001F only; what else is hidden can only stand inside JSON
    # strings, where a \\u escape means the same character.
    text = text if _printable(text) else text.translate(_JSON)
    if encoding is None or encoding.lower().replace("-", "").replace("_", "").startswith("utf"):
        return text  # (every character is UTF's, now that a lone surrogate is escaped)
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        import codecs

        codecs.register_error(_JSON_ESCAPES, _json_escapes)
        return text.encode(encoding, _JSON_ESCAPES).decode(encoding)
    except LookupError:  # an encoding Python does not know: the stream says what it can
        pass
    return text


_JSON_ESCAPES = "quanhu-json-escapes"


def _json_escapes(error: UnicodeError) -> tuple[str, int]:
    """An encoding error handler: each character the encoding lacks as JSON's ``\\u`` escape
    (one beyond U+FFFF as its surrogate pair, as JSON writes it)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    characters = error.object[error.start : error.end]
    return "".join(_json_escape(ord(character)) for character in characters), error.end


def _json_escape(code: int) -> str:
    """JSON's ``\\u`` escape of a character; beyond U+FFFF its surrogate pair, as JSON writes
    it (a tag character, U+10FFFF)."""
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def _printable(text: str) -> bool:
    """No character to show as an escape, checked at C speed (translating through the table
    costs a dictionary look-up per character: a quarter of a second per megabyte). Every
    character ``_hidden`` names is one ``str.isprintable`` refuses, but the Hangul fillers and
    the marks that draw nothing, looked for by name; line feeds are kept."""
    if text.isascii():  # (half a status's texts: ids, figures, dates) none of those below
        return text.isprintable() or all(line.isprintable() for line in text.split("\n"))
    if "\u3164" in text or "\u115f" in text or "\u1160" in text or "\uffa0" in text:
        return False  # (_FILLERS, each looked for at C speed)
    if "\u034f" in text or "\u17b4" in text or "\u17b5" in text or "\u2800" in text:
        return False  # (_UNDRAWN_MARKS)
    if "\u180b" in text or "\u180c" in text or "\u180d" in text or "\u180f" in text:
        return False
    return text.isprintable() or all(line.isprintable() for line in text.split("\n"))
