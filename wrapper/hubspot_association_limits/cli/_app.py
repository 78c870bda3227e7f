"""The typer commands: parse options, call the library, print. Decisions live in the modules they name.

Exit codes: 0 success, 1 API failure or partial failure, 2 usage or input-file error;
3 from ``plan --detailed-exitcode`` when changes are pending.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

import attrs
import typer
from rich.text import Text

from hubspot_association_limits import errors
from hubspot_association_limits._catalogue import Category, hubspot_defined_types
from hubspot_association_limits._client import LimitsClient
from hubspot_association_limits._extras import install_hint, is_missing
from hubspot_association_limits._redact import redact
from hubspot_association_limits._results import BatchResult, ItemError
from hubspot_association_limits._types import AssociationLabel, AssociationTypeKey, Limit, LimitInput
from hubspot_association_limits.cli._apply import (
    ApplyReport,
    apply_all,
    confirm_by_reading_back,
    progress_on_terminal,
)
from hubspot_association_limits.cli._conformance import app as conformance_app
from hubspot_association_limits.cli._desired import (
    DEFAULT_LABEL_CATEGORY,
    UNKNOWN_OBJECT_TYPE,
    DesiredLabel,
    DesiredLimit,
    DesiredState,
    DesiredStateInvalid,
    FileProblem,
    Pair,
    load_desired_state,
    pair_names,
    pair_text,
    render_desired_state,
    resolve_object_type,
)
from hubspot_association_limits.cli._globals import app_options, global_options
from hubspot_association_limits.cli._label_plan import label_changes, label_pairs, resolve
from hubspot_association_limits.cli._live import can_have_labels, read_labels, read_live
from hubspot_association_limits.cli._output import (
    EXIT_API,
    EXIT_CHANGES,
    EXIT_OK,
    EXIT_USAGE,
    Output,
    Settings,
    failures,
)
from hubspot_association_limits.cli._plan import Action, Plan, diff
from hubspot_association_limits.cli._render import limit_dict, limits_table, plan_view, report_view
from hubspot_association_limits.cli._session import open_client

__all__ = ["app"]

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


@app.command("get")
@global_options
def get_command(
    ctx: typer.Context,
    from_object_type: Annotated[str, typer.Argument(metavar="FROM", help="source object type, e.g. deals")],
    to_object_type: Annotated[str, typer.Argument(metavar="TO", help="target object type, e.g. contacts")],
) -> None:
    """Show the limits of one object-type pair."""
    pair = _pair_ids(from_object_type, to_object_type)

    def body(output: Output, client: LimitsClient) -> None:
        limits = list(client.get(*pair))
        if output.settings.json:
            output.data({**pair_names(pair), "results": [limit_dict(limit) for limit in limits]})
        else:
            output.show(limits_table(limits, pair_text(pair)))

    _run(ctx, body)


@app.command("list")
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


@app.command("export")
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
    extra = _parse_pairs(pairs)

    def body(output: Output, client: LimitsClient) -> None:
        live = read_live(client, extra, check_all=True)
        for warning in live.warnings():
            output.note(f"warning: {warning}")
        exported = {
            pair: [limit for limit in items if limit.max_to_object_ids is not None]
            for pair, items in live.pairs.items()
        }
        exported = {pair: items for pair, items in exported.items() if items}
        labels = dict(live.labels)
        labels |= read_labels(client, [p for p in exported if can_have_labels(p) and p not in labels])
        declared = _declarations(exported, labels)
        limits = {
            pair: [_desired_from(pair, limit, labels.get(pair, []), by_label=not type_ids) for limit in items]
            for pair, items in exported.items()
        }
        sys.stdout.write(redact(render_desired_state(limits, output_format, declared)))

    _run(ctx, body)


def _format(value: str | None, settings: Settings) -> Literal["yaml", "json"]:
    if value is None:
        return "json" if settings.json else "yaml"
    if value not in ("yaml", "json"):
        raise typer.BadParameter(f"{value!r}: choose yaml or json", param_hint="--format")
    return "json" if value == "json" else "yaml"


def _own_labels(labels: Sequence[AssociationLabel]) -> dict[str, list[AssociationLabel]]:
    """The portal's own labels of a pair by their text."""
    by_text: dict[str, list[AssociationLabel]] = {}
    for item in labels:
        if item.category == DEFAULT_LABEL_CATEGORY and item.label:
            by_text.setdefault(item.label, []).append(item)
    return by_text


def _desired_from(
    pair: Pair, limit: Limit, labels: Sequence[AssociationLabel], *, by_label: bool
) -> DesiredLimit:
    """A live limit for the file: one of the portal's own labels by its label, when that names one type."""
    own = {item.type_id: item.label for item in labels if item.category == DEFAULT_LABEL_CATEGORY}
    label = own.get(limit.type_id, limit.label) if limit.category == DEFAULT_LABEL_CATEGORY else limit.label
    unique = label is not None and len(_own_labels(labels).get(label, [])) == 1
    type_id = None if by_label and limit.type_id in own and unique else limit.type_id
    return DesiredLimit(pair[0], pair[1], limit.category, type_id, limit.max_to_object_ids or 0, label)


def _declarations(
    exported: Mapping[Pair, object], labels: Mapping[Pair, Sequence[AssociationLabel]]
) -> dict[Pair, list[DesiredLabel]]:
    """The labels: list of each exported pair: its own labels, except one the reverse pair (exported
    too, and first in the file) declares already, since creating a label creates both directions."""
    declared: dict[Pair, list[DesiredLabel]] = {}
    for pair in sorted(pair for pair in exported if pair in labels):
        reverse = (pair[1], pair[0])
        covered = {item.label for item in declared.get(reverse, [])} if reverse != pair else set()
        own = [
            DesiredLabel(pair[0], pair[1], text) for text in _own_labels(labels[pair]) if text not in covered
        ]
        if own:  # an empty list would make --prune-labels delete labels another portal has on the pair
            declared[pair] = own
    return declared


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
    stops the run before any limit is read or written; then read the live limits (and, pruning, every
    limit the portal has) and diff."""
    portal = read_labels(client, label_pairs(desired))
    changes = label_changes(desired, portal, prune=prune_labels)
    resolved = resolve(desired, portal, changes)
    live = read_live(client, [*desired.pairs, *pairs], check_all=prune)
    plan = diff(resolved, live.pairs, prune=prune, labels=changes)
    return attrs.evolve(plan, warnings=(*plan.warnings, *live.warnings()))


DetailedExitcodeOption = Annotated[
    bool,
    typer.Option(
        "--detailed-exitcode",
        help="exit 0 when the portal matches the file, 3 when changes are pending (1, 2: errors, as always)",
    ),
]


@app.command("plan")
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
    extra = _parse_pairs(pairs)

    def body(output: Output, client: LimitsClient) -> None:
        desired = load_desired_state(file)
        plan, source = _make_plan(client, desired, prune, extra, prune_labels), desired.source
        if output.settings.json:
            output.data({"file": source, "plan": plan.as_dict()})
        else:
            output.show(plan_view(plan, f"Plan for {source}"))
        if detailed_exitcode and plan.has_changes:
            raise typer.Exit(EXIT_CHANGES)

    _run(ctx, body, check=file)


@app.command("validate")
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


@app.command("apply")
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
    extra = _parse_pairs(pairs)

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
TypeIdOption = Annotated[list[int] | None, typer.Option("--type-id", help="association type id (repeatable)")]
CategoryOption = Annotated[
    list[str] | None,
    typer.Option(
        "--category",
        help="once for all, or once per --type-id; any case "
        "[default: HUBSPOT_DEFINED, for HubSpot's own types of the pair only]",
    ),
]
MaxOption = Annotated[list[int] | None, typer.Option("--max", help="limit, once per --type-id (1..10000)")]
InputFileOption = Annotated[
    Path | None, typer.Option("--file", help="take the pairs and limits from a desired-state file")
]


@app.command("create")
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
    batches = _limit_batches(from_object_type, to_object_type, type_ids, maxima, categories, file)
    _run(ctx, lambda output, client: _write(output, batches(client), client.create, "created"), check=file)


@app.command("update")
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
    batches = _limit_batches(from_object_type, to_object_type, type_ids, maxima, categories, file)
    _run(ctx, lambda output, client: _write(output, batches(client), client.update, "updated"), check=file)


@app.command("purge")
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
    batches = _key_batches(from_object_type, to_object_type, type_ids, categories, file)

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


Batches = Callable[[LimitsClient], list[tuple[Pair, list[LimitInput]]]]
KeyBatches = Callable[[LimitsClient], list[tuple[Pair, list[AssociationTypeKey]]]]


def _limit_batches(
    from_object_type: str | None,
    to_object_type: str | None,
    type_ids: Sequence[int] | None,
    maxima: Sequence[int] | None,
    categories: Sequence[str] | None,
    file: Path | None,
) -> Batches:
    """create/update: the limits per pair, from the command line (checked now) or a file (read later).

    A limit is never guessed: each --type-id needs its --max, since a default would cap a real portal.
    """
    if file is not None:
        _only_file(from_object_type, to_object_type, type_ids, maxima, categories)
        return lambda client: _batches_from_file(load_desired_state(file), client)
    given, count = list(maxima or []), len(type_ids or [])
    if count and len(given) != count:
        raise typer.BadParameter(
            f"required once per --type-id ({count} --type-id, {len(given)} --max)", param_hint="--max"
        )
    pair, keys = _command_line_keys(from_object_type, to_object_type, type_ids, categories)
    inputs = [LimitInput(key.category, key.type_id, limit) for key, limit in zip(keys, given, strict=True)]
    return lambda _client: [(pair, inputs)]


def _key_batches(
    from_object_type: str | None,
    to_object_type: str | None,
    type_ids: Sequence[int] | None,
    categories: Sequence[str] | None,
    file: Path | None,
) -> KeyBatches:
    """purge: the association types per pair; only keys exist here, so no limit can be sent."""
    if file is not None:
        _only_file(from_object_type, to_object_type, type_ids, None, categories)
        return lambda client: [
            (pair, [item.key for item in inputs])
            for pair, inputs in _batches_from_file(load_desired_state(file), client)
        ]
    pair, keys = _command_line_keys(from_object_type, to_object_type, type_ids, categories)
    return lambda _client: [(pair, keys)]


def _only_file(*command_line: object) -> None:
    if any(command_line):
        raise typer.BadParameter("give either --file or FROM TO --type-id ..., not both", param_hint="--file")


def _command_line_keys(
    from_object_type: str | None,
    to_object_type: str | None,
    type_ids: Sequence[int] | None,
    categories: Sequence[str] | None,
) -> tuple[Pair, list[AssociationTypeKey]]:
    if not from_object_type or not to_object_type:
        raise typer.BadParameter("FROM and TO are required (or --file)", param_hint="FROM TO")
    pair = _pair_ids(from_object_type, to_object_type)
    ids = list(type_ids or [])
    if not ids:
        raise typer.BadParameter("at least one --type-id is required", param_hint="--type-id")
    if not categories:
        return pair, [
            AssociationTypeKey(Category.HUBSPOT_DEFINED, type_id) for type_id in _built_in(pair, ids)
        ]
    # HubSpot spells categories in capitals and answers 400 to any other case: accept any, send capitals.
    names = [name.upper() for name in categories]
    if len(names) == 1:
        names *= len(ids)
    if len(names) != len(ids):
        raise typer.BadParameter(f"give it once, or once per --type-id ({len(ids)})", param_hint="--category")
    return pair, [AssociationTypeKey(name, type_id) for name, type_id in zip(names, ids, strict=True)]


def _built_in(pair: Pair, type_ids: list[int]) -> list[int]:
    """Without --category, only HubSpot's own types of the pair: a label's id is never taken for one."""
    known = {info.type_id for info in hubspot_defined_types(*pair)}
    unknown = [type_id for type_id in type_ids if type_id not in known]
    if unknown:
        raise typer.BadParameter(
            f"typeId {', '.join(map(str, unknown))} is not a HubSpot-defined type of {pair_text(pair)}; "
            "say which category it is (e.g. --category USER_DEFINED)",
            param_hint="--category",
        )
    return type_ids


def _batches_from_file(desired: DesiredState, client: LimitsClient) -> list[tuple[Pair, list[LimitInput]]]:
    """The file's limits per pair, its labels looked up in the portal (these commands create no label)."""
    resolved = resolve(desired, read_labels(client, label_pairs(desired)))
    by_pair: dict[Pair, list[LimitInput]] = {pair: [] for pair in resolved.pairs}
    for limit in resolved.limits:
        by_pair[limit.pair].append(
            LimitInput(limit.category, limit.type_id or 0, limit.max_to_object_ids)  # resolved: never 0
        )
    return [(pair, inputs) for pair, inputs in by_pair.items() if inputs]


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


def _pair_ids(from_object_type: str, to_object_type: str) -> Pair:
    ids = []
    for name, hint in ((from_object_type, "FROM"), (to_object_type, "TO")):
        object_id = resolve_object_type(name)
        if object_id is None:
            raise typer.BadParameter(UNKNOWN_OBJECT_TYPE.format(name=name), param_hint=hint)
        ids.append(object_id)
    return (ids[0], ids[1])


def _parse_pairs(values: list[str] | None) -> list[Pair]:
    pairs = []
    for value in values or []:
        from_name, sep, to_name = value.partition(":")
        if not sep:
            raise typer.BadParameter(f"{value!r}: write FROM:TO, e.g. deals:contacts", param_hint="--pair")
        pairs.append(_pair_ids(from_name, to_name))
    return pairs


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
