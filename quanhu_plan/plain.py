"""Record classes without ``dataclasses``: a class made with ``@dataclass`` has its methods
written and compiled when it is defined (0.3 to 0.6 ms each), which a command pays at start-up for
every module it loads. ``Plain`` gives a class with ``__slots__`` and its own ``__init__`` the
equality and repr ``@dataclass`` would, field by field, in the order of its slots (those of
the classes it derives from first), and, as there, no hash (a class that defines ``__eq__``
alone has none)."""

from __future__ import annotations

from typing import Any


class Plain:
    __slots__: tuple[str, ...] = ()
    _fields: tuple[str, ...] = ()  # the slots of the class and the classes it derives from

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names: list[str] = []
        for klass in reversed(cls.__mro__):
            names += [name for name in vars(klass).get("__slots__", ()) if name not in names]
        cls._fields = tuple(names)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self._fields)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({fields})"

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)


class Frozen(Plain):
    """A ``Plain`` class frozen as ``@dataclass(frozen=True)`` makes one: its fields are set
    once, by its ``__init__`` (through ``_set``), it is hashable by them, and it is copied and
    pickled through its ``__init__`` (its fields in the order of its slots)."""

    __slots__ = ()

    def _set(self, **values: Any) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:
        return hash(self._values())

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), self._values())
