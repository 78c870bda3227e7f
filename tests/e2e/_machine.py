"""The hypothesis state machine: random create/update/purge/get/list of limits, and create/rename/
delete/list of labels, through the wrapper to the mock, on pairs drawn from HubSpot's whole
catalogue (and the seed's custom object).

After every step the mock's stored limits and labels (``GET /_mock/state``, which faults never
touch) must equal the model's; limits are set on created labels too, and deleting a label must
remove them. Without faults every answer must equal the model's exactly. With faults a call
may also raise, but only a ``HubSpotError``; a batch that was sent several times (the wrapper
retries POSTs after a lost answer) may have been applied more than once per chunk, so the mock
must hold one of the states that 1-3 applications of each chunk give (0-3 for the chunk that
failed, none after it), and what the call reported must agree with what the mock holds. A label
call under faults leaves the state before it or after one application (create_label never creates
twice; a rename or delete applied again changes nothing), and a label the call reports created
is the one the mock holds.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import httpx
from hubspot_association_limits import AssociationTypeKey, BatchResult, LimitInput, RetryPolicy, errors
from hubspot_association_limits._catalogue import hubspot_defined_types, object_type_info, object_types
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from ._drivers import Driver
from ._model import (
    ALREADY_CONFIGURED,
    LABEL_LIMIT_ABOVE_OBJECT_LIMIT,
    NOT_CONFIGURED,
    UNKNOWN_ASSOCIATION_TYPE,
    Key,
    Model,
    Pair,
    Stored,
    labels_allowed,
    slug,
)

SEED_FILE = str(Path(__file__).with_name("seed.yaml"))
HD, UD = "HUBSPOT_DEFINED", "USER_DEFINED"
DEALS, CONTACTS, COMPANIES, CARS = "0-3", "0-1", "0-2", "2-123"


def _catalogue_types() -> dict[Pair, dict[Key, str | None]]:
    """Every pair HubSpot defines association types for, with those types (hubspot-api-notes §6)."""
    types: dict[Pair, dict[Key, str | None]] = {}
    for source in object_types():
        for target in object_types():
            found = hubspot_defined_types(source.id, target.id)
            if found:
                types[(source.id, target.id)] = {(HD, t.type_id): t.label for t in found}
    return types


# The portal's own types, as seed.yaml declares them (a custom object's pair included).
SEEDED: dict[Pair, dict[Key, str | None]] = {
    (DEALS, CONTACTS): {(UD, 3): "Decision maker", (UD, 4): "Budget holder"},
    (CONTACTS, COMPANIES): {(UD, 1): "Billing contact"},
    (CARS, CONTACTS): {(UD, 200): None, (UD, 201): "Owner"},
}
TYPES: dict[Pair, dict[Key, str | None]] = _catalogue_types()
for _pair, _keys in SEEDED.items():
    TYPES[_pair] = {**TYPES.get(_pair, {}), **_keys}
INITIAL = (Stored((DEALS, CONTACTS), HD, 3, None, 10),)
ALL_PAIRS = sorted(TYPES)
# Drawn as often as all the others: pairs with a label, where the label-limit rules come into play
# (and, having several types, batches are sent as several chunks).
LABELED_PAIRS = sorted(
    pair for pair, keys in TYPES.items() if any(label is not None for label in keys.values())
)
ALL_KEYS = sorted({key for keys in TYPES.values() for key in keys})


def spellings(object_id: str) -> list[str]:
    """The object type as users write it: the wrapper must normalise all of them."""
    info = object_type_info(object_id)
    if info is None:  # the seed's custom object, by id
        return [object_id]
    return [info.name, info.singular, info.id, info.singular.upper()]


# Keys HubSpot rejects per item (UNKNOWN_ASSOCIATION_TYPE) on most pairs: the model decides, since
# a type of another pair (drawn from ALL_KEYS) may be valid for the pair drawn.
# (A category outside the spec's enum is refused by the mock's schema check as a 400 for the whole
# request, so it is not generated here.)
UNKNOWN_KEYS: list[Key] = [(HD, 9999), (UD, 999), ("WORK", 3), ("INTEGRATOR_DEFINED", 7)]
# The typeIds the labels created in a run get (one counter, after the seed's own, all USER_DEFINED): limits
# are set on them too.
FIRST_LABEL_ID = max(type_id for keys in SEEDED.values() for (_, type_id) in keys) + 1
LABEL_KEYS: list[Key] = [(UD, type_id) for type_id in range(FIRST_LABEL_ID, FIRST_LABEL_ID + 4)]
LABEL_TEXTS = ["Decision maker", "Buyer", "Champion", "Billing contact"]
# The pairs HubSpot lets a portal label: the label rules draw mostly from these.
LABEL_PAIRS = [pair for pair in ALL_PAIRS if labels_allowed(pair)]
BATCH_SIZE = 2  # small, so that a batch of up to 4 inputs is sent as several chunks
# The default 3 retries (so that some calls do give up under faults) with tiny waits: 423 would
# otherwise wait >= 2 s and the backoff 0.5 s and up.
FAST_RETRY = RetryPolicy(max_retries=3, backoff_initial=0.001, backoff_max=0.004, locked_min_wait=0.001)

# The few pairs one example works on, from the whole catalogue: few, so that limits meet again.
pair_sets = st.lists(
    st.one_of(st.sampled_from(LABELED_PAIRS), st.sampled_from(ALL_PAIRS)),
    min_size=1,
    max_size=4,
    unique=True,
)
limit_values = st.one_of(st.sampled_from([1, 2, 3, 5, 8, 10, 12]), st.integers(1, 10_000))


def spelled(pair: Pair) -> st.SearchStrategy[tuple[str, str]]:
    return st.tuples(st.sampled_from(spellings(pair[0])), st.sampled_from(spellings(pair[1])))


@st.composite
def batches(
    draw: st.DrawFn, pairs: Sequence[Pair], *, with_values: bool = True
) -> tuple[Pair, tuple[str, str], list[Any], bool]:
    """(pair, the pair as spelled, [(key, value)] or [key], typed objects instead of dicts)."""
    pair = draw(st.sampled_from(pairs))
    own = sorted(TYPES[pair])
    # Another pair's type, an unknown one, or a label created in the run (limits on labels).
    other = st.one_of(st.sampled_from(UNKNOWN_KEYS + ALL_KEYS), st.sampled_from(LABEL_KEYS))
    key = st.integers(0, 3).flatmap(lambda n: st.sampled_from(own) if n else other)  # mostly its own
    # At most one key beyond the pair's own types, so a pair with one type is not mostly rejections.
    keys = draw(st.lists(key, min_size=1, max_size=min(4, len(own) + 1), unique=True))
    items = [(key, draw(limit_values)) for key in keys] if with_values else keys
    return pair, draw(spelled(pair)), items, draw(st.booleans())


def _limit_payload(items: Sequence[tuple[Key, int]], typed: bool) -> list[Any]:
    if typed:
        return [LimitInput(category, type_id, value) for (category, type_id), value in items]
    return [{"category": c, "typeId": t, "maxToObjectIds": v} for (c, t), v in items]


def _key_payload(keys: Sequence[Key], typed: bool) -> list[Any]:
    if typed:
        return [AssociationTypeKey(category, type_id) for category, type_id in keys]
    return [{"category": category, "typeId": type_id} for category, type_id in keys]


def _chunks(items: Sequence[Any]) -> list[Sequence[Any]]:
    return [items[start : start + BATCH_SIZE] for start in range(0, len(items), BATCH_SIZE)]


# The rule an item error is about, told by HubSpot's words (an invalid type) and the mock's (the rest):
# HubSpot sends no code for it. Values are always 1-10000 (the client refuses others), so a range
# error is always about a label limit and the limit that caps it, which the message must name.
_RULES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"0--?[0-9]+ is not a valid association type between [A-Z0-9_-]+ and [A-Z0-9_-]+"),
        UNKNOWN_ASSOCIATION_TYPE,
    ),
    (re.compile(r"a limit is already configured for [A-Z_]+ -?[0-9]+; .*"), ALREADY_CONFIGURED),
    (re.compile(r"no limit is configured for [A-Z_]+ -?[0-9]+; .*"), NOT_CONFIGURED),
    (
        re.compile(
            r"maxToObjectIds must be between [0-9]+ and [0-9]+: .*(may not exceed|may not fall below).*"
        ),
        LABEL_LIMIT_ABOVE_OBJECT_LIMIT,
    ),
]


_INVALID_TYPE = " is not a valid association type between "


def rule_of(message: str) -> str:
    """The rule an item error's message says the input broke."""
    rules = [rule for pattern, rule in _RULES if pattern.fullmatch(message)]
    assert len(rules) == 1, f"an item error no rule explains: {message!r}"
    return rules[0]


def error_type_id(error: Any) -> int:
    """The typeId an item error names: HubSpot's context writes it ``0-<typeId>``, without category."""
    (reference,) = error.context["type"]
    return int(reference.removeprefix("0-"))


def shared_type_ids(items: Sequence[tuple[Key, int]]) -> set[int]:
    """typeIds two inputs of one chunk share (HUBSPOT_DEFINED 3 and WORK 3): an item error names the
    typeId only, so the client cannot tell which input it is about and leaves its input unknown."""
    shared: set[int] = set()
    for chunk in _chunks(items):
        type_ids = [key[1] for key, _ in chunk]
        shared |= {type_id for type_id in type_ids if type_ids.count(type_id) > 1}
    return shared


def _application_counts(chunks: int, completed: bool) -> list[tuple[int, ...]]:
    """How often each chunk may have been applied: 1-3 each if the call completed; else the chunks
    before the failing one 1-3, the failing one 0-3, the rest 0."""
    if completed:
        return list(itertools.product(range(1, 4), repeat=chunks))
    counts = []
    for failed in range(chunks):
        for head in itertools.product(range(1, 4), repeat=failed):
            counts += [(*head, n, *([0] * (chunks - failed - 1))) for n in range(4)]
    return counts


_T = TypeVar("_T")


def _pick(data: st.DataObject, items: Sequence[_T]) -> _T | None:
    """One of ``items`` (None if empty), drawn the same way whatever the model's state, so that
    hypothesis replays a run's draws even when faults made the state differ."""
    index = data.draw(st.integers(0, 2**16))
    return items[index % len(items)] if items else None


def _limited(model: Model) -> list[tuple[Pair, int]]:
    """The (pair, typeId) of every USER_DEFINED type with a limit."""
    return [(pair, key[1]) for (pair, key) in model.limits if key[0] == UD]


class Recorder:
    """Through an injected client's response hook, for every create or update the wrapper got a 5xx
    for: the inputs it carried and the limits the mock held at that moment (read through ``probe``,
    before the wrapper could resend). That tells an answer lost after its change was applied
    ("applied, then failed") from one lost before, without relying on the mock's wording."""

    def __init__(self, probe: Callable[[], dict[tuple[Pair, Key], Stored]]) -> None:
        self._probe = probe
        self.lost: list[tuple[list[tuple[Key, int]], dict[tuple[Pair, Key], Stored]]] = []

    def clear(self) -> None:
        self.lost.clear()

    def hook(self, response: httpx.Response) -> None:
        request = response.request
        if response.status_code >= 500 and request.url.path.rsplit("/", 1)[-1] in ("create", "update"):
            inputs = json.loads(request.content)["inputs"]
            items = [((item["category"], item["typeId"]), item["maxToObjectIds"]) for item in inputs]
            self.lost.append((items, self._probe()))

    async def async_hook(self, response: httpx.Response) -> None:
        self.hook(response)  # the mock serves from its own thread, so a blocking probe is fine here


class LimitsMachine(RuleBasedStateMachine):
    """Configured by the test: ``mock`` (a running MockServer), ``make_driver``, ``faulty``, ``totals``."""

    mock: ClassVar[Any]
    make_driver: ClassVar[Callable[[Recorder], Driver]]
    faulty: ClassVar[bool] = False
    totals: ClassVar[dict[str, int]]

    def __init__(self) -> None:
        super().__init__()
        self.mock.reset()
        self.totals["examples"] += 1
        if self.faulty:  # reset() re-seeds the fault plan; a new seed per example varies the faults
            self.mock.configure(seed=self.mock.config.seed + self.totals["examples"])
        self.model = Model.seeded(TYPES, {(s.pair, s.key): s for s in INITIAL})
        self.pairs: list[Pair] = []  # chosen by choose_pairs before any rule runs
        self.recorder = Recorder(self._mock_limits)
        self.driver = self.make_driver(self.recorder)

    def teardown(self) -> None:
        self.driver.close()
        stats = self.mock.state()["stats"]
        self.totals["requests"] += stats["requests"]
        self.totals["faults"] += stats["faults"]

    # -- what the mock holds ------------------------------------------------------------------

    def _mock_limits(self) -> dict[tuple[Pair, Key], Stored]:
        held = {}
        for row in self.mock.state()["limits"]:
            stored = Stored(
                (row["fromObjectType"], row["toObjectType"]),
                row["category"],
                row["typeId"],
                row["label"],
                row["maxToObjectIds"],
            )
            assert (stored.pair, stored.key) not in held, f"duplicated limit {stored}"
            held[(stored.pair, stored.key)] = stored
        return held

    def _mock_labels(self) -> set[tuple[Pair, int, str | None]]:
        rows = self.mock.state()["labels"]
        held = {((row["fromObjectType"], row["toObjectType"]), row["typeId"], row["label"]) for row in rows}
        assert len(held) == len(rows), f"duplicated label in {rows}"
        return held

    @invariant()
    def mock_holds_what_the_model_holds(self) -> None:
        assert set(self._mock_limits().values()) == self.model.snapshot()
        assert self._mock_labels() == self.model.own_labels()

    # -- rules --------------------------------------------------------------------------------

    @initialize(pairs=pair_sets)
    def choose_pairs(self, pairs: list[Pair]) -> None:
        self.pairs = pairs
        for pair in pairs:  # the tests count the distinct pairs the run worked on
            self.totals[f"pair {pair[0]}->{pair[1]}"] += 1

    @rule(data=st.data())
    def create(self, data: st.DataObject) -> None:
        self._batch("create", *data.draw(batches(self.pairs)))

    @rule(data=st.data())
    def update(self, data: st.DataObject) -> None:
        self._batch("update", *data.draw(batches(self.pairs)))

    @rule(data=st.data())
    def purge(self, data: st.DataObject) -> None:
        pair, names, keys, typed = data.draw(batches(self.pairs, with_values=False))
        before = dict(self.model.limits)
        # The client sends the chunks in order and stops at the first one refused.
        chunks = _chunks(keys)
        refused = next((i for i, chunk in enumerate(chunks) if self.model.refuses_purge(pair, chunk)), None)
        self.totals["calls"] += 1
        try:
            result = self.driver.purge(*names, _key_payload(keys, typed))
        except errors.HubSpotError as error:
            expected = errors.BadRequestError if refused == 0 else errors.BatchIncompleteError
            if refused is not None and isinstance(error, expected) and _INVALID_TYPE in str(error):
                self.totals["purges_refused"] += 1  # HubSpot's refusal, with or without faults
            else:
                assert self.faulty, f"purge raised without faults: {error!r}"
                self.totals["typed_errors"] += 1
            if self.faulty:
                self._adopt(self._purge_states(before, pair, keys, completed=False))
            else:
                for chunk in chunks[:refused]:
                    self.model.purge(pair, chunk)
            return
        assert refused is None, "a purge naming a type the pair lacks was not refused"
        assert [(k.category, k.type_id) for k in result.purged] == list(keys)
        if self.faulty:
            self._adopt(self._purge_states(before, pair, keys, completed=True))
        else:
            self.model.purge(pair, keys)

    @rule(data=st.data())
    def get(self, data: st.DataObject) -> None:
        pair = data.draw(st.sampled_from(self.pairs))
        names = data.draw(spelled(pair))
        result = self._read(lambda: self.driver.get(*names))
        if result is not None:
            got = sorted((r.category, r.type_id, r.label, r.max_to_object_ids) for r in result.results)
            want = sorted(
                (s.category, s.type_id, s.label, s.max_to_object_ids) for s in self.model.pair(pair)
            )
            assert got == want

    @rule()
    def list_all(self) -> None:
        result = self._read(self.driver.list_all)
        if result is not None:
            got = sorted((r.category, r.type_id, r.label, r.max_to_object_ids) for r in result.results)
            want = sorted((s.category, s.type_id, s.label, s.max_to_object_ids) for s in self.model.all())
            assert got == want

    # -- checks -------------------------------------------------------------------------------

    def _read(self, call: Callable[[], Any]) -> Any:
        self.totals["calls"] += 1
        try:
            return call()
        except errors.HubSpotError as error:
            assert self.faulty, f"a read raised without faults: {error!r}"
            self.totals["typed_errors"] += 1
            return None

    def _batch(
        self, operation: str, pair: Pair, spelled: tuple[str, str], items: list[Any], typed: bool
    ) -> None:
        before = dict(self.model.limits)
        call = self.driver.create if operation == "create" else self.driver.update
        self.recorder.clear()
        self.totals["calls"] += 1
        try:
            result = call(*spelled, _limit_payload(items, typed))
        except errors.HubSpotError as error:
            assert self.faulty, f"{operation} raised without faults: {error!r}"
            self.totals["typed_errors"] += 1
            held = self._adopt(self._batch_states(operation, before, pair, items, completed=False))
            if isinstance(error, errors.BatchIncompleteError):  # what it calls applied is held
                for item in error.applied:
                    assert (
                        held[(pair, (item.category, item.type_id))].max_to_object_ids
                        == item.max_to_object_ids
                    )
                reported = {(r.category, r.type_id): r.max_to_object_ids for r in error.results}
                self._check_lost_answers(operation, before, held, pair, reported, completed=False)
            return
        if self.faulty:
            held = self._adopt(self._batch_states(operation, before, pair, items, completed=True))
            self._check_report(result, before, held, pair, items)
            reported = {(r.category, r.type_id): r.max_to_object_ids for r in result.results}
            self._check_lost_answers(operation, before, held, pair, reported, completed=True)
        else:
            outcome = getattr(self.model, operation)(pair, items)
            self.totals["applied"] += len(outcome.applied)
            for _, reason in outcome.rejected:  # the tests check every rule was met
                self.totals[reason] += 1
            label = (lambda s: s.label) if operation == "create" else (lambda s: None)  # update omits label
            assert [(r.category, r.type_id, r.label, r.max_to_object_ids) for r in result.results] == [
                (s.category, s.type_id, label(s), s.max_to_object_ids) for s in outcome.applied
            ]
            rejected = [(key[1], reason) for key, reason in outcome.rejected]
            assert sorted((error_type_id(e), rule_of(e.message)) for e in result.errors) == sorted(rejected)
            shared = shared_type_ids(items)
            for error in result.errors:
                if error.input is None:
                    assert error_type_id(error) in shared, f"an item error the client did not pair: {error}"
                    self.totals["errors_on_a_shared_type_id"] += 1
                else:
                    assert (
                        (error.input.category, error.input.type_id),
                        rule_of(error.message),
                    ) in outcome.rejected
            assert result.ok == (not outcome.rejected)

    def _check_report(
        self,
        result: BatchResult,
        before: dict[tuple[Pair, Key], Stored],
        held: dict[tuple[Pair, Key], Stored],
        pair: Pair,
        items: list[tuple[Key, int]],
    ) -> None:
        """Every input is reported once; applied ones are held with their value; failed ones are
        unchanged, so an input whose first answer was lost is never reported as a failure."""
        values = dict(items)
        shared = shared_type_ids(items)
        assert all(e.input is not None or error_type_id(e) in shared for e in result.errors), result.errors
        reported = [r.type_id for r in result.results] + [error_type_id(e) for e in result.errors]
        assert sorted(reported) == sorted(type_id for _, type_id in values)
        for limit in result.results:
            key = (limit.category, limit.type_id)
            assert limit.max_to_object_ids == values[key] == held[(pair, key)].max_to_object_ids
        for error in result.errors:
            if error.input is not None:
                key = (error.input.category, error.input.type_id)
                assert held.get((pair, key)) == before.get((pair, key)), (
                    f"reported failed but changed: {error}"
                )

    def _check_lost_answers(
        self,
        operation: str,
        before: dict[tuple[Pair, Key], Stored],
        held: dict[tuple[Pair, Key], Stored],
        pair: Pair,
        reported: dict[Key, int | None],
        *,
        completed: bool,
    ) -> None:
        """An input whose change the mock held when its request was answered 5xx ("applied, then
        failed") is reported applied with its value, and held after the call; each such input that
        was not already set to that value before the call is counted as ``lost_<operation>s``."""
        counted: set[Key] = set()
        for items, at_answer in self.recorder.lost:
            for key, value in items:
                was, then = before.get((pair, key)), at_answer.get((pair, key))
                if then is None or then.max_to_object_ids != value:
                    continue  # lost before being applied, or not applicable: an ordinary 5xx
                if operation == "create" and was is not None:
                    continue  # the create was refused; the value was there before the call
                if operation == "update" and (was is None or was.max_to_object_ids == value):
                    continue  # nothing to tell apart: the value was already there
                if not completed and key not in reported:
                    continue  # the chunk that failed: its fate is not reported (BatchIncompleteError)
                assert reported.get(key) == value, f"{key} applied, answered 5xx, not reported applied"
                assert held[(pair, key)].max_to_object_ids == value
                counted.add(key)
        self.totals[f"lost_{operation}s"] += len(counted)

    def _adopt(self, candidates: list[frozenset[Stored]]) -> dict[tuple[Pair, Key], Stored]:
        held = self._mock_limits()
        assert frozenset(held.values()) in candidates, "the mock holds a state no retry sequence explains"
        self.model.limits = dict(held)
        return held

    def _with_limits(self, limits: dict[tuple[Pair, Key], Stored]) -> Model:
        model = self.model.copy()
        model.limits = dict(limits)
        return model

    def _batch_states(
        self,
        operation: str,
        before: dict[tuple[Pair, Key], Stored],
        pair: Pair,
        items: list[Any],
        *,
        completed: bool,
    ) -> list[frozenset[Stored]]:
        chunks = _chunks(items)
        states = []
        for counts in _application_counts(len(chunks), completed):
            model = self._with_limits(before)
            for chunk, times in zip(chunks, counts, strict=True):
                for _ in range(times):
                    getattr(model, operation)(pair, chunk)
            states.append(frozenset(model.limits.values()))
        return states

    def _purge_states(
        self, before: dict[tuple[Pair, Key], Stored], pair: Pair, keys: list[Key], *, completed: bool
    ) -> list[frozenset[Stored]]:
        chunks = _chunks(keys)
        states = []
        for counts in _application_counts(len(chunks), completed):
            model = self._with_limits(before)
            for chunk, times in zip(chunks, counts, strict=True):
                if times:
                    model.purge(pair, chunk)
            states.append(frozenset(model.limits.values()))
        return states


class LabelsMachine(LimitsMachine):
    """The limit rules plus the label rules: create, rename and delete labels, limits on labels, and
    deleting labels that have limits; the model says what each call must do."""

    @rule(
        label=st.sampled_from(LABEL_TEXTS),
        inverse=st.sampled_from([None, None, "Bought from", "Sold to"]),
        own_name=st.booleans(),
        data=st.data(),
    )
    def create_label(self, label: str, inverse: str | None, own_name: bool, data: st.DataObject) -> None:
        pair = self._label_pair(data)
        # Without a name the client sends the label's slug, as the model assumes; with one, a label
        # text the pair has already is refused for its text rather than its name.
        name = f"{slug(label)}_{len(self.model.labels)}" if own_name else None
        after = self.model.copy()
        created = after.create_label(pair, label, name or slug(label), inverse)
        spelled = self._spelled(pair, data)

        def check(result: Any) -> None:
            assert not isinstance(created, int)
            want = [(type_id, after.types[p][(UD, type_id)]) for p, type_id in created]
            assert sorted((r.category, r.type_id, r.label) for r in result.results) == sorted(
                (UD, type_id, text) for type_id, text in want
            )

        self._label_step(
            lambda: self.driver.create_label(*spelled, label, name, inverse), after, created, check, "created"
        )

    @rule(
        label=st.sampled_from([*LABEL_TEXTS, "Signer"]),
        inverse=st.sampled_from([None, None, "Signed by"]),
        data=st.data(),
    )
    def rename_label(self, label: str, inverse: str | None, data: st.DataObject) -> None:
        pair, type_id = self._target(data)
        after = self.model.copy()
        refused = after.rename_label(pair, type_id, label, inverse)
        spelled = self._spelled(pair, data)
        self._label_step(
            lambda: self.driver.update_label(*spelled, type_id, label, inverse),
            after,
            refused,
            None,
            "renamed",
        )

    @rule(data=st.data())
    def delete_label(self, data: st.DataObject) -> None:
        pair, type_id = self._target(data)
        after = self.model.copy()
        refused = after.delete_label(pair, type_id)
        spelled = self._spelled(pair, data)
        self._label_step(lambda: self.driver.delete_label(*spelled, type_id), after, refused, None, "deleted")

    @rule(data=st.data(), value=st.sampled_from([1, 2, 3]))
    def limit_a_label(self, data: st.DataObject, value: int) -> None:
        """A limit on one of the portal's labels (created or seeded); small, so that it is below
        the pair's object limit and the create applies."""
        member = _pick(data, sorted(self.model.labels))
        spelled = self._spelled(member[0] if member else (DEALS, CONTACTS), data)
        if member is not None:
            pair, type_id = member
            self._batch("create", pair, spelled, [((UD, type_id), value)], False)

    @rule(data=st.data())
    def delete_a_limited_label(self, data: st.DataObject) -> None:
        """Delete a label that has a limit: the label goes in both directions, and the limit with it."""
        member = _pick(data, sorted(m for m in _limited(self.model) if m in self.model.labels))
        spelled = self._spelled(member[0] if member else (DEALS, CONTACTS), data)
        if member is None:
            return
        pair, type_id = member
        after = self.model.copy()
        refused = after.delete_label(pair, type_id)
        assert refused is None
        assert (pair, (UD, type_id)) not in after.limits
        self.totals["label_deletes_with_limits"] += 1
        self._label_step(lambda: self.driver.delete_label(*spelled, type_id), after, None, None, "deleted")

    @rule(data=st.data())
    def list_labels(self, data: st.DataObject) -> None:
        pair = self._label_pair(data)
        result = self._read(lambda: self.driver.labels(*self._spelled(pair, data)))
        if result is not None:
            got = {(r.category, r.type_id, r.label) for r in result.results}
            want = {(c, t, label) for (c, t), label in self.model.types[pair].items()}
            # HubSpot's catalogue may list more built-in types than TYPES names; the portal's own
            # types must be exactly the model's.
            assert want <= got
            assert {g for g in got if g[0] != HD} == {w for w in want if w[0] != HD}

    def _target(self, data: st.DataObject) -> tuple[Pair, int]:
        """Mostly one of the portal's labels (those with a limit as often as the others), else a
        typeId that is not a label of the pair drawn: a built-in type of the pair (400), another
        pair's label or no type at all (404). The draws do not depend on the state."""
        labels = sorted(self.model.labels)
        limited = [member for member in labels if (member[0], (UD, member[1])) in self.model.limits]
        kind = data.draw(st.sampled_from(["limited", "label", "label", "wrong"]))
        chosen = _pick(data, (limited or labels) if kind == "limited" else labels if kind == "label" else [])
        pair = self._label_pair(data)
        wrong = data.draw(st.sampled_from([3, 1, 4, 5, 279, 200, FIRST_LABEL_ID, 999]))
        return chosen if chosen is not None else (pair, wrong)

    def _label_pair(self, data: st.DataObject) -> Pair:
        """Mostly a pair that takes labels; else one of the example's (most of which refuse them)."""
        return data.draw(
            st.integers(0, 3).flatmap(lambda n: st.sampled_from(LABEL_PAIRS if n else self.pairs))
        )

    def _spelled(self, pair: Pair, data: st.DataObject) -> tuple[str, str]:
        return _pick(data, spellings(pair[0])) or "", _pick(data, spellings(pair[1])) or ""

    def _label_step(
        self,
        call: Callable[[], Any],
        after: Model,
        expected: Any,
        check: Callable[[Any], None] | None,
        done: str,
    ) -> None:
        """One label call: ``after`` is the model with the call applied, ``expected`` the model's
        answer (an int is the status of a refusal, the model then unchanged)."""
        refusal = expected if isinstance(expected, int) else None
        self.totals["calls"] += 1
        try:
            result = call()
        except errors.HubSpotError as error:
            status = getattr(error, "status_code", None)
            if refusal is not None and status == refusal:
                self.totals["label_refusals"] += 1
                self._adopt_labels([self.model])
                return
            assert self.faulty, f"a label call raised without faults: {error!r} (model: {expected})"
            self.totals["typed_errors"] += 1
            self._adopt_labels([self.model] if refusal is not None else [self.model, after])
            return
        if refusal == 404 and self.faulty and done == "deleted" and result is None:
            # A delete sent again after a lost answer takes "not found" for done: the lost attempt
            # may have deleted it, or it never existed. Either way it is gone; nothing changed.
            self.totals["delete_of_a_gone_label_done"] += 1
            self._adopt_labels([self.model])
            return
        assert refusal is None, f"the model refuses with {refusal}; the call succeeded"
        if check is not None:
            check(result)
        self._adopt_labels([after])
        self.totals[f"labels_{done}"] += 1

    def _adopt_labels(self, candidates: list[Model]) -> None:
        held = (self._mock_labels(), set(self._mock_limits().values()))
        for candidate in candidates:
            if (candidate.own_labels(), candidate.snapshot()) == held:
                self.model = candidate
                return
        raise AssertionError(f"the mock holds labels {held[0]} that no candidate explains")
