"""A change refused where the plan's folder has no file locks (a network share: an NFS mount
whose lock daemon is not running, some SMB and FUSE mounts): ``flock`` fails with ENOLCK or
EOPNOTSUPP, not "held". Without a lock two computers' changes could overwrite each other."""

from __future__ import annotations

import errno

from .files import PlanFileError

# What ``flock`` fails with on a disk that has no locks at all, rather than "held".
NO_LOCKS = {
    getattr(errno, name) for name in ("ENOLCK", "EOPNOTSUPP", "ENOTSUP") if hasattr(errno, name)
}


def unlocked_read(path: str, exc: OSError, shared: bool) -> bool:
    """True where ``exc`` (of locking ``path``) says its disk has no locks and the lock was a
    read's (``shared``): the read goes on without it. A change's is refused
    (``LockingUnsupported``); any other error is raised as it is."""
    if exc.errno not in NO_LOCKS:
        raise exc
    if not shared:
        raise LockingUnsupported(path, exc.errno) from None
    return True


class LockingUnsupported(PlanFileError):
    """``path``: the file that could not be locked (the plan's lock file, or the plan)."""

    def __init__(self, path: str, code: int | None):
        super().__init__(path, "lock", "its disk does not support file locks", code)

    def message(self, lang: str) -> str:
        if lang == "zh":
            return (
                f"无法锁定 {self.path}：它所在的磁盘（多半是网络共享）不支持文件锁，plan 无法防止"
                "别人同时修改时互相覆盖，所以没有修改。原文件没有改动。请把计划复制到本机磁盘上"
                "修改（plan -f 复制的文件 ...，改完再复制回共享），或请管理员让这个共享支持文件锁"
                "（如 NFS 挂载时运行锁服务、不用 nolock）后重试。查看（status、list 等）不受影响。"
            )
        return (
            f"Cannot lock {self.path}: its disk (a network share, most likely) does not support "
            "file locks, so plan cannot keep two people's changes from overwriting each other, "
            "and changed nothing. The original file is unchanged. To change it, copy the plan to "
            "a local disk and change the copy (plan -f the-copy ..., then copy it back), or have "
            "the share support locks (an NFS mount with its lock service running, not nolock), "
            "then try again. Reading it (status, list, ...) works as before."
        )
