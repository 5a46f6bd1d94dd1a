"""Shared test configuration: a deterministic, CI-sized hypothesis profile."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

# deadline=None: the machines are shared and noisy; speed lives in benchmarks/, not tests.
settings.register_profile(
    "burden",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("burden")
