"""``plan --install-completion`` in the office's language.

Typer's own option answered in English only ("bash completion installed in …"), and in the
Windows 命令提示符 (cmd), where the guide sends offices, only "Shell cmd is not supported.".
The option stays Typer's; its callback is ours."""

from __future__ import annotations

import sys
from typing import Any

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def use_our_install_callback() -> None:
    """Give the group's --install-completion our callback (patched once, at import: an
    assignment, nothing imported)."""
    import typer.main

    made = typer.main.get_install_completion_arguments
    if getattr(made, "ours", False):
        return

    def arguments() -> tuple[Any, Any]:
        install_param, show_param = made()
        install_param.callback = install_callback
        return install_param, show_param

    arguments.ours = True  # type: ignore[attr-defined]
    typer.main.get_install_completion_arguments = arguments


def install_callback(ctx: Any, param: Any, value: Any) -> Any:
    if not value or ctx.resilient_parsing:
        return value
    from typer._completion_shared import _get_shell_name, install

    from .app import say
    from .language import lang_of_command_line
    from .speaking import COMMAND_LINE

    lang = lang_of_command_line(ctx.meta.get(COMMAND_LINE) or sys.argv[1:])
    shell = value if isinstance(value, str) else _get_shell_name()
    if shell not in SHELLS:
        shown = shell or ("未能识别" if lang == "zh" else "not recognised")
        say(
            f"错误：命令补全只支持 bash、zsh、fish 和 PowerShell，这个终端是 {shown}，"
            "没有安装。Windows 上请在 PowerShell 里运行 plan --install-completion"
            "（“命令提示符”不支持命令补全）。"
            if lang == "zh"
            else f"Error: completion works in bash, zsh, fish and PowerShell; this shell is "
            f"{shown}, so nothing was installed. On Windows, run plan --install-completion "
            "in PowerShell (cmd has no completion).",
            err=True,
            fold=True,
        )
        sys.exit(1)
    shell, path = install(shell=shell)
    say(
        f"已为 {shell} 安装命令补全（{path}）。重新打开终端后生效。"
        if lang == "zh"
        else f"Completion for {shell} installed in {path}. It takes effect in a new terminal."
    )
    sys.exit(0)
