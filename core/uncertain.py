"""Uncertain inputs and the seeded, vectorised Monte Carlo machinery every model shares.

A model never loops over draws: it asks a ``Sampler`` for an array per uncertain input and does
array arithmetic. The same model code runs in three modes:

* ``CentralSampler``: every input at its central value (n = 1): the tornado's base and the
  central-input run (the headline a person reads is the median of the Monte Carlo draws).
* ``MonteCarloSampler``: n seeded draws. Each *key* has its own random stream derived from
  (seed, key), so two vehicles that ask for the same key (fuel price, discount rate, partner
  fleet...) get the same draws: comparisons between them are paired.
* ``TornadoSampler``: 2K rows; row 2i holds input i at its low value and row 2i+1 at its high
  value, every other input central. One vectorised call gives the whole tornado.
"""

from __future__ import annotations

import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]


@dataclass(frozen=True)
class Uncertain:
    """A low / central / high triple, drawn from a triangular distribution."""

    low: float
    central: float
    high: float

    def __post_init__(self) -> None:
        if not (self.low <= self.central <= self.high):
            raise ValueError(
                f"need low <= central <= high, got {self.low}, {self.central}, {self.high}"
            )

    @classmethod
    def fixed(cls, value: float) -> Uncertain:
        return cls(value, value, value)

    @property
    def is_fixed(self) -> bool:
        return self.low == self.high

    def clipped(self, lo: float | None, hi: float | None) -> Uncertain:
        """The range cut to [lo, hi] (None = unbounded), so no draw leaves what the input
        allows: a share above 1, a negative count."""
        a, c, b = self.low, self.central, self.high
        if lo is not None:
            a, c, b = max(a, lo), max(c, lo), max(b, lo)
        if hi is not None:
            a, c, b = min(a, hi), min(c, hi), min(b, hi)
        return self if (a, c, b) == (self.low, self.central, self.high) else Uncertain(a, c, b)

    def scaled_to(self, central: float) -> Uncertain:
        """Move the central value, keeping the relative spread (used for user overrides)."""
        if self.central == 0 or self.is_fixed:
            return Uncertain.fixed(central)
        lo = self.low / self.central * central
        hi = self.high / self.central * central
        return Uncertain(min(lo, hi, central), central, max(lo, hi, central))


def _key_seed(seed: int, key: str) -> list[int]:
    return [seed, zlib.crc32(key.encode("utf-8"))]


def triangular(rng: np.random.Generator, u: Uncertain, n: int) -> FloatArray:
    """Inverse-CDF triangular draws (one uniform per draw, so streams stay aligned)."""
    if u.is_fixed:
        return np.full(n, u.central)
    a, c, b = u.low, u.central, u.high
    q = rng.random(n)
    fc = (c - a) / (b - a)
    left = a + np.sqrt(q * (b - a) * (c - a))
    right = b - np.sqrt((1.0 - q) * (b - a) * (b - c))
    return np.where(q < fc, left, right)


@dataclass
class Sampler:
    """Base: hands out one array per uncertain input and remembers which inputs were used."""

    n: int
    used: dict[str, Uncertain] = field(default_factory=dict)

    def draw(self, key: str, u: Uncertain) -> FloatArray:
        prior = self.used.get(key)
        if prior is not None and prior != u:
            raise ValueError(f"uncertain input {key!r} asked for with two different ranges")
        self.used[key] = u
        return self._draw(key, u)

    def _draw(self, key: str, u: Uncertain) -> FloatArray:
        raise NotImplementedError


@dataclass
class CentralSampler(Sampler):
    n: int = 1

    def _draw(self, key: str, u: Uncertain) -> FloatArray:
        return np.full(self.n, u.central)


@dataclass
class MonteCarloSampler(Sampler):
    seed: int = 20261125
    _cache: dict[str, FloatArray] = field(default_factory=dict)

    def _draw(self, key: str, u: Uncertain) -> FloatArray:
        arr = self._cache.get(key)
        if arr is None:
            # SFC64 seeds in a third of the time PCG64 (default_rng) takes; streams stay
            # independent per (seed, key) through SeedSequence
            rng = np.random.Generator(
                np.random.SFC64(np.random.SeedSequence(_key_seed(self.seed, key)))
            )
            arr = triangular(rng, u, self.n)
            self._cache[key] = arr
        return arr


_CACHE_LOCK = threading.Lock()


class ReusingSampler(MonteCarloSampler):
    """A MonteCarloSampler that keeps its draws between evaluations (cost and safety alike).

    Each key's stream depends only on (seed, key), so the draws for an unchanged
    (seed, n, key, range) are identical from one evaluation to the next: when the user drags one
    slider, every other input's draws are reused instead of regenerated. The cache is bounded in
    bytes and its arrays are read-only.
    """

    _store: ClassVar[OrderedDict[tuple[int, int, str, Uncertain], FloatArray]] = OrderedDict()
    _bytes: ClassVar[int] = 0
    MAX_BYTES: ClassVar[int] = 48 * 1024 * 1024

    def _draw(self, key: str, u: Uncertain) -> FloatArray:
        ck = (self.seed, self.n, key, u)
        store = ReusingSampler._store
        # the GUI evaluates on a worker thread and, for packages and exports, on its own thread
        with _CACHE_LOCK:
            arr = store.get(ck)
            if arr is not None:
                store.move_to_end(ck)
                return arr
        arr = super()._draw(key, u)
        arr.flags.writeable = False
        with _CACHE_LOCK:
            if ck not in store:
                store[ck] = arr
                ReusingSampler._bytes += arr.nbytes
            while ReusingSampler._bytes > self.MAX_BYTES and len(store) > 1:
                _, old = store.popitem(last=False)
                ReusingSampler._bytes -= old.nbytes
        return arr


def clear_draw_cache() -> None:
    """Forget reused draws (benchmarks measure cold evaluations with this)."""
    with _CACHE_LOCK:
        ReusingSampler._store.clear()
        ReusingSampler._bytes = 0


@dataclass
class TornadoSampler(Sampler):
    """Row 2i: input keys[i] at low; row 2i+1: at high; everything else central."""

    keys: tuple[str, ...] = ()

    def __init__(self, keys: tuple[str, ...]) -> None:
        super().__init__(n=max(2 * len(keys), 1))
        self.keys = keys
        self._index = {k: i for i, k in enumerate(keys)}

    def _draw(self, key: str, u: Uncertain) -> FloatArray:
        arr = np.full(self.n, u.central)
        i = self._index.get(key)
        if i is not None:
            arr[2 * i] = u.low
            arr[2 * i + 1] = u.high
        return arr


def percentile_rows(rows: FloatArray, qs: tuple[float, ...] = (10.0, 50.0, 90.0)) -> FloatArray:
    """Percentiles of each row of a (k, n) array, as np.percentile's default 'linear' method.

    One plain sort: np.percentile's multi-kth partition runs several times slower on these
    products of triangular draws, and an evaluation takes dozens of them."""
    n = rows.shape[1]
    pos = np.asarray(qs, dtype=float) / 100.0 * (n - 1)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, n - 1)
    ordered = np.sort(rows, axis=1)
    a, b, frac = ordered[:, lo], ordered[:, hi], pos - lo
    out: FloatArray = np.where(frac >= 0.5, b - (b - a) * (1.0 - frac), a + (b - a) * frac)
    return out


@dataclass(frozen=True)
class Dist:
    """An uncertain output: the central-input run and percentiles of the Monte Carlo draws.

    `headline` is the figure a person reads: the median of the draws, so it always lies inside
    the P10-P90 range shown beside it. `central` (every input at its central value) serves the
    tornado; with lopsided input ranges it can fall outside P10-P90 and is never shown alone.
    """

    central: float
    p10: float
    p50: float
    p90: float

    @property
    def headline(self) -> float:
        """The one figure every view shows: the median of the Monte Carlo draws."""
        return self.p50

    @classmethod
    def of(cls, central: float, draws: FloatArray) -> Dist:
        p10, p50, p90 = percentile_rows(np.ravel(draws)[None, :])[0]
        return cls(float(central), float(p10), float(p50), float(p90))

    @classmethod
    def from_draws(cls, draws: FloatArray) -> Dist:
        """An output known only by its draws: P10 / P50 / P90 from one sort, and the median
        standing in as `central` (the same figure as `Dist.of(np.median(x), x)`, to float
        precision, without the second pass over the draws)."""
        p10, p50, p90 = percentile_rows(np.ravel(draws)[None, :])[0]
        return cls(float(p50), float(p10), float(p50), float(p90))

    def scaled(self, k: float) -> Dist:
        return Dist(self.central * k, self.p10 * k, self.p50 * k, self.p90 * k)

    def as_dict(self) -> dict[str, float]:
        return {
            "central": self.central,
            "p10": self.p10,
            "p50": self.p50,
            "p90": self.p90,
            "headline": self.headline,
        }


@dataclass(frozen=True)
class TornadoBar:
    """How far one input, swung from its low to its high value, moves an output."""

    key: str
    label: str
    low_input: float
    high_input: float
    output_at_low: float
    output_at_high: float

    @property
    def swing(self) -> float:
        return abs(self.output_at_high - self.output_at_low)


def tornado_bars(
    keys: tuple[str, ...],
    used: dict[str, Uncertain],
    outputs: FloatArray,
    base: float,
    labels: dict[str, str] | None = None,
    top: int = 10,
) -> tuple[TornadoBar, ...]:
    """Turn the 2K outputs of a TornadoSampler run into bars, biggest swing first."""
    labels = labels or {}
    bars = []
    for i, key in enumerate(keys):
        u = used[key]
        if u.is_fixed:
            continue
        lo, hi = float(outputs[2 * i]), float(outputs[2 * i + 1])
        if lo == base and hi == base:
            continue
        bars.append(TornadoBar(key, labels.get(key, key), u.low, u.high, lo, hi))
    bars.sort(key=lambda b: b.swing, reverse=True)
    return tuple(bars[:top])
