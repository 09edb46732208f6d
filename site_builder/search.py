"""The search index: Pagefind reads the rendered pages and writes a static index the browser queries.

Pagefind (PyPI `pagefind-bin`, the indexer's own binary) runs offline and ships its own search
code, so we write no index format of our own. Its binary runs as a service (`--service`: base64
JSON messages over its standard input and output; its Python wrapper's 0.1 s polling of every
reply took 0.3 s) from before the pages render: each page is sent as it is rendered, Pagefind
reads it on another core while the others render, and only builds the index at the end. No
scratch copy of the pages is written (it cost the explainer 0.1-0.2 s on a busy disk).

The pages go in the order of the site's plans, which numbers them in the index: the same index
for a clean build and one that reused pages, on any file system. (Pagefind run over a folder
numbers them in the order the folder lists them, which a temporary folder on ext4 and one on
tmpfs do not share.)
"""

from __future__ import annotations

import base64
import json
import queue
import subprocess
import threading
from collections.abc import Iterable, Mapping
from typing import IO, Any

from .errors import EnvironmentFailure
from .urls import NOT_FOUND_URL, output_path

SEARCH_DIR = "pagefind"
"""Where the index lives in the output; the theme's search.js imports pagefind.js from here."""
NOT_INDEXED = frozenset((output_path(NOT_FOUND_URL),))
UNUSED_FILES = ("pagefind-ui", "pagefind-component-ui", "pagefind-modular-ui", "pagefind-highlight")
"""Pagefind's ready-made UIs: the theme has its own small one, so they are not shipped."""
ROOT_SELECTOR = "main"
"""Only the page's own content: the header, navigation and footer repeat on every page."""
EXCLUDE_SELECTORS = ".mention-tip"
"""A mention's tooltip repeats a definition the glossary page already holds."""
SEARCH_KINDS = {
    "people": "people",
    "places": "places",
    "figures": "figures",
    "timeline": "events",
    "glossary": "terms",
}
"""Built section -> the `kind` its pages carry (data-pagefind-meta on their <h1>), which the
header's "Show only" boxes offer; the words are the strings `search.kind.*`. A meta, not a
data-pagefind-filter: Pagefind 1.5 writes its filter index in a new order on every run."""
ENTRY_META = "entry-"
"""On a section page each entry's title carries data-pagefind-meta="entry-<its id>", so Pagefind
records its name: search.js then turns a hit on the page into a hit on the entry (its anchor and
name), which Pagefind's own sub-results cannot do, as they follow only headings with an id."""


def index_search(files: Mapping[str, bytes], order: Iterable[str] | None = None) -> dict[str, bytes]:
    """Output path -> bytes of the Pagefind index of the pages `order` names (default: every
    HTML page of `files` but NOT_INDEXED, in their order), and pagefind.js with it."""
    search = SearchIndex()
    try:
        search.expect(pages_to_index(files) if order is None else order)
        return search.result(files)
    finally:
        search.close()


def pages_to_index(paths: Iterable[str]) -> list[str]:
    """The paths Pagefind reads, in their order: every HTML page but NOT_INDEXED."""
    return [path for path in paths if path.endswith(".html") and path not in NOT_INDEXED]


class SearchIndex:
    """Pagefind at work in its own process, fed pages as they come (offer) in the order given
    (expect); result() sends the rest and takes the index back. Starting Pagefind fails
    quietly: a missing or broken binary is reported by result(), after the content's own
    errors, as when it started at the end. close() stops a Pagefind still running (a build
    that failed meanwhile)."""

    def __init__(self) -> None:
        self._order: list[str] = []
        self._wanted: set[str] = set()
        """The pages of _order not sent yet."""
        self._sent = 0
        """How many pages of _order are sent; the next goes when it comes."""
        self._waiting: dict[str, bytes] = {}
        """Pages offered before their turn."""
        self._asked = 0
        """Messages sent: Pagefind answers each once, in turn."""
        self._asked_for_index = False
        """Whether the last message, for the index (GetFiles), is sent."""
        self._answers: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._said: list[bytes] = []
        """What Pagefind wrote to its standard error."""
        self._threads: list[threading.Thread] = []
        self._failure: EnvironmentFailure | None = None
        self.executable: Any = None
        self.process: subprocess.Popen[bytes] | None = None
        try:
            self.executable, self.process = start_pagefind()
        except EnvironmentFailure as failure:
            self._failure = failure
            return
        assert self.process.stdout is not None and self.process.stderr is not None
        self._threads = [
            threading.Thread(target=self._read_answers, args=(self.process.stdout,), daemon=True),
            threading.Thread(target=self._said.extend, args=(self.process.stderr,), daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        config = {"root_selector": ROOT_SELECTOR, "exclude_selectors": [EXCLUDE_SELECTORS]}
        self._send({"type": "NewIndex", "config": config})

    def expect(self, paths: Iterable[str]) -> None:
        """The pages to index, in the index's order."""
        self._order = list(paths)
        self._wanted = set(self._order)

    def offer(self, files: Mapping[str, bytes]) -> None:
        """Pages just rendered (those not to index are passed over): each is sent once every
        page before it in the order is."""
        self._waiting.update((path, data) for path, data in files.items() if path in self._wanted)
        self._send_in_turn(self._waiting)

    def result(self, files: Mapping[str, bytes]) -> dict[str, bytes]:
        """Output path -> bytes of the index, the pages not offered taken from `files`;
        EnvironmentFailure if Pagefind could not run or failed."""
        self._send_in_turn({**files, **self._waiting}, to_the_end=True)
        answers: list[dict[str, Any]] = []
        for _ in range(self._asked):
            answer = self._answers.get()
            if answer is None:  # it stopped
                break
            answers.append(json.loads(base64.b64decode(answer)).get("payload", {}))
        said = [answer.get("message", "") for answer in answers if answer.get("type") == "Error"]
        if self._failure is not None or said or not answers or answers[-1].get("type") != "GetFiles":
            raise self._failed("; ".join(said))
        self.close()
        return {
            f"{SEARCH_DIR}/{found['path']}": base64.b64decode(found["content"])
            for found in sorted(answers[-1]["files"], key=lambda found: found["path"].split("/"))
            if not found["path"].startswith(UNUSED_FILES)
        }

    def close(self) -> None:
        """Stop Pagefind if it runs, and wait for it."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def _send_in_turn(self, found: Mapping[str, bytes], to_the_end: bool = False) -> None:
        """Send the next pages of the order while `found` has them (to_the_end: all that are left,
        passing over those it lacks), then, once none is left, ask for the index."""
        while self._sent < len(self._order):
            path = self._order[self._sent]
            data = found.get(path)
            if data is None and not to_the_end:
                break
            self._sent += 1
            self._wanted.discard(path)
            self._waiting.pop(path, None)
            if data is not None:
                page = {"type": "AddFile", "index_id": 0, "file_path": path, "file_contents": data.decode()}
                self._send(page, flush=False)
        done = to_the_end or (self._order and self._sent == len(self._order))
        if done and not self._asked_for_index:  # it builds the index while the build goes on
            self._asked_for_index = True
            self._send({"type": "GetFiles", "index_id": 0}, flush=False)
        self._send(None)

    def _send(self, payload: dict[str, Any] | None, flush: bool = True) -> int:
        """Send one message (None: none), then flush the pipe unless told not to; how many
        messages were sent. A Pagefind that stopped takes none: result() says why."""
        if self.process is None or self.process.stdin is None:
            return self._asked
        try:
            if payload is not None:
                sent = json.dumps({"message_id": self._asked, "payload": payload}).encode()
                self.process.stdin.write(base64.b64encode(sent) + b",")
                self._asked += 1
            if flush:
                self.process.stdin.flush()
        except (BrokenPipeError, ValueError):  # ValueError: the pipe is closed
            pass
        return self._asked

    def _read_answers(self, stdout: IO[bytes]) -> None:
        """In a thread: each answer as it comes, then None at the end of the output. An answer
        may come in many reads (the index: megabytes): its parts are joined once, at its end."""
        parts: list[bytes] = []
        while chunk := stdout.read1(1 << 20):  # type: ignore[attr-defined]  # a BufferedReader
            *ends, rest = chunk.split(b",")
            if ends:
                self._answers.put(b"".join([*parts, ends[0]]))
                for answer in ends[1:]:
                    self._answers.put(answer)
                parts = []
            parts.append(rest)
        self._answers.put(None)

    def _failed(self, said: str = "") -> EnvironmentFailure:
        """What went wrong, naming the binary, with what Pagefind said."""
        if self._failure is not None:
            return self._failure
        assert self.process is not None
        if said:  # it refused a message
            self.close()
            return EnvironmentFailure(f"search: {self.executable} failed: {said}")
        self.close()  # if it runs still, it answered what it should not have
        code = self.process.wait()  # its exit code, and its standard error
        for thread in self._threads:
            thread.join()
        lines = [line.strip() for line in b"".join(self._said).decode("utf-8", "replace").splitlines()]
        said = "; ".join(line for line in lines if line)
        return EnvironmentFailure(
            f"search: {self.executable} failed (exit code {code})" + (f": {said}" if said else "")
        )


def get_executable() -> Any:
    """pagefind-bin's binary (a path), or None; the package is imported here, on first use, as
    only sites with search need it."""
    from pagefind_bin import get_executable as find  # type: ignore[import-untyped]  # pagefind-bin ships no types

    return find()


def start_pagefind() -> tuple[Any, subprocess.Popen[bytes]]:
    """Start the Pagefind binary as a service: the binary and its process."""
    executable = get_executable()
    if executable is None:
        raise EnvironmentFailure("search: true needs Pagefind's binary (pip install pagefind-bin)")
    try:
        process = subprocess.Popen(
            [str(executable), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except OSError as e:
        raise EnvironmentFailure(f"search: could not run {executable}: {e.strerror or e}") from e
    return executable, process
