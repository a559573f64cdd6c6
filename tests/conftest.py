"""Shared test settings: figures are drawn off-screen with the Agg backend."""

import matplotlib

matplotlib.use("Agg")
