"""``conformance record`` and ``conformance check``: the typer sub-app over the conformance kit.

Exit codes: record 0 recorded (and nothing left behind), 1 the run failed or left something,
2 usage, 130 interrupted; check 0 no differences, 1 differences, 2 usage or an unusable recording.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Final, NoReturn

import typer
from rich.text import Text

from hubspot_association_limits._catalogue import object_type_name
from hubspot_association_limits._extras import install_hint, is_missing
from hubspot_association_limits._redact import redact
from hubspot_association_limits.cli._conformance_view import show_evidence, show_report
from hubspot_association_limits.cli._globals import global_options
from hubspot_association_limits.cli._live import can_have_labels
from hubspot_association_limits.cli._output import EXIT_API, EXIT_OK, EXIT_USAGE, Output, Settings, failures
from hubspot_association_limits.cli._pairs import parse_pairs
from hubspot_association_limits.cli._session import budget_of
from hubspot_association_limits.conformance import (
    DEFAULT_PAIR,
    FILE_NAME,
    Aborted,
    CheckReport,
    CleanupReport,
    EvidenceCase,
    Listener,
    Observed,
    RecordingInvalid,
    Step,
    Target,
    UnsafeRecording,
    check,
    load,
    load_evidence,
    record,
    recording_file,
    save,
)

if TYPE_CHECKING:
    from hubspot_association_limits.mock import MockServer

__all__ = ["app"]

EXIT_INTERRUPTED: Final = 130  # the shell's code for a command stopped by Ctrl-C
# The embedded mock accepts any well-formed bearer token; this one is not a secret.
_MOCK_TOKEN: Final = "conformance-mock-token"

app = typer.Typer(
    name="conformance",
    help="Is the mock right? Record what a test portal answers to a fixed scenario, and check a server "
    "(the mock, by default) against a recording.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

TestPortalOption = Annotated[
    bool,
    typer.Option(
        "--test-portal",
        help="your word that the token reaches a HubSpot developer test account or a sandbox, not production",
    ),
]


def _settings(ctx: typer.Context) -> Settings:
    settings = ctx.find_root().obj
    if not isinstance(settings, Settings):  # a command invoked without the callback: a bug
        raise RuntimeError("global options were not parsed")
    return settings


def _embedded_mock(output: Output, what: str, *, seed_file: str | None) -> AbstractContextManager[MockServer]:
    """A running embedded mock (a context manager): seeded (record --mock: the demo portal; check
    --evidence: each case's) or empty (check)."""
    try:
        from hubspot_association_limits.mock import MockConfig, running_mock
    except ImportError as error:
        if not is_missing(error, "mock"):
            raise
        output.fail(EXIT_USAGE, install_hint("mock", what))
    return running_mock(MockConfig(seed_file=seed_file))


@contextmanager
def _target(
    settings: Settings, output: Output, *, embedded: bool, what: str, demo: bool = False
) -> Iterator[Target]:
    """The server a command talks to: an embedded mock, or --base-url (else as a client chooses it)."""
    if settings.mock and settings.base_url is not None:
        output.fail(EXIT_USAGE, "--mock and --base-url exclude each other")
    budget = budget_of(settings, output)
    if embedded:
        with _embedded_mock(output, what, seed_file="demo" if demo else None) as server:
            yield Target(server.base_url, _MOCK_TOKEN, settings.prefix, budget)
        return
    # The mock's token goes only to a server on this machine; a portal needs the user's.
    target = Target(settings.base_url, settings.token or _MOCK_TOKEN, settings.prefix, budget)
    if not settings.token and not target.on_this_machine:
        output.fail(EXIT_USAGE, "no token: pass --token or set HUBSPOT_ACCESS_TOKEN")
    yield target


class _Printer(Listener):
    """Shows a run on stderr: the plan before anything is sent, each answer, and the cleanup.

    ``quiet`` (a check of a mock on this machine): only a Ctrl-C note and a cleanup that failed.
    """

    def __init__(self, output: Output, *, quiet: bool = False) -> None:
        self.output = output
        self.quiet = quiet
        self.report: CleanupReport | None = None

    def _line(self, text: str, style: str = "") -> None:
        self.output.err.print(Text(redact(text), style=style))

    def planned(self, lines: Sequence[str]) -> None:
        for line in [] if self.quiet else lines:
            self._line(line)

    def answered(
        self, index: int, total: int, step: Step, observed: Observed | None, problem: str | None
    ) -> None:
        if not self.quiet:
            answer = f"HTTP {observed.status}" if observed is not None else "no answer"
            self._line(f"{index:>3}/{total} {step.id}: {answer}" + (f" ({problem})" if problem else ""))

    def cleaning_up(self) -> None:
        if not self.quiet:
            self._line("Cleaning up: looking for anything the run created that is still there.")

    def interrupt_deferred(self) -> None:
        self._line("Ctrl-C: cleaning up first, so that nothing the run created is left behind.", "yellow")

    def cleaned_up(self, report: CleanupReport) -> None:
        self.report = report
        for line in [] if self.quiet and report.clean else report.sentences():
            self._line(line, "" if report.clean else "bold red")


def _pair(value: str | None) -> tuple[str, str]:
    if value is None:
        return DEFAULT_PAIR
    (pair,) = parse_pairs([value])
    if pair[0] == pair[1] or not can_have_labels(pair):
        raise typer.BadParameter(
            f"{value!r}: the scenario needs two different object types that may have labels "
            "(contacts, companies, deals, tickets, custom objects)",
            param_hint="--pair",
        )
    return (object_type_name(pair[0]), object_type_name(pair[1]))


@app.command("record")
@global_options
def record_command(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="directory to write recording.json into")],
    test_portal: TestPortalOption = False,
    pair: Annotated[
        str | None,
        typer.Option(
            "--pair",
            metavar="FROM:TO",
            help="the pair the labels and limits go on [default: contacts:companies]",
        ),
    ] = None,
) -> None:
    """Run the conformance scenario against the portal the token reaches and write what it answered.

    It creates two labels (their texts carry a unique run id) on one pair and limits on them, sends
    requests HubSpot must refuse, and removes everything it created, also on failure or Ctrl-C.
    """
    settings = _settings(ctx)
    output = Output(settings)
    if not test_portal:
        output.fail(
            EXIT_USAGE,
            "not recording: the scenario creates and deletes labels and limits in the portal. Run it only "
            "against a HubSpot developer test account or a sandbox, and say so with --test-portal.",
        )
    if recording_file(out).exists():
        output.fail(EXIT_USAGE, f"{recording_file(out)} exists; record into another directory")
    chosen = _pair(pair)
    embedded = settings.mock
    with failures(output), _target(settings, output, embedded=embedded, what="--mock", demo=True) as target:
        printer = _Printer(output)
        try:
            recording = record(target, pair=chosen, listener=printer)
        except KeyboardInterrupt:
            output.note("Interrupted: nothing recorded.", style="red")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Aborted as aborted:
            output.fail(EXIT_API, f"{aborted}. Nothing recorded.")
        written = save(recording, out)
    origin = recording.origin
    if settings.json:
        output.data(
            {"recording": str(written), "exchanges": len(recording.exchanges), "origin": origin.server}
        )
    else:
        count = len(recording.exchanges)
        output.show(Text(f"Recorded {count} exchanges with {origin.server} ({origin.host}) in {written}."))
    if printer.report is None or not printer.report.clean:
        raise typer.Exit(EXIT_API)


@app.command("check")
@global_options
def check_command(
    ctx: typer.Context,
    recording_path: Annotated[
        Path | None,
        typer.Argument(metavar="DIR", help=f"a recording: a directory holding {FILE_NAME}, or the file"),
    ] = None,
    test_portal: TestPortalOption = False,
    evidence: Annotated[
        Path | None,
        typer.Option(
            "--evidence",
            metavar="FILE",
            help="instead of a recording, every complete exchange of an evidence file (the project's "
            "evidence/real-traffic.json), each against the embedded mock seeded as the case says",
        ),
    ] = None,
) -> None:
    """Replay a recording against a server (a fresh embedded mock unless --base-url says otherwise) and
    show every way its answers differ. Exits 0 when they all match, 1 otherwise."""
    settings = _settings(ctx)
    output = Output(settings)
    if evidence is not None:
        if recording_path is not None or settings.base_url is not None or settings.mock:
            output.fail(EXIT_USAGE, "--evidence checks the embedded mock: give no DIR, --base-url or --mock")
        _check_evidence(settings, output, evidence)
    if recording_path is None:
        output.fail(EXIT_USAGE, "give a recording (DIR), or --evidence FILE")
    try:
        recording = load(recording_path)
    except RecordingInvalid as invalid:
        output.fail(EXIT_USAGE, str(invalid))
    embedded = settings.base_url is None
    with failures(output), _target(settings, output, embedded=embedded, what="check") as target:
        url = target.base_url
        if not target.on_this_machine and not test_portal:
            output.fail(
                EXIT_USAGE,
                f"not checking {url}: the replay creates and deletes labels there. Point it at a test "
                "account or sandbox and say so with --test-portal (or leave out --base-url to check the "
                "embedded mock).",
            )
        try:
            report = check(recording, target, listener=_Printer(output, quiet=target.on_this_machine))
        except UnsafeRecording as unsafe:
            output.fail(EXIT_USAGE, f"not replaying this recording against {url}: {unsafe}")
        except KeyboardInterrupt:
            output.note("Interrupted: nothing checked.", style="red")
            raise typer.Exit(EXIT_INTERRUPTED) from None
    where = "the embedded mock" if embedded else url
    show_report(output, report, recording_file(recording_path), where)
    raise typer.Exit(EXIT_OK if report.ok and report.cleanup.clean else EXIT_API)


def _check_evidence(settings: Settings, output: Output, file: Path) -> NoReturn:
    """``check --evidence FILE``: each complete exchange against the embedded mock, seeded first with the
    portal the case implies."""
    try:
        cases = load_evidence(file)
    except (OSError, ValueError, KeyError, TypeError) as error:
        output.fail(EXIT_USAGE, f"{file} is not an evidence file (evidence/README.md): {error!r}")
    budget = budget_of(settings, output)
    checked: list[tuple[EvidenceCase, CheckReport]] = []
    with (
        failures(output),
        tempfile.TemporaryDirectory(prefix="evidence-") as seeds,
        _embedded_mock(output, "check --evidence", seed_file=None) as server,
    ):
        for case in cases:
            seed = Path(seeds) / f"{case.id}.json"
            seed.write_text(json.dumps(case.given), encoding="utf-8")
            server.configure(seed_file=str(seed))  # the case's portal, and nothing else
            target = Target(server.base_url, _MOCK_TOKEN, case.recording.origin.api_prefix, budget)
            checked.append((case, check(case.recording, target)))
    show_evidence(output, file, checked)
    raise typer.Exit(EXIT_OK if all(report.ok for _, report in checked) else EXIT_API)
