"""Area units used by the notices: 1 亩 = 10000/15 m²."""

M2_PER_MU = 10000.0 / 15.0


def m2_to_mu(square_metres: float) -> float:
    return square_metres / M2_PER_MU


def mu_to_m2(mu: float) -> float:
    return mu * M2_PER_MU


def round_mu(mu: float) -> float:
    """Areas are reported in 亩 with two decimals."""
    return round(mu + 0.0, 2)
