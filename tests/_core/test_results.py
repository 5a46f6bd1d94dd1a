"""The shared result base and its one HTML renderer (burden._core.results)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import burden as bd
from burden._core.results import (
    Result,
    Table,
    format_money,
    freeze_arrays,
    money_scale,
    render_html,
    scale_factor,
    short_repr,
)
from burden.errors import InvalidInputError

_EXPONENT = re.compile(r"e\+")


def test_money_is_scaled_with_the_unit_in_the_header() -> None:
    # The three styles of one figure: 8.867e+08, 6.500000e+11, 1,038,900,000,000.
    frame = pd.DataFrame({"a": [8.867e8, 6.5e11], "b": [1.0389e12, 0.0]})
    out = Table(frame, kinds={"a": "money", "b": "money"}, currency="USD").formatted()
    assert list(out.columns) == ["a (USD tn)", "b (USD tn)"]
    assert out["a (USD tn)"].tolist() == ["0.001", "0.650"]
    assert out["b (USD tn)"].tolist() == ["1.039", "0.000"]


def test_groups_keep_small_money_readable() -> None:
    frame = pd.DataFrame({"total": [1.0389e12], "per person": [36_452.6]})
    table = Table(
        frame,
        kinds={"total": "money", "per person": "money"},
        groups={"per person": "per person"},
        currency="KRW",
    )
    out = table.formatted()
    assert out["total (KRW tn)"].tolist() == ["1.039"]
    assert out["per person (KRW)"].tolist() == ["36,453"]


def test_shares_are_percent_and_nan_is_named() -> None:
    # KRW 1,183.3 bn over KRW 52.8401 tn (S4, S53) = 2.239% of the 2021 defence budget.
    frame = pd.DataFrame({"share": [1183.3e9 / 52.8401e12, np.nan]})
    out = Table(frame, kinds={"share": "share"}).formatted()
    assert out["share (%)"].tolist() == ["2.24%", "NaN"]


def test_a_chosen_unit_and_a_bad_one() -> None:
    assert scale_factor("bn", [1.0e12]) == (1e9, "bn")
    with pytest.raises(InvalidInputError, match="unit"):
        scale_factor("billions", [1.0])
    c = bd.compare(bd.agreements.get("SMA-10-HELD"), bd.agreements.get("SMA-11"))
    # 2020: KRW 1,038.9 bn (S1) in the "bn" table.
    assert c.table(unit="bn").loc["2020", "SMA-10-HELD (KRW bn)"] == pytest.approx(1038.9)
    assert c.table().loc["2020", "SMA-10-HELD"] == pytest.approx(1.0389e12)
    with pytest.raises(InvalidInputError, match="unit"):
        c.table(unit="trillions")  # type: ignore[arg-type]


@given(st.floats(min_value=-1e16, max_value=1e16, allow_nan=False))
def test_no_exponent_in_any_money_cell(value: float) -> None:
    frame = pd.DataFrame({"x": [value, value / 7.0]})
    page = render_html("t", [("v", value)], Table(frame, kinds={"x": "money"}, currency="KRW"))
    assert not _EXPONENT.search(page)
    factor, _ = money_scale([value, value / 7.0])
    shown = str(Table(frame, kinds={"x": "money"}).formatted().iloc[0, 0])
    # four significant digits of the largest value survive the scaling
    assert float(shown.replace(",", "")) * factor == pytest.approx(
        value, abs=abs(value) * 1e-3 + 1.0
    )


def test_format_money_and_short_repr() -> None:
    assert format_money(5.9e12, "KRW") == "KRW 5.900 tn"
    assert format_money(8.867e8, "USD") == "USD 886.7 mn"
    long = short_repr("Demo", [("x", "y" * 1000)])
    assert len(long) <= 300
    assert long.endswith("...)")


@dataclass(frozen=True, slots=True, repr=False)
class _Demo(Result):
    values: np.ndarray
    pair: tuple[np.ndarray, np.ndarray]

    _title = "Demo"

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"value": self.values})


@dataclass
class _Holder:
    data: np.ndarray


def test_the_base_freezes_arrays_and_renders() -> None:
    demo = _Demo(np.array([1.0, 2.0]), (np.zeros(2), np.ones(2)))
    assert not demo.values.flags.writeable
    assert not demo.pair[1].flags.writeable
    assert repr(demo) == "_Demo()"
    assert "<table" in demo._repr_html_()
    holder = _Holder(np.zeros(3))
    assert holder.data.flags.writeable
    freeze_arrays(holder)
    assert not holder.data.flags.writeable


def test_sobol_repr_is_short() -> None:
    # issue 14: the repr of a Sobol' result was about 20,000 characters.
    space = bd.ParameterSpace([bd.Parameter("a", (0.0, 1.0)), bd.Parameter("b", (0.0, 1.0))])
    res = bd.sobol(lambda p: p["a"] + 2 * p["b"], space, n=64, n_resamples=10, rng=0)
    assert len(repr(res)) < 300
    assert "largest ST on" in repr(res)
