"""``python -m khoan`` runs the ``khoan`` command."""

from khoan.cli import main

raise SystemExit(main())
