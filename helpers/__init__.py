"""Shared NumPy helpers for the 'neural networks from scratch' notebook series.

Modules, one concern each:

- :mod:`helpers.data`            - artificial data: blobs (notebook 01); moons, circles, XOR (10);
                                   the handwritten digits and their split (13-15)
- :mod:`helpers.features`        - standardising with the training set's statistics (13-15)
- :mod:`helpers.model`           - logistic regression: sigmoid, forward, loss, gradient (02-05)
- :mod:`helpers.training`        - gradient descent for both models, with its history (06, 11-15)
- :mod:`helpers.plotting`        - the figures shared by the notebooks (01, 03, 06, 08)
- :mod:`helpers.graph`           - computational graphs with local derivatives (02, 05)
- :mod:`helpers.probability_map` - the plane shaded by the predicted probability (07, 10-12)
- :mod:`helpers.lines`           - straight lines scored by their mistakes; the exact best (07, 10)
- :mod:`helpers.mlp`             - one hidden layer: init, forward, backward, predict (11-12, 14-15)
- :mod:`helpers.softmax`         - K classes: softmax, cross-entropy, softmax regression (14-15)
- :mod:`helpers.learning_rate`   - the learning-rate numbers: curvature, minimum, regimes (08, 13)
- :mod:`helpers.explorer_panels` - the learning-rate explorer's four panels (08) and their geometry
- :mod:`helpers.explorer`        - the explorer's view (08): a run trained, redrawn fast (blitting)
- :mod:`helpers.network_plots`   - the network's pictures: unit votes, a run (12)
- :mod:`helpers.hidden_space`    - the data as the output unit sees it: the hidden activations (12)
- :mod:`helpers.widgets`         - the sliders (04, 08, 12); the only module that imports ipywidgets

Importing this package has no side effects: no plotting settings, no seeding, no output.
"""

__version__ = "0.1.0"
