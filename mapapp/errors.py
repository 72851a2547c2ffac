"""Every error mapapp raises on purpose, in one tree.

    Exception
    └── MapappError                       anything mapapp raises on purpose: ``except MapappError``
        ├── InputError                    what the user gave cannot be used; the message says why
        │   ├── LimitError (ValueError)       a size limit that is not a number of megabytes
        │   ├── DecodeError (ValueError)      a file's bytes are not usable text
        │   ├── FormatError (ValueError)      a file is unusable as its format (bad JSON, no text column)
        │   ├── LayerError (ValueError)       a user layer that cannot be used, naming the line at fault
        │   ├── OutputError (ValueError)      an output that cannot be written (bad extension, unwritable)
        │   └── SnapshotError (ValueError)    a snapshot request that cannot be met (size, bbox, format)
        ├── DataError                     mapapp's own shipped data is broken: a bug to report
        │   └── RegionError (ValueError)      a world-regions.geojson feature lacks what the layer needs
        └── SetupError                    the machine lacks an installed part; `mapapp setup` or apt mends it
            ├── NpmError (RuntimeError)       npm could not install the pinned web packages
            ├── MissingAssets (RuntimeError)  the npm packages the offline map needs are not installed
            └── BrowserUnavailable (RuntimeError)  no usable Chromium for PNG snapshots

Each keeps the builtin base it had before the tree (in brackets), so an
``except ValueError`` or ``except RuntimeError`` written against it still
catches it. The modules that raise them re-export them under their old names
(``mapapp.corpus.FormatError``, ``mapapp.io.OutputError``...).
"""
from __future__ import annotations


class MapappError(Exception):
    """Anything mapapp raises on purpose; ``str(err)`` is a message for the user."""


class InputError(MapappError):
    """What the user gave (a file, a flag, a request) cannot be used."""


class DataError(MapappError):
    """Data mapapp ships is broken (a bug to report, not the user's doing)."""


class SetupError(MapappError):
    """A part the install provides is missing or cannot start."""


class LimitError(InputError, ValueError):
    """A size limit that is not a number of megabytes; ``str(err)`` says which and why."""


class DecodeError(InputError, ValueError):
    """The bytes are not usable text; ``str(err)`` is the reason shown to the user."""


class FormatError(InputError, ValueError):
    """The whole file is unusable; ``str(err)`` is the reason shown to the user."""


class LayerError(InputError, ValueError):
    """A user layer that cannot be used, naming the line or feature at fault."""


class OutputError(InputError, ValueError):
    """An output the user asked for that cannot be written (bad extension, unwritable place)."""


class SnapshotError(InputError, ValueError):
    """A snapshot request that cannot be met (bad size, bbox, format); the message is for the user."""


class RegionError(DataError, ValueError):
    """A feature of world-regions.geojson is missing what the world layer needs."""


class NpmError(SetupError, RuntimeError):
    """npm could not install the pinned packages (no registry access at setup, say)."""


class MissingAssets(SetupError, RuntimeError):
    """The npm packages the offline map needs are not installed."""


class BrowserUnavailable(SetupError, RuntimeError):
    """No usable Chromium (not installed, or Playwright cannot start it)."""
