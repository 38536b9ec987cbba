"""Bytes -> text: detect the encoding of an input (UTF-8 with or without BOM, GB18030/GBK).

Strict UTF-8 is tried first because it is both the common case and unambiguous; GB18030 (a
superset of GBK and GB2312) next; charset-normalizer only when both fail.

Example::

    >>> decode_bytes("某平台宣布清退".encode("gbk"))
    ('某平台宣布清退', 'gb18030')
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

__all__ = ["UndecodableError", "decode_bytes", "looks_binary"]

_SNIFF_BYTES = 8192
# Control bytes other than tab, newline, carriage return, form feed and escape: text never
# holds many of them, binary formats do.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# A correct GB18030 reading of Chinese text is mostly common CJK, ASCII and punctuation; a wrong
# one (Big5, Shift-JIS, Latin-1 read as GB18030) scatters into rare code points.
_PLAUSIBLE_CHARS = re.compile(
    r"[\u0000-\u024f\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
)
_PLAUSIBLE_SHARE = 0.9
# Encodings accepted from charset-normalizer's guess; a guess of a Western code page on bytes
# that are neither UTF-8 nor GB18030 means the bytes are damaged, not that they are Latin-1.
_OTHER_ENCODINGS = frozenset(
    {"big5", "big5hkscs", "cp950", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le"}
    | {"utf_32_be"}
)


class UndecodableError(ValueError):
    """The bytes are in no encoding this reader knows."""


def looks_binary(data: bytes) -> bool:
    """Tell whether bytes look like a binary file (image, archive, executable) rather than text.

    Example: ``looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")`` -> ``True``
    """
    head = data[:_SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    return len(_CONTROL_BYTES.findall(head)) > len(head) // 100


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes to text and name the encoding used; raise UndecodableError when none fits.

    Example: ``decode_bytes(codecs.BOM_UTF8 + "银行".encode())`` -> ``('银行', 'utf-8-sig')``
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise UndecodableError(
                f"starts with a UTF-8 BOM but byte {exc.start} is not UTF-8"
            ) from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise UndecodableError(
                f"starts with a UTF-16 BOM but byte {exc.start} is not UTF-16"
            ) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _is_plausible(text):
            return text, "gb18030"
    best = from_bytes(data[: 64 * 1024]).best()
    guess = best.encoding if best is not None else None
    if guess in _OTHER_ENCODINGS:
        try:
            return data.decode(guess), guess
        except UnicodeDecodeError:
            pass
    also = f" (charset-normalizer guesses {guess}, not a Chinese encoding)" if guess else ""
    raise UndecodableError(
        f"byte {utf8_error.start} is not UTF-8, and the bytes are not GB18030/GBK either{also}"
    )


def _is_plausible(text: str) -> bool:
    if not text:
        return True
    return len(_PLAUSIBLE_CHARS.findall(text)) >= _PLAUSIBLE_SHARE * len(text)
