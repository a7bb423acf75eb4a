"""The ``plan`` program as a process: output that never fails to encode (``output_streams``),
and a quiet exit 130 on Ctrl-C from its first line on, imports included. It imports only
``sys`` itself, so that a Ctrl-C while the commands are being loaded is caught too (Python's
own start-up, before this module runs, is the only moment left)."""

import sys

# No other import up here: a Ctrl-C while this module is being loaded would show a traceback
# (the modules a command needs are loaded inside ``main``, where it is caught).


def main() -> None:
    before: dict[int, object] = {}
    try:
        _end_as_ctrl_c(before)
        from .output_streams import never_fail_to_print

        never_fail_to_print()
        from .collector import the_program

        with the_program():  # it leaves with os._exit (``leave``)
            from .lazy_stdlib import defer

            defer()  # (before Typer: what it imports for its rare paths runs when first used)
            if _folder_gone():
                leave(1)
            from .store.read_ahead import start

            start(sys.argv[1:])  # a long plan's last part read meanwhile, where it helps
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
    finally:  # (the program itself leaves with os._exit: a test calling main gets here)
        _end_copies()
        _restore(before)
        _stop_deferring()
        _let_go_of_replaced()


def _let_go_of_replaced() -> None:
    """A process that goes on after ``main`` (a test) holds no plan a change replaced: the
    program keeps it open for the process storing the cache entry to free after the answer
    (``files._keep_open``), and leaves with os._exit, which closes it; one that returns does
    not, and held its inode (its disk space) until its next write."""
    files = sys.modules.get("quanhu_plan.store.files")
    if files is not None:
        files._let_go_of_kept()


def _stop_deferring() -> None:
    """A test calling ``main`` leaves no import of its process deferred after it."""
    lazy = sys.modules.get("quanhu_plan.lazy_stdlib")
    if lazy is not None:
        lazy.undo()


def _folder_gone() -> bool:
    """Whether the current folder was removed after the shell went into it (in another window,
    by a sync tool, a git checkout of another branch): said on stderr (folded on a terminal,
    one line to a pipe), as every
    command (--help too) would end in a traceback from ``os.getcwd``. A shell completing a
    word is told nothing."""
    import os

    try:
        os.getcwd()
    except FileNotFoundError:
        if not any(key.endswith("_COMPLETE") for key in os.environ):
            try:
                said = (
                    "plan: 当前文件夹已经不存在（在别处被删除或移走了）：请先 cd 到一个存在的文件夹"
                    "（例如计划所在的文件夹），或重新打开终端，再运行 plan / the current folder "
                    "no longer exists (removed or moved elsewhere): cd to a folder that exists "
                    "(the plan's, say) or open a new terminal, then run plan again"
                )
                from .terminal.folding import folded_on_terminal  # (as notices)

                sys.stderr.write(folded_on_terminal(said, True) + "\n")
                sys.stderr.flush()
            except (OSError, ValueError, AttributeError):  # (None where 2>&- closed it)
                pass
        return True
    return False


# The signal (SIGTERM, SIGHUP) that ended this run the way Ctrl-C ends one, if one did.
_ENDED_BY: list[int] = []


def _end_as_ctrl_c(before: dict[int, object]) -> None:
    """Make SIGTERM (a shutdown, kill, a task manager) and SIGHUP (the terminal window closed)
    end the run as Ctrl-C does, through the code's cleanups: a change killed outright left its
    lock file and its temporary file beside the plan, for a ``git add .`` to commit. A signal
    ignored when the program started (``nohup plan ...``) stays ignored. ``before`` keeps the
    handlers replaced (``_restore``). (``signal`` is loaded by Python's start-up already.)"""
    import signal

    def ended(number: int, frame: object) -> None:
        if _in_the_hook(frame):
            return  # (another came meanwhile: the one ``_interrupt_kept`` saw comes again)
        _ENDED_BY.append(number)
        raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            before[number] = signal.signal(number, ended)
    _HOOK_BEFORE[:] = [sys.unraisablehook]
    sys.unraisablehook = _interrupt_kept


# The hook of exceptions Python cannot raise that ``_end_as_ctrl_c`` replaced.
_HOOK_BEFORE: list[object] = []


def _interrupt_kept(unraisable: object) -> None:
    """A Ctrl-C (or SIGTERM, SIGHUP) that came while Python ran a callback it cannot raise
    from (a module lock's, as an import ends) was printed with a traceback and lost: the
    command went on. It is raised again in the program instead, at its next step, with no
    traceback (``_thread.interrupt_main``, through the handler of the signal that came), once
    this hook has returned: Python runs a handler at the next step of whatever code runs, and
    one run inside the hook would raise it here, to be lost again (``_again``)."""
    if isinstance(getattr(unraisable, "exc_value", None), KeyboardInterrupt):
        import signal

        _again(_ENDED_BY[-1] if _ENDED_BY else signal.SIGINT)
        return
    hook = _HOOK_BEFORE[0] if _HOOK_BEFORE else sys.__unraisablehook__
    hook(unraisable)  # type: ignore[operator]


def _in_the_hook(frame: object) -> bool:
    """Whether ``frame`` (a thread's step: its function's) is inside ``_interrupt_kept``."""
    for _ in range(8):  # (the hook calls little: a few frames are enough)
        code = getattr(frame, "f_code", None)
        if code is None:
            return False
        if code is _interrupt_kept.__code__:
            return True
        frame = getattr(frame, "f_back", None)
    return False


def _again(number: int) -> None:
    """The signal ``number`` made to come again to this (the main) thread once it is out of
    ``_interrupt_kept``: by another thread, which looks where this one is each time it gets its
    turn (soon: the switch interval shortened meanwhile)."""
    import _thread
    import time

    main, interval = _thread.get_ident(), sys.getswitchinterval()

    def later() -> None:
        try:
            while _in_the_hook(sys._current_frames().get(main)):
                time.sleep(0.0001)
            _thread.interrupt_main(number)  # type: ignore[arg-type]
        finally:
            sys.setswitchinterval(interval)

    sys.setswitchinterval(min(interval, 0.0001))
    _thread.start_new_thread(later, ())


def _restore(before: dict[int, object]) -> None:
    if _HOOK_BEFORE:
        sys.unraisablehook = _HOOK_BEFORE.pop()  # type: ignore[assignment]
    if before:
        import signal

        for number, handler in before.items():
            signal.signal(number, handler)  # type: ignore[arg-type]


def _interrupted_code(code: int | None) -> int | None:
    """130 for Ctrl-C (typer's and ours); 128 + the signal for SIGTERM (143) and SIGHUP (129),
    as a shell reports a program those signals end."""
    if code == 130 and _ENDED_BY:
        return 128 + _ENDED_BY[0]
    return code


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
    code = _interrupted_code(code)
    for stream in (sys.stdout, sys.stderr):  # None without a console (pythonw)
        if stream is None:
            continue
        try:
            stream.flush()  # an OSError here is an output error (main): it leaves the usual way
        except ValueError:  # closed: nothing of it to keep
            raise SystemExit(code) from None
        if stream is sys.stdout:
            from .output_streams import say_what_was_lost

            say_what_was_lost()
    _end_copies()
    later = sys.modules.get("quanhu_plan.store.cache_later")  # (with the cache: not for --help)
    if later is not None:
        later.leave()  # a first read's cache entry, stored by a process of its own
    import os

    os._exit(code or 0)


def _end_copies() -> None:
    """Every forked copy not answered yet (the plan's last part read ahead,
    ``store.read_ahead``) killed and reaped before the program leaves."""
    forked = sys.modules.get("quanhu_plan.forked")
    if forked is not None:
        forked.end_all()


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
    is not worth a word. The plan was read fine: a first status's cache entry is stored all
    the same (``plan status >/dev/full`` left it unstored, and each such status read cold)."""
    import errno

    from .cli.app import _drop_output

    if exc.errno != errno.EPIPE:
        why = exc.strerror
        if exc.errno == errno.EBADF:  # (``plan status >&-``: "Bad file descriptor" says less)
            why = "标准输出已关闭 / standard output is closed"
        try:
            sys.stderr.write(f"plan: 无法写出输出 / cannot write the output: {why}\n")
            sys.stderr.flush()
        except (OSError, ValueError, AttributeError):  # (None: closed as plan started, 2>&-)
            pass
    _drop_output()
    _end_copies()
    later = sys.modules.get("quanhu_plan.store.cache_later")
    if later is not None:
        later.leave()  # (forked: this process leaves at once, as ``leave`` does)
    raise SystemExit(1)


def interrupted() -> None:
    """Ctrl-C: exit 130, the shell's code for it, without a traceback. A change being written
    is either done or not: the store writes a new file and renames it, or keeps a journal."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C while leaving
    raise SystemExit(_interrupted_code(130))
