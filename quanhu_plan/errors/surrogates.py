"""A plan file holding UTF-16 surrogates encoded as characters (ED A0 80): CESU-8, Java's
"modified UTF-8", as some Java programs and database exports write a character beyond U+FFFF
(a rare character of a name, an emoji) — two halves of three bytes each instead of one of
four. Neither GBK nor damage: the character is there, in a form UTF-8 does not allow."""

from __future__ import annotations

from .reading import NotUtf8


class SurrogateBytes(NotUtf8):
    """``line`` and ``column`` (from 1) and ``byte`` (from 1) where the first such bytes are,
    ``shown`` those bytes (``ED A1 80 ED B0 BE``), ``code`` the character the two halves make
    (None for a half alone), ``lines`` every line holding such bytes."""

    def __init__(
        self,
        path: str,
        line: int,
        column: int,
        byte: int,
        shown: str,
        code: int | None,
        lines: list[int],
    ):
        super().__init__(path, "surrogate", line, column, lines)
        self.byte, self.shown, self.code = byte, shown, code

    def message(self, lang: str) -> str:
        import unicodedata

        path, code = self.path, self.code
        # The character itself where it shows as one (not an invisible tag or the like).
        char = chr(code) if code is not None else ""
        seen = f" {char}" if char and not unicodedata.category(char).startswith("C") else ""
        others = [n for n in self.lines if n != self.line]
        if lang == "zh":
            what = (
                f"这是一个字{seen}（U+{code:X}，生僻字或表情符号之类）拆成两半、各按一个字编码的写法"
                if code is not None
                else "这是半个字（UTF-16 的代理项），另一半不在它后面"
            )
            more = f"第 {'、'.join(map(str, others[:10]))} 行也有这样的字节。" if others else ""
            return (
                f"无法读取 {path}：第 {self.line} 行第 {self.column} 列（文件第 {self.byte} 个字节）"
                f"起的 {self.shown} 不是 UTF-8：{what}，叫 CESU-8（Java 的 Modified UTF-8），有些"
                f" Java 程序、数据库导出时这样写；不是 GBK，文件也没有损坏。{more}请在平时修改计划的"
                "编辑器里删掉那里显示成乱码的字并重新输入（输入法打不出时，换成常用字或拼音），不要"
                "把整个文件另存为别的编码；导出它的程序若能选“UTF-8”，改选后重新导出。然后用 plan "
                "check 检查。"
            )
        what = (
            f"one character{seen} (U+{code:X}, a rare character or an emoji) split in two "
            "halves, each encoded as a character"
            if code is not None
            else "half of a character (a UTF-16 surrogate) whose other half does not follow"
        )
        more = f" Lines {', '.join(map(str, others[:10]))} hold such bytes too." if others else ""
        return (
            f"Cannot read {path}: the bytes {self.shown} at line {self.line}, column "
            f"{self.column} (byte {self.byte}) are not UTF-8: they are {what}, in CESU-8 (Java's "
            "modified UTF-8), as some Java programs and database exports write it; not GBK, and "
            f"the file is not damaged.{more} In the editor you edit the plan with, delete the "
            "garbled character there and type it again (or a common one, or its pinyin, where "
            "no input method has it); do not save the whole file in another encoding. Where the "
            "program that wrote it offers UTF-8, export again with that. Then run plan check."
        )
