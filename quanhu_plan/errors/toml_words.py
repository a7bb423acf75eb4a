"""What a plan file's TOML error says, in words an office reads: tomllib's reasons in Chinese
(and plainer English where its own words are jargon), and what a likely cause the line shows
says to write instead (the hints of ``reading.PlanSyntaxError``)."""

from __future__ import annotations

# Words tomllib's reasons say, in Chinese (what it says is kept where it has none here).
TOML_DETAILS_ZH = (
    (r"Invalid statement", "这一行既不是“字段 = 值”，也不是 [表头]"),
    (r"Invalid value", "等号后面的值写得不对（文字要用英文双引号括起来）"),
    (r"Unterminated string", "引号没有结束"),
    (r"Expected '=' after a key in a key/value pair", "字段名后面缺少等号 ="),
    (r"Cannot overwrite a value", "同一个字段写了两次"),
    (r"Cannot declare (.+) twice", r"表 \1 写了两次"),
    (r"Invalid date or datetime", "日期或时间写得不对"),
    (r"Unclosed array", "数组缺少结尾的 ]"),
    (r"Unclosed inline table", "行内表缺少结尾的 }"),
    (r"Illegal character (.+)", r"有不允许出现的字符 \1"),
    (r"Found invalid character (.+)", r"有不允许出现的字符 \1"),  # outside a string
    # A Windows path typed into a string (D:\资料, C:\Users): a backslash starts an escape.
    (
        r"Unescaped '\\' in a string|Invalid hex value",
        r"文字里的反斜杠 \\ 后面不是合法的转义：路径如 D:\\资料 要写成 D:\\\\资料，"
        r"或改用单引号括起来（'D:\\资料'）",
    ),
    (r"Escaped character is not a Unicode scalar value", r"\\u 转义的编码不是有效的字符"),
    (r"Duplicate inline table key (.+)", r"行内表（{ }）里的字段 \1 写了两次"),
    (r"Invalid initial character for a key part", "字段名的开头有不允许出现的字符"),
    (
        r"Expected newline or end of document after a statement",
        "一个字段的值后面，同一行还有别的内容",
    ),
    (r"Expected ']' at the end of a table declaration", "表头缺少结尾的 ]"),
    (r"Expected ']]' at the end of an array declaration", "表头缺少结尾的 ]]"),
    # A list or table written inline (log = [ … ], as plan fmt writes it) and then more of it
    # added by hand ([[item.log]] below it): TOML takes one way of writing it, not both.
    (
        r"Cannot mutate immutable namespace (.+)",
        r"\1 在上面已写成行内的值（= [ … ] 或 = { … }），不能在别处再给它添加内容（如另写 [[\1]]"
        r" 表头）：请只用一种写法",
    ),
    (
        r"Cannot redefine namespace (.+)",
        r"\1 已写成表 [\1]，不能再用带点的字段名（\1.字段 = 值）给它添加内容",
    ),
)

# Where tomllib's own words are jargon, what the English message says instead.
TOML_DETAILS_EN = (
    (
        r"Cannot mutate immutable namespace (.+)",
        r"\1 was written inline above (= [ … ] or = { … }), so nothing can be added to it "
        r"elsewhere (with a [[\1]] header, say): write it one way only",
    ),
    (
        r"Cannot redefine namespace (.+)",
        r"\1 is a table [\1] already, so a dotted key (\1.key = value) cannot add to it",
    ),
)


# Why a value written as an office writes it is written otherwise in a plan file (the hints
# ``value_*`` of PlanSyntaxError).
_VALUE_WORDS = {
    "value_text": ("文字要放在英文双引号里", "text goes in straight double quotes"),
    "value_number": (
        "数字不带 %、单位和千位分隔符，单位写在 measure",
        "a number goes without %, unit or thousands separators; the unit goes in measure",
    ),
    "value_status": (
        "状态写 todo、doing、done、blocked 或 dropped，放在英文双引号里",
        "a status is todo, doing, done, blocked or dropped, in straight double quotes",
    ),
    "value_date": (
        '日期写成 2023-06-30，不加引号；月份、季度写成 "2023-06"、"2023-Q2"',
        'a date is written 2023-06-30, no quotes; a month or quarter "2023-06", "2023-Q2"',
    ),
}


# What is said, after ``PlanSyntaxError._head``, of a line whose TOML error would mislead:
# {written} and {meant} as the hint has them.
_OWN_WORDS = {
    # a long line wrapped in two by a mail program (the plan pasted into a mail's text) or an
    # editor: "write a value or delete the line" would leave its second half on its own
    "wrapped_line": (
        "第 {written} 行和第 {meant} 行本是一行，被折成了两行（邮件正文、编辑器的自动换行常这样）："
        "请把第 {meant} 行接到第 {written} 行的末尾（中间留一个空格），然后再运行。计划若是从邮件"
        "正文复制的，别处多半也被折了行：请对方把计划文件作为附件发来，附件不会被折行。",
        "lines {written} and {meant} are one line broken in two (a mail's text and an "
        "editor's word wrap do this): join line {meant} to the end of line {written}, a space "
        "between, then run again. A plan copied from a mail's text is most likely wrapped "
        "elsewhere too: if so, have it sent as an attachment, which is never wrapped.",
    ),
    "odd_date": (
        "日期 {written} 要写成 {meant}，年、月、日用 - 连接，月和日各写两位，不加引号。改好后再运行。",
        "the date {written} is written {meant}, year, month and day joined by -, two digits "
        "each for the month and the day, no quotes. Then run again.",
    ),
    "key_twice": (
        "字段 {written} 在第 {meant} 行已经写过，同一处的字段只能写一次。请保留要的那一行，删掉另一行，"
        "然后再运行。",
        "{written} is given on line {meant} already, and a table gives each field once. Keep "
        "the line you mean, delete the other, then run again.",
    ),
    # an id given twice: a new item whose [[item]] line was left out
    "item_header": (
        "第 {meant} 行已经写过 id，这里又写了一个，看来这一行所在的事项上面少了一行 [[item]]（每个"
        "事项都从 [[item]] 一行开始）。请补上后再运行。",
        "an id is given on line {meant} already, so this item seems to lack its [[item]] line "
        "above it (every item starts with one). Add it and run again.",
    ),
}

# How to put right what TOML says (引号没有结束, 表头缺少结尾的 ]]) where the line shows the
# slip, said after TOML's own words in place of the common causes.
_FIXES = {
    # a string left open: its closing quote left out (title = "修塘), or its closing """
    "open_string": (
        '{written} 的文字缺少结尾的英文双引号 "：请在这一行文字的末尾补上 "（文字中间要有双引号时，'
        '改用中文引号“ ”，或写成 \\"），然后再运行。',
        'The text of {written} has no closing straight quote ": add " at the end of the text '
        'on this line (a quote inside the text is written \\" or as “ ”), then run again.',
    ),
    # text pasted with its line break: reason = "场地未落实 / 还没定"
    "open_across_lines": (
        '{written} 的文字分成了两行，一对英文双引号 " 只能括住一行：要分行的，把开头和结尾的 " '
        '都改成三个英文双引号 """（{written} = """第一行…最后一行"""），不要分行的，把两行接成一行，'
        "然后再运行。",
        'The text of {written} runs over two lines, and a pair of straight quotes " holds one '
        'line: for several lines, write three quotes """ at its start and its end ({written} '
        '= """first line … last line"""), else join the two lines, then run again.',
    ),
    "open_multi_line": (
        "从这里开始的多行文字没有结尾的 {written}（可能连同最后一行被删掉了）：请在这段文字的最后"
        "补上 {written}，然后再运行。",
        "The text of several lines that starts here has no closing {written} (perhaps deleted "
        "with its last line): add {written} at the end of that text, then run again.",
    ),
    # a straight quote inside the text ends it: title = "发展"四香"产业"
    "quote_inside": (
        '{written} 的文字里有英文双引号 "，TOML 把它当作文字的结尾：文字中间的引号请改用中文引号'
        '“ ”，或写成 \\"，然后再运行。',
        'The text of {written} has a straight quote " inside, which ends the text there: write '
        'a quote inside the text as “ ” or \\", then run again.',
    ),
    # target = 40；县里下达, due = 2023-06-30 17:00, year = 2023年: more after a value
    "after_value": (
        "值后面的 {written} 不是值的一部分：要写说明，请在说明前加 #（如 {meant}  # 说明），"
        "不要的请删掉，然后再运行。",
        "What follows the value, {written}, is not part of it: a remark goes after a # ({meant}  "
        "# a remark); delete what is not wanted, then run again.",
    ),
    "bad_offset": (
        "时区 {written} 不存在：时区在 -23:59 到 +23:59 之间（北京时间是 +08:00，写成 {meant}）。"
        "请改正后再运行。",
        "There is no time zone {written}: an offset lies from -23:59 to +23:59 (China's is "
        "+08:00: {meant}). Put it right, then run again.",
    ),
    "offset_form": (
        "时区 {written} 的写法不对：时区紧跟在时间后面，写成 ±时:分（北京时间是 +08:00），"
        "即 {meant}。请改正后再运行。",
        "The time zone {written} is not written as TOML takes it: right after the time, as "
        "±hh:mm (China's is +08:00): {meant}. Put it right, then run again.",
    ),
    "empty_value": (
        "{written} 的等号后面没有值：请写上值（如 {meant}），或删去这一行，然后再运行。",
        "There is no value after {written} =: write one ({meant}), or delete the line, "
        "then run again.",
    ),
    "key_space": (
        "字段名 {written} 中间有空格，TOML 只认连在一起的字段名：请把空格改成 _（字段名见 "
        "docs/format.md），然后再运行。",
        "The key {written} has a space in it, and TOML takes a key written as one word: "
        "write _ for the space (the fields are listed in docs/format.md), then run again.",
    ),
    "slashes": (
        "这一行像是说明，说明（注释）以 # 开头，不是 //：请把 // 改成 #，然后再运行。",
        "That line looks like a remark: a remark (comment) starts with #, not //: write # "
        "for //, then run again.",
    ),
    "plan_twice": (
        "一个计划文件只有一个 [plan]，这里又有一个：多半是整份计划（或另一份计划）被粘贴了进来。请删去"
        "多出的那一份（从这一行起），或把两份计划分开存成两个文件，然后再运行。",
        "A plan file has one [plan], and here is another: most likely the whole plan (or "
        "another plan) was pasted in. Delete the extra copy (from this line on), or keep the "
        "two plans in two files, then run again.",
    ),
    "prose": (
        "这一行“{written}”是一段文字，不是“字段 = 值”：要留作说明的，在前面加 #（如 # {written}）；"
        "进展情况请用 plan note 记下。然后再运行。",
        "The line '{written}' is prose, not key = value: to keep it as a remark, put # before "
        "it (# {written}); a progress note is recorded with plan note. Then run again.",
    ),
    # owner = "张三"，"李四": a list without its brackets
    "list_brackets": (
        "{written} 写了几个名称：几个名称要放在方括号里，用英文逗号隔开，写成 {meant}，然后再运行。",
        "{written} gives several names: several go in brackets, separated by commas: write "
        "{meant}, then run again.",
    ),
    # title = "修塘\\uD83D\\uDE00": an emoji as JSON or JavaScript write it, in two halves
    "utf16_halves": (
        "{written} 是一个字符按 JSON、JavaScript 的写法拆成的两半，TOML 不这样写：请写成 {meant}"
        "（或直接写这个字符），然后再运行。",
        "{written} is one character written in two halves, as JSON and JavaScript write it, "
        "which TOML does not take: write {meant} (or the character itself), then run again.",
    ),
    # a half alone (\\uD800): no character at all
    "lone_half": (
        "{written} 是半个字符（UTF-16 的代理项），不表示任何字符：请删掉它，然后再运行。",
        "{written} is half of a character (a UTF-16 surrogate), which stands for no character: "
        "delete it, then run again.",
    ),
    # [item], [item]], [[item]: an item's header with its brackets not doubled
    "item_brackets": (
        "表头 {written} 写得不对：每个事项的表头是 [[item]]，前后各两个方括号。请改成 [[item]] 后"
        "再运行。",
        "The header {written} is not right: every item's header is [[item]], two brackets on "
        "each side. Write [[item]], then run again.",
    ),
}


def toml_detail_zh(detail: str) -> str:
    return _toml_detail(detail, TOML_DETAILS_ZH)


def toml_detail_en(detail: str) -> str:
    return _toml_detail(detail, TOML_DETAILS_EN)


def _toml_detail(detail: str, words: tuple[tuple[str, str], ...]) -> str:
    import re

    for pattern, said in words:
        if re.fullmatch(pattern, detail):
            return re.sub(pattern, said, detail)
    return detail


def utf16_halves(line: str) -> tuple[str | None, str | None, str | None]:
    """The escape of a UTF-16 half in ``line`` that TOML refused (``Escaped character is not a
    Unicode scalar value``): two halves of one character (``utf16_halves``: the escapes as
    written, and the character's ``\\U`` escape), or a half alone (``lone_half``: its
    escape); Nones where the line holds neither."""
    import re

    pair = re.search(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", line, re.IGNORECASE)
    if pair is not None:
        high, low = int(pair[1], 16), int(pair[2], 16)
        code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        return "utf16_halves", pair[0], f"\\U{code:08X}"
    half = re.search(r"\\u(d[89a-f][0-9a-f]{2})", line, re.IGNORECASE)
    return ("lone_half", half[0], None) if half is not None else (None, None, None)
