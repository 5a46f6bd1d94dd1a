"""The 11th SMA talks (2019-2021): what simple bargaining models predict, beside the outcome.

Facts come from ../shared/reference/domain-facts.md; each carries its source id.
Everything else is an ASSUMPTION, labelled A1-A3 below, and drawn at random so
that the printed ranges show how much the prediction depends on it.

Run: python examples/negotiation_2019_2021.py
"""

from __future__ import annotations

import numpy as np

from burden import bargain

# --- Facts (whole KRW; source ids from domain-facts.md) ----------------------------
SMA_2019 = 1.0389e12  # KRW, 10th SMA amount for 2019 [S1]
KRW_PER_USD_2019 = 1_165.8016  # annual average, FRED AEXKOUS [S66]
KRW_PER_USD_2020 = 1_180.5554  # annual average, FRED AEXKOUS [S66]
US_DEMAND = 5e9 * KRW_PER_USD_2019  # USD 5 bn a year, demanded Nov 2019 [S31]
ROK_OFFER = SMA_2019 * 1.13  # +13% over 2019, offered Mar-Apr 2020 [S37]
US_COUNTER = 1.3e9 * KRW_PER_USD_2020  # USD 1.3 bn a year, counter-ask mid-2020 [S39]
FURLOUGHED = 4_000  # Korean USFK employees furloughed from 1 Apr 2020 [S39]
ACTUAL_2021 = 1.1833e12  # KRW, 2021 under the 11th SMA, +13.9% over 2019 [S10]

N_DRAWS = 20_000
rng = np.random.default_rng(20210307)  # seeded: the day the final deal was agreed [S10]


def tn(krw: float) -> str:
    """Format whole KRW as trillions with the increase over 2019."""
    return f"KRW {krw / 1e12:.4f} tn ({krw / SMA_2019 - 1:+.1%})"


def band(values: np.ndarray) -> str:
    """5th-95th percentile range of settlement draws."""
    p5, p95 = np.percentile(values, [5, 95])
    return f"{tn(p5)} to {tn(p95)}"


# --- Assumptions (not data) ---------------------------------------------------------
# A1: the least the US would accept for 2021 lies anywhere between keeping the 2019
#     amount and its own mid-2020 counter-ask (uniform).
sender_min = rng.uniform(SMA_2019, US_COUNTER, N_DRAWS)
# A2: the most Korea would pay lies between its public offer (which it would accept)
#     and the US counter-ask (which it rejected) (uniform).
host_max = rng.uniform(ROK_OFFER, US_COUNTER, N_DRAWS)
# A3: each month of stalemate costs each side a fixed amount, KRW per month. The
#     ranges are illustrative guesses: Korea's is set wider because the furlough of
#     about 4,000 Korean employees (FURLOUGHED) [S39] fell on Korean workers; no money figure
#     for either side is in the sources.
us_monthly = rng.uniform(5e9, 20e9, N_DRAWS)
rok_monthly = rng.uniform(5e9, 40e9, N_DRAWS)

print("11th SMA talks, 2019-2021: predicted 2021 contribution vs the outcome")
print("  Assumptions (not data): A1 the US minimum lies between the 2019 amount and its")
print("  mid-2020 counter-ask; A2 Korea's maximum between its offer and that counter-ask;")
print("  A3 each month of stalemate costs the US KRW 5-20 bn and Korea KRW 5-40 bn.")
print(f"  US demand {tn(US_DEMAND)}; Korea's offer {tn(ROK_OFFER)}; US counter {tn(US_COUNTER)}")

# --- 1. Is there a zone of possible agreement? ----------------------------------
zone = bargain.zopa(host_max, sender_min)
print(f"  Zone of agreement exists in {float(zone.probability):.0%} of {N_DRAWS:,} draws (A1, A2)")

# --- 2. Nash: split the surplus equally (linear frontier over the zone) ----------
deal = zone.width > 0.0  # draws with a zone of positive width
agreed = bargain.zopa(host_max[deal], sender_min[deal])
us_gain, _ = bargain.nash(bargain.linear_frontier(agreed.width))  # disagreement (0, 0)
nash_settlement = agreed.low + us_gain
print("  Predicted 2021 amount, 5-95% over the draws with a zone:")
print(f"    Nash (equal split of the zone):       {band(nash_settlement)}")

# --- 3. Rubinstein: monthly offers, the US opens (it made the first demand [S31]) ----
us_delay = bargain.cost_of_delay(us_monthly[deal], agreed.width, round_months=1.0)
rok_delay = bargain.cost_of_delay(rok_monthly[deal], agreed.width, round_months=1.0)
us_share = bargain.rubinstein(us_delay.discount, rok_delay.discount, first=1)
rubinstein_settlement = agreed.settlement(us_share)
print(f"    Rubinstein (monthly offers, A3 costs): {band(rubinstein_settlement)}")

# --- 4. Beside the outcome ---------------------------------------------------------
below = [float(np.mean(d <= ACTUAL_2021)) for d in (nash_settlement, rubinstein_settlement)]
print(f"  Actual 2021: {tn(ACTUAL_2021)} [S10]; at or above it: Nash {1 - below[0]:.0%},")
print(f"    Rubinstein {1 - below[1]:.0%} of draws. The deal landed near Korea's offer.")
