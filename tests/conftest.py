"""Hypothesis profiles: ``default`` quick, ``ci``/``property`` longer, ``large`` on demand.

Choose with the ``HYPOTHESIS_PROFILE`` environment variable, e.g.
``HYPOTHESIS_PROFILE=property pytest tests/test_properties.py``.
"""

from __future__ import annotations

import os

from hypothesis import settings

# No deadline: the dossier strategies build whole documents, and how long one
# example takes depends on the machine more than on khoan.
settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile("ci", max_examples=500, deadline=None)
settings.register_profile("property", parent=settings.get_profile("ci"))
# On demand only (minutes to hours): HYPOTHESIS_PROFILE=large python -m pytest -m property
settings.register_profile("large", max_examples=10_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
