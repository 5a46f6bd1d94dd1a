"""Uncertainty and sensitivity analysis of any vectorized model of named parameters.

A *model* is a callable ``f(params) -> outputs`` where ``params[name]`` is a float64
array of shape (n,) (one value per draw) and the outputs have shape (n,), (n, k) or
are a mapping of labels to such arrays. Every analysis takes a model and a
:class:`ParameterSpace` and returns a frozen result with ``.to_frame()``.

- :func:`sample` -- random, Latin hypercube or scrambled Sobol' draws (chunk-exact);
- :func:`monte_carlo` -- propagation with mean, variance, quantiles and fan-chart bands;
- :func:`tornado`, :func:`sweep`, :func:`threshold` -- one-at-a-time, grids, break-even values;
- :func:`sobol` -- first/total Sobol' indices (groups, many outputs, GEMM bootstrap);
- :func:`morris` -- elementary-effect screening;
- :func:`prim` -- scenario discovery.
"""

from __future__ import annotations

from burden.sensitivity._model import DEFAULT_CHUNK_SIZE, Model, ModelOutput, evaluate
from burden.sensitivity._montecarlo import MonteCarloResult, monte_carlo
from burden.sensitivity._morris import MorrisResult, morris
from burden.sensitivity._prim import PrimResult, prim
from burden.sensitivity._sampling import SamplingMethod, sample, sample_unit
from burden.sensitivity._sobol import (
    SobolDesign,
    SobolResult,
    sobol,
    sobol_analyze,
    sobol_design,
)
from burden.sensitivity._space import CorrelationMethod, Distribution, Parameter, ParameterSpace
from burden.sensitivity._sweep import SweepResult, sweep
from burden.sensitivity._threshold import ThresholdResult, threshold
from burden.sensitivity._tornado import TornadoResult, tornado

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
    "sample",
    "sample_unit",
    "sobol",
    "sobol_analyze",
    "sobol_design",
    "sweep",
    "threshold",
    "tornado",
]
