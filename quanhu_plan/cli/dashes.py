"""Options typed through a Chinese input method or pasted from a word processor: ——by (the
two em dashes a Chinese input method gives for --), —by, –by (en dash), －－by (full-width
hyphens) and full-width letters (－－ｂｙ) are --by; －ｙ is -y. Only a word that names an
option of the command this way is changed, and never the value of an option before it nor
anything after --: a title that starts with a dash stays as typed.

On the start-up path of every run: str methods, unicodedata only for such a word."""

from __future__ import annotations

from typing import Any

DASHES = "-‐‑‒–—―−﹣－"


def options_of(*commands: Any) -> dict[str, bool]:
    """Every option name of the commands -> whether it takes a value."""
    known: dict[str, bool] = {"--help": False, "-h": False}  # click adds these itself
    for command in commands:
        for param in getattr(command, "params", ()):
            if getattr(param, "param_type_name", "") != "option":
                continue
            takes_value = not (param.is_flag or param.count)
            for name in (*param.opts, *param.secondary_opts):
                known[name] = takes_value
    return known


def plain_options(args: list[str], known: dict[str, bool]) -> list[str]:
    """``args`` with options typed with other dashes or full-width letters written plainly."""
    out: list[str] = []
    value_next = False
    for index, arg in enumerate(args):
        if arg == "--":
            return out + args[index:]
        word = arg if value_next else _plain(arg, known)
        value_next = known.get(word, False) and "=" not in word
        out.append(word)
    return out


def _plain(word: str, known: dict[str, bool]) -> str:
    if not word or word[0] not in DASHES or word.isascii():
        return word
    body = word.lstrip(DASHES)
    cut = min((i for i in (body.find("="), body.find("＝")) if i >= 0), default=len(body))
    import unicodedata

    name = unicodedata.normalize("NFKC", body[:cut]).lower()
    value = body[cut + 1 :] if cut < len(body) else None
    for option in (f"--{name}", f"-{name}"):
        if option in known and (len(option) == 2) == (len(name) == 1):
            return option if value is None else f"{option}={value}"
    return word
