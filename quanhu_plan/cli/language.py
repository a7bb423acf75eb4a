"""Which language ``plan`` speaks before a command has run: for its usage errors, its help and
its questions, and for errors when no plan can be read.

The rule is the output's: ``--lang``, else ``$PLAN_LANG``, else the plan's own ``lang``; when no
plan applies (the file named is missing or broken), the system's locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``; on Windows the user's locale): Chinese unless it names another
language, since the people who use ``plan`` work in Chinese."""

from __future__ import annotations

import os
import sys

from ..command_line import option_value
from ..texts import LANGS

LANG_ENV = "PLAN_LANG"

# The embedded 2023 plan is Chinese (lang = "zh" in its header; a test holds this true): known
# without reading it, so `plan --help` stays as quick as it is.
EMBEDDED_PLAN_LANG = "zh"


def system_lang() -> str:
    """zh or en from the locale: zh_CN.UTF-8, zh_TW → zh; en_US, de_DE → en; C, POSIX or none
    → zh (the tool's own language)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return _lang_of_locale(value)
    if sys.platform == "win32":  # pragma: no cover - Windows sets no LANG
        import locale

        return _lang_of_locale(locale.getlocale()[0] or "")
    return "zh"


def _lang_of_locale(value: str) -> str:
    name = value.split(".")[0].split("@")[0].strip().lower()
    if not name or name in ("c", "posix") or name.startswith(("zh", "chinese")):
        return "zh"
    return "en"


# A language as people name it rather than by its code.
_LANG_NAMES = {
    "cn": "zh",
    "chinese": "zh",
    "中文": "zh",
    "汉语": "zh",
    "简体中文": "zh",  # (as a settings menu names it: the tool writes Simplified Chinese)
    "中文简体": "zh",
    "简体": "zh",
    "english": "en",
    "英文": "en",
    "英语": "en",
}


def lang_named(value: str | None) -> str | None:
    """The language ``value`` names, written as a locale may be (EN, en_US.UTF-8, zh-CN) or as
    people name it (cn, Chinese, 中文, English, 英文); None for none the tool speaks."""
    if value is None:
        return None
    name = value.strip().lower()
    for mark in (".", "@", "_", "-"):
        name = name.split(mark)[0]
    name = _LANG_NAMES.get(name, name)
    return name if name in LANGS else None


def lang_of_env() -> str | None:
    """The language ``$PLAN_LANG`` names (``lang_named``); None where it is not set or names no
    language the tool speaks."""
    return lang_named(os.environ.get(LANG_ENV) or None)


def lang_of_command_line(args: list[str]) -> str:
    """The language of a run, from its command line alone (no command has run yet)."""
    for chosen in (lang_named(option_value(args, "--lang")), lang_of_env()):
        if chosen in LANGS:
            return chosen
    from .. import store
    from ..errors import PlanError

    try:
        source = store.locate(option_value(args, "-f", "--file"))
        if source.embedded:
            return EMBEDDED_PLAN_LANG
        return store.load(source).lang
    except PlanError as exc:  # an invalid plan may still say its language (PlanInvalid.lang)
        return getattr(exc, "lang", None) or system_lang()
