"""Compare two contribution scenarios year by year, with burden indicators.

:func:`compare` puts a baseline and an alternative (agreements or amounts) on the same
years, currency and price basis, and returns a :class:`Comparison` with per-year and
cumulative amounts, their difference and ratio, and for each scenario three burden
indicators: the share of its host's defence budget, the share of its host's GDP, and
the amount per US service member stationed in that host. Each scenario's indicators
come from *its own* host (``Agreement(host=...)``, ``Amounts(host=...)``); a scenario
without a host has none (NaN, with the reason in ``Indicators.notes``), never another
host's.

Constant prices default to the result currency's own price index (constant 2019 USD
deflates with US CPI-U); ``deflate_with="host"`` gives the host perspective (host CPI,
converted at the base year's rate). Years that use a stated projection are flagged
(``Comparison.projected``, the ``projected`` column of :meth:`Comparison.to_frame`) and
named in :attr:`Comparison.assumptions`.

Examples
--------
>>> import burden as bd
>>> c = bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("US-DEMAND-2019"))
>>> c.years.tolist()
[2020, 2021, 2022, 2023, 2024, 2025]
>>> round(float(c.ratio[0]), 2)    # 2020: USD 5 bn at 1,180.56 KRW/USD over KRW 1.0389 tn
5.68
"""

from __future__ import annotations

from burden.compare._compare import compare
from burden.compare._comparison import Comparison
from burden.compare._indicators import HOST_CURRENCY as HOST_CURRENCY
from burden.compare._indicators import Indicators, korea_context_series
from burden.compare._projected import projected_years

__all__ = ["Comparison", "Indicators", "compare", "korea_context_series", "projected_years"]
