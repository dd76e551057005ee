"""cleaner in a datatrove pipeline: ``CleanerExtractor`` is a step to put where datatrove's
Trafilatura extractor goes, and ``WarcReader`` reads WARC files as cleaner's CLI does (the
HTTP header's charset, corrupt records reported and passed over). ``pip install
'cleaner[datatrove]'``.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.engines.datatrove import CleanerExtractor, WarcReader

    LocalPipelineExecutor(pipeline=[WarcReader("crawl/"), CleanerExtractor(),
                                    JsonlWriter("out/")], tasks=4, workers=2).run()
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor, ExtractorSandbox
from datatrove.pipeline.readers.base import BaseDiskReader
from datatrove.utils.logging import logger
from datatrove.utils.typeshelper import StatHints

from cleaner.decode import decode
from cleaner.engines.rows import ENGINE_TIMEOUT, BatchSettings, clean_row
from cleaner.options import Favor, Options
from cleaner.warc import WarcProblem, read_warc_stream

#: The page a sandbox process cleans when it starts, so the extractor (a learned model) is
#: loaded once per process, before the first document's time starts.
WARMUP_PAGE = "<html><body><article><p>A page to load the extractor.</p></article></body></html>"
#: The documents' metadata the step fills: the page's own, and its kind.
METADATA_FIELDS = ("title", "author", "date", "page_kind")


class CleanerExtractor(BaseExtractor):
    """Replace each document's HTML (or text dump) with its body text, and put the page's
    title, author, date and kind into ``doc.metadata`` (with ``markdown=True`` the body as
    Markdown, with ``segments=True`` every labelled piece of the page: label and text).

    Each document runs in datatrove's sandbox process, stopped after ``timeout`` seconds;
    the step counts what datatrove's extractors count (``extracted``, ``timeout``,
    ``broken_process``, ``clean_error``, ``dropped`` for an empty body) and, per kind, why a
    document could not be cleaned (``error_binary``...). The document's ``url`` metadata (as
    datatrove's readers set it) is the address links and metadata resolve against.
    """

    name = "🧹 cleaner"
    _requires_dependencies = ["cleaner"]

    def __init__(self, timeout: float = ENGINE_TIMEOUT, extractor: str = "auto",
                 favor: Favor = "balanced", markdown: bool = False, segments: bool = False):
        super().__init__(timeout)
        # The pipeline's own checks give up a little before the sandbox stops the process,
        # so a slow page costs its time, not a new process.
        self.settings = BatchSettings(Options(extractor=extractor, favor=favor,
                                              timeout=0.9 * timeout), markdown=markdown)
        self.segments = segments

    def extract(self, text: str) -> str:
        """The body text of one page (an empty string when it has none or cannot be cleaned)."""
        return self.clean(text)["text"] or ""

    def clean(self, text: str, url: str | None = None,
              media_type: str | None = None) -> dict[str, Any]:
        """One document's row (cleaner.engines.rows), with its segments when asked for."""
        row, result = clean_row(text, url, self.settings, media_type=media_type)
        cleaned: dict[str, Any] = dict(row)
        if self.segments and result is not None:
            cleaned["segments"] = [{"label": segment.label.value, "text": segment.text}
                                   for segment in result.segments]
        return cleaned

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1,
            ) -> DocumentsPipeline:
        with ExtractorSandbox(timeout=self.timeout, warmup_text=(WARMUP_PAGE,)) as sandbox:
            for doc in data:
                self.stat_update(StatHints.total)
                with self.track_time():
                    try:
                        cleaned = sandbox.process_document(
                            (doc.text, doc.metadata.get("url"), doc.metadata.get("media_type")),
                            self.clean)
                    except TimeoutError:
                        self.stat_update("timeout")
                        logger.warning(f"⏰ cleaner: {doc.id} took over {self.timeout} s; "
                                       "skipped")
                        continue
                    except EOFError:
                        self.stat_update("broken_process")
                        logger.warning(f"cleaner: the process cleaning {doc.id} died; skipped")
                        continue
                if cleaned["error_kind"] is not None:
                    kind = cleaned["error_kind"]
                    self.stat_update("timeout" if kind == "timeout" else "clean_error",
                                     f"error_{kind}")
                    continue
                self.stat_update("extracted")
                doc.text = cleaned.pop("text") or ""
                doc.metadata.update({name: cleaned[name] for name in METADATA_FIELDS})
                if self.settings.markdown:
                    doc.metadata["markdown"] = cleaned["markdown"]
                if "segments" in cleaned:
                    doc.metadata["segments"] = cleaned["segments"]
                if doc.text:
                    self.stat_update(StatHints.forwarded)
                    self.update_doc_stats(doc)
                    yield doc
                else:
                    self.stat_update(StatHints.dropped)


class WarcReader(BaseDiskReader):
    """Each HTML or text response record of the WARC files in ``data_folder`` as a document:
    its text decoded in the HTTP header's charset (before the page's own), its id the
    record's, and ``url``, ``date``, ``warc_file``, ``warc_offset`` and ``media_type`` in its
    metadata. A record that cannot be read is counted (``warc_problem``) and logged with its
    offset, and reading goes on; other records are counted by kind (``skipped_...``)."""

    name = "🕷 cleaner WARC"
    _requires_dependencies = [("fastwarc", "fastwarc")]

    def __init__(self, data_folder: Any, glob_pattern: str | None = "**/*.warc*",
                 max_bytes: int | None = Options().max_bytes, **kwargs: Any):
        super().__init__(data_folder, glob_pattern=glob_pattern, **kwargs)
        self.max_bytes = max_bytes

    def read_file(self, filepath: str) -> DocumentsPipeline:
        skipped: Counter[str] = Counter()
        with self.data_folder.open(filepath, "rb") as stream:
            for number, item in enumerate(read_warc_stream(stream, filepath, skipped,
                                                           self.max_bytes)):
                with self.track_time():
                    if isinstance(item, WarcProblem):
                        self.stat_update("warc_problem")
                        logger.warning(f"{item.warc}@{item.offset}: {item.kind}: {item.message}")
                        continue
                    document = self.get_document_from_dict({
                        "text": decode(item.content, item.charset).text,
                        "id": item.record_id, "url": item.url, "date": item.date,
                        "warc_file": filepath, "warc_offset": item.offset,
                        "media_type": item.media_type}, filepath, number)
                if document:
                    yield document
        for kind, count in skipped.items():
            self.stat_update(f"skipped_{kind}", value=count)

