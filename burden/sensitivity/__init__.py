"""Uncertainty and sensitivity analysis of any vectorized model of named parameters.

A *model* is a callable ``f(params) -> outputs`` where ``params[name]`` is a float64
array of shape (n,) (one value per draw) and the outputs have shape (n,), (n, k) or
are a mapping of labels to such arrays. Every analysis takes a model and a
:class:`ParameterSpace` and returns a frozen result with ``.to_frame()``.

- :func:`sample` -- random, Latin hypercube or scrambled Sobol' draws (chunk-exact);
- :func:`monte_carlo` -- propagation in chunks (1e8 draws in bounded memory), with
  mean, variance and ``.quantiles(q)`` (fan-chart data);
- :func:`tornado`, :func:`sweep`, :func:`threshold` -- one-at-a-time, grids, break-even values;
- :func:`sobol` -- first/total Sobol' indices (groups, many outputs; Student-t intervals
  over independent randomisations of the design, or a row bootstrap of a random one);
- :func:`morris` -- elementary-effect screening;
- :func:`prim` -- scenario discovery.

Every analysis first calls :func:`probe`: the model runs once at the nominal point and
a wrong output shape, non-finite values or (for the adapters of :mod:`burden.uncertainty.models`)
an unknown parameter name fail before any long work starts. Results have
``.to_frame()``, ``_repr_html_`` and, with matplotlib installed, ``.plot()``.

Examples
--------
>>> import numpy as np
>>> import burden.sensitivity as bs
>>> space = bs.ParameterSpace([bs.Parameter("a", (0.0, 1.0)), bs.Parameter("b", (0.0, 2.0))])
>>> res = bs.sobol(lambda p: p["a"] + p["b"], space, n=2**12, n_resamples=0, rng=0)
>>> res.first_order.round(2)      # Var(a) : Var(b) = 1/12 : 4/12
array([0.2, 0.8])
"""

from __future__ import annotations

from burden.sensitivity._morris import MorrisResult, morris
from burden.sensitivity._prim import PrimResult, prim
from burden.sensitivity._sobol import (
    SobolDesign,
    SobolResult,
    sobol,
    sobol_analyze,
    sobol_design,
)
from burden.sensitivity._sweep import SweepResult, sweep
from burden.sensitivity._threshold import ThresholdResult, threshold
from burden.sensitivity._tornado import TornadoResult, tornado
from burden.uncertainty import (
    DEFAULT_CHUNK_SIZE,
    CorrelationMethod,
    Distribution,
    Model,
    ModelOutput,
    MonteCarloResult,
    Parameter,
    ParameterSpace,
    SamplingMethod,
    evaluate,
    monte_carlo,
    probe,
    sample,
    sample_unit,
)

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "CorrelationMethod",
    "Distribution",
    "Model",
    "ModelOutput",
    "MonteCarloResult",
    "MorrisResult",
    "Parameter",
    "ParameterSpace",
    "PrimResult",
    "SamplingMethod",
    "SobolDesign",
    "SobolResult",
    "SweepResult",
    "ThresholdResult",
    "TornadoResult",
    "evaluate",
    "monte_carlo",
    "morris",
    "prim",
    "probe",
    "sample",
    "sample_unit",
    "sobol",
    "sobol_analyze",
    "sobol_design",
    "sweep",
    "threshold",
    "tornado",
]
