"""The typer commands: parse options, call the library and the CLI's modules, print. Decisions live in
the modules they name.

Exit codes: 0 success, 1 API failure or partial failure, 2 usage or input-file error;
3 from ``plan --detailed-exitcode`` when changes are pending.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import attrs
import typer
from rich.text import Text
from typer.core import TyperCommand

from hubspot_association_limits import (
    AssociationTypeKey,
    BatchResult,
    ItemError,
    LimitInput,
    LimitsClient,
    errors,
)
from hubspot_association_limits._extras import install_hint, is_missing
from hubspot_association_limits._redact import redact
from hubspot_association_limits._rules import MAX_LIMIT, MIN_LIMIT
from hubspot_association_limits.cli._apply import (
    ApplyReport,
    apply_all,
    confirm_by_reading_back,
    progress_on_terminal,
)
from hubspot_association_limits.cli._conformance import app as conformance_app
from hubspot_association_limits.cli._desired import (
    DesiredState,
    DesiredStateInvalid,
    FileProblem,
    Format,
    load_desired_state,
)
from hubspot_association_limits.cli._export import exported_file, limits_to_export
from hubspot_association_limits.cli._globals import app_options, global_options
from hubspot_association_limits.cli._label_plan import label_changes, label_pairs, resolve
from hubspot_association_limits.cli._live import can_have_labels, read_labels, read_live
from hubspot_association_limits.cli._options import key_batches, limit_batches
from hubspot_association_limits.cli._output import (
    EXIT_API,
    EXIT_CHANGES,
    EXIT_OK,
    EXIT_USAGE,
    Output,
    Settings,
    failures,
)
from hubspot_association_limits.cli._pairs import Pair, pair_names, pair_of, pair_text, parse_pairs
from hubspot_association_limits.cli._plan import Action, Plan, diff
from hubspot_association_limits.cli._render import limit_dict, limits_table, plan_view, report_view
from hubspot_association_limits.cli._session import open_client

__all__ = ["app"]


class _Command(TyperCommand):
    """Usage lines spell positional arguments as click and the docs do: ``FILE`` when required, ``[FROM]``
    when optional (typer's own usage line writes a required one as ``{FILE}``)."""

    # Any: the context class here is typer's private copy of click's.
    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [piece.removeprefix("{").removesuffix("}") for piece in super().collect_usage_pieces(ctx)]


app = typer.Typer(
    name="hubspot-association-limits",
    help="Manage HubSpot association limits: single operations, and limits-as-code "
    "(export, validate, plan, apply).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,  # rich tracebacks print local variables, and a token may be one
    rich_markup_mode=None,
)
app.add_typer(conformance_app)


def _settings(ctx: typer.Context) -> Settings:
    settings = ctx.find_root().obj
    if not isinstance(settings, Settings):  # a command invoked without the callback: a bug, not user error
        raise RuntimeError("global options were not parsed")
    return settings


@app.callback()
@app_options
def _global_options() -> None:
    """Nothing to do yet: each command settles the options, with any given after it, before it runs."""


# --- running a command -------------------------------------------------------------------------------------


def _run(
    ctx: typer.Context, body: Callable[[Output, LimitsClient], None], *, check: Path | None = None
) -> None:
    """Run a command body with a client, mapping failures to exit codes.

    ``check``: a desired-state file validated before anything starts (a client, the embedded mock),
    so a bad file costs nothing and sends nothing.
    """
    output = Output(_settings(ctx))
    with failures(output):
        if check is not None:
            load_desired_state(check)
        with open_client(output.settings, output) as client:
            body(output, client)


# --- reading -----------------------------------------------------------------------------------------------


@app.command("get", cls=_Command)
@global_options
def get_command(
    ctx: typer.Context,
    from_object_type: Annotated[str, typer.Argument(metavar="FROM", help="source object type, e.g. deals")],
    to_object_type: Annotated[str, typer.Argument(metavar="TO", help="target object type, e.g. contacts")],
) -> None:
    """Show the limits of one object-type pair."""
    pair = pair_of(from_object_type, to_object_type)

    def body(output: Output, client: LimitsClient) -> None:
        limits = list(client.get(*pair))
        if output.settings.json:
            output.data({**pair_names(pair), "results": [limit_dict(limit) for limit in limits]})
        else:
            output.show(limits_table(limits, pair_text(pair)))

    _run(ctx, body)


@app.command("list", cls=_Command)
@global_options
def list_command(ctx: typer.Context) -> None:
    """Show every limit in the portal (HubSpot's "read all"; it does not say which pair each belongs to)."""

    def body(output: Output, client: LimitsClient) -> None:
        limits = list(client.list_all())
        if output.settings.json:
            output.data({"results": [limit_dict(limit) for limit in limits]})
        else:
            output.show(limits_table(limits, f"{len(limits)} limit(s) in the portal"))

    _run(ctx, body)


PairsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--pair", metavar="FROM:TO", help="also read this object-type pair (repeatable), e.g. 2-123:contacts"
    ),
]


@app.command("export", cls=_Command)
@global_options
def export_command(
    ctx: typer.Context,
    file_format: Annotated[
        str | None, typer.Option("--format", help="yaml or json [default: yaml; json with --json]")
    ] = None,
    pairs: PairsOption = None,
    type_ids: Annotated[
        bool,
        typer.Option(
            "--type-ids",
            help="name the portal's own labels by typeId too (the file then fits this portal only)",
        ),
    ] = False,
) -> None:
    """Print the portal's limits as a desired-state file ("read all", plus the --pair pairs).

    The portal's own labels are named by their label (their typeIds differ between portals) and each
    pair declares the labels it has, so the file can create them in another portal.
    """
    output_format = _format(file_format, _settings(ctx))
    extra = parse_pairs(pairs)

    def body(output: Output, client: LimitsClient) -> None:
        live = read_live(client, extra)
        for warning in live.warnings():
            output.note(f"warning: {warning}")
        limits = limits_to_export(live.pairs)
        labels = dict(live.labels)
        labels |= read_labels(client, [p for p in limits if can_have_labels(p) and p not in labels])
        sys.stdout.write(redact(exported_file(limits, labels, output_format, by_label=not type_ids)))

    _run(ctx, body)


def _format(value: str | None, settings: Settings) -> Format:
    if value is None:
        return "json" if settings.json else "yaml"
    if value not in ("yaml", "json"):
        raise typer.BadParameter(f"{value!r}: choose yaml or json", param_hint="--format")
    return "json" if value == "json" else "yaml"


# --- plan and apply ----------------------------------------------------------------------------------------

FileArgument = Annotated[Path, typer.Argument(metavar="FILE", help="desired-state file (YAML or JSON)")]
PruneOption = Annotated[
    bool, typer.Option("--prune", help="also purge limits the portal has but the file does not name")
]


PruneLabelsOption = Annotated[
    bool,
    typer.Option(
        "--prune-labels",
        help="also delete the portal's labels that pairs with a labels: list do not name "
        "(HubSpot removes a deleted label from every record in the portal)",
    ),
]


def _make_plan(
    client: LimitsClient,
    desired: DesiredState,
    prune: bool,
    pairs: Sequence[Pair],
    prune_labels: bool = False,
) -> Plan:
    """Read the labels the file needs (one read per pair) and resolve them, so a label the portal lacks
    stops the run before any limit is read or written; then read every limit the portal has and diff.

    Every limit is read with or without ``prune``, so that a plan counts the limits the file does not
    name exactly as ``--prune`` would purge them."""
    portal = read_labels(client, label_pairs(desired))
    changes = label_changes(desired, portal, prune=prune_labels)
    resolved = resolve(desired, portal, changes)
    live = read_live(client, [*desired.pairs, *pairs])
    plan = diff(resolved, live.pairs, prune=prune, labels=changes)
    return attrs.evolve(plan, unplaced=len(live.unread), warnings=(*plan.warnings, *live.warnings()))


DetailedExitcodeOption = Annotated[
    bool,
    typer.Option(
        "--detailed-exitcode",
        help="exit 3 when apply would change something (with --prune: any limit the file does not name), "
        "else 0 (1, 2: errors, as always)",
    ),
]


@app.command("plan", cls=_Command)
@global_options
def plan_command(
    ctx: typer.Context,
    file: FileArgument,
    prune: PruneOption = False,
    pairs: PairsOption = None,
    detailed_exitcode: DetailedExitcodeOption = False,
    prune_labels: PruneLabelsOption = False,
) -> None:
    """Show what apply would change: labels to create (or delete), and create, update, purge or leave
    each limit (old -> new)."""
    extra = parse_pairs(pairs)

    def body(output: Output, client: LimitsClient) -> None:
        desired = load_desired_state(file)
        plan, source = _make_plan(client, desired, prune, extra, prune_labels), desired.source
        if output.settings.json:
            output.data({"file": source, "plan": plan.as_dict()})
        else:
            output.show(plan_view(plan, f"Plan for {source}"))
        if detailed_exitcode and plan.has_drift:
            raise typer.Exit(EXIT_CHANGES)

    _run(ctx, body, check=file)


@app.command("validate", cls=_Command)
@global_options
def validate_command(
    ctx: typer.Context,
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="desired-state files (YAML or JSON)")
    ],
) -> None:
    """Check desired-state files offline, as plan does before it sends anything: no token, no request."""
    output = Output(_settings(ctx))
    checked: list[DesiredState] = []
    problems: list[FileProblem] = []
    for file in files:
        try:
            checked.append(load_desired_state(file))
        except DesiredStateInvalid as invalid:
            problems += invalid.problems
    with failures(output):
        if problems:
            raise DesiredStateInvalid(problems)
    if output.settings.json:
        output.data({"files": [_checked_dict(state) for state in checked], "problems": []})
    else:
        for state in checked:
            item = _checked_dict(state)
            output.show(Text(f"{state.source}: ok ({item['pairs']} pair(s), {item['limits']} limit(s))"))


def _checked_dict(state: DesiredState) -> dict[str, Any]:
    return {"file": state.source, "pairs": len(state.pairs), "limits": len(state.limits)}


@app.command("apply", cls=_Command)
@global_options
def apply_command(
    ctx: typer.Context,
    file: FileArgument,
    prune: PruneOption = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="apply without asking")] = False,
    pairs: PairsOption = None,
    prune_labels: PruneLabelsOption = False,
) -> None:
    """Show the plan, ask, create the labels it needs, apply the limits in batch calls, then re-plan to
    show what was and was not applied."""
    extra = parse_pairs(pairs)

    def body(output: Output, client: LimitsClient) -> None:
        desired = load_desired_state(file)  # once: the re-plan must compare with what was applied
        plan, source = _make_plan(client, desired, prune, extra, prune_labels), desired.source
        if not output.settings.json:
            output.show(plan_view(plan, f"Plan for {source}"))
        if not plan.has_changes:
            if output.settings.json:
                result = ApplyReport(()).as_dict()
                output.data(
                    {"file": source, "plan": plan.as_dict(), "result": result, "replan": plan.as_dict()}
                )
            return
        if not yes:
            _confirm(output)
        changes = sum(len(pair.items) - len(pair.of(Action.UNCHANGED)) for pair in plan.pairs)
        with progress_on_terminal(changes) as advance:
            report = apply_all(
                client, plan, lambda: _make_plan(client, desired, prune, extra, prune_labels), advance=advance
            )
        replan = _read_back(output, client, desired, prune, extra, prune_labels)
        if replan is not None:
            report = confirm_by_reading_back(report, replan)
        if output.settings.json:
            output.data(
                {
                    "file": source,
                    "plan": plan.as_dict(),
                    "result": report.as_dict(),
                    "replan": replan.as_dict() if replan is not None else None,
                }
            )
        else:
            output.show(Text(""))
            output.show(report_view(report))
            if replan is not None:
                output.show(Text(""))
                output.show(plan_view(replan, f"Re-plan of {source} after applying"))
        if not report.ok or replan is None or replan.has_changes:
            raise typer.Exit(EXIT_API)

    _run(ctx, body, check=file)


def _read_back(
    output: Output,
    client: LimitsClient,
    desired: DesiredState,
    prune: bool,
    pairs: Sequence[Pair],
    prune_labels: bool,
) -> Plan | None:
    """A fresh plan after applying: the portal's word on what was applied. None if it cannot be read."""
    try:
        return _make_plan(client, desired, prune, pairs, prune_labels)
    except errors.HubSpotError as error:
        output.note(f"could not read the portal back after applying: {error}", style="red")
        return None


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _confirm(output: Output) -> None:
    if not _stdin_is_terminal():
        output.fail(EXIT_USAGE, "not applied: confirm on a terminal, or pass --yes")
    if not typer.confirm("Apply these changes?", default=False, err=True):
        output.note("Not applied.")
        raise typer.Exit(EXIT_OK)


# --- single operations -------------------------------------------------------------------------------------

FromArgument = Annotated[
    str | None, typer.Argument(metavar="FROM", help="source object type (not with --file)")
]
ToArgument = Annotated[str | None, typer.Argument(metavar="TO", help="target object type (not with --file)")]
TypeIdOption = Annotated[
    list[int] | None, typer.Option("--type-id", min=0, help="association type id (repeatable)")
]
CategoryOption = Annotated[
    list[str] | None,
    typer.Option(
        "--category",
        help="once for all, or once per --type-id; any case "
        "[default: HUBSPOT_DEFINED, for HubSpot's own types of the pair only]",
    ),
]
MaxOption = Annotated[
    list[int] | None,
    typer.Option("--max", min=MIN_LIMIT, max=MAX_LIMIT, help="limit, once per --type-id"),
]
InputFileOption = Annotated[
    Path | None, typer.Option("--file", help="take the pairs and limits from a desired-state file")
]


@app.command("create", cls=_Command)
@global_options
def create_command(
    ctx: typer.Context,
    from_object_type: FromArgument = None,
    to_object_type: ToArgument = None,
    type_ids: TypeIdOption = None,
    maxima: MaxOption = None,
    categories: CategoryOption = None,
    file: InputFileOption = None,
) -> None:
    """Set limits on association types that have none yet."""
    batches = limit_batches(from_object_type, to_object_type, type_ids, maxima, categories, file)
    _run(ctx, lambda output, client: _write(output, batches(client), client.create, "created"), check=file)


@app.command("update", cls=_Command)
@global_options
def update_command(
    ctx: typer.Context,
    from_object_type: FromArgument = None,
    to_object_type: ToArgument = None,
    type_ids: TypeIdOption = None,
    maxima: MaxOption = None,
    categories: CategoryOption = None,
    file: InputFileOption = None,
) -> None:
    """Change existing limits."""
    batches = limit_batches(from_object_type, to_object_type, type_ids, maxima, categories, file)
    _run(ctx, lambda output, client: _write(output, batches(client), client.update, "updated"), check=file)


@app.command("purge", cls=_Command)
@global_options
def purge_command(
    ctx: typer.Context,
    from_object_type: FromArgument = None,
    to_object_type: ToArgument = None,
    type_ids: TypeIdOption = None,
    categories: CategoryOption = None,
    file: InputFileOption = None,
) -> None:
    """Remove limits, restoring HubSpot's defaults."""
    batches = key_batches(from_object_type, to_object_type, type_ids, categories, file)

    def body(output: Output, client: LimitsClient) -> None:
        done = []
        for pair, keys in batches(client):
            result = client.purge(*pair, keys)
            done += [{**pair_names(pair), "category": k.category, "typeId": k.type_id} for k in result.purged]
        if output.settings.json:
            output.data({"purged": done})
        else:
            for item in done:
                output.show(Text(f"purged {_where(item)} {item['category']} {item['typeId']}"))

    _run(ctx, body, check=file)


def _write(
    output: Output,
    batches: Sequence[tuple[Pair, list[LimitInput]]],
    send: Callable[[str, str, list[LimitInput]], BatchResult],
    verb: str,
) -> None:
    """Send create or update per pair; print what was applied and each item error; exit 1 on any error."""
    applied: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    for pair, inputs in batches:
        try:
            result = send(*pair, inputs)
        except errors.BatchIncompleteError as incomplete:
            applied += [limit_dict(limit, pair) for limit in incomplete.results]
            failed += [_item_error(error, pair) for error in incomplete.errors] or [
                {**pair_names(pair), "message": str(incomplete)}
            ]
            continue
        applied += [limit_dict(limit, pair) for limit in result.results]
        failed += [_item_error(error, pair) for error in result.errors]
    if output.settings.json:
        output.data({verb: applied, "errors": failed})
    else:
        for item in applied:
            output.show(
                Text(f"{verb} {_where(item)} {item['category']} {item['typeId']}: {item['maxToObjectIds']}")
            )
        for item in failed:
            output.note(f"not {verb}: {_where(item)} {_key_text(item)}{item['message']}", style="red")
    if failed:
        raise typer.Exit(EXIT_API)


def _item_error(error: ItemError, pair: Pair) -> dict[str, Any]:
    key = error.input
    return {
        **pair_names(pair),
        "category": key.category if isinstance(key, (LimitInput, AssociationTypeKey)) else None,
        "typeId": key.type_id if isinstance(key, (LimitInput, AssociationTypeKey)) else None,
        "status": error.status,
        "message": error.message,
    }


def _where(item: dict[str, Any]) -> str:
    return f"{item['from']} -> {item['to']}"


def _key_text(item: dict[str, Any]) -> str:
    return f"{item['category']} {item['typeId']}: " if item.get("typeId") is not None else ""


# --- the mock ----------------------------------------------------------------------------------------------


@app.command(
    "mock",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []},
    add_help_option=False,
)
def mock_command(ctx: typer.Context) -> None:
    """Serve the HubSpot mock in the foreground (options: mock --help)."""
    try:
        from hubspot_association_limits.mock._server import main as mock_main
    except ImportError as error:
        if not is_missing(error, "mock"):
            raise
        # The mock takes no global options (its own parser reads its arguments), so plain defaults here.
        plain = Settings(base_url=None, prefix=None, token=None, mock=False, json=False, budget=None)
        Output(plain).fail(EXIT_USAGE, install_hint("mock", "the mock command"))

    raise typer.Exit(mock_main(ctx.args, prog="hubspot-association-limits mock"))
