"""The blocking facade's helpers: the same classes as `_helpers`, typed by `_sync_helpers.pyi`."""

from ._helpers import ContainersHelpers, ExecHelpers, Group, ImagesHelpers

__all__ = ["ContainersHelpers", "ExecHelpers", "Group", "ImagesHelpers"]
