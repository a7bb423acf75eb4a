"""The sums a parse-cache key holds of a file's bytes (their length, CRC-32 and Adler-32:
``cache.summed``), and those of the bytes a change makes of them by replacing a few runs
(``after_edit``), worked out without summing the new bytes whole. Pure: no I/O.

CRC-32 and Adler-32 of two runs one after the other follow from those of each run and the
length of the second (zlib's ``crc32_combine`` and ``adler32_combine``, plain arithmetic modulo
the CRC's polynomial and 65521), and the sums of a run of the old bytes follow the same way from
the sums of the old bytes up to its two ends. Those are taken as the old bytes are summed when
they are read (``along``: every ``STEP`` bytes, at no cost beyond the sum itself), so that a note
on a plan of 1.5 MB sums the new entry and at most ``STEP`` bytes on each side of it, not the
1.5 MB again (0.3 ms of CRC-32 and 0.45 of Adler-32 here). The results are those of
``cache.summed`` of the new bytes, which ``tests/test_change_sums_s25B.py`` compares on random
edits; were one ever wrong, the next read would only find no entry for the file and read it
afresh.
"""

from __future__ import annotations

import zlib
from typing import Any

# Where the sums of the bytes read so far are kept (``along``): a run's sums are then found by
# summing at most this many bytes from the nearest mark.
STEP = 1 << 17

_ADLER = 65521  # the largest prime below 2**16, Adler-32's modulus
_POLY = 0xEDB88320  # CRC-32's polynomial, bits reversed (as zlib computes it)


def along(raw: bytes, marks: list[tuple[int, int]]) -> tuple[int, int, int]:
    """``cache.summed(raw)``, with the CRC-32 and Adler-32 of ``raw[:k * STEP]`` for each k
    (to the end) appended to ``marks``."""
    crc, adler = 0, 1
    marks.append((crc, adler))
    view = memoryview(raw)
    for at in range(0, len(raw), STEP):
        part = view[at : at + STEP]
        crc, adler = zlib.crc32(part, crc), zlib.adler32(part, adler)
        marks.append((crc, adler))
    return len(raw), crc, adler


def after_edit(
    raw: bytes, marks: list[tuple[int, int]], replaced: list[tuple[int, int, bytes]]
) -> tuple[int, int, int]:
    """``cache.summed`` of ``raw`` with each run ``raw[start:end]`` of ``replaced`` (in order, not
    overlapping) replaced by its bytes, from ``marks`` (``along`` of ``raw``)."""
    size = len(raw)
    crc, adler, length = 0, 1, 0  # of the new bytes so far
    cursor = 0
    for start, end, new in [*replaced, (size, size, b"")]:
        if start > cursor:  # a run of the old bytes, as it was
            run = start - cursor
            upto_crc, upto_adler = _up_to(raw, marks, start)
            if cursor == length == 0:
                crc, adler = upto_crc, upto_adler  # (nothing before it)
            else:
                before_crc, before_adler = _up_to(raw, marks, cursor)
                shift = _x8n(run)  # (times CRC-32 moves by ``run`` bytes)
                # crc(A+R) = shift * crc(A) ^ crc(R) for the new bytes so far and for the old
                # bytes before the run alike: crc(R) is the difference of the old two.
                crc = _times(shift, crc ^ before_crc) ^ upto_crc
                adler = _adler_joined(adler, _adler_of_rest(upto_adler, before_adler, run), run)
            length += run
        if new:
            crc, adler = zlib.crc32(new, crc), zlib.adler32(new, adler)
            length += len(new)
        cursor = end
    return length, crc, adler


def _up_to(raw: bytes, marks: list[tuple[int, int]], at: int) -> tuple[int, int]:
    """CRC-32 and Adler-32 of ``raw[:at]``: from the mark before ``at``, on."""
    k = at // STEP
    crc, adler = marks[k]
    if at > k * STEP:
        part = memoryview(raw)[k * STEP : at]
        crc, adler = zlib.crc32(part, crc), zlib.adler32(part, adler)
    return crc, adler


def _times(a: int, b: int) -> int:
    """``a`` times ``b`` modulo CRC-32's polynomial (zlib's ``multmodp``, bits reversed)."""
    m, p = 1 << 31, 0
    while a:
        if a & m:
            p ^= b
            a ^= m
        m >>= 1
        b = (b >> 1) ^ _POLY if b & 1 else b >> 1
    return p


# x to the power 2**k modulo the polynomial, for k from 0: zlib's ``x2n_table``, each the square
# of the one before (``tests/test_change_sums_s25B.py``), written out rather than made by every
# change (0.1 ms).
_X2N = (
    0x40000000, 0x20000000, 0x08000000, 0x00800000, 0x00008000, 0xEDB88320,
    0xB1E6B092, 0xA06A2517, 0xED627DAE, 0x88D14467, 0xD7BBFE6A, 0xEC447F11,
    0x8E7EA170, 0x6427800E, 0x4D47BAE0, 0x09FE548F, 0x83852D0F, 0x30362F1A,
    0x7B5A9CC3, 0x31FEC169, 0x9FEC022A, 0x6C8DEDC4, 0x15D6874D, 0x5FDE7A4E,
    0xBAD90E37, 0x2E4E5EEF, 0x4EABA214, 0xA8A472C0, 0x429A969E, 0x148D302A,
    0xC40BA6D0, 0xC4E22C3C,
)  # fmt: skip


def _x8n(n: int) -> int:
    """x to the power 8n modulo the polynomial: what moves a CRC-32 by ``n`` bytes (zlib's
    ``x2nmodp(n, 3)``)."""
    p, k = 1 << 31, 3  # (1, and 2**3 = 8 bits a byte)
    while n:
        if n & 1:
            p = _times(_X2N[k & 31], p)
        n >>= 1
        k += 1
    return p


def _adler_joined(first: int, second: int, length: int) -> int:
    """Adler-32 of two runs one after the other, from each one's and the second's length
    (zlib's ``adler32_combine``)."""
    rem = length % _ADLER
    s1 = ((first & 0xFFFF) + (second & 0xFFFF) - 1) % _ADLER
    s2 = ((first >> 16) + (second >> 16) + rem * ((first & 0xFFFF) - 1)) % _ADLER
    return s1 | (s2 << 16)


def _adler_of_rest(whole: int, first: int, length: int) -> int:
    """Adler-32 of the second of two runs (``length`` bytes), from that of both and of the
    first: ``_adler_joined`` undone."""
    rem = length % _ADLER
    s1 = ((whole & 0xFFFF) - (first & 0xFFFF) + 1) % _ADLER
    s2 = ((whole >> 16) - (first >> 16) - rem * ((first & 0xFFFF) - 1)) % _ADLER
    return s1 | (s2 << 16)


__all__: list[Any] = ["STEP", "after_edit", "along"]
