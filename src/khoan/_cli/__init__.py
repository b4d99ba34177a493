"""The ``khoan`` command's machinery and commands (published by :mod:`khoan.cli`)."""
