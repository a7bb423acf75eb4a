"""Whether a view asked to page (``--pager``) finds the pager it names, without rich: a
terminal's view is drawn without rich unless it goes through the pager (``ansi``, ``plain``)."""

from __future__ import annotations

from ..controls import visible

# Shell words that run the command after them (``exec less``, ``command less``).
_RUNS_THE_NEXT = frozenset(("exec", "command", "builtin", "nohup", "env"))


def pager_found() -> bool:
    """Whether the pager that ``$PAGER`` names is a program there is; without it, pydoc finds
    one itself (``console._SystemPager``). ``$MANPAGER`` is for man pages (``col -bx | bat``,
    ``nvim +Man!``), not read here, as git does not. An empty ``$PAGER`` names none: the view
    is printed as without ``--pager``.
    One that is not there (``PAGER=more`` copied from another PC, a pager uninstalled) would
    take the whole view with it, the shell saying only "not found": the view is printed as
    without ``--pager``, and one line on stderr says why."""
    import os
    import shlex
    import shutil
    import sys

    command = os.environ.get("PAGER")
    if command is None:
        return True
    if not command.strip():  # (``PAGER=``: no pager, as git takes it; pydoc would run less)
        return False
    try:
        words = shlex.split(command, posix=sys.platform != "win32")
    except ValueError:  # unbalanced quotes: the shell will say what it makes of it
        return True
    while words and words[0] in _RUNS_THE_NEXT:  # (``exec less``: the shell runs less)
        words = words[1:]
    program = words[0].strip('"') if words else ""
    # The shell pydoc hands the command to expands ``~`` and ``$HOME`` before it looks the
    # program up: so does this; a word it would still make something of is its to find.
    found = os.path.expandvars(os.path.expanduser(program))
    if not program or "=" in program or "$" in found or "`" in found:
        return True  # (``LESS=-R less``: a variable set first, the shell's to read)
    if shutil.which(found) is not None:
        return True
    from .folding import folded_on_terminal  # (as the CLI's notices fold)

    said = visible(
        f"plan: 找不到分页器 {program}（$PAGER），不分页直接显示 / the pager {program} "
        "($PAGER) is not found: shown without it"
    )
    sys.stderr.write(folded_on_terminal(said, True) + "\n")
    return False
