"""A moment in this computer's time zone, the one way the trace, its views and a change's stamp
ask for it: a zone Python cannot hold is said as the setting to mend (``BadTimeZone``), not a
traceback."""

from __future__ import annotations

import datetime as dt


def local(moment: dt.datetime) -> dt.datetime:
    """``moment`` in this computer's time zone (one without an offset is taken as this zone's).
    The C library takes a TZ up to 24:59:59 from UTC (POSIX allows an hour of 24), Python's
    zones stop short of a day: in such a zone (TZ=XXX-24:30) this raises ``BadTimeZone``."""
    try:
        return moment.astimezone()
    except ValueError:
        import time

        if max(abs(time.timezone), abs(time.altzone)) < 24 * 3600:
            raise  # (not the zone's: let what it is show)
        from .errors.setting import BadTimeZone

        raise BadTimeZone() from None
