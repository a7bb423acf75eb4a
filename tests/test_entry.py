"""The ``plan`` process around a command (quanhu_plan/entry.py): a Ctrl-C is a quiet exit 130
however Python reports it."""

from __future__ import annotations

import signal

import pytest

import quanhu_plan.cli
from quanhu_plan import entry


class _SetsItsName:
    def __set_name__(self, owner: type, name: str) -> None:
        raise KeyboardInterrupt  # Ctrl-C while a class of a module being imported is made


def _ctrl_c_while_a_class_is_made() -> None:
    class Loading:  # Python 3.11 reports it as a RuntimeError caused by the KeyboardInterrupt
        field = _SetsItsName()


def test_ctrl_c_while_python_makes_a_class_exits_130_without_a_traceback(monkeypatch, capsys):
    monkeypatch.setattr(quanhu_plan.cli, "main", _ctrl_c_while_a_class_is_made)
    monkeypatch.setattr(signal, "signal", lambda *args: None)  # not this test run's own Ctrl-C
    with pytest.raises(SystemExit) as leaving:
        entry.main()
    assert leaving.value.code == 130
    assert capsys.readouterr().err == ""


def test_an_error_that_is_not_ctrl_c_is_not_taken_for_one(monkeypatch):
    def broken() -> None:
        try:
            raise ValueError("inner")
        except ValueError as exc:
            raise RuntimeError("outer") from exc

    monkeypatch.setattr(quanhu_plan.cli, "main", broken)
    with pytest.raises(RuntimeError, match="outer"):
        entry.main()
