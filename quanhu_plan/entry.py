"""The ``plan`` program as a process: output that never fails to encode, and a quiet exit 130
on Ctrl-C from its first line on, imports included. It imports only ``sys`` itself, so that a
Ctrl-C while the commands are being loaded is caught too (Python's own start-up, before this
module runs, is the only moment left)."""

import sys

# No other import up here: a Ctrl-C while this module is being loaded would show a traceback
# (the modules a command needs are loaded inside ``main``, where it is caught).


def main() -> None:
    try:
        never_fail_to_print()
        from .collector import the_program

        with the_program():  # it leaves with os._exit (``leave``)
            from .cli import main as run_command

            try:
                run_command()
            except SystemExit as done:
                code = done.code
            else:
                code = 0
            leave(code)
    except KeyboardInterrupt:
        interrupted()
    except OSError as exc:
        if exc.errno not in _output_errors():
            raise
        output_failed(exc)
    except Exception as exc:
        if not _ctrl_c_inside(exc):
            raise
        interrupted()


def _ctrl_c_inside(exc: BaseException) -> bool:
    """Whether ``exc`` is Python's report of a Ctrl-C: one that came while a class was being
    made (a module being imported) is raised as a RuntimeError it caused."""
    seen = 0
    cause = exc.__cause__ or exc.__context__
    while cause is not None and seen < 20:
        if isinstance(cause, KeyboardInterrupt):
            return True
        cause, seen = cause.__cause__ or cause.__context__, seen + 1
    return False


def leave(code: object) -> None:
    """End the process with ``code`` once its output is out, without tearing the interpreter
    down: freeing a big plan's hundreds of thousands of objects one by one, which nobody will
    use again, would take a sixth of a command's time. Every file a command writes is closed by
    then (``with``); only stdout and stderr hold anything, and they are flushed first. A code
    that is not a number (a message) leaves the usual way."""
    if code is not None and not isinstance(code, int):
        raise SystemExit(code)
    for stream in (sys.stdout, sys.stderr):  # None without a console (pythonw)
        if stream is None:
            continue
        try:
            stream.flush()  # an OSError here is an output error (main): it leaves the usual way
        except ValueError:  # closed: nothing of it to keep
            raise SystemExit(code) from None
        if stream is sys.stdout:
            say_what_was_lost()
    import os

    os._exit(code or 0)


def _output_errors() -> set[int]:
    """What writing to stdout fails with: a closed pipe, a full disk or quota behind a
    redirect, a terminal gone, a file too large."""
    import errno

    names = ("EPIPE", "ENOSPC", "EDQUOT", "EIO", "EBADF", "EFBIG")
    return {getattr(errno, name) for name in names if hasattr(errno, name)}


def output_failed(exc: OSError) -> None:
    """The output could not be written (a read command's: a change's is saved before it prints,
    and exits 0 whatever its output does, see ``cli.app.print_after_save``). Say so on stderr
    if it can be written, in one line, and exit 1; a pipe closed by its reader (``| head``)
    is not worth a word."""
    import errno

    from .cli.app import _drop_output

    if exc.errno != errno.EPIPE:
        try:
            sys.stderr.write(f"plan: 无法写出输出 / cannot write the output: {exc.strerror}\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
    _drop_output()
    raise SystemExit(1)


def never_fail_to_print() -> None:
    """A stream that cannot encode a character (a GBK console, ``PYTHONIOENCODING=gbk``, a lone
    surrogate from a badly encoded argument) shows it as ``?`` instead of failing the command,
    as many as the columns it takes (``shown_in_columns``), and stdout's are counted, to be
    said once at the end (``say_what_was_lost``); a stream that is lenient already (stderr's
    backslashreplace) stays as it is."""
    import codecs

    codecs.register_error(SHOWN_IN_COLUMNS, shown_in_columns)
    codecs.register_error(_SHOWN_ON_STDOUT, _shown_on_stdout)
    if sys.stdout is None and sys.platform != "win32":  # (pythonw on Windows has none)
        sys.stdout = _Closed()
    for stream, errors in ((sys.stdout, _SHOWN_ON_STDOUT), (sys.stderr, SHOWN_IN_COLUMNS)):
        if getattr(stream, "errors", None) != "strict":
            continue  # already lenient (stderr: backslashreplace), or no stream at all
        try:
            stream.reconfigure(errors=errors)  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass
    if sys.platform == "win32" and sys.stdout is not None:  # a CJK console's wide signs
        from .terminal.cjk_console import narrowed_where_wide

        sys.stdout = narrowed_where_wide(sys.stdout)


class _Closed:
    """Standard output closed when the program started (``plan export >&-``): Python leaves
    ``sys.stdout`` None and everything printed went nowhere, the run exiting 0. Written to, it
    fails as a closed descriptor does (EBADF), which ``main`` says of a read command; a change
    is saved and exits 0 all the same (``cli.app.print_after_save``)."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, text: str) -> int:
        import errno
        import os

        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        import io

        raise io.UnsupportedOperation("fileno")


SHOWN_IN_COLUMNS = "quanhu-shown-in-columns"
_SHOWN_ON_STDOUT = "quanhu-shown-on-stdout"

# What the tool itself draws that GBK (cp936: a redirect on Chinese Windows) cannot encode: the
# empty part of a completion bar, which "?" would make unreadable (██░░ → ██??), the minus of
# the county's scoring rule; and spaces GBK lacks (a non-breaking space pasted from Word or a
# web page) as the space they look like. The report's circled numbers past ⑩ have their own
# stand-in (``_circled_number``).
_DRAWN_INSTEAD = {"░": "-", "\u2212": "-", "\u00a0": " ", "\u202f": " "}
_ZERO_WIDTH_JOINER = "\u200d"
_LOST = [0]  # characters of stdout's written as "?"


def shown_in_columns(error: UnicodeError, lost: list[int] | None = None) -> tuple[str, int]:
    """An encoding error handler: each character the output cannot encode as ``?`` once for each
    column it takes, so that the columns after it stay where they were laid out (a two-column
    emoji is ``??``, a zero-width joiner and the picture it joins on nothing), counted in
    ``lost``; a sign the tool draws as a stand-in that reads the same (``_DRAWN_INSTEAD``)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    from .terminal.widths import character_width

    text, shown = error.object, []
    for at in range(error.start, error.end):
        character = text[at]
        stand_in = _DRAWN_INSTEAD.get(character) or _circled_number(character)
        if stand_in is not None:
            shown.append(stand_in)
        elif at and text[at - 1] == _ZERO_WIDTH_JOINER:
            continue  # joined into the picture before it, which its width counts
        else:
            shown.append("?" * character_width(character))
            if lost is not None:
                lost[0] += 1
    return "".join(shown), error.end


def _shown_on_stdout(error: UnicodeError) -> tuple[str, int]:
    return shown_in_columns(error, _LOST)


def _circled_number(character: str) -> str | None:
    """⑪ to ㊿ (the report numbers the fifth level of its outline ①, ②…; GBK has ① to ⑩
    alone) as ``11)``, the form the report itself takes past ㊿; None for any other."""
    code = ord(character)
    for first, number in ((0x246A, 11), (0x3251, 21), (0x32B1, 36)):
        if first <= code < first + 15 and (first != 0x246A or code <= 0x2473):
            return f"{number + code - first})"
    return None


def say_what_was_lost() -> None:
    """Once, on stderr, at the end: how many characters stdout's encoding could not hold (GBK,
    ``plan report --format md > 总结.md`` on Chinese Windows) and how to keep them."""
    if not _LOST[0] or sys.stderr is None:
        return
    encoding = getattr(sys.stdout, "encoding", "?")
    try:
        sys.stderr.write(
            f"plan: 输出的编码（{encoding}）写不出其中 {_LOST[0]} 个字符（表情符号、生僻字等），"
            "已写成 ?；要原样保留，report、export、county 可用 --out 写成文件，或先运行 "
            f"set PYTHONIOENCODING=utf-8 / the output's encoding ({encoding}) cannot hold "
            f"{_LOST[0]} of its characters (emoji, rare characters), written as ?: to keep "
            "them, write a file with --out (report, export, county), or set "
            "PYTHONIOENCODING=utf-8 first\n"
        )
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def interrupted() -> None:
    """Ctrl-C: exit 130, the shell's code for it, without a traceback. A change being written
    is either done or not: the store writes a new file and renames it, or keeps a journal."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C while leaving
    raise SystemExit(130)
