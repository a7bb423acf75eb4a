"""Shell completion (bash, zsh, fish, PowerShell) through Typer's own protocol: the shell runs
``plan`` with ``_PLAN_COMPLETE=complete_<shell>`` and the words typed so far (``COMP_WORDS`` and
``COMP_CWORD`` for bash, ``_TYPER_COMPLETE_ARGS`` for the others), and reads the candidates it
prints. Install once per shell with ``plan --install-completion`` (see docs/reference.md, Shell
completion).

This module owns what completes to what: commands and options (click's own, and the Chinese
names of commands; an option begun with a Chinese input method's dashes too), item ids with
their titles as help, the names of units and people for ``--who``, ``--owner``, ``--unit``,
``--lead``, ``--support`` and ``--by``, statuses and paces, units of measure, languages. The
candidates for options are attached here by option name (``attach``), so the commands declare
nothing for it. It must answer fast (benchmarks/completion.py: within 150 ms on the 2023 plan):
only the command being completed is built (``words_before``, used by ``cli.main``), the plan
comes from the parse cache, and the help texts are printed as they are, without the rich
rendering Typer's own classes would import for them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from typer._click.shell_completion import CompletionItem

COMPLETE_VAR = "_PLAN_COMPLETE"

# How long a title may be in a shell's menu of candidates (a wider one wraps there).
HELP_WIDTH = 40


def words_before() -> list[str] | None:
    """The words typed after ``plan`` before the one being completed, as the shell named in
    ``_PLAN_COMPLETE`` passes them (the same reading as Typer's completion classes); None
    when this is no completion request or the words cannot be read."""
    instruction = os.environ.get(COMPLETE_VAR)
    if not instruction:
        return None
    from typer._click.shell_completion import split_arg_string

    shell = instruction.partition("_")[2]
    try:
        if shell == "bash":
            words = split_arg_string(os.environ["COMP_WORDS"])
            return words[1 : int(os.environ["COMP_CWORD"])]
        typed = os.environ.get("_TYPER_COMPLETE_ARGS", "")
        words = split_arg_string(typed)[1:]
        if shell in ("zsh", "fish"):
            return words[:-1] if words and not typed.endswith(" ") else words
        if shell in ("powershell", "pwsh"):
            incomplete = os.environ.get("_TYPER_COMPLETE_WORD_TO_COMPLETE", "")
            return words[:-1] if incomplete and words else words
    except (KeyError, ValueError):
        return None
    return None


# ---------------------------------------------------------------- the candidates


def chinese_names(group: Any, incomplete: str) -> list[CompletionItem]:
    """The Chinese names of the group's commands starting with what is typed, when it is typed
    in Chinese (a Latin letter completes the English names only), each with its command."""
    if not incomplete or incomplete.isascii():
        return []
    from .aliases import CHINESE_NAMES

    return [
        CompletionItem(name, help=command)
        for command, names in CHINESE_NAMES.items()
        if command in group.commands
        for name in names
        if name.startswith(incomplete)
    ]


def _plan_and_lang(ctx: Any) -> tuple[Any, str] | None:
    """The plan the command line names (-f, else $PLAN_FILE, ./plan.toml or above, the
    embedded plan) and the language for help texts; None when it cannot be read."""
    from .. import store
    from ..errors import PlanError
    from ..texts import LANGS

    root = ctx.find_root()
    try:
        plan = store.load(store.locate(root.params.get("file")))
    except PlanError:
        return None
    lang = root.params.get("lang") or os.environ.get("PLAN_LANG")
    return plan, lang if lang in LANGS else plan.lang


def _typable(text: str) -> bool:
    """Whether a candidate can be offered: a shell prints it raw in its menu, so no control
    character (which ``visible`` would escape) and no line break. A space, a bracket or a
    quote is quoted for the shell as the candidate is printed (``use_plain_help``)."""
    from ..controls import visible

    return visible(text) == text and "\n" not in text


def _one_line(text: str) -> str:
    """The text on one line, cut to HELP_WIDTH columns (a Chinese character takes two)."""
    from ..controls import cut_before, visible
    from ..terminal.widths import character_width

    text = " ".join(visible(text).split())
    widths = [character_width(character) for character in text]
    if sum(widths) <= HELP_WIDTH:
        return text
    columns = 0
    for end, width in enumerate(widths):
        if columns + width > HELP_WIDTH - 1:  # room for the …
            return cut_before(text, end) + "…"  # (not inside a flag, é or 👨‍👩‍👧)
        columns += width
    return text


def item_ids(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Item ids starting with what is typed, each with its title."""
    from ..controls import visible

    found = _plan_and_lang(ctx)
    if found is None:
        return []
    plan, _ = found
    # An id with a control character in it could not be typed anyway.
    return [
        (item.id, _one_line(item.title))
        for item in plan.items()
        if item.id.startswith(incomplete) and visible(item.id) == item.id
    ]


_ROLE_WORDS = {
    "zh": {
        "lead": "责任领导",
        "lead_unit": "牵头单位",
        "owner": "责任人",
        "support_units": "配合单位",
    },
    "en": {"lead": "lead", "lead_unit": "lead unit", "owner": "owner", "support_units": "support"},
}


def _names(roles: tuple[str, ...]) -> Callable[[Any, str], list[tuple[str, str]]]:
    """The names written in these fields of the plan's items, each with the roles it has."""

    def complete(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
        from ..names import split_names

        found = _plan_and_lang(ctx)
        if found is None:
            return []
        plan, lang = found
        seen: dict[str, list[str]] = {}
        for item in plan.items():
            for role in roles:
                value = item.data.get(role)
                texts = (
                    [value] if isinstance(value, str) else value if isinstance(value, list) else []
                )
                for text in texts:
                    for name in split_names(text) if isinstance(text, str) else ():
                        said = seen.setdefault(name, [])
                        if role not in said:
                            said.append(role)
        sep = "、" if lang == "zh" else ", "
        return [
            (name, sep.join(_ROLE_WORDS[lang][role] for role in said))
            for name, said in seen.items()
            if name.startswith(incomplete) and _typable(name)
        ]

    return complete


def recorders(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Who has made changes (the trace's ``by``), and the login name."""
    from ..trace import trace
    from .change import login_name

    found = _plan_and_lang(ctx)
    names: dict[str, None] = dict.fromkeys([login_name()])
    if found is not None:
        for row in trace(found[0]):
            by = row.entry.get("by")
            if isinstance(by, str) and by.strip():
                names.setdefault(by.strip())
    return [(name, "") for name in names if name.startswith(incomplete) and _typable(name)]


def _labelled(table: dict[str, dict[str, str]]) -> Callable[[Any, str], list[tuple[str, str]]]:
    """Keys of a table of labels (``todo`` 未开始…); typing a label's first characters
    completes the label itself (未 → 未开始), which the commands accept too."""

    def complete(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
        root = ctx.find_root()
        lang = root.params.get("lang") or os.environ.get("PLAN_LANG") or "zh"
        words = table.get(lang, table["zh"])
        keys = [(key, words[key]) for key in words if key.startswith(incomplete)]
        if keys or not incomplete:
            return keys
        return [(name, key) for key, name in table["zh"].items() if name.startswith(incomplete)]

    return complete


def measures(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    found = _plan_and_lang(ctx)
    if found is None:
        return []
    units = dict.fromkeys(
        str(item.data["measure"]) for item in found[0].items() if item.data.get("measure")
    )
    return [(unit, "") for unit in units if unit.startswith(incomplete) and _typable(unit)]


def languages(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    return [
        (key, name)
        for key, name in (("zh", "中文"), ("en", "English"))
        if key.startswith(incomplete)
    ]


def _by_option() -> dict[str, Callable[[Any, str], list[tuple[str, str]]]]:
    from ..texts import PACE_LABELS, STATUS_LABELS

    everyone = ("lead_unit", "lead", "owner", "support_units")
    return {
        "--who": _names(everyone),
        "--owner": _names(everyone),  # report --owner filters; edit --owner sets (a person)
        "--lead": _names(("lead",)),
        "--unit": _names(("lead_unit", "support_units")),
        "--support": _names(("support_units", "lead_unit")),
        "--by": recorders,
        "--status": _labelled(STATUS_LABELS),
        "--pace": _labelled(PACE_LABELS),
        "--measure": measures,
        "--lang": languages,
        "--language": languages,
    }


def attach(group: Any) -> None:
    """Give the options of every command built (and the group's own) their candidates, by
    option name; an option that completes already (a choice, an id) keeps its own."""
    from typer._types import TyperChoice
    from typer.core import TyperOption

    table = _by_option()
    commands = [group, *getattr(group, "commands", {}).values()]
    for command in commands:
        for param in command.params:
            if not isinstance(param, TyperOption) or isinstance(param.type, TyperChoice):
                continue
            if getattr(param, "_custom_shell_complete", None) is not None:
                continue
            name = next((opt for opt in param.opts if opt in table), None)
            if name is not None:
                param._custom_shell_complete = _items(table[name])


def _items(
    source: Callable[[Any, str], Iterable[tuple[str, str]]],
) -> Callable[[Any, Any, str], list[CompletionItem]]:
    def complete(ctx: Any, param: Any, incomplete: str) -> list[CompletionItem]:
        return [
            CompletionItem(value, help=help_text or None)
            for value, help_text in source(ctx, incomplete)
        ]

    return complete


# ---------------------------------------------------------------- printing for the shells


def use_plain_help() -> None:
    """Register completion classes that print the help of each candidate as it is: Typer's
    own render it through rich (~60 ms to import, and a title such as "[/x] 修塘" is markup
    to it). Our help texts are plain (the app has no rich markup) and one line already."""
    from typer._click.shell_completion import add_completion_class
    from typer._completion_classes import (
        BashComplete,
        FishComplete,
        PowerShellComplete,
        ZshComplete,
    )

    from ..shell_words import quote_posix, quote_powershell

    class TypedPlainly:
        """An option begun with a Chinese input method's dashes (——a) completes as --a does,
        and one typed so before the word being completed is that option (——who 王)."""

        def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
            cut = args.index("--") if "--" in args else len(args)
            args = [dashes_typed_plainly(arg) for arg in args[:cut]] + args[cut:]
            return super().get_completions(args, dashes_typed_plainly(incomplete))  # type: ignore[misc]

    class PlainBash(TypedPlainly, BashComplete):
        def format_completion(self, item: CompletionItem) -> str:
            # bash puts a candidate on the line as it is: 县 农业局 was two words there, and
            # 农业办(农机站) a syntax error
            return quote_posix(item.value)

    class PlainZsh(TypedPlainly, ZshComplete):
        def format_completion(self, item: CompletionItem) -> str:
            def escape(s: str) -> str:
                # Read twice: in the '…' the line is evaluated in, then in the "…" _arguments
                # evaluates. Typer wrote ' and " as '' and "", which zsh reads as nothing.
                return (
                    s.replace("\\", "\\\\")
                    .replace('"', '\\"')
                    .replace("'", "'\\''")
                    .replace("$", "\\$")
                    .replace("`", "\\`")
                    .replace(":", r"\\:")
                )

            if item.help:
                return f'"{escape(item.value)}":"{escape(item.help)}"'
            return f'"{escape(item.value)}"'

    class PlainFish(TypedPlainly, FishComplete):
        def format_completion(self, item: CompletionItem) -> str:
            if item.help:
                return f"{item.value}\t{' '.join(item.help.split())}"
            return f"{item.value}"

    class PlainPowerShell(TypedPlainly, PowerShellComplete):
        def format_completion(self, item: CompletionItem) -> str:
            # PowerShell puts a candidate on the line as it is (县 农业局: two words)
            return f"{quote_powershell(item.value)}:::{item.help if item.help else ' '}"

    add_completion_class(PlainBash, "bash")
    add_completion_class(PlainZsh, "zsh")
    add_completion_class(PlainFish, "fish")
    add_completion_class(PlainPowerShell, "powershell")
    add_completion_class(PlainPowerShell, "pwsh")


def dashes_typed_plainly(incomplete: str) -> str:
    """The word being completed with an option's dashes typed otherwise (——, —, －－, full-width
    letters) written plainly: --; a single hyphen of another kind is -."""
    from .dashes import DASHES

    if not incomplete or incomplete[0] not in DASHES or incomplete.isascii():
        return incomplete
    body = incomplete.lstrip(DASHES)
    run = incomplete[: len(incomplete) - len(body)]
    import unicodedata

    single = len(run) == 1 and run not in "—―"  # an em dash alone is the IME's --
    return ("-" if single else "--") + unicodedata.normalize("NFKC", body).lower()


def prepare(group: Any) -> None:
    """Called by the group when the shell asks for candidates, before Typer answers."""
    use_plain_help()
    attach(group)
