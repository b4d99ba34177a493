"""The spreadsheet commands: import, template, export."""

from __future__ import annotations

from khoan._cli.base import Command

COMMANDS: tuple[Command, ...] = ()
