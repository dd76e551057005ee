"""The parquet output (``cleaner clean ... --format parquet -o out.parquet``): one row per
document written, in input order, by row groups, put in place when the run completes.

Rows are buffered and written as row groups of at most ROW_GROUP_ROWS rows and about
ROW_GROUP_BYTES of records, each as a complete small parquet file of its own in a hidden
folder beside the output (``.out.parquet.parts/part-000001.parquet``, written atomically), so
a stopped or killed run keeps what it wrote and a rerun skips it. When a run completes, the
rows of the old ``out.parquet`` (row group by row group) and of every part are streamed into a
hidden file beside it (``.out.parquet.partial``), which replaces ``out.parquet``; then the
parts go. pyarrow (the ``parquet`` extra) is imported inside the functions that need it only.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from cleaner.batch.errors import BatchRefusedError
from cleaner.batch.files import display_path, write_atomic
from cleaner.engines.rows import DOCUMENT_COLUMNS

#: The Arrow type of a list of segments, as pyarrow spells it (each a label and its text).
SEGMENTS_TYPE = "list<struct<label: string, text: string>>"
#: The columns of a parquet output, in order, with their Arrow types: a flat table pandas and
#: Spark load as it is, one row per document written (failures go to the error report).
#: ``source`` and ``url`` as in the jsonl record; the engines' columns of a cleaned document
#: (cleaner.engines.rows: text, title, author, date, page_kind as its kind, markdown); where a
#: WARC record came from (null for other inputs); the record's segments, label and text.
SCHEMA: tuple[tuple[str, str], ...] = (
    ("source", "string"),
    ("url", "string"),
    *((name, "string") for name in DOCUMENT_COLUMNS),
    ("warc_file", "string"),
    ("warc_offset", "int64"),
    ("warc_record_id", "string"),
    ("warc_date", "string"),
    ("segments", SEGMENTS_TYPE),
)
#: A row group holds at most this many rows...
ROW_GROUP_ROWS = 1_000
#: ... and is written as soon as its records add up to this many bytes (big pages), so the
#: memory a run holds for its output stays flat.
ROW_GROUP_BYTES = 32 * 1024 * 1024
#: How the parts and the file being put together are named, beside the output.
PARTS_SUFFIX = ".parts"
DRAFT_SUFFIX = ".partial"
_PART_PREFIX, _PART_SUFFIX = "part-", ".parquet"

_INSTALL = "pip install 'cleaner[parquet]'"


def parts_folder(out: Path) -> Path:
    """The hidden folder of the row groups written since the output was last put in place."""
    return out.with_name(f".{out.name}{PARTS_SUFFIX}")


def draft_path(out: Path) -> Path:
    """The hidden file the output is put together in before it replaces ``out``."""
    return out.with_name(f".{out.name}{DRAFT_SUFFIX}")


def require_pyarrow() -> None:
    """Refuse the run (BatchRefusedError, naming the fix) when pyarrow is not installed."""
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise BatchRefusedError(f"--format parquet needs pyarrow, which is not installed: "
                                f"{_INSTALL}") from None


@cache
def arrow_schema() -> Any:
    """SCHEMA as a pyarrow schema."""
    import pyarrow as pa

    segment = pa.struct([("label", pa.string()), ("text", pa.string())])
    types = {"string": pa.string(), "int64": pa.int64(),
             SEGMENTS_TYPE: pa.list_(pa.field("element", segment))}
    return pa.schema([(name, types[kind]) for name, kind in SCHEMA])


def record_row(record: Mapping[str, Any]) -> dict[str, object]:
    """The row of a document's jsonl record (Result.to_dict(), and a WARC record's fields)."""
    row: dict[str, object] = {name: record.get(name) for name, _ in SCHEMA}
    page_kind = record.get("page_kind")
    row["page_kind"] = page_kind["kind"] if page_kind else None
    row["segments"] = [{"label": segment["label"], "text": segment["text"]}
                       for segment in record.get("segments") or ()]
    return row


class ParquetSink:
    """The parquet output of a run: records in, row groups out, the file put in place when the
    run completes; ``done``: the sources it already holds (a rerun skips them)."""

    def __init__(self, out: Path, done: frozenset[str], last_part: int) -> None:
        self.out = out
        self.parts = parts_folder(out)
        self.done = done
        self.last_part = last_part
        self.rows: list[dict[str, object]] = []
        self.buffered = 0

    @classmethod
    def open(cls, out: Path, force: bool) -> ParquetSink:
        """The sink of ``out``, resuming what it and its parts hold, or (``force``) dropping
        them (BatchRefusedError when they cannot be read or removed)."""
        require_pyarrow()
        try:
            draft_path(out).unlink(missing_ok=True)  # what a run killed as it finished left
            if force:
                shutil.rmtree(parts_folder(out), ignore_errors=True)
                out.unlink(missing_ok=True)
            done = _sources_kept(out)
        except OSError as error:
            raise BatchRefusedError(f"cannot write {display_path(out)}: "
                                    f"{error.strerror or error}") from None
        last = max((_part_number(part) or 0 for part in _parts(parts_folder(out))), default=0)
        return cls(out, done, last)

    def write(self, record: bytes) -> None:
        """Add one jsonl record; a full row group is written as a part."""
        self.rows.append(record_row(json.loads(record)))
        self.buffered += len(record)
        if len(self.rows) >= ROW_GROUP_ROWS or self.buffered >= ROW_GROUP_BYTES:
            self._write_part()

    def close(self, publish: bool) -> None:
        """Write the rows still buffered; when the run completed (``publish``), put the output
        together and in place, and drop the parts."""
        self._write_part()
        if publish:
            self._publish()

    def _write_part(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.rows:
            return
        stream = pa.BufferOutputStream()
        pq.write_table(pa.Table.from_pylist(self.rows, schema=arrow_schema()), stream)
        self.parts.mkdir(exist_ok=True)
        self.last_part += 1
        name = f"{_PART_PREFIX}{self.last_part:06d}{_PART_SUFFIX}"
        write_atomic(self.parts / name, stream.getvalue().to_pybytes())
        self.rows.clear()
        self.buffered = 0

    def _publish(self) -> None:
        import pyarrow.parquet as pq

        parts = _parts(self.parts)
        if not parts and _written(self.out):
            return  # nothing new: the file stays as it is
        draft = draft_path(self.out)
        try:
            with pq.ParquetWriter(draft, arrow_schema()) as writer:
                for path in ([self.out] if _written(self.out) else []) + parts:
                    with pq.ParquetFile(path) as file:
                        for index in range(file.num_row_groups):
                            writer.write_table(file.read_row_group(index))
            os.replace(draft, self.out)
        finally:
            draft.unlink(missing_ok=True)
        shutil.rmtree(self.parts, ignore_errors=True)


def _parts(folder: Path) -> list[Path]:
    """The parts in a parts folder, in the order they were written (temporary files of a part
    being written are not parts)."""
    if not folder.is_dir():
        return []
    parts = [path for path in folder.iterdir() if _part_number(path) is not None]
    return sorted(parts, key=lambda part: _part_number(part) or 0)


def _part_number(path: Path) -> int | None:
    """The number of a part (``part-000001.parquet``: 1); None for another file."""
    name = path.name
    if not (name.startswith(_PART_PREFIX) and name.endswith(_PART_SUFFIX)):
        return None
    number = name[len(_PART_PREFIX):-len(_PART_SUFFIX)]
    return int(number) if number.isdigit() else None


def _written(out: Path) -> bool:
    """Whether an earlier run put the output in place (an empty file holds nothing)."""
    return out.exists() and out.stat().st_size > 0


def _sources_kept(out: Path) -> frozenset[str]:
    """The sources in the output and its parts. A part whose every row the output holds
    already was put into it by a run killed before it could remove the part: it goes."""
    kept = _sources_of(out) if _written(out) else frozenset()
    sources = set(kept)
    for part in _parts(parts_folder(out)):
        in_part = _sources_of(part)
        if in_part <= kept:
            part.unlink()
        else:
            sources |= in_part
    return frozenset(sources)


def _sources_of(path: Path) -> frozenset[str]:
    """The ``source`` column of a parquet output or part, read row group by row group
    (BatchRefusedError for a file that is not one cleaner wrote)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        with pq.ParquetFile(path) as file:
            if not file.schema_arrow.equals(arrow_schema()):
                raise BatchRefusedError(
                    f"{display_path(path)} does not have the columns of cleaner's parquet "
                    f"output; rerun with --force to write it afresh, or choose a new -o")
            return frozenset(source for index in range(file.num_row_groups)
                             for source in file.read_row_group(index, columns=["source"])
                             .column("source").to_pylist())
    except OSError:
        raise  # it cannot be read: the caller says so
    except pa.ArrowException as error:
        raise BatchRefusedError(f"{display_path(path)}: not a parquet file cleaner can read "
                                f"({error}); rerun with --force, or choose a new -o") from None
