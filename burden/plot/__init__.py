"""Figures for burden's results (needs the optional ``plot`` extra: matplotlib).

Every function draws on the matplotlib ``Axes`` it is given (or on a new figure when
``ax`` is None) and returns that ``Axes``, so figures compose with the rest of a
notebook. Axes carry their units and currency, colours come from the Okabe-Ito
palette (distinguishable with the common colour-vision deficiencies), and every
figure has a title you can replace with ``ax.set_title``.

The figures come in four families, one module each: paths and comparisons
(:mod:`burden.plot.paths`), uncertainty and sensitivity (:mod:`burden.plot.uncertainty`),
allocations and cost splits (:mod:`burden.plot.allocation`) and bargaining
(:mod:`burden.plot.bargaining`). They take arrays and labels, with every option
keyword-only, and import nothing from the analyses, so the result objects' ``.plot()``
methods can call them without an import circle. :func:`plot_paths` and
:func:`plot_comparison` read the attributes of an :class:`~burden.money.Amounts` or a
:class:`~burden.compare.Comparison` (structurally, without importing those modules).
Money axes are scaled to tn, bn or mn with the currency and scale in the label.

matplotlib is imported only when a function runs: ``import burden`` never needs it.
Without it, every function raises :class:`~burden.errors.OptionalDependencyError` naming the extra
to install.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import burden as bd
>>> from burden.plot import plot_paths
>>> ax = plot_paths([bd.agreements.get("SMA-11").path()])
>>> ax.get_ylabel()
'KRW tn (nominal)'
"""

from burden.plot._common import OKABE_ITO, money_scale
from burden.plot.allocation import plot_allocation, plot_split
from burden.plot.bargaining import plot_bargaining, plot_zopa
from burden.plot.paths import plot_comparison, plot_paths
from burden.plot.uncertainty import (
    plot_distribution,
    plot_fan,
    plot_indices,
    plot_morris,
    plot_sweep,
    plot_tornado,
    plot_tradeoff,
)

__all__ = [
    "OKABE_ITO",
    "money_scale",
    "plot_allocation",
    "plot_bargaining",
    "plot_comparison",
    "plot_distribution",
    "plot_fan",
    "plot_indices",
    "plot_morris",
    "plot_paths",
    "plot_split",
    "plot_sweep",
    "plot_tornado",
    "plot_tradeoff",
    "plot_zopa",
]
