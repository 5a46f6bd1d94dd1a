"""Uncertain inputs and their propagation through a vectorized model.

A *model* is a callable ``f(params) -> outputs`` where ``params[name]`` is a float64
array of shape (n,) (one value per draw) and the outputs have shape (n,), (n, k) or
are a mapping of labels to such arrays.

- :class:`Parameter`, :class:`ParameterSpace` -- uncertain inputs (bounds or scipy
  distributions, groups, rank or Gaussian-copula correlation);
- :func:`sample` -- random, Latin hypercube or scrambled Sobol' draws (chunk-exact);
- :func:`evaluate`, :func:`probe` -- a model over draws in fixed chunks, and the one-call
  check that runs before any long work;
- :func:`monte_carlo` -- propagation in chunks with mean, variance and ``.quantiles(q)``;
- :mod:`burden.uncertainty.models` -- agreements, comparisons and cost splits as models
  (also ``bd.models``).

Sensitivity analyses of such models live in :mod:`burden.sensitivity`, which also
re-exports every name here.
"""

from __future__ import annotations

from burden.uncertainty import models
from burden.uncertainty._evaluate import DEFAULT_CHUNK_SIZE, Model, ModelOutput, evaluate, probe
from burden.uncertainty._montecarlo import MonteCarloResult, monte_carlo
from burden.uncertainty._sampling import SamplingMethod, sample, sample_unit
from burden.uncertainty._space import CorrelationMethod, Distribution, Parameter, ParameterSpace

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "CorrelationMethod",
    "Distribution",
    "Model",
    "ModelOutput",
    "MonteCarloResult",
    "Parameter",
    "ParameterSpace",
    "SamplingMethod",
    "evaluate",
    "models",
    "monte_carlo",
    "probe",
    "sample",
    "sample_unit",
]
