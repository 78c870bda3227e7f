"""The conformance kit: record what a portal answers to a fixed scenario, and check a server against it.

``record(target)`` runs the scenario (``scenario()``) against a portal and returns a sanitised
``Recording``; ``save``/``load`` keep it as ``recording.json`` (format 1, ``schema()``);
``check(recording, target)`` replays it against a server (the mock, usually) and returns the
differences. ``evidence_cases`` turns the complete exchanges of an evidence file (recorded traffic)
into recordings ``check`` replays, one each. The command line is ``hubspot-association-limits
conformance record|check``.
"""

from __future__ import annotations

from ._answers import Observed
from ._check import CheckReport, UnsafeRecording, check
from ._cleanup import CleanupReport
from ._compare import KINDS, Difference
from ._evidence import EvidenceCase, evidence_cases, load_evidence
from ._record import record
from ._recording import (
    FILE_NAME,
    FORMAT,
    Recording,
    RecordingInvalid,
    Step,
    load,
    recording_file,
    save,
    schema,
)
from ._runner import Aborted, Listener
from ._scenario import DEFAULT_PAIR, scenario
from ._session import Target

__all__ = [
    "DEFAULT_PAIR",
    "FILE_NAME",
    "FORMAT",
    "KINDS",
    "Aborted",
    "CheckReport",
    "CleanupReport",
    "Difference",
    "EvidenceCase",
    "Listener",
    "Observed",
    "Recording",
    "RecordingInvalid",
    "Step",
    "Target",
    "UnsafeRecording",
    "check",
    "evidence_cases",
    "load",
    "load_evidence",
    "record",
    "recording_file",
    "save",
    "scenario",
    "schema",
]
