"""Record classes without ``dataclasses``: a class made with ``@dataclass`` has its methods
written and compiled when it is defined (0.3 to 0.6 ms each), which a command pays at start-up for
every module it loads. ``Plain`` gives a class with ``__slots__`` and its own ``__init__`` the
equality and repr ``@dataclass`` would, field by field, in the order of its slots (and, as
there, no hash: a class that defines ``__eq__`` alone has none)."""

from __future__ import annotations

from typing import Any


class Plain:
    __slots__: tuple[str, ...] = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__qualname__}({fields})"

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)
