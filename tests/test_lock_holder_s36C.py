"""Who holds a lock (``store.lock_holder.Holder``), a tuple of its own: every start-up loads the
module (``store.files``), and a ``typing.NamedTuple`` there was made on each of them, its
``__new__`` compiled from a text (some 0.65 M instructions of a warm ``plan status``)."""

from __future__ import annotations

import collections
import importlib
from unittest import mock

from quanhu_plan.store import lock_holder


def test_no_named_tuple_is_made_as_the_module_loads():
    with mock.patch.object(collections, "namedtuple", wraps=collections.namedtuple) as made:
        importlib.reload(lock_holder)
    assert made.call_count == 0


def test_a_holder_is_its_three_fields():
    holder = lock_holder.Holder("张三", "PC-03", 4242)
    assert (holder.user, holder.computer, holder.process) == ("张三", "PC-03", 4242)
    user, computer, process = holder
    assert (user, computer, process) == tuple(holder) == ("张三", "PC-03", 4242)
    assert holder == lock_holder.Holder("张三", "PC-03", 4242) == ("张三", "PC-03", 4242)
    assert hash(holder) == hash(("张三", "PC-03", 4242))
    assert repr(holder) == "Holder(user='张三', computer='PC-03', process=4242)"
    assert holder.words() == ("张三 on PC-03, process 4242", "张三，电脑 PC-03，进程 4242")
    try:
        holder.user = "李四"  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("a holder is changed")
