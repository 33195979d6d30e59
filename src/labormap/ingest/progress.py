"""Rich progress display for ingest (silent when not wanted, e.g. in tests and library use)."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)


class IngestProgress:
    def __init__(self, enabled: bool, n_files: int) -> None:
        self.enabled = enabled
        self.progress: Progress | None = None
        self.n_files = n_files
        self.files_task = None
        self.rows_task = None

    def __enter__(self) -> IngestProgress:
        if self.enabled:
            self.progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
            )
            self.progress.start()
            self.files_task = self.progress.add_task("files", total=self.n_files)  # type: ignore[assignment]
            self.rows_task = self.progress.add_task("rows read", total=None)  # type: ignore[assignment]
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.progress is not None:
            self.progress.stop()

    def start_file(self, registry: str, path: Path) -> None:
        if self.progress is not None and self.files_task is not None:
            self.progress.update(self.files_task, description=f"{registry}: {path.name}")

    def end_file(self) -> None:
        if self.progress is not None and self.files_task is not None:
            self.progress.advance(self.files_task)

    def rows(self, n: int) -> None:
        if self.progress is not None and self.rows_task is not None:
            self.progress.advance(self.rows_task, n)

    def status(self, text: str) -> None:
        if self.progress is not None and self.files_task is not None:
            self.progress.update(self.files_task, description=text)
