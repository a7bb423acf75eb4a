"""plan new: next year's plan file made from this year's (新建下一年度计划). Making it is
``quanhu_plan.next_year``'s; this module reads the options, checks where the file goes (never
onto the plan it reads, the plan in use or the embedded plan; never over a file without
--force), writes it through the store and says what it did. The old file is only read."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .. import store
from ..errors import OutputExists, PlanError
from .app import command, print_after_save, session
from .typed import YearRange, output_plan_path

# As the change commands take it; not imported from .change, which would register those
# commands before this one and put plan new after them in plan --help.
By = Annotated[
    str | None,
    typer.Option(
        "--by",
        help="Who makes the new plan, for its trace (记录人); default: your login name.",
        metavar="NAME",
        show_default=False,
    ),
]


@command("new")
def new(
    ctx: typer.Context,
    year: Annotated[
        int,
        typer.Argument(
            help="The new plan's year (年度), e.g. 2024.",
            metavar="YEAR",
            click_type=YearRange(),
            show_default=False,
        ),
    ],
    source: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="This year's plan to start from (原计划); default: the plan in use.",
            show_default=False,
        ),
    ] = None,
    carry: Annotated[
        bool,
        typer.Option(
            "--carry",
            help="Carry the unfinished tasks over (结转未完成任务): not done and not dropped, "
            "with their figures so far and a note of where they came from; and continue "
            "standing work (延续常态化工作: deadline 长期坚持, 常态化…) whatever its status, "
            "not started again where it was done.",
        ),
    ] = False,
    structure: Annotated[
        bool,
        typer.Option(
            "--structure/--no-structure",
            help="Keep the parts and goals (保留部分和目标); --no-structure keeps only what the "
            "carried tasks hang under.",
        ),
    ] = True,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            metavar="TEXT",
            help="The new plan's title (计划名称); default: the old one with the year replaced.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        str | None,  # not a Path, which forgets the slash of a folder typed 2024/
        typer.Option(
            "--out",
            "-o",
            metavar="<path>",
            help="Where to write it (输出文件); default: plan-YEAR.toml in this folder; a folder "
            "gets plan.toml in it.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite --out if it exists (覆盖).")
    ] = False,
    by: By = None,
) -> None:
    """Start next year's plan from this year's (新建下一年度计划).

    Sets the header (the title with the year replaced, the year, the period), keeps the parts
    and goals, and with --carry brings over the unfinished tasks, each with a 结转 entry naming
    where it came from. The old file is not changed; the new one never overwrites a file
    without --force, nor ever the old plan or the plan in use."""
    from ..next_year import new_plan
    from .change import _stamp

    run = session(ctx)
    plan_source = store.PlanSource(source) if source is not None else run.source
    target = output_plan_path(out if out is not None else f"plan-{year}.toml")
    _refuse(target, plan_source, run)
    exists = target.exists() or target.is_symlink()
    if exists and not force:
        raise OutputExists(str(target))
    old = store.load(plan_source)
    stamp = _stamp(by)
    made = new_plan(old, year, stamp, structure=structure, carry=carry, title=title)
    text = store.dump(made.plan)
    store.plan_from_text(text, str(target))  # what is written reads back as a valid plan
    lang = run.lang(old)
    lines = [(_summary(made, target, plan_source, carry, lang), False)]
    if (
        made.unfinished or made.ongoing
    ) and not carry:  # (the old plan's report says they are carried over)
        said = _left_behind(
            made, year, run, plan_source, source is not None, target, out, structure, title, lang
        )
        lines.append((said, True))
    bare = [item.id for item in made.plan.items() if item.is_task and item.id in made.kept]
    if bare:  # goals with nothing under them yet count as tasks until tasks are added
        from ..shell_words import quote

        example = f'plan -f {quote(str(target))} add {bare[0]} "…"'
        lines.append(
            (
                f"注意：{_ids(bare, lang)} 下还没有任务，在新计划中暂按任务计；用 {example} 添加任务。"
                if lang == "zh"
                else f"Note: {bare[0]} has no task under it yet and counts as a task in the new "
                f"plan until tasks are added ({example})."
                if len(bare) == 1
                else f"Note: {_ids(bare, lang)} have no tasks under them yet and count as tasks "
                f"in the new plan until tasks are added ({example}).",
                True,
            )
        )
    from .outfile import new_plan_written

    with new_plan_written(target, text, lang, "plan new", exists):
        print_after_save(lines)


def _left_behind(  # type: ignore[no-untyped-def]
    made,
    year: int,
    run,
    plan_source: store.PlanSource,
    from_given: bool,
    target: Path,
    out: str | None,
    structure: bool,
    title: str | None,
    lang: str,
) -> str:
    """The note on the unfinished tasks not carried over, with the command that carries them:
    as it was asked, from the same plan (run without the -f typed before it, it would make the
    plan from the one in use instead, and --force overwrite this one)."""
    from ..shell_words import quote

    again = f"plan new {year} --carry --force"
    if from_given or (run.file and not plan_source.embedded):
        again += f" --from {quote(str(plan_source.path))}"
    again += f" -o {quote(str(target))}" if out is not None else ""
    again += "" if structure else " --no-structure"
    again += f" --title {quote(title)}" if title is not None else ""
    left = [i for i in made.unfinished if i not in made.ongoing]
    going_on = made.ongoing  # 长期坚持 (done or not): to continue
    n, ids = len(left), _ids(left, lang)
    m, ongoing_ids = len(going_on), _ids(going_on, lang)
    if not going_on and lang == "zh":
        return (
            f"注意：原计划还有 {n} 项未完成的任务（{ids}）没有结转；要结转，用 {again} 重新新建。"
        )
    if not going_on:
        return (
            f"Note: {n} unfinished {'task' if n == 1 else 'tasks'} of the old plan ({ids}) "
            f"{'was' if n == 1 else 'were'} not carried over; to carry "
            f"{'it' if n == 1 else 'them'}, make it again with {again}."
        )
    if lang == "zh":
        said = [f"{n} 项未完成的任务（{ids}）没有结转"] if left else []
        said.append(f"{m} 项常态化工作（{ongoing_ids}）没有延续")
        return f"注意：原计划还有 {'、'.join(said)}；要带过来，用 {again} 重新新建。"
    said = (
        [
            f"{n} unfinished {'task' if n == 1 else 'tasks'} of the old plan ({ids}) "
            f"{'was' if n == 1 else 'were'} not carried over"
        ]
        if left
        else []
    )
    said.append(f"{m} ongoing {'task' if m == 1 else 'tasks'} ({ongoing_ids}) not continued")
    return f"Note: {' and '.join(said)}; to bring them along, make it again with {again}."


def _refuse(target: Path, plan_source: store.PlanSource, run) -> None:  # type: ignore[no-untyped-def]
    from ..next_year import NewPlanRefused

    kind = store.output_kind(target)
    if kind is not None:
        raise NewPlanRefused(str(target), kind)
    if store.same_file(target, store.embedded_plan_path()):
        raise NewPlanRefused(str(target), "embedded")
    if plan_source.path.exists() and store.same_file(target, plan_source.path):
        raise NewPlanRefused(str(target), "source")
    try:
        in_use = run.source
    except PlanError:  # a plan.toml that is not a file: nothing in use to protect
        return
    if not in_use.embedded and in_use.path.exists() and store.same_file(target, in_use.path):
        raise NewPlanRefused(str(target), "in_use")


def _ids(ids: list[str], lang: str) -> str:
    shown = ("、" if lang == "zh" else ", ").join(ids[:10])
    return shown + ("…" if len(ids) > 10 else "")


def _summary(made, target: Path, plan_source: store.PlanSource, carry: bool, lang: str) -> str:  # type: ignore[no-untyped-def]
    plan = made.plan
    period = f"{plan.start.isoformat()} {'至' if lang == 'zh' else 'to'} {plan.end.isoformat()}"
    from ..shell_words import quote

    show = f"plan -f {quote(str(target))} status"
    if lang == "zh":
        text = f"已新建 {plan.title}（{period}），写入 {target}：保留 {len(made.kept)} 个部分和目标"
        left = [i for i in made.carried if i not in made.ongoing]
        going_on = [i for i in made.carried if i in made.ongoing]
        if carry and (left or not going_on):
            text += f"，结转 {len(left)} 项未完成任务"
            text += f"（{_ids(left, lang)}）" if left else ""
        if carry and going_on:  # 长期坚持: continued, not left unfinished
            text += f"，延续 {len(going_on)} 项常态化工作（{_ids(going_on, lang)}）"
        old = "（内置的2023年计划）" if plan_source.embedded else f" {plan_source.label} "
        text += f"；原计划{old}没有改动。用 {show} 查看。"
        return text
    kept = "1 part or goal" if len(made.kept) == 1 else f"{len(made.kept)} parts and goals"
    text = f"Made {plan.title} ({period}) in {target}: {kept} kept"
    left = [i for i in made.carried if i not in made.ongoing]
    going_on = [i for i in made.carried if i in made.ongoing]
    if carry and (left or not going_on):
        tasks = "task" if len(left) == 1 else "tasks"
        text += f", {len(left)} unfinished {tasks} carried over"
        text += f" ({_ids(left, lang)})" if left else ""
    if carry and going_on:
        tasks = "task" if len(going_on) == 1 else "tasks"
        text += f", {len(going_on)} ongoing {tasks} continued ({_ids(going_on, lang)})"
    old = "the embedded 2023 plan" if plan_source.embedded else f"the old plan {plan_source.label}"
    return text + f"; {old} is unchanged. Run {show} to see it."
