"""TOML scenario files: the example runs; bad input gives exact, located messages."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import burden as bd
from burden.cli import main
from burden.io import scenario_file
from burden.io.scenario_file import ScenarioFileError, ScenarioNameError, loads

EXAMPLE = Path(__file__).parents[2] / "examples" / "scenario.toml"

US = """
[agreements.us_demand]
base_year = 2020
base_amount = 5e9
currency = "USD"
end_year = 2025
escalation = { rule = "freeze" }
"""


def test_example_file_runs(tmp_path: Path) -> None:
    scenario = scenario_file.load(EXAMPLE)
    assert set(scenario.agreements) == {"us_demand", "sma11", "cpi_capped"}
    written, _ = scenario_file.run(scenario, tmp_path)
    names = {p.name for p in written}
    assert "agreements.csv" in names
    assert len([n for n in names if n.startswith("compare_") and n.endswith(".csv")]) == 3
    assert len([n for n in names if n.startswith("paths_") and n.endswith(".csv")]) == 2
    frame = pd.read_csv(tmp_path / "agreements.csv")
    sma11 = frame[frame["agreement"] == "sma11"].set_index("year")["value"]
    assert sma11[2025] == pytest.approx(1402.8e9)  # S6
    capped = frame[frame["agreement"] == "cpi_capped"].set_index("year")["value"]
    # 2021: 1,038.9 bn x (1 + 2019 CPI 0.4%) = 1,043.06 -> KRW 100 m steps: 1,043.1 bn.
    assert capped[2021] == pytest.approx(1043.1e9)
    # 2028 uses CPI 2026, the stated projection (2%): below the 4% cap.
    assert capped[2028] == pytest.approx(round(capped[2027] * 1.02 / 1e8) * 1e8)
    cmp = pd.read_csv(tmp_path / "compare_sma11_vs_us_demand_usd2019.csv")
    ratio = cmp[(cmp["measure"] == "ratio") & (cmp["year"] == 2020)]["value"]
    assert float(ratio.iloc[0]) == pytest.approx(5.682, abs=1e-3)
    # KRW nominal paths use no rate or CPI assumption: flagged as in agreements.csv.
    paths = pd.read_csv(tmp_path / "paths_all_krw_nominal.csv")
    flags = paths[paths["label"] == "CPI-indexed, 4% cap"].set_index("year")["projected"]
    listed = frame[frame["agreement"] == "cpi_capped"].set_index("year")["projected"]
    assert flags.to_dict() == listed.to_dict()
    assert not flags[2027]
    assert flags[2028]
    if importlib.util.find_spec("matplotlib") is not None:
        assert len([n for n in names if n.endswith(".png")]) == 5
        assert (tmp_path / "paths_all_krw_nominal.png").read_bytes()[:4] == b"\x89PNG"


def test_phases_reproduce_the_11th_sma() -> None:
    text = """
    [agreements.sma11]
    base_year = 2020
    base_amount = 1.0389e12
    currency = "KRW"
    end_year = 2025
    rounding = 1e8
    [[agreements.sma11.escalation]]
    rule = "fixed"
    rate = 0.139
    [[agreements.sma11.escalation]]
    from = 2022
    rule = "indexed"
    index = "defense_budget_growth"
    lag = 1
    rate_rounding = 3
    """
    mine = loads(text).agreements["sma11"].amounts().to_numpy()
    np.testing.assert_array_equal(mine, bd.agreements.get("SMA-11").amounts().to_numpy())


def test_schedule_and_builtin_projection() -> None:
    text = """
    [agreements.s]
    base_year = 2020
    base_amount = 1e12
    currency = "KRW"
    end_year = 2022
    escalation = { rule = "schedule", amounts = { "2021" = 1.1e12, "2022" = 1.3e12 } }
    [agreements.twelve]
    builtin = "SMA-12"
    projection = 0.02
    """
    scenario = loads(text)
    assert scenario.agreements["s"].amounts().tolist() == [1e12, 1.1e12, 1.3e12]
    assert int(scenario.agreements["twelve"].amounts().loc[2027] / 1e8) == 15511


BAD = [
    (
        US.replace("5e9", '"five"'),
        'agreements.us_demand.base_amount: expected a positive number, got "five"',
        ScenarioFileError,
    ),
    (
        US.replace("5e9", "\"__import__('os').system('echo hacked')\""),
        (
            "agreements.us_demand.base_amount: expected a positive number, "
            "got \"__import__('os').system('echo hacked')\""
        ),
        ScenarioFileError,
    ),
    (
        US.replace("5e9", "-5e9"),
        "agreements.us_demand.base_amount: expected a positive number, got -5000000000.0",
        ScenarioFileError,
    ),
    (
        US.replace("base_year = 2020", 'base_year = "2020"'),
        'agreements.us_demand.base_year: expected a year as an integer, e.g. 2019, got "2020"',
        ScenarioFileError,
    ),
    (
        US.replace("base_amount", "base_amout"),
        'agreements.us_demand.base_amout: unknown key; did you mean "base_amount"?',
        ScenarioFileError,
    ),
    (
        US.replace('"freeze"', '"freez"'),
        (
            "agreements.us_demand.escalation.rule: expected one of fixed, freeze, indexed, "
            'schedule, got "freez"; did you mean "freeze"?'
        ),
        ScenarioFileError,
    ),
    (
        US.replace('"USD"', '"WON"'),
        (
            "agreements.us_demand.currency: expected a currency code, one of KRW, USD, JPY, EUR, "
            'GBP, got "WON"'
        ),
        ScenarioFileError,
    ),
    (
        US.replace("end_year = 2025", "end_year = 2010"),
        "agreements.us_demand.end_year: expected a year >= base_year (2020), got 2010",
        ScenarioFileError,
    ),
    (
        US.replace('{ rule = "freeze" }', '{ rule = "indexed", index = "cpl" }'),
        (
            "agreements.us_demand.escalation.index: expected a built-in index, one of cpi, "
            'defense_budget_growth, got "cpl"; did you mean "cpi"?'
        ),
        ScenarioNameError,
    ),
    (
        '[agreements.x]\nbuiltin = "SMA-13"\n',
        "agreements.x.builtin: expected a built-in agreement, one of "
        + ", ".join(bd.agreements.names())
        + ', got "SMA-13"; did you mean "SMA-12"?',
        ScenarioNameError,
    ),
    (
        US + '[[compare]]\nbaseline = "SMA-11"\nalternative = "us_demnd"\n',
        (
            "compare[0].alternative: expected an agreement key of this file or a built-in name, "
            'got "us_demnd"; did you mean "us_demand"?'
        ),
        ScenarioNameError,
    ),
    (
        US.replace("[agreements.us_demand]", "[agreement.us_demand]"),
        'agreement: unknown key; did you mean "agreements"?',
        ScenarioFileError,
    ),
    (
        US.replace("end_year = 2025\n", ""),
        "agreements.us_demand.end_year: missing; expected a year",
        ScenarioFileError,
    ),
    (
        US + '[[compare]]\nbaseline = "SMA-11"\nalternative = "us_demand"\nyears = [2025, 2020]\n',
        "compare[0].years: expected [first, last] with last >= first, got [2025, 2020]",
        ScenarioFileError,
    ),
]


@pytest.mark.parametrize(("text", "message", "kind"), BAD)
def test_bad_input_gives_the_exact_message(text: str, message: str, kind: type[Exception]) -> None:
    with pytest.raises(kind) as info:
        loads(text)
    assert str(info.value) == message
    assert isinstance(info.value, bd.BurdenError)
    assert isinstance(info.value, ValueError)


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    file = tmp_path / "broken.toml"
    file.write_text('title = "x"\n\n[agreements.a]\nbase_year = \n', encoding="utf-8")
    with pytest.raises(ScenarioFileError) as info:
        scenario_file.load(file)
    assert re.fullmatch(
        rf"{re.escape(str(file))}: invalid TOML at line 4, column \d+: .+", str(info.value)
    )


@pytest.mark.parametrize(("text", "message", "_kind"), BAD[:3] + BAD[9:11])
def test_cli_bad_file_exits_2_and_writes_nothing(
    text: str,
    message: str,
    _kind: type[Exception],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    file = tmp_path / "bad.toml"
    file.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(file), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().splitlines() == [f"burden: error: {message}"]
    assert not out.exists()


def test_missing_data_at_run_time_writes_nothing(tmp_path: Path) -> None:
    # The demand runs to 2030 but no KRW/USD rate is published after 2025 and the
    # file states no projection: the comparison cannot be made.
    text = (
        US.replace("2025", "2030")
        + """
    [agreements.c]
    base_year = 2020
    base_amount = 1e12
    currency = "KRW"
    end_year = 2030
    escalation = { rule = "freeze" }
    [[compare]]
    baseline = "us_demand"
    alternative = "c"
    """
    )
    scenario = loads(text)
    out = tmp_path / "out"
    with pytest.raises(bd.BurdenError, match=r"^compare\[0\]: .*2026"):
        scenario_file.run(scenario, out)
    assert not out.exists()


def test_money_projection_fills_later_years() -> None:
    text = US.replace("2025", "2030") + "[money]\nkrw_per_usd_projection = 1400.0\n"
    scenario = loads(text)
    assert scenario.context is not None
    assert float(scenario.context.rate("KRW", [2030])[0]) == 1400.0
    assert float(scenario.context.rate("KRW", [2019])[0]) == 1165.8016  # data, untouched


def test_unreadable_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    with pytest.raises(ScenarioFileError, match=r"nope\.toml: cannot read the file"):
        scenario_file.load(missing)


def test_money_cpi_projection_feeds_cpi_indexed_rules() -> None:
    # One CPI assumption for deflation and for CPI-indexed rules that state none.
    text = """
[money]
cpi_projection = 0.02
[agreements.cpi]
base_year = 2026
base_amount = 1.5192e12
currency = "KRW"
end_year = 2029
escalation = { rule = "indexed", index = "cpi", lag = 2, cap = 0.05 }
rounding = 1e8
"""
    scenario = scenario_file.loads(text)
    amounts = scenario.agreements["cpi"].amounts() / 1e8
    # 2027: 15,192 x 1.021 (2025 CPI, S25) = 15,511; 2028 and 2029 use the stated 2%.
    assert amounts.tolist() == [
        15192.0,
        15511.0,
        round(15511 * 1.02),
        round(round(15511 * 1.02) * 1.02),
    ]


def test_missing_exchange_rate_points_to_the_money_table(tmp_path: Path) -> None:
    text = """
[agreements.demand]
base_year = 2025
base_amount = 5e9
currency = "USD"
end_year = 2027
escalation = { rule = "freeze" }
[[paths]]
agreements = ["demand"]
currency = "KRW"
"""
    scenario = scenario_file.loads(text)
    with pytest.raises(bd.BurdenError, match=r"\[money\]: krw_per_usd_projection = 1400"):
        scenario_file.run(scenario, tmp_path / "out")
    assert not (tmp_path / "out").exists()


# --- Issue 10: stated projections, hosts, perspectives and present value in files ------

SMA12_USD = """
[money]
per_usd = { KRW = 1400.0 }
inflation = { USD = 0.025 }

[agreements.sma12]
builtin = "SMA-12"
projection = 0.02

[[compare]]
baseline = "US-ASK-2025"
alternative = "sma12"
currency = "USD"
price_basis = 2019
discount_rate = 0.03
discount_year = 2026
name = "ask_vs_sma12"
"""


def test_sma12_in_usd_with_stated_projections_from_a_file(tmp_path: Path) -> None:
    scenario = loads(SMA12_USD)
    written, _ = scenario_file.run(scenario, tmp_path / "out", figures=False)
    frame = pd.read_csv(tmp_path / "out" / "compare_ask_vs_sma12.csv")
    assert frame["projected"].all()
    amount = frame.query("scenario == 'SMA-12' and measure == 'amount' and year == 2026")
    # KRW 1,519.2 bn (S6) at the stated 1,400 KRW/USD, deflated with US CPI-U 2019 = 255.657
    # and 2026 = 321.943 x 1.025 (domain-facts 13.1, S92, S93).
    expected = 1519.2e9 / 1400.0 * 255.657 / (321.943 * 1.025)
    assert amount["value"].item() == pytest.approx(expected, rel=1e-12)
    assert (frame["measure"] == "present_value").sum() == 3
    assert "compare_ask_vs_sma12.csv" in [p.name for p in written]


def test_old_money_keys_keep_working_and_are_checked() -> None:
    ctx = loads(US + "[money]\nkrw_per_usd_projection = 1400.0\ncpi_projection = 0.02\n").context
    assert ctx is not None
    assert [a.series for a in ctx.assumptions] == ["per_usd", "inflation"]
    with pytest.raises(ScenarioFileError, match=r"^money\.krw_per_usd_projection: .*USD per KRW"):
        loads(US + "[money]\nkrw_per_usd_projection = 0.0007\n")
    with pytest.raises(ScenarioFileError, match=r"^money\.cpi_projection: .*did you mean 0\.02"):
        loads(US + "[money]\ncpi_projection = 2\n")
    with pytest.raises(ScenarioFileError, match="not both"):
        loads(US + "[money]\nkrw_per_usd_projection = 1400.0\nper_usd = { KRW = 1400.0 }\n")


def test_money_tables_by_year_and_host_series() -> None:
    text = US + '[money]\nper_usd = { JPY = { "2022" = 131.5 } }\ntroops = { KOR = 28500 }\n'
    ctx = loads(text).context
    assert ctx is not None
    assert float(ctx.rate("JPY", [2022])[0]) == 131.5
    assert int(ctx.project_host(bd.hosts.get("KOR")).troops.loc[2030]) == 28_500
    with pytest.raises(ScenarioNameError, match=r"money\.per_usd\.WON"):
        loads(US + "[money]\nper_usd = { WON = 1400.0 }\n")


def test_agreement_host_and_compare_options() -> None:
    text = US.replace('currency = "USD"', 'currency = "USD"\nhost = "JPN"')
    scenario = loads(text)
    assert scenario.agreements["us_demand"].host.code == "JPN"  # type: ignore[union-attr]
    with pytest.raises(ScenarioNameError, match=r"did you mean \"KOR\""):
        loads(US.replace('currency = "USD"', 'currency = "USD"\nhost = "KOREA"'))
    base = '[agreements.a]\nbuiltin = "SMA-11"\n[[compare]]\nbaseline = "SMA-10-HELD"\nalternative = "a"\n'
    spec = loads(base + 'deflate_with = "host"\nprice_basis = 2019\n').comparisons[0]
    assert spec.deflate_with == "host"
    with pytest.raises(ScenarioFileError, match=r"discount_rate: .*did you mean 0\.03"):
        loads(base + "discount_rate = 3\n")


def test_missing_rate_hint_names_the_file_key(tmp_path: Path) -> None:
    scenario = loads(SMA12_USD.replace("per_usd = { KRW = 1400.0 }\n", ""))
    with pytest.raises(bd.BurdenError, match=r"\[money\]: krw_per_usd_projection") as info:
        scenario_file.run(scenario, tmp_path / "out", figures=False)
    assert "MoneyContext" not in str(info.value)
    assert "year:" not in str(info.value)


def test_paths_and_agreements_tables_flag_projected_years(tmp_path: Path) -> None:
    text = SMA12_USD + '[[paths]]\nagreements = ["sma12"]\ncurrency = "USD"\nname = "usd"\n'
    scenario_file.run(loads(text), tmp_path / "out", figures=False)
    paths = pd.read_csv(tmp_path / "out" / "paths_usd.csv").set_index("year")
    # Every USD year after 2025 uses the stated 1,400 KRW/USD (FRED data end 2025, S66).
    assert paths["projected"].all()
    agreements = pd.read_csv(tmp_path / "out" / "agreements.csv")
    sma12 = agreements.loc[agreements["agreement"] == "sma12"].set_index("year")["projected"]
    # In KRW only the index projection matters: CPI of 2026+ drives 2028-2030 (lag 2, S25).
    assert sma12.to_dict() == {2026: False, 2027: False, 2028: True, 2029: True, 2030: True}


def test_inflation_krw_feeds_cpi_indexed_rules_like_cpi_projection() -> None:
    rule = '[agreements.c]\nbase_year = 2026\nbase_amount = 1.5192e12\ncurrency = "KRW"\n'
    rule += 'end_year = 2030\nescalation = { rule = "indexed", index = "cpi", lag = 2 }\n'
    old = loads(rule + "[money]\ncpi_projection = 0.02\n").agreements["c"].amounts()
    new = loads(rule + "[money]\ninflation = { KRW = 0.02 }\n").agreements["c"].amounts()
    assert old.tolist() == new.tolist()


def test_colliding_default_names_point_to_the_table_and_the_fix() -> None:
    text = '[agreements.a]\nbuiltin = "SMA-11"\n'
    text += '[[compare]]\nbaseline = "SMA-10-HELD"\nalternative = "a"\n' * 2
    with pytest.raises(
        ScenarioFileError, match=r'^compare\[1\]\.name: .*add name = "\.\.\." to compare\[1\]'
    ):
        loads(text)


def test_every_missing_assumption_is_named_with_its_file_key(tmp_path: Path) -> None:
    # The agreement's own index projection is checked when agreements.csv is built;
    # the comparison then names both missing money assumptions at once.
    text = '[agreements.sma12]\nbuiltin = "SMA-12"\nprojection = 0.02\n\n[[compare]]\n'
    text += 'baseline = "US-ASK-2025"\nalternative = "sma12"\ncurrency = "USD"\n'
    text += "price_basis = 2019\n"
    with pytest.raises(ScenarioFileError) as info:
        scenario_file.run(loads(text), tmp_path / "out", figures=False)
    message = str(info.value)
    assert "2 assumptions missing" in message
    assert "krw_per_usd_projection" in message
    assert "inflation = { USD = 0.02 }" in message
    assert "MoneyContext" not in message
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("escalation", "key_path", "hint"),
    [
        (
            '\n[agreements.c.escalation]\nrule = "indexed"\nindex = "cpi"\ncap = 4\n',
            "agreements.c.escalation.cap",
            "did you mean 0.04?",
        ),
        (
            'escalation = { rule = "fixed", rate = 13.9 }\n',
            "agreements.c.escalation.rate",
            "did you mean 0.139?",
        ),
    ],
)
def test_rule_errors_name_the_key_path(escalation: str, key_path: str, hint: str) -> None:
    text = '[agreements.c]\nbase_year = 2020\nbase_amount = 1e12\ncurrency = "KRW"\n'
    text += "end_year = 2025\n" + escalation
    with pytest.raises(ScenarioFileError) as info:
        loads(text)
    message = str(info.value)
    assert message.startswith(f"{key_path}: expected")
    assert hint in message
    assert "Indexed." not in message
    assert "Fixed." not in message
    assert "series" not in message


@pytest.mark.parametrize(
    ("section", "keys"),
    [
        ("## `[money]`", scenario_file._MONEY),
        ("## `[agreements.<key>]`", scenario_file._AGREEMENT),
        ("## `[[compare]]`", scenario_file._COMPARE),
    ],
)
def test_docs_list_every_key_the_parser_accepts(section: str, keys: tuple[str, ...]) -> None:
    docs = (Path(__file__).parents[2] / "docs" / "scenario_files.md").read_text(encoding="utf-8")
    body = docs[docs.index(section) :]
    body = body[: body.index("\n## ", 1)]
    missing = [k for k in keys if f"`{k}`" not in body]
    assert not missing, f"{section} does not document {missing}"
    assert "supply in Python" not in docs


def test_example_shares_come_from_the_host_and_blank_rows_say_why(tmp_path: Path) -> None:
    scenario_file.run(scenario_file.load(EXAMPLE), tmp_path, figures=False)
    frame = pd.read_csv(
        tmp_path / "compare_cpi_capped_vs_us_demand_krw.csv", keep_default_na=False
    )
    shares = frame[frame["measure"].str.startswith("share_of_")]
    filled = shares[shares["value"] != ""]
    blank = shares[shares["value"] == ""]
    # 2020: KRW 1,038.9 bn (S1) of KOR's 2020 defence budget: a share, not blank.
    assert len(filled) > 0
    assert (filled["note"] == "").all()
    assert (blank["note"] != "").all()
    assert blank["note"].str.contains("KOR").all()


def test_a_missing_index_projection_is_named_with_the_money_keys(tmp_path: Path) -> None:
    text = '[agreements.sma12]\nbuiltin = "SMA-12"\n\n[[compare]]\nbaseline = "US-ASK-2025"\n'
    text += 'alternative = "sma12"\ncurrency = "USD"\nprice_basis = 2019\n'
    with pytest.raises(ScenarioFileError) as info:
        scenario_file.run(loads(text), tmp_path / "out", figures=False)
    message = str(info.value)
    assert message.startswith("agreements.sma12: 3 assumptions missing")
    assert "projection = RATE" in message
    assert "krw_per_usd_projection" in message
    assert "inflation = { USD = 0.02 }" in message
    assert "MoneyContext" not in message
    assert not (tmp_path / "out").exists()
