"""Stage 2: :class:`~cvtex.loader.Document` → :class:`~cvtex.schema.Resume`.

Every problem is gathered before anything is reported, so one run shows the
user everything to fix. Three passes:

1. unknown keys, walked against the models: a near miss of a known key is an
   error with a did-you-mean; anything else is a warning (JSON Resume files carry
   extension keys) and is left out, or an error under ``--strict``;
2. pydantic validation, its errors located through the source map;
3. checks on the valid model that are warnings, not errors (end before start).
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from cvtex.acknowledge import WARNING_CODES
from cvtex.assets import Asset
from cvtex.content import check_content
from cvtex.dates import MONTHS, PartialDate
from cvtex.diagnostics import Diagnostic, FieldPath, Severity
from cvtex.errors import InputError
from cvtex.importers import rendercv_refusal
from cvtex.legacy import LegacyFinding, modernise
from cvtex.links import LinkRefused, NotALink, classify, email_link
from cvtex.loader import Document
from cvtex.markup import link_targets
from cvtex.model_errors import found
from cvtex.reporter import Reporter
from cvtex.schema import STANDARD_SECTIONS, Bullet, Dated, Resume, string_problem
from cvtex.scripts import script_of, texts_in
from cvtex.select import printable
from cvtex.suggest import suggest
from cvtex.yaml_hints import missing_space

ALWAYS_ALLOWED_ROOT_KEYS = frozenset({"$schema"})

_FRIENDLY = {
    "list_type": "expected a list",
    "dict_type": "expected a mapping (key: value pairs)",
    "model_type": "expected a mapping (key: value pairs)",
    "model_attributes_type": "expected a mapping (key: value pairs)",
    "string_type": "expected text",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "string_too_short": "must not be empty",
}

_EXPECTED_SHAPE = {
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
}


@dataclass(frozen=True)
class Validated:
    """A valid résumé and the warnings found on the way."""

    resume: Resume
    warnings: tuple[Diagnostic, ...]
    photo: Asset | None = None
    """The photo, read and checked, when a template that shows one was asked for."""


def validate(
    document: Document,
    *,
    strict: bool = False,
    reporter: Reporter | None = None,
    today: dt.date | None = None,
    legacy: Sequence[LegacyFinding] | None = None,
) -> Validated:
    """Validate ``document``; raise :class:`InputError` listing every error found.

    Findings are settled by ``reporter`` (default: ``--strict`` as given, and the
    document's own ``ignore:`` codes), the rule every stage shares.
    ``today`` decides which dates are in the future (default: the real today).
    ``legacy`` is what :func:`~cvtex.legacy.modernise` found when the caller already
    ran it (so the rest of the build sees the same document); otherwise it runs here.
    """
    refusal = rendercv_refusal(document)  # one error, not a list of unknown keys
    if refusal is not None:
        raise InputError([refusal], document.text)
    if legacy is None:
        document, legacy = modernise(document)
    reporter = reporter or Reporter.for_document(document, strict=strict)
    checker = _Checker(document, reporter)
    for finding in legacy:
        checker.report(
            finding.severity, finding.message, finding.path, key=finding.on_key, code=finding.code
        )
    for path, where in document.folded_items:
        message = (
            f'line {where.line} starts with "- " but is indented past the "-" above it, so it '
            'was read as more of this text; line its "-" up with the one above to make it '
            "an item of its own"
        )
        checker.report(Severity.WARNING, message, path, code="folded-item")
    for path, comment in document.cut_comments:
        if not _is_prose(path):
            continue  # after a date, a link or a design value a "#note" is a comment
        shown = comment if len(comment) <= 40 else comment[:40] + "…"
        message = (
            f'"{shown}" is read as a YAML comment (a space, then #) and does not print; '
            "if it is part of the text, put the whole value in quotes"
        )
        checker.report(Severity.NOTE, message, path, code="comment-in-value")
    cleaned, problems = check_content(document.data)
    for path in _strip_pasted_bullets(cleaned, ()):
        message = "the bullet sign at the start was left out: the template sets its own"
        checker.report(Severity.NOTE, message, path, code="bullet-sign")
    for problem in problems:
        checker.report(
            problem.severity, problem.message, problem.path, key=problem.on_key, code=problem.code
        )
    data = checker.prune_unknown_keys(cleaned, Resume, ())
    checker.check_section_ids(data)
    checker.check_strings(data)
    resume: Resume | None = None
    try:
        resume = Resume.model_validate(data)
    except ValidationError as exc:
        checker.add_pydantic_errors(exc)
        resume = _without_invalid(data, exc)  # so the other checks still run: all at once
    if resume is not None:
        checker.check_model(resume, today or dt.date.today())
    settled = reporter.settle_all(checker.found)
    if resume is not None:
        settled += reporter.settle_all(checker.unused_acknowledgements(settled))
    settled = reporter.check(settled, document)  # raises on any error, errors first
    return Validated(resume=resume, warnings=settled)  # type: ignore[arg-type]


def _model_keys(model: type[BaseModel]) -> dict[str, Any]:
    """The keys a model accepts (aliases where set) and their annotations."""
    return {(info.alias or name): info.annotation for name, info in model.model_fields.items()}


def _nested_models(annotation: Any) -> Iterator[tuple[str, type[BaseModel]]]:
    """Yield ("one"|"list"|"dict", model) for each model an annotation can hold."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _nested_models(typing.get_args(annotation)[0])
    elif origin in (typing.Union, types.UnionType):
        for arm in typing.get_args(annotation):
            yield from _nested_models(arm)
    elif origin is list:
        for kind, model in _nested_models(typing.get_args(annotation)[0]):
            if kind == "one":
                yield "list", model
    elif origin is dict:
        for kind, model in _nested_models(typing.get_args(annotation)[1]):
            if kind == "one":
                yield "dict", model
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield "one", annotation


class _Checker:
    """Finds every problem, with the severity it has; the reporter settles them."""

    def __init__(self, document: Document, reporter: Reporter) -> None:
        self.document = document
        self.strict = reporter.strict  # only for wording: "is ignored" is not true then
        self.accepted = reporter.accepted
        self.found: list[Diagnostic] = []
        self.errors: list[Diagnostic] = []
        self.suggested: set[FieldPath] = set()

    def report(
        self,
        severity: Severity,
        message: str,
        path: FieldPath,
        *,
        key: bool = False,
        code: str | None = None,
    ) -> None:
        if severity is not Severity.ERROR and any(e.path == path for e in self.errors):
            return  # one problem per spot: the error there says what to fix
        file, position = self.document.locate(path, key=key)
        diagnostic = Diagnostic(severity, message, path, position, file, code)
        self.found.append(diagnostic)
        if severity is Severity.ERROR:
            self.errors.append(diagnostic)

    # -- pass 1: unknown keys ------------------------------------------------

    def prune_unknown_keys(self, data: Any, model: type[BaseModel], path: FieldPath) -> Any:
        if not isinstance(data, dict):
            return data
        known = _model_keys(model)
        if model is Bullet and len(data) == 1 and not set(data) & set(known):
            ((key, value),) = data.items()
            self.suggested.add((*path, "text"))
            self.report(
                Severity.ERROR,
                'this bullet was read as "key: value" because its text contains ": "; '
                "put the whole text in quotes",
                path,
                code="bullet-colon",
            )
            return {"text": f"{key}: {value}"}
        open_ended = model.model_config.get("extra") == "allow"
        required = {
            info.alias or name for name, info in model.model_fields.items() if info.is_required()
        }
        kept: dict[str, Any] = {}
        for key, value in data.items():
            if value is None and key in known and key not in required:
                # JSON Resume exporters write null for "not given", lists included.
                message = "null means absent here (as if the key were not written)"
                self.report(Severity.NOTE, message, (*path, key), key=True, code="null-absent")
                continue
            if key in known:
                kept[key] = self._prune_value(value, known[key], (*path, key))
                continue
            if open_ended:
                kept[key] = value  # checked later, e.g. design options by the template
                continue
            if key.startswith("x-") or (not path and key in ALWAYS_ALLOWED_ROOT_KEYS):
                continue
            guess = suggest(key, known)
            if guess is not None:
                self.suggested.add((*path, guess))
                self.report(
                    Severity.ERROR,
                    f'unknown key "{key}"; did you mean "{guess}"?',
                    (*path, key),
                    key=True,
                    code="unknown-key",
                )
            else:
                message = f'unknown key "{key}"' + ("" if self.strict else " is ignored")
                message += _where_it_belongs(key, known, data)
                self.report(Severity.WARNING, message, (*path, key), key=True, code="unknown-key")
        return kept

    def _prune_value(self, value: Any, annotation: Any, path: FieldPath) -> Any:
        if path == ("meta",):
            return value
        for kind, model in _nested_models(annotation):
            if kind == "one" and isinstance(value, dict):
                return self.prune_unknown_keys(value, model, path)
            if kind == "list" and isinstance(value, list):
                return [
                    self.prune_unknown_keys(item, model, (*path, i)) for i, item in enumerate(value)
                ]
            if kind == "dict" and isinstance(value, dict):
                return {k: self.prune_unknown_keys(v, model, (*path, k)) for k, v in value.items()}
        return value

    # -- pass 2: pydantic ------------------------------------------------------

    def add_pydantic_errors(self, exc: ValidationError) -> None:
        for error in exc.errors(include_url=False):
            path: FieldPath = tuple(error["loc"])
            kind = error["type"]
            message = str(error["msg"])
            if kind == "missing":
                if path in self.suggested:
                    continue  # the did-you-mean on the misspelt key says it all
                parent, name = path[:-1], path[-1]
                message = f'missing required key "{name}"'
                self.report(Severity.ERROR, message, parent, key=True, code="missing-key")
                continue
            # A problem with a whole mapping or list is shown at its key.
            on_key = isinstance(_value_at(self.document.data, path), dict | list)
            nested_too_deep = len(path) > 1 and path[-2] == "items"
            if kind == "string_type" and nested_too_deep and on_key:
                message = "bullets nest one level only: a nested item must be text"
                self.report(Severity.ERROR, message, path, code="invalid-value")
                continue
            if kind in _FRIENDLY:
                message = _FRIENDLY[kind]
                if message.startswith("expected"):
                    hint = missing_space(error["input"], _EXPECTED_SHAPE.get(kind, ""))
                    message = f"{found(error['input'])}, {message}{hint}"
                self.report(Severity.ERROR, message, path, key=on_key, code="invalid-value")
                continue
            if kind == "value_error":
                message = message.removeprefix("Value error, ")
            elif kind == "literal_error":
                message = message.replace("Input should be", "must be")
            else:
                message = message[:1].lower() + message[1:]
                message = message.replace("input should be", "should be")
            self.report(Severity.ERROR, message, path, key=on_key, code="invalid-value")

    # -- pass 3: checks on a valid model ------------------------------------

    def check_model(self, resume: Resume, today: dt.date) -> None:
        self._check_name(resume)
        self._check_ignore_codes()
        for path, model in _walk_models(resume, ()):
            self._check_entry_prints(model, path)
            if isinstance(model, Dated):
                self._check_period(model, path)
            for name, value in _own_values(model):
                if isinstance(value, PartialDate):
                    self._check_not_future(value, (*path, name), today)
                    self._check_day(value, (*path, name))
                elif name == "url" and isinstance(value, str):
                    self._check_link(value, (*path, name), classify)
        email = resume.basics.email
        if email is not None:
            self._check_link(email, ("basics", "email"), email_link)
        for path, text in texts_in(resume):
            for target in link_targets(text):
                self._check_link(target, path, classify, in_markup=True)
            rtl = next((char for char in text if script_of(char) == "rtl"), None)
            if rtl is not None:
                message = (
                    f'right-to-left scripts (here "{rtl}") are not supported yet; '
                    "see docs/engines.md"
                )
                self.report(Severity.ERROR, message, path, code="rtl-script")

    def _check_name(self, resume: Resume) -> None:
        """Without a name the PDF has no header: say so (unless a misspelt key is the
        reason, which its did-you-mean already says)."""
        if not resume.basics.name and ("basics", "name") not in self.suggested:
            where: FieldPath = ("basics",) if "basics" in self.document.data else ()
            self.report(
                Severity.WARNING,
                "no basics.name: the PDF has no name header",
                where,
                key=bool(where),
                code="no-name",
            )

    def _check_ignore_codes(self) -> None:
        """A code under ``ignore:`` that names no warning accepts nothing: say so, since
        a misspelt code would otherwise leave the warning the user meant to accept."""
        for item in self.accepted.items:
            if item.code in WARNING_CODES:
                continue
            guess = suggest(item.code, WARNING_CODES)
            hint = (
                f'did you mean "{guess}"?'
                if guess
                else f"warning codes: {', '.join(WARNING_CODES)}; errors cannot be ignored"
            )
            self.report(
                Severity.WARNING,
                f'"{item.code}" is not a warning code, so it accepts nothing; {hint}',
                item.path,
                code="unknown-code",
            )

    def unused_acknowledgements(self, settled: Sequence[Diagnostic]) -> list[Diagnostic]:
        """A code under ``ignore:`` with no such warning where it stands (judged on the
        settled findings): the problem was fixed (or the code sits on the wrong entry),
        so the line can go."""
        notes = []
        for item in self.accepted.unused(settled):
            message = f'nothing here gives warning "{item.code}", so ignore: has nothing to accept'
            file, position = self.document.locate(item.path)
            notes.append(
                Diagnostic(Severity.NOTE, message, item.path, position, file, "unused-ignore")
            )
        return notes

    def _check_entry_prints(self, model: BaseModel, path: FieldPath) -> None:
        """An entry whose keys hold nothing printable is left out, with a note. Blank
        items (``""``, ``{}``, ``null``) are left out silently: there was nothing to lose."""
        if not path or not isinstance(path[-1], int) or getattr(model, "hidden", False):
            return
        raw = _value_at(self.document.data, path)
        if isinstance(raw, dict) and raw and not printable(model):
            self.report(
                Severity.NOTE,
                "nothing in this entry prints, so it is left out",
                path,
                key=True,
                code="empty-entry",
            )

    def _check_link(
        self,
        value: str,
        path: FieldPath,
        check: Callable[[str], object],
        *,
        in_markup: bool = False,
    ) -> None:
        """The link policy of :mod:`cvtex.links`: refused links are errors; text that
        is no link at all is a warning (it prints, without a link)."""
        where = f' in "[text]({value})"' if in_markup else ""
        try:
            check(value)
        except LinkRefused as exc:
            self.report(Severity.ERROR, f"{exc}{where}", path, code="link-refused")
        except NotALink as exc:
            self.report(
                Severity.WARNING, f"{exc}{where}; it prints without a link", path, code="not-a-link"
            )

    def _check_period(self, model: Dated, path: FieldPath) -> None:
        start = model.startDate.sort_key() if model.startDate else None
        end = model.endDate.sort_key() if model.endDate else None
        if start is not None and end is not None and end < start:
            self.report(
                Severity.WARNING,
                f'the end date "{model.endDate}" is before the start date "{model.startDate}"',
                (*path, "endDate"),
                code="date-order",
            )

    def _check_not_future(self, value: PartialDate, path: FieldPath, today: dt.date) -> None:
        earliest = value.earliest()
        if earliest is not None and earliest > today:
            message = f'the date "{value}" is in the future'
            self.report(Severity.WARNING, message, path, code="date-future")

    def _check_day(self, value: PartialDate, path: FieldPath) -> None:
        """2024-09-31 is a slip, not a reason to fail the build: it means its month."""
        if value.dropped_day is not None and value.year is not None and value.month:
            month = f"{MONTHS[value.month - 1]} {value.year:04d}"
            message = (
                f"{month} has no day {value.dropped_day}; read as the month ({value.written()})"
            )
            self.report(Severity.WARNING, message, path, code="impossible-day")

    def check_section_ids(self, data: dict[str, Any]) -> None:
        """Section ids named in ``design`` must exist; checked on raw data so a
        schema error elsewhere does not hide these."""
        design = data.get("design")
        if not isinstance(design, dict):
            return
        custom = data.get("sections")
        known = [*STANDARD_SECTIONS, *(custom if isinstance(custom, dict) else {})]
        for key in ("section_order", "page_breaks"):
            listed = design.get(key)
            if isinstance(listed, list):
                for i, section in enumerate(listed):
                    if isinstance(section, str) and section not in known:
                        self._unknown_section(section, known, ("design", key, i))
        titles = design.get("section_titles")
        if isinstance(titles, dict):
            for section in titles:
                if section not in known:
                    self._unknown_section(section, known, ("design", "section_titles", section))

    def check_strings(self, data: dict[str, Any]) -> None:
        """Each of ``strings:`` checked at its own key, all at once; a bad one is taken
        out so the model's own check (one error for the whole mapping) never fires."""
        strings = data.get("strings")
        if not isinstance(strings, dict):
            return
        for key, value in list(strings.items()):
            problem = string_problem(key, value)
            if problem is not None:
                code, message = problem
                path: FieldPath = ("strings", key)
                self.report(Severity.ERROR, message, path, key=code == "unknown-key", code=code)
                del strings[key]

    def _unknown_section(self, name: str, known: list[str], path: FieldPath) -> None:
        guess = suggest(name, known)
        hint = f'; did you mean "{guess}"?' if guess else f" (known: {', '.join(known)})"
        self.report(
            Severity.ERROR,
            f'unknown section "{name}"{hint}',
            path,
            key=isinstance(path[-1], str),
            code="unknown-section",
        )


KEY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "experience": ("work",),
    "employment": ("work",),
    "jobs": ("work",),
    "job": ("position",),
    "role": ("position", "roles"),
    "title": ("position", "name", "label"),
    "name": ("title", "language"),
    "company": ("name", "organization"),
    "employer": ("name", "organization"),
    "school": ("institution",),
    "university": ("institution",),
    "degree": ("studyType",),
    "major": ("area",),
    "grade": ("score",),
    "level": ("fluency",),
    "hobbies": ("interests",),
    "achievements": ("highlights",),
    "responsibilities": ("highlights",),
    "bullets": ("highlights",),
    "tasks": ("highlights",),
    "start": ("startDate",),
    "end": ("endDate",),
    "from": ("startDate",),
    "to": ("endDate",),
    "website": ("url",),
    "link": ("url",),
    "homepage": ("url",),
    "mail": ("email",),
    "telephone": ("phone",),
    "mobile": ("phone",),
    "about": ("summary",),
    "bio": ("summary",),
    "headline": ("label",),
    "tools": ("keywords",),
    "technologies": ("keywords",),
    "zip": ("postalCode",),
    "zipcode": ("postalCode",),
    "postcode": ("postalCode",),
    "state": ("region",),
    "province": ("region",),
}
"""Words people use for a JSON Resume key (lowercase), and the keys they may mean, most
likely first: the did-you-mean for a key spelt right but named otherwise (``title`` is
``position`` in work, ``name`` in a project, ``label`` in basics)."""


def _where_it_belongs(key: str, known: dict[str, Any], written: dict[str, Any]) -> str:
    """A hint for an unknown key a near-miss spelling cannot explain."""
    if key == "ignore":
        return (
            "; ignore: is read at the top of the file, on basics, on a custom section and "
            "on any entry or bullet"
        )
    meant = [k for k in KEY_SYNONYMS.get(key.lower(), ()) if k in known and k not in written]
    return f'; did you mean "{meant[0]}"?' if meant else ""


NOT_PROSE = frozenset(
    {
        "startDate", "endDate", "date", "releaseDate", "url", "email", "phone", "image",
        "countryCode", "postalCode", "network", "username", "locale", "engine", "$schema",
    }
)  # fmt: skip
"""Keys whose value is not prose: text after `` #`` there is a comment the author meant."""


def _is_prose(path: FieldPath) -> bool:
    keys = [part for part in path if isinstance(part, str)]
    return bool(keys) and keys[0] not in ("design", "meta", "ignore") and keys[-1] not in NOT_PROSE


_PASTED_BULLET = re.compile(r"[•●▪■◦‣∙⁃◆▸►➢➤][ \t\u00a0]*")
"""A bullet sign at the start of a bullet's text, as a list copied from a web page or a
word processor has it: with the template's own it would print twice (``• • Led``)."""
BULLET_LISTS = frozenset({"highlights", "items"})


def _strip_pasted_bullets(data: Any, path: FieldPath) -> Iterator[FieldPath]:
    """Remove a pasted bullet sign from each bullet in ``data`` (in place); yields the
    path of each text changed."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in BULLET_LISTS and isinstance(value, list):
                for index, item in enumerate(value):
                    where: FieldPath = (*path, key, index)
                    if isinstance(item, dict):
                        text, where = item.get("text"), (*where, "text")
                    else:
                        text = item
                    if isinstance(text, str) and _PASTED_BULLET.match(text.lstrip()):
                        stripped = _PASTED_BULLET.sub("", text.lstrip(), count=1)
                        if stripped.strip():
                            if isinstance(item, dict):
                                item["text"] = stripped
                            else:
                                value[index] = stripped
                            yield where
            yield from _strip_pasted_bullets(value, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _strip_pasted_bullets(item, (*path, index))


def _without_invalid(data: dict[str, Any], exc: ValidationError, rounds: int = 5) -> Resume | None:
    """The résumé with every value pydantic refused taken out, for the checks that need
    a model (links, date order, scripts) to report their problems in the same run. A
    refused key is removed; a refused list item becomes a blank one, so later items
    keep their index and their line. None when nothing valid is left to check."""
    pruned = copy.deepcopy(data)
    for _ in range(rounds):
        for error in exc.errors(include_url=False):
            if not _remove(pruned, tuple(error["loc"])):
                return None
        try:
            return Resume.model_validate(pruned)
        except ValidationError as again:
            exc = again
    return None


def _remove(data: Any, loc: FieldPath) -> bool:
    """Take out the deepest value of ``data`` along ``loc`` (pydantic may add parts of
    its own, such as a union member's name, after the real path)."""
    parent, part = None, None
    node = data
    for step in loc:
        in_mapping = isinstance(node, dict) and step in node
        in_list = isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        if not (in_mapping or in_list):
            break
        parent, part, node = node, step, node[step]
    if isinstance(parent, dict):
        del parent[part]
        return True
    if isinstance(parent, list) and isinstance(part, int):
        if node is None:
            return False  # already blank: this error is not about the value
        parent[part] = None
        return True
    return False


def _value_at(data: Any, path: FieldPath) -> Any:
    """The raw value at ``path``, or None when the path does not exist."""
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _own_values(model: BaseModel) -> Iterator[tuple[str, Any]]:
    for name, info in type(model).model_fields.items():
        yield info.alias or name, getattr(model, name)


def _walk_models(model: BaseModel, path: FieldPath) -> Iterator[tuple[FieldPath, BaseModel]]:
    yield path, model
    for name in type(model).model_fields:
        value = getattr(model, name)
        key = type(model).model_fields[name].alias or name
        if isinstance(value, BaseModel):
            yield from _walk_models(value, (*path, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk_models(item, (*path, key, i))
        elif isinstance(value, dict):
            for k, item in value.items():
                if isinstance(item, BaseModel):
                    yield from _walk_models(item, (*path, key, k))
