"""Usage errors (exit 2) as one paragraph in the run's language: what is wrong, and an example of
the right form. Click's own errors (an unknown option, a missing argument, a value of the wrong
type, an extra argument, a mistyped command) are worded here from what they carry; the commands
raise ``UsageProblem`` with both wordings.

Loaded only when a usage error is shown (``app.PlanGroup``), never on a run that goes well."""

from __future__ import annotations

import ast
from typing import IO, Any

import typer
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoSuchOption,
    UsageError,
)

from ..controls import LONGEST_TYPED, visible
from ..inputs import run_together_advice
from ..texts import label
from .usage_examples import DATE_OPTIONS, PERIOD_OPTIONS, right_form

# What a command's arguments are, in words, for Chinese messages that name one by the metavar
# the usage line shows (PERCENT in "plan progress ID PERCENT"): PERCENT（进度）.
ARGUMENT_WORDS_ZH = {
    "ID": "编号",
    "PERCENT": "进度",
    "VALUE": "数值",
    "TEXT": "内容",
    "TITLE": "名称",
    "PARENT": "上级",
    "YEAR": "年度",
    "FIELD": "字段",
}


def subject_zh(hint: str) -> str:
    """An argument or option as the start of a Chinese sentence about it: a metavar with its
    word (``PERCENT（进度）``), an option with a space after it (``--due ``)."""
    word = ARGUMENT_WORDS_ZH.get(hint)
    return f"{hint}（{word}）" if word else f"{hint} "


class UsageProblem(typer.BadParameter):
    """A bad value or combination the command itself found, worded in both languages (each a
    whole paragraph: what is wrong, and the right form). Exit 2, like click's own."""

    def __init__(self, zh: str, en: str, hint: str | None = None):
        super().__init__(en, param_hint=hint)
        self.zh, self.en = zh, en

    def text(self, lang: str) -> str:
        """The Chinese as it is (it names what is wrong itself); the English after click's
        ``Invalid value for --x:`` when a hint is given."""
        if lang == "zh":
            return self.zh
        return f"Invalid value for {self.param_hint}: {self.en}" if self.param_hint else self.en


class UnknownCommand(UsageError):
    """``plan stauts``: no such command (nor Chinese name of one)."""

    def __init__(self, name: str, suggestions: list[str], ctx: Any):
        super().__init__(f"No such command {name!r}.", ctx)
        self.name, self.suggestions = name, suggestions


class ExtraArguments(UsageError):
    """More words than the command takes (``plan show 1.2 2``)."""

    def __init__(self, extra: list[str], ctx: Any):
        super().__init__(f"Got unexpected extra argument(s) ({' '.join(extra)})", ctx)
        self.extra = extra


class OneDashOption(UsageError):
    """``-evidence`` for ``--evidence``: a long option with one dash (click would read it as
    ``-e`` with the value ``vidence``)."""

    def __init__(self, typed: str, meant: str, ctx: Any):
        super().__init__(f"{typed}: an option is written {meant}", ctx)
        self.typed, self.meant = typed, meant


class ShownUsageError(UsageError):
    """A usage error already worded: printed as it is, on stderr, exit 2 (click's ``show``
    would add a usage line and an English ``Error:``)."""

    def __init__(self, text: str, ctx: Any = None):
        super().__init__(text, ctx)
        self.text = text

    def show(self, file: IO[Any] | None = None) -> None:
        from ..terminal.folding import folded_on_terminal
        from .app import echo

        if file is None:
            echo(folded_on_terminal(self.text, True), err=True)
        else:
            typer.echo(self.text, file=file)


def shown(exc: UsageError, lang: str) -> ShownUsageError:
    """The paragraph that says ``exc``, with the error label, control characters shown."""
    from .advice import file_typed, naming_file

    sep = "：" if lang == "zh" else ": "
    ctx = getattr(exc, "ctx", None)
    said = naming_file(explain(exc, lang), file_typed(ctx))
    return ShownUsageError(f"{label(lang, 'error')}{sep}{visible(said)}", ctx)


# ---------------------------------------------------------------- the paragraphs


def explain(exc: UsageError, lang: str) -> str:
    """One paragraph that says what is wrong and shows the right form."""
    zh = lang == "zh"
    ctx = getattr(exc, "ctx", None)
    name = _command_of(ctx)
    path = ctx.command_path if ctx is not None else "plan"
    if isinstance(exc, UsageProblem):
        return exc.text(lang)
    if isinstance(exc, UnknownCommand):
        return _unknown_command(exc, zh)
    if isinstance(exc, ExtraArguments):
        return _extra_arguments(exc, ctx, name, path, lang)
    if isinstance(exc, OneDashOption):
        rest = exc.typed[len(exc.meant) - 1 :]  # =a.pdf, or 早稻 typed on (-note早稻)
        written = exc.meant + (f" {rest}" if rest and not rest.startswith("=") else rest)
        if zh:
            return (
                f"{path} 的选项 {exc.typed} 要写成 {written}：长选项前面是两个半角减号（--）。"
                "没有做任何修改。"
            )
        return (
            f"{path}: the option {exc.typed} is written {written}, with two dashes. Nothing "
            "was changed."
        )
    if isinstance(exc, NoSuchOption):
        return _no_such_option(exc, ctx, name, path, lang)
    if isinstance(exc, BadOptionUsage):
        return _bad_option_usage(exc, ctx, name, lang)
    if isinstance(exc, MissingParameter):
        return _missing(exc, ctx, name, path, lang)
    if isinstance(exc, BadParameter):
        return _bad_value(exc, ctx, name, lang)
    if exc.message.startswith("Missing command"):
        return (
            "没有给出要运行的命令。全部命令见 plan --help，例如：plan status。"
            if zh
            else "No command given. plan --help lists them; for example: plan status."
        )
    if zh:
        return f"用法有误（{exc.message}）。用法见 {path} --help，{right_form(name, None, lang)}"
    return f"{exc.message}. See {path} --help; {right_form(name, None, lang)}"


def _either(names: list[str]) -> str:
    """status or start; move, resolve or reopen."""
    return " or ".join(names) if len(names) < 3 else f"{', '.join(names[:-1])} or {names[-1]}"


def _command_of(ctx: Any) -> str | None:
    if ctx is None or ctx.parent is None:  # the group itself
        return None
    return ctx.command.name


def _unknown_command(exc: UnknownCommand, zh: bool) -> str:
    # 销号　1.3: an input method's full-width space joins what were meant as two words
    joined = "\u3000" in exc.name.strip()
    if zh:
        from ..controls import typed_shown  # (as an unknown id: a tab not shown as a space)

        text = f"没有“{typed_shown(exc.name)}”这个命令。"
        if joined:
            text += "其中有全角空格（　）：命令和参数之间要用半角空格隔开。"
        if exc.suggestions:
            text += f"你是不是要用 {'、'.join(exc.suggestions)}？"
        return (
            text + "全部命令见 plan --help（也可以用中文命令名，如 plan 状态），例如：plan status。"
        )
    text = f"There is no command {exc.name!r}."
    if joined:
        text += " It holds a full-width space: separate the command and its words with spaces."
    if exc.suggestions:
        text += f" Did you mean {_either(exc.suggestions)}?"
    return text + " plan --help lists the commands; for example: plan status."


def _extra_arguments(exc: ExtraArguments, ctx: Any, name: str | None, path: str, lang: str) -> str:
    extra = " ".join(exc.extra)
    usage = _usage(ctx, lang)
    takes_text = ctx is not None and any(
        getattr(p, "metavar", None) in ("TEXT", "TITLE") and p.param_type_name == "argument"
        for p in ctx.command.params
    )
    # Why there is more, when the line tells: two words run together by a full-width space
    # (3月28日　--note x: --note was never seen), or the rest of an option's text unquoted.
    joined = run_together_advice(_command_line(ctx))
    single = None if joined else _one_dash_short("", ctx)  # -who 农业股: -w with "ho"
    if single is not None:
        joined = (
            f"{single[1:]} 要写成 {single}（两个半角减号）。",
            f"{single[1:]} is written {single}, with two dashes.",
        )
    curly = None if joined else _in_chinese_quotes(ctx)
    split = None if joined or curly else _option_text_split(ctx, exc.extra)
    from ..shell_words import quote

    if lang == "zh":
        from ..controls import typed_shown

        text = f"{path} 后面多出了“{typed_shown(extra)}”：它的写法是 {path} {usage}。"
        if curly:
            text += (
                "中文引号“”括不住文字（它们只是文字的一部分）：含空格的文字要用英文双引号括起来，"
                f"例如：{curly}。"
            )
            return text
        if joined:
            text += joined[0]
        elif split:
            option, value = split
            text += (
                f"“{exc.extra[0]}”像是 {option} 后面那段文字的一部分：含空格的文字要用英文双引号"
                f"整段括起来，例如：{option} {quote(value)}。"
            )
            return text
        elif takes_text:
            text += "一段含空格的文字要用引号括起来。"
        return text + right_form(name, None, lang)
    text = f"{path} got more than it takes ({extra!r}): it is written {path} {usage}."
    if curly:
        return (
            f"{text} Chinese quotes (“”) do not hold a text together: put straight double "
            f"quotes around a text with spaces, for example: {curly}."
        )
    if joined:
        text += f" {joined[1]}"
    elif split:
        option, value = split
        return (
            f"{text} {exc.extra[0]!r} looks like the rest of the text after {option}: put quotes "
            f"around a text with spaces, for example: {option} {quote(value)}."
        )
    elif takes_text:
        text += " Put quotes around a text with spaces."
    return f"{text} {right_form(name, None, lang)}"


_OPENING_QUOTES = "“‘「"
_CLOSING_QUOTES = "”’」"


def _in_chinese_quotes(ctx: Any) -> str | None:
    """The command line written right when a text with a space was put in Chinese quotes
    (``plan note 5.5.2 “巡查 拆除”``: the shell splits it, the quotes part of the words), the
    text in straight double quotes; None when no word opens such a quote and a later closes it."""
    from ..shell_words import quote

    line = _command_line(ctx)
    opening = next((i for i, w in enumerate(line) if w[:1] in _OPENING_QUOTES), None)
    if opening is None:
        return None
    closing = next(
        (i for i in range(opening + 1, len(line)) if line[i][-1:] in _CLOSING_QUOTES), None
    )
    if closing is None:
        return None
    text = " ".join(line[opening : closing + 1])[1:-1]
    written = [*line[:opening], text, *line[closing + 1 :]]
    return " ".join(["plan", *map(quote, written)])


def _command_line(ctx: Any) -> list[str]:
    from .speaking import COMMAND_LINE

    return list(ctx.meta.get(COMMAND_LINE) or []) if ctx is not None else []


def _option_text_split(ctx: Any, extra: list[str]) -> tuple[str, str] | None:
    """(option, its whole text) when the words left over follow an option's value on the
    command line (``--reason 征地 未完成``): a text with a space, typed without quotes."""
    line = _command_line(ctx)
    words = line[: line.index("--")] if "--" in line else line
    for at in range(len(words) - len(extra) - 1, 0, -1):
        if words[at + 1 : at + 1 + len(extra)] != extra:
            continue
        option = words[at - 1]
        param = _param_for_hint(ctx, option) if option.startswith("-") else None
        if param is None or param.param_type_name != "option" or param.is_flag:
            return None
        return _param_name(param, ctx), " ".join([words[at], *extra])
    return None


def _usage(ctx: Any, lang: str) -> str:
    """How the command is written: ``[选项] ID PERCENT`` (its arguments by their names)."""
    if ctx is None:
        return ""
    pieces = ["[选项]" if lang == "zh" else "[OPTIONS]"]
    for param in ctx.command.params:
        if param.param_type_name != "argument":
            continue
        piece = param.metavar or (param.name or "").upper()
        if param.nargs == -1 and not piece.endswith("..."):
            piece += "..."
        pieces.append(piece if param.required else f"[{piece}]")
    return " ".join(pieces)


# An unknown option is answered with the command's options when there are no more than these.
OPTIONS_LISTED = 8


# Arguments that take words of the user's: one of them may start with "-" (a note "-5℃低温").
TEXT_METAVARS = ("TEXT", "TITLE", "VALUE")


def _dashed_text(option: str, ctx: Any) -> str | None:
    """The command line again with ``--`` before the word click took for the option ``option``,
    when that cannot be an option (-5, -℃: no ASCII letter after the dashes) and the command
    takes a text: ``plan note 2 -- -5℃低温``. None otherwise."""
    body = option.lstrip("-")
    if ctx is None or (body[:1].isascii() and body[:1].isalpha()):
        return None
    if not any(
        p.param_type_name == "argument" and p.metavar in TEXT_METAVARS for p in ctx.command.params
    ):
        return None
    from ..shell_words import quote
    from .speaking import COMMAND_LINE

    line = list(ctx.meta.get(COMMAND_LINE) or [])
    words = line[: line.index("--")] if "--" in line else line
    text = next((word for word in words if word.startswith(option)), None)
    if text is None:  # the command line is not known: no example rather than a wrong one
        return None
    line.remove(text)  # the options after it stay options: they go before --
    return " ".join(["plan", *map(quote, line), "--", quote(text)])


def _before_its_command(option: str, ctx: Any) -> tuple[str, str] | None:
    """(command, the line written right) when ``option``, unknown to ``plan`` itself, was typed
    before the name of a command that takes it, and so were the other options there
    (``plan --as-of 2023-06-30 status``, ``plan --json status``)."""
    from ..command_line import GLOBAL_OPTIONS_WITH_VALUE
    from ..shell_words import quote
    from .aliases import command_name

    commands = getattr(getattr(ctx, "command", None), "commands", None) or {}
    line = _command_line(ctx)
    for index, word in enumerate(line):
        command = commands.get(command_name(word))
        if command is None:
            continue  # the value of an option before it (2023-06-30), or a word of no command
        kept: list[str] = []  # plan's own options (-f, --lang) stay before the command
        moved: list[str] = []
        before = line[:index]
        at = 0
        while at < len(before):
            key = before[at].split("=", 1)[0]
            param = next((p for p in command.params if key in getattr(p, "opts", ())), None)
            if key in GLOBAL_OPTIONS_WITH_VALUE or key in ("-h", "--help"):
                words = 1 if "=" in before[at] or key in ("-h", "--help") else 2
                kept += before[at : at + words]
            elif param is not None and param.param_type_name == "option":
                words = 1 if "=" in before[at] or getattr(param, "is_flag", False) else 2
                moved += before[at : at + words]
            else:
                return None  # something else before the command: click's word stands
            at += words
        if option not in [m.split("=", 1)[0] for m in moved]:
            return None
        written = ["plan", *kept, word, *moved, *line[index + 1 :]]
        return command.name, " ".join(map(quote, written))
    return None


# Options a clerk types for what a command names another way, and the names they mean, in the
# order tried: the first the command has is the one suggested (click's guess goes by spelling:
# plan log --as-of would be offered --json). `plan log --as-of 2023-06-30` means --until;
# `plan done 1.1 --date 6.30` means --on.
SAME_MEANING = {
    "--as-of": ("--until", "--on"),
    "--until": ("--as-of", "--on"),
    "--to": ("--until", "--as-of"),
    "--before": ("--until", "--due-before", "--as-of"),
    "--date": ("--on", "--as-of", "--until"),
    "--day": ("--on", "--as-of", "--until"),
    "--at": ("--on", "--as-of", "--until"),
    "--from": ("--since",),
    "--after": ("--since",),
    "--owner": ("--who",),
    "--who": ("--owner",),
    "--unit": ("--who", "--owner"),
    "--due": ("--due-before",),
    "--output": ("--out",),
    "--goal": ("--part",),
    "--section": ("--part",),
    "--lang": ("--language",),
    "--author": ("--by",),
    "--user": ("--by",),
    "--comment": ("--note",),
    "--remark": ("--note",),
    "--message": ("--note",),
}


def _same_meaning(option: str, ctx: Any) -> str | None:
    """The option of the command ``option`` (which it has not) means, if a clerk writes it for
    one the command names another way (SAME_MEANING): --as-of for plan log's --until."""
    if ctx is None:
        return None
    opts = {o for p in ctx.command.params for o in getattr(p, "opts", ())}
    typed = option.split("=", 1)[0]
    return next((meant for meant in SAME_MEANING.get(typed, ()) if meant in opts), None)


def _one_dash_short(option: str, ctx: Any) -> str | None:
    """The long option a word of the command line meant when it was typed with one dash
    (``-as-of`` for ``--as-of``), which click reads as the short options ``-a -s …``, or as
    ``-w`` with the value ``ho`` (``-who``): ``option`` is the short one click names, or ''
    for any."""
    if ctx is None or option.startswith("--"):
        return None
    opts = {o for p in ctx.command.params for o in getattr(p, "opts", ())}
    for word in _command_line(ctx):
        key = word.split("=", 1)[0]
        if key.startswith(option or "-") and len(key) > 2 and "-" + key in opts:
            return "-" + key
    return None


def _no_such_option(exc: NoSuchOption, ctx: Any, name: str | None, path: str, lang: str) -> str:
    option = exc.option_name
    misplaced = _before_its_command(option, ctx) if name is None else None
    if misplaced is not None:
        command, written = misplaced
        if lang == "zh":
            return f"{option} 是 plan {command} 的选项，要写在命令名后面：{written}。"
        return f"{option} is an option of plan {command}: write it after the command's name: {written}."
    dashed = _dashed_text(option, ctx)
    if dashed is not None:
        if lang == "zh":
            return (
                f"{path} 没有 {option} 这个选项。以 - 开头的文字要写在 -- 之后"
                f"（-- 后面的都是文字，不再当作选项），例如：{dashed}。"
            )
        return (
            f"{path} has no option {option}. A text that starts with - goes after -- "
            f"(what follows -- is read as text, never as an option), for example: {dashed}."
        )
    close = sorted(exc.possibilities or [])
    meant = _same_meaning(option, ctx)
    if meant is not None:  # --as-of typed to plan log: --until, not click's --json
        close = [meant]
    single = _one_dash_short(option, ctx)
    if single is not None:  # -as-of, read by click as -a -s -o -f: --as-of with one dash
        close = [single]
    example_option = close[0] if close else None
    options = []
    if ctx is not None and not close:
        for param in ctx.command.params:
            if param.param_type_name == "option" and not getattr(param, "hidden", False):
                options.append(_param_name(param, ctx))
    listed = options if 0 < len(options) <= OPTIONS_LISTED else []
    if lang == "zh":
        text = f"{path} 没有 {option} 这个选项。"
        if close:
            text += f"你是不是要用 {'、'.join(close)}？"
        elif listed:
            text += f"它的选项有 {'、'.join(listed)}（说明见 {path} --help）。"
        if not listed:
            text += f"它的选项见 {path} --help。"
        return text + right_form(name, example_option, lang)
    text = f"{path} has no option {option}."
    if close:
        text += f" Did you mean {_either(close)}?"
    elif listed:
        text += f" Its options are {', '.join(listed)} (see {path} --help)."
    if not listed:
        text += f" See {path} --help for its options."
    return f"{text} {right_form(name, example_option, lang)}"


def _bad_option_usage(exc: BadOptionUsage, ctx: Any, name: str | None, lang: str) -> str:
    option = exc.option_name
    param = _param_for_hint(ctx, option)
    if param is not None:  # -f is --file
        option = _param_name(param, ctx)
    if "does not take a value" in exc.message:
        if lang == "zh":
            return f"{option} 是一个开关，后面不能带值：只写 {option} 即可。"
        return f"{option} is a switch and takes no value: write {option} alone."
    if lang == "zh":
        return f"{option} 后面要写一个值。{right_form(name, option, lang)}"
    return f"{option} needs a value after it. {right_form(name, option, lang)}"


def _missing(exc: MissingParameter, ctx: Any, name: str | None, path: str, lang: str) -> str:
    param = exc.param
    if param is None:
        return exc.format_message()
    shown_name = _param_name(param, ctx)
    gloss = _help_of(param, lang)
    if lang == "zh":
        what = "选项" if param.param_type_name == "option" else "参数"
        text = f"{path} 还缺少{what} {shown_name}"
        text += f"（{gloss}）。" if gloss else "。"
    else:
        text = f"{path} needs {shown_name}"
        text += f" ({gloss})." if gloss else "."
    option = shown_name if param.param_type_name == "option" else None
    # plan progress 5.5.2　60: the full-width space made one word of the two
    joined = run_together_advice(_command_line(ctx))
    if joined:
        text += joined[0] if lang == "zh" else f" {joined[1]}"
    return f"{text}{'' if lang == 'zh' else ' '}{right_form(name, option, lang)}"


def _bad_value(exc: BadParameter, ctx: Any, name: str | None, lang: str) -> str:
    param = exc.param or _param_for_hint(ctx, exc.param_hint)
    where = _hint_text(exc.param_hint) if exc.param_hint else None
    if where is None:
        where = _param_name(param, ctx) if param is not None else ""
    value = _value_in(exc, param, ctx)
    if value is not None and len(value) > LONGEST_TYPED:  # (its start, and how long it is)
        from ..controls import typed_start  # (not inside what reads as one character)

        long, start = len(value), typed_start(value)
        value = f"{start}…（共 {long:,} 字）" if lang == "zh" else f"{start}… ({long:,} characters)"
    quoted = f"“{value}”" if value is not None else ""
    option = where if where.startswith("--") else None
    example = right_form(name, option, lang)
    from typer._types import TyperChoice

    kind = getattr(param, "type", None)
    if isinstance(kind, TyperChoice):
        choices = [str(getattr(c, "value", c)) for c in kind.choices]
        if lang == "zh":
            return f"{where} 的值{quoted}不在可选之列：只能是 {'、'.join(choices)} 之一。{example}"
        return f"{where} cannot be {value!r}: use one of {', '.join(choices)}. {example}"
    if kind is not None and getattr(kind, "name", "") in (
        "int",
        "int range",
        "float",
        "float range",
    ):
        wanted_zh, wanted_en = _number_wanted(kind)
        if lang == "zh":
            apart = " " if wanted_zh[0].isdigit() else ""  # (要写 1900 到 2999 之间的整数)
            return f"{where} 的值{quoted}不对：要写{apart}{wanted_zh}。{example}"
        return f"{where} cannot be {value!r}: write {wanted_en}. {example}"
    if lang == "zh":
        reason = _chinese_gloss(exc.message)
        if where in DATE_OPTIONS:
            reason = reason or "不是有效日期"
            reason += "，请写成 2023-06-30 这样的年-月-日，并确认该月有这一天"
        elif where in PERIOD_OPTIONS:
            reason = reason or "不是有效的日期、月份或季度"
            reason += "，请写日期 2023-06-30、月份 2023-05（指该月月底）或季度 2023-Q2"
        reason = reason or f"不符合要求（{exc.message.rstrip('。.')}）"
        return f"{subject_zh(where)}的值{quoted}不对：{reason}。{example}"
    message = _without_gloss(exc.message).rstrip()
    text = f"Invalid value for {where}: {message}" if where else message
    if "e.g." in message or "for example" in message.lower():
        return text
    return f"{text}{'' if text.endswith('.') else '.'} {example}"


def _number_wanted(kind: Any) -> tuple[str, str]:
    whole = getattr(kind, "name", "").startswith("int")
    zh, en = ("整数", "a whole number") if whole else ("数字", "a number")
    low, high = getattr(kind, "min", None), getattr(kind, "max", None)
    if low is not None and high is not None:
        return f"{low} 到 {high} 之间的{zh}", f"{en} from {low} to {high}"
    if low is not None:
        return f"不小于 {low} 的{zh}", f"{en} of {low} or more"
    if high is not None:
        return f"不大于 {high} 的{zh}", f"{en} of {high} or less"
    return zh, en


def _chinese_gloss(message: str) -> str | None:
    """The Chinese words an English message of this tool carries in brackets, e.g. ``(不是数字)``
    in ``'x' is not a number (不是数字).``"""
    start = message.find("(")
    while start != -1:
        end = message.find(")", start)
        if end == -1:
            return None
        inside = message[start + 1 : end]
        if any("\u4e00" <= ch <= "\u9fff" for ch in inside):
            return inside.strip().rstrip("。")
        start = message.find("(", end)
    return None


def _without_gloss(message: str) -> str:
    """The English message without the Chinese words it carries for the Chinese one:
    ``'x' is not a number.``, not ``'x' is not a number (不是数字).``"""
    gloss = _chinese_gloss(message)
    if gloss is None:
        return message
    start = message.find("(" + gloss)
    end = message.find(")", start)
    if start == -1 or end == -1:
        return message
    return message[:start].rstrip() + message[end + 1 :]


def _value_in(exc: BadParameter, param: Any, ctx: Any) -> str | None:
    """The value the user gave: the parsed one if the command got it as text, else the one
    click quotes at the start of its message (``'x' is not a valid integer``)."""
    if param is not None and ctx is not None:
        got = ctx.params.get(param.name)
        if isinstance(got, str):
            return got
    message = exc.message
    if " is not in the range" in message:  # click's: 0 is not in the range x>=1.
        return message.split(" is not in the range")[0].strip("'")
    if message[:1] in ("'", '"'):
        end = message.find(message[0], 1)
        while end != -1:
            try:
                value = ast.literal_eval(message[: end + 1])
            except (SyntaxError, ValueError):
                end = message.find(message[0], end + 1)
                continue
            return str(value)
    return None


def _param_for_hint(ctx: Any, hint: Any) -> Any:
    if ctx is None or not isinstance(hint, str):
        return None
    for param in ctx.command.params:
        if hint in getattr(param, "opts", ()) or hint == getattr(param, "metavar", None):
            return param
        if hint.lower() == (param.name or "").lower():
            return param
    return None


def _hint_text(hint: Any) -> str:
    if isinstance(hint, str):
        return hint.strip("'")
    return " / ".join(str(h).strip("'") for h in hint)


def _param_name(param: Any, ctx: Any) -> str:
    if param.param_type_name == "option":
        longs = [o for o in param.opts if o.startswith("--")]
        return (longs or param.opts)[0]
    return param.metavar or (param.name or "").upper()


def _help_of(param: Any, lang: str) -> str | None:
    """The parameter's help in a few words: up to its first sentence, without the gloss."""
    text = getattr(param, "help", None)
    if not text:
        return None
    if lang == "zh":
        from .help_zh import translate

        text = translate(text)
    text = text.replace("e.g. ", "e.g.\0").replace("i.e. ", "i.e.\0")  # not a sentence's end
    for stop in ("。", "; ", ". ", "；"):
        text = text.split(stop)[0]
    text = text.replace("\0", " ")
    if lang != "zh":  # the Chinese word glossed inside: The new plan's year (年度), e.g. 2024
        import re

        text = re.sub(r" \([^()]*[\u4e00-\u9fff][^()]*\)(?=.)", "", text)
    text = text.strip().rstrip("。.")
    for opening, closing in (("（", "）"), (" (", ")")):  # a gloss in brackets: not here
        if text.endswith(closing) and opening in text:
            text = text[: text.rfind(opening)]
    return text
