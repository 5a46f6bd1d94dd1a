"""Built-in agreements reproduce the published SMA record from their rules."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import burden as bd


def _in_100m(name: str) -> dict[int, float]:
    amounts = bd.agreements.get(name).amounts() / 1e8
    pairs = zip(amounts.index.to_numpy(), amounts.to_numpy(), strict=True)
    return {int(year): float(value) for year, value in pairs}


def test_sma11_reproduces_the_published_amounts_exactly() -> None:
    # Published: 2021 KRW 1,183.3 bn (S4, S10), 2022 KRW 1,247.2 bn (S4, S24),
    # 2025 KRW 1,402.8 bn (S6); 2023 and 2024 follow from the rule (domain-facts 1.3).
    amounts = bd.agreements.get("SMA-11").amounts()
    assert amounts.loc[2020] == 1_038_900_000_000
    assert amounts.loc[2021] == 1_183_300_000_000
    assert amounts.loc[2022] == 1_247_200_000_000
    assert amounts.loc[2023] == 1_289_600_000_000
    assert amounts.loc[2024] == 1_346_300_000_000
    assert amounts.loc[2025] == 1_402_800_000_000


def test_sma11_needs_rounding_every_year() -> None:
    # Without rounding each year the chain gives 14,028.9 -> 14,029 for 2025, not the
    # published 14,028 (domain-facts 1.3): the rounding convention is what makes it exact.
    sma11 = bd.agreements.get("SMA-11")
    unrounded = bd.Agreement(
        name="SMA-11 unrounded",
        base_year=2020,
        base_amount=sma11.base_amount,
        currency="KRW",
        end_year=2025,
        escalation=sma11.escalation,
    )
    assert round(unrounded.amounts().loc[2025] / 1e8) == 14029


@pytest.mark.parametrize(
    ("name", "published"),
    [
        # domain-facts 1.4: every amount reproduced by CPI of Y-2 capped at 4% (S2, S15, S14, S23).
        ("SMA-8", {2009: 7600, 2010: 7904, 2011: 8125, 2012: 8361, 2013: 8695}),
        ("SMA-9", {2014: 9200, 2015: 9320, 2016: 9441, 2017: 9507, 2018: 9602}),
        ("SMA-6", {2005: 6804, 2006: 6804}),  # flat (S2, S17)
        ("SMA-10", {2019: 10389}),  # S1
    ],
)
def test_cpi_era_agreements_reproduce_the_record(name: str, published: dict[int, int]) -> None:
    assert _in_100m(name) == published


def test_sma8_cap_binds_in_2010() -> None:
    # 2008 CPI 4.7% is capped at 4%: 7,600 x 1.04 = 7,904 (domain-facts 1.4).
    rule = bd.agreements.get("SMA-8").rule_for(2010)
    assert isinstance(rule, bd.Indexed)
    assert rule.rates_for([2010]).tolist() == [0.04]


def test_built_ins_match_the_history_dataset() -> None:
    hist = bd.datasets.sma_history().set_index("year")["amount"]
    for name in ("SMA-6", "SMA-8", "SMA-9", "SMA-10", "SMA-11"):
        amounts = bd.agreements.get(name).amounts()
        pd.testing.assert_series_equal(
            amounts, hist.loc[amounts.index], check_names=False, check_index_type=False
        )


def test_sma12_first_years_and_projection() -> None:
    # 2026 = KRW 1.5192 tn (S6); 2027 = 2026 x (1 + 2025 CPI 2.1%) = 15,511.0 (S25), under the 5% cap.
    sma12 = bd.agreements.get("SMA-12")
    with pytest.raises(bd.MissingDataError, match="with_projection"):
        sma12.amounts()
    projected = sma12.with_projection(0.02).amounts() / 1e8
    assert projected.loc[2026] == 15192
    assert projected.loc[2027] == 15511
    assert projected.loc[2028] == round(15511 * 1.02)  # the stated assumption applies
    capped = sma12.with_projection(0.09).amounts() / 1e8
    assert capped.loc[2028] == round(15511 * 1.05)  # 5% cap (S6, S7)


def test_positions_2019_2020() -> None:
    # US demand USD 5 bn (S31); Korea's +13% offer: 10,389 x 1.13 = 11,739.6 -> 11,740 (S37);
    # US counter USD 1.3 bn (S39).
    assert bd.agreements.get("US-DEMAND-2019").amounts().loc[2020] == 5e9
    assert _in_100m("ROK-OFFER-2020")[2020] == 11740
    assert bd.agreements.get("US-COUNTER-2020").amounts().loc[2020] == 1.3e9


def test_names_contract() -> None:
    required = {
        "SMA-8",
        "SMA-9",
        "SMA-10",
        "SMA-11",
        "SMA-12",
        "US-DEMAND-2019",
        "ROK-OFFER-2020",
        "US-COUNTER-2020",
    }
    assert required <= set(bd.agreements.names())
    with pytest.raises(LookupError, match="agreement"):
        bd.agreements.get("SMA-13")


def test_draws_give_a_draw_year_series() -> None:
    flat = bd.Agreement(
        name="d",
        base_year=2020,
        base_amount=[1.0, 2.0],
        currency="USD",
        end_year=2021,
        escalation=bd.Fixed(0.5),
    )
    amounts = flat.amounts()
    assert amounts.index.names == ["draw", "year"]
    assert amounts.tolist() == [1.0, 1.5, 2.0, 3.0]


def test_results_and_inputs_are_read_only() -> None:
    base = np.array([1.0, 2.0])
    a = bd.Agreement(
        name="d",
        base_year=2020,
        base_amount=base,
        currency="USD",
        end_year=2021,
        escalation=bd.Freeze(),
    )
    base[0] = 99.0  # the agreement copied its input
    assert a.path().values[0, 0] == 1.0
    with pytest.raises(ValueError, match="read-only"):
        a.path().values[0, 0] = 5.0


_GOOD: dict[str, object] = {
    "name": "x",
    "base_year": 2020,
    "base_amount": 1e9,
    "currency": "KRW",
    "end_year": 2025,
    "escalation": bd.Freeze(),
}
_CPI = pd.Series({2018: 0.015, 2019: 0.004, 2020: 0.005})


@pytest.mark.parametrize(
    ("change", "error", "field"),
    [
        ({"base_amount": -1.0}, bd.InvalidInputError, "Agreement.base_amount"),
        ({"base_amount": float("nan")}, bd.InvalidInputError, "Agreement.base_amount"),
        ({"currency": "XYZ"}, bd.MissingDataError, "Agreement.currency"),
        ({"end_year": 2019}, bd.InvalidInputError, "Agreement.end_year"),
        ({"base_year": 2020.5}, bd.InvalidInputError, "Agreement.base_year"),
        ({"rounding": 0.0}, bd.InvalidInputError, "Agreement.rounding"),
        (
            {"escalation": {2022: bd.Freeze(), 2021: bd.Freeze()}},
            bd.InvalidInputError,
            "Agreement.escalation",
        ),
        ({"escalation": {2023: bd.Freeze()}}, bd.InvalidInputError, "Agreement.escalation"),
        (
            {"escalation": {2021: bd.Freeze(), 2030: bd.Freeze()}},
            bd.InvalidInputError,
            r"Agreement.escalation\[2030\]",
        ),
        ({"escalation": 0.05}, bd.InvalidInputError, "Agreement.escalation"),
        # A lag that reaches before the first year of the index.
        ({"escalation": bd.Indexed(_CPI, lag=4)}, bd.MissingDataError, r"escalation\[2021\].lag"),
        ({"escalation": {2021: bd.Schedule({2021: 1.0})}}, bd.MissingDataError, "amounts_by_year"),
        (
            {"base_amount": [1.0, 2.0], "escalation": bd.Fixed([0.1, 0.2, 0.3])},
            bd.InvalidInputError,
            "Agreement",
        ),
    ],
)
def test_bad_agreements_raise_before_any_work(
    change: dict[str, object], error: type[Exception], field: str
) -> None:
    with pytest.raises(error, match=field):
        bd.Agreement(**{**_GOOD, **change})  # type: ignore[arg-type]


def test_missing_future_index_raises_when_computing() -> None:
    a = bd.Agreement(**{**_GOOD, "escalation": bd.Indexed(_CPI, lag=1)})  # type: ignore[arg-type]
    with pytest.raises(bd.MissingDataError, match="2021"):
        a.amounts()


def test_a_one_year_last_phase_is_checked_when_the_agreement_is_made() -> None:
    # The phase 2020..2020 needs index year 2020, before the index starts (2021): the
    # agreement must refuse it when built, not when a path is first computed.
    index = pd.Series({2021: 0.02, 2022: 0.03})
    with pytest.raises(bd.MissingDataError, match=r"escalation\[2020\].*index year 2020"):
        bd.Agreement(
            name="t",
            base_year=2019,
            base_amount=1e12,
            currency="KRW",
            end_year=2020,
            escalation=bd.Indexed(index),
        )


# -- regressions found in code review (each failed before its fix) --


def test_one_year_agreements_take_projections_and_models() -> None:
    sma10 = bd.agreements.get("SMA-10")
    assert sma10.with_projection(0.02).amounts().tolist() == [1.0389e12]  # S1
    out = bd.models.agreement_model(sma10)({})
    assert out["2019"][0] == 1.0389e12


def test_freeze_keeps_the_amount_even_with_rounding() -> None:
    a = bd.Agreement(
        name="f",
        base_year=2020,
        base_amount=1.03889e12,
        currency="KRW",
        end_year=2022,
        escalation=bd.Freeze(),
        rounding=1e8,
    )
    assert a.amounts().tolist() == [1.03889e12] * 3


def test_repr_shows_only_phases_within_the_years() -> None:
    # user finding: SMA-10 (2019 only) showed its 2020 freeze, a phase after its end year.
    assert repr(bd.agreements.get("SMA-10")) == "Agreement(SMA-10: KRW 2019..2019, host KOR)"
    assert "2021: Fixed" in repr(bd.agreements.get("SMA-11"))
