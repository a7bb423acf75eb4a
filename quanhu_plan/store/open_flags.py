"""How the store opens a plan file, and the largest it reads: what a run asks before anything
else is loaded (``read_ahead``, as the program starts, reads a long plan's bytes to fork the
process that reads them), kept apart from ``files`` and the errors and words it loads."""

from __future__ import annotations

import os

# Flags that do not exist everywhere (Windows has no O_NOFOLLOW, O_NONBLOCK, O_CLOEXEC).
O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
O_BINARY = getattr(os, "O_BINARY", 0)

# The largest plan file read: eight times a plan of 100,000 tasks with a year's trace (some 16
# MB). A larger one is no plan (a disk image's leftovers, a file preallocated and never written)
# and is refused by its size: read, a 2 GB one took 4 GB of memory and most of a minute.
LARGEST_PLAN = 128 * 2**20
