"""Shared NumPy helpers for the 'neural networks from scratch' notebook series.

Modules, one concern each:

- :mod:`helpers.data`     - artificial data sets (notebook 01)
- :mod:`helpers.model`    - logistic regression: forward, loss, gradient, training (02-07)
- :mod:`helpers.plotting` - the figures shared by the notebooks (01, 03, 06)

Importing this package has no side effects: no plotting settings, no seeding, no output.
"""

__version__ = "0.1.0"
