"""Bao policies from Python: load a policy once, evaluate claims exactly.

    import bao
    p = bao.Policy.from_file("policies/cn/js/suqian/assistance.bao")
    out = p.evaluate({"identities": ["dibao"], "claim": {...}, "ytd": {...}})
    out["paid"]  # Decimal('4325.40')

Money, decimals and rates are decimal.Decimal both ways; a float is refused
(InputError), never converted. See bindings/python/README.md.
"""

import dataclasses
import datetime
import decimal
import json
import math
import os
from typing import Any, Callable, List, Optional, Tuple

from . import _bao

__all__ = ["Policy", "Diagnostic", "Schema", "Outputs", "Error", "PolicyError", "InputError",
           "EvaluationError", "__version__"]
__version__ = _bao.version


@dataclasses.dataclass(frozen=True)
class Diagnostic:
    """A problem in a policy, a case or a test: the library's Diagnostic."""
    code: str
    name: str
    severity: str
    message: str
    file: Optional[str] = None
    line: Optional[int] = None
    column: Optional[int] = None
    path: Optional[str] = None
    help: str = ""
    label: str = ""
    end_line: Optional[int] = None
    end_column: Optional[int] = None
    notes: tuple = ()

    def __str__(self):
        place = f"{self.file}:{self.line}:{self.column}: " if self.file else ""
        return f"{place}{self.severity} {self.code} {self.message}"


def _diagnostic(d: dict) -> Diagnostic:
    return Diagnostic(**{**d, "notes": tuple(d.get("notes", ()))})


class Error(Exception):
    """Base of every error of this package: .code, .path, .message."""

    def __init__(self, code: str, path: Optional[str], message: str, diagnostic=None):
        super().__init__(f"{code} {message}" if code else message)
        self.code, self.path, self.message, self.diagnostic = code, path, message, diagnostic


class PolicyError(Error):
    """The policy did not load: .diagnostics lists every problem with its place."""

    def __init__(self, diagnostics: List[Diagnostic], rendered: str):
        first = diagnostics[0] if diagnostics else None
        Error.__init__(self, first.code if first else "", None, rendered.rstrip("\n"), first)
        self.diagnostics = diagnostics


class InputError(Error, ValueError):
    """The case was refused (E08xx): a wrong type, a float, a missing field …"""


class EvaluationError(Error):
    """The case was read but could not be evaluated (E09xx: overflow, no as-of …)."""


def _raise_for(d: dict):
    diag = _diagnostic(d) if "name" in d else None
    cls = InputError if d["code"].startswith("E08") else EvaluationError
    raise cls(d["code"], d.get("path"), d["message"], diag)


@dataclasses.dataclass(frozen=True)
class Schema:
    """One input or output (or a field of a record): kind is "money", "record" …"""
    name: str
    kind: str
    type_name: str
    optional: bool
    variants: tuple
    fields: tuple
    label: str


def _schema(d: dict) -> Schema:
    return Schema(d["name"], d["kind"], d["type_name"], d["optional"], tuple(d["variants"]),
                  tuple(_schema(f) for f in d["fields"]), d["label"])


class Outputs(dict):
    """Output name -> value; .explanation holds the explanation when asked for."""
    explanation = None


def _as_of(as_of) -> Optional[str]:
    if as_of is None or isinstance(as_of, str):
        return as_of
    if isinstance(as_of, datetime.datetime):
        raise InputError("E0805", "as_of", "as_of: is a datetime; give a datetime.date")
    if isinstance(as_of, datetime.date):
        return as_of.isoformat()
    raise InputError("E0802", "as_of", f"as_of: is a {type(as_of).__name__}; give a datetime.date")


def _missing(v) -> bool:
    """A pandas missing value: None, NaN, pd.NA, pd.NaT."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return True
    t = type(v).__name__
    return t in ("NAType", "NaTType")


class Policy:
    """A loaded, checked policy: immutable, shareable between threads."""

    def __init__(self, core):
        if not core.ok():
            raise PolicyError([_diagnostic(d) for d in core.diagnostics()], core.render())
        self._core = core
        self._identity = core.identity()
        self._names = core.output_names()
        self._inputs = [_schema(s) for s in core.schema(True)]
        self._outputs = [_schema(s) for s in core.schema(False)]

    @classmethod
    def from_file(cls, path, roots=None) -> "Policy":
        return cls(_bao.Policy.from_file(os.fspath(path), _roots(roots)))

    @classmethod
    def from_string(cls, name: str, text: str, roots=None) -> "Policy":
        return cls(_bao.Policy.from_string(name, text, _roots(roots)))

    @classmethod
    def from_loader(cls, rel_path: str, fn: Callable[[str], Optional[str]]) -> "Policy":
        """fn("a/b/c.bao") returns the file's text (str or bytes) or None."""
        return cls(_bao.Policy.from_loader(rel_path, fn))

    name = property(lambda self: self._identity["policy"])
    fingerprint = property(lambda self: self._identity["fingerprint"])
    bao_version = property(lambda self: self._identity["bao_version"])
    inputs = property(lambda self: list(self._inputs))
    outputs = property(lambda self: list(self._outputs))
    output_names = property(lambda self: list(self._names))

    def __repr__(self):
        return f"<bao.Policy {self.name} {self.fingerprint[:12]}>"

    def evaluate(self, case: dict, as_of=None, explain: bool = False) -> Outputs:
        ok, got, expl = self._core.evaluate(case, _as_of(as_of), bool(explain))
        if not ok:
            _raise_for(got)
        out = Outputs(got)
        if explain:
            out.explanation = json.loads(expl, parse_float=decimal.Decimal)
        return out

    def explain(self, case: dict, as_of=None):
        return self.evaluate(case, as_of, explain=True).explanation

    def evaluate_json(self, text, as_of=None, explain: bool = False) -> Tuple[bool, str]:
        """(ok, Result::to_json()): exactly what `bao run --format json` prints.
        The text keeps undecodable bytes as surrogates (surrogateescape)."""
        ok, raw = self._core.evaluate_json(text, _as_of(as_of), bool(explain))
        return ok, raw.decode("utf-8", "surrogateescape")

    def evaluate_many(self, rows, as_of=None, threads: Optional[int] = None):
        """Rows (a list of case dicts, or a DataFrame) -> a DataFrame with one
        row per input row, same order and index, every output column (object
        dtype) and `error` (None, or "E0804 $.who: …"). Never drops a row."""
        import pandas as pd
        if isinstance(rows, pd.DataFrame):
            index, cases = rows.index, _frame_cases(rows, self._inputs)
        else:
            cases = list(rows)
            index = pd.RangeIndex(len(cases))
        if threads is None:
            threads = os.cpu_count() or 1
        if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
            raise ValueError(f"threads must be an int of at least 1, not {threads!r}")
        columns, errors, busy = self._core.evaluate_many(cases, _as_of(as_of), threads, 4096)
        err = "error" if "error" not in self._names else "bao_error"
        data = dict(zip(self._names, columns))
        data[err] = errors
        out = pd.DataFrame(data, index=index, columns=self._names + [err], dtype=object)
        out.attrs["bao_threads_used"] = busy  # threads that evaluated rows at once
        return out

    def run_tests(self, as_of=None) -> List[Tuple[str, bool, List[Diagnostic]]]:
        return [(name, passed, [_diagnostic(d) for d in problems])
                for name, passed, problems in self._core.run_tests(_as_of(as_of))]


def _roots(roots) -> Optional[list]:
    if roots is None:
        return None
    if isinstance(roots, (str, os.PathLike)):
        roots = [roots]
    return [os.fspath(r) for r in roots]


def _list_paths(inputs) -> set:
    """The input paths whose type is a list: "identities", "claim.codes"."""
    out = set()
    for s in inputs:
        if s.kind == "list":
            out.add(s.name)
        for f in s.fields if s.kind == "record" else ():
            if f.kind == "list":
                out.add(f"{s.name}.{f.name}")
    return out


def _frame_cases(df, inputs) -> list:
    """One case per row: a column `a.b` is field b of record input a; a
    missing cell (None, NaN, NA, NaT) leaves its key out; a str cell of a
    list input is split on "|" ("" is the empty list)."""
    lists = _list_paths(inputs)
    cols = []
    for c in df.columns:
        if not isinstance(c, str) or not c or "" in c.split("."):
            raise InputError("E0802", None, f"column {c!r}: a column is named by an input path "
                             "such as \"claim.in_scope\"")
        cols.append((c, c.split("."), c in lists, df[c].tolist()))
    names = {c for c, *_ in cols}
    for c, parts, *_ in cols:
        for k in range(1, len(parts)):
            if ".".join(parts[:k]) in names:
                raise InputError("E0802", "$." + ".".join(parts[:k]),
                                 f"columns {'.'.join(parts[:k])!r} and {c!r} both set it")
    cases = []
    for i in range(len(df)):
        case = {}
        for _, parts, is_list, values in cols:
            v = values[i]
            if _missing(v):
                continue
            if is_list and isinstance(v, str):
                v = v.split("|") if v else []
            at = case
            for p in parts[:-1]:
                at = at.setdefault(p, {})
            at[parts[-1]] = v
        cases.append(case)
    return cases
